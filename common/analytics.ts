/**
 * Pin analytics: what the server stores on entries and answers to the admin panel. Shared by server
 * and admin (kept apart from wire.ts so the analytics part can change without touching the pins').
 */

/** Name and uid of the custom field holding an entry's Pinterest totals (JSON, read-only). */
export const STATS_FIELD_NAME = 'stats';
export const STATS_FIELD_UID = 'plugin::pinterest.stats';
/**
 * Name and uid of the custom field holding one total as a number, so a site can sort and filter by
 * it.
 */
export const METRIC_FIELD_NAME = 'metric';
export const METRIC_FIELD_UID = 'plugin::pinterest.metric';

/** The totals a `plugin::pinterest.metric` field can hold (its `options.metric`). */
export const ENTRY_METRICS = [
  'impressions',
  'saves',
  'pinClicks',
  'outboundClicks',
  'saveRate',
  'videoViews',
] as const;
export type EntryMetric = (typeof ENTRY_METRICS)[number];

/**
 * An entry's Pinterest totals, summed over its pins (every board of the entry × locale) and over
 * every
 * day the plugin has stored as final (`READY`), so they keep growing past Pinterest's 90-day
 * window.
 */
export interface PinterestStats {
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  /** saves / impressions, 4 decimals (0 without impressions). */
  saveRate: number;
  /** Video views (Pinterest's VIDEO_MRC_VIEW); null when the entry has no video pin. */
  videoViews: number | null;
  /** Video starts (VIDEO_START); null without a video pin. */
  videoStarts: number | null;
  /**
   * Average watch time in milliseconds (VIDEO_AVG_WATCH_TIME, weighted by video starts); null
   * without a video pin.
   */
  videoAvgWatchTime: number | null;
  /** Pins counted. */
  pins: number;
  /** First and last day (UTC, YYYY-MM-DD) counted; null before any final day is known. */
  from: string | null;
  through: string | null;
  /** When the plugin last synced one of the entry's pins (ISO 8601). */
  lastSyncedAt: string | null;
}

export type AnalyticsState =
  | 'never'
  | 'ok'
  | 'partial'
  | 'disabled'
  | 'not_connected'
  | 'not_business'
  | 'rate_limited'
  | 'error';

/** The sync's health, as the dashboard and the side panel show it. */
export interface AnalyticsStatusDTO {
  state: AnalyticsState;
  /** What happened, in plain words (one message, however many pins). */
  message: string | null;
  /** What to do about it. */
  advice: string | null;
  /** What Pinterest or the database said, when there is more to say than the state. */
  detail: string | null;
  lastRunAt: string | null;
  lastRun: { calls: number; pins: number; days: number; entries: number; remaining: number } | null;
  /** Whether the app may use the multi-pin analytics endpoint (a Pinterest beta). */
  multiPin: 'available' | 'unavailable' | 'unknown';
  trackedPins: number;
  rule: string;
}

export interface DailyPoint {
  date: string;
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  videoViews: number | null;
}

export interface PeriodTotals {
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  saveRate: number;
  videoViews: number | null;
  pins: number;
}

/** `GET /pinterest/analytics/overview`: totals and a daily series for a period and filters. */
export interface AnalyticsOverviewDTO {
  /** `finalThrough`: the last day any pin has final figures for; the series stops there. */
  period: { from: string; to: string; finalThrough: string | null };
  totals: PeriodTotals;
  series: DailyPoint[];
  filters: {
    contentTypes: Array<{ uid: string; name: string }>;
    boards: Array<{ id: string; name: string }>;
  };
  status: AnalyticsStatusDTO;
}

export const TOP_PIN_SORTS = ENTRY_METRICS;
export type TopPinSort = (typeof TOP_PIN_SORTS)[number];

export interface TopPinDTO {
  pinId: string;
  pinUrl: string;
  contentType: string;
  contentTypeName: string;
  documentId: string;
  locale: string;
  title: string | null;
  boardId: string;
  boardName: string | null;
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  saveRate: number;
  videoViews: number | null;
}

/** `GET /pinterest/analytics/pins`: the period's pins, sorted, one page. */
export interface TopPinsDTO {
  pins: TopPinDTO[];
  total: number;
}

/** `GET /pinterest/analytics/entries/:contentType/:documentId`: the side panel. */
export interface EntryAnalyticsDTO {
  /** Whether the entry's content type pins at all (the panel shows nothing otherwise). */
  mapped: boolean;
  stats: PinterestStats | null;
  /**
   * The last 90 days up to the entry's last final day, one point per day (zeros where nothing was
   * stored).
   */
  series: DailyPoint[];
  status: AnalyticsStatusDTO;
}
