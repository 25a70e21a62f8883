/**
 * Pin analytics: what the server stores on entries and answers to the admin panel, as zod schemas
 * and the types derived from them. Shared by server and admin (kept apart from wire.ts so the
 * analytics part can change without touching the pins'); the admin parses each answer with its
 * schema (admin/src/api/). Objects accept fields the server adds and refuse missing ones.
 */
import { z } from 'zod';

/**
 * One account's part of the last analytics run (several accounts: each syncs with its own token).
 */
export const accountSyncSchema = z.object({
  accountId: z.number().nullable(),
  username: z.string().nullable(),
  state: z.enum([
    'ok',
    'partial',
    'disconnected',
    'not_connected',
    'not_business',
    'rate_limited',
    'error',
  ]),
  message: z.string().nullable(),
  detail: z.string().nullable(),
  /** Pins synced this run. */
  pins: z.number(),
  /** Due pins left (not asked for, or not answered). */
  remaining: z.number(),
});
export type AccountSyncStatus = z.infer<typeof accountSyncSchema>;

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
 * every day the plugin has stored as final (`READY`), so they keep growing past Pinterest's 90-day
 * window.
 */
export const pinterestStatsSchema = z.object({
  impressions: z.number(),
  saves: z.number(),
  pinClicks: z.number(),
  outboundClicks: z.number(),
  /** saves / impressions, 4 decimals (0 without impressions). */
  saveRate: z.number(),
  /** Video views (Pinterest's VIDEO_MRC_VIEW); null when the entry has no video pin. */
  videoViews: z.number().nullable(),
  /** Video starts (VIDEO_START); null without a video pin. */
  videoStarts: z.number().nullable(),
  /**
   * Average watch time in milliseconds (VIDEO_AVG_WATCH_TIME, weighted by video starts); null
   * without a video pin.
   */
  videoAvgWatchTime: z.number().nullable(),
  /** Pins counted. */
  pins: z.number(),
  /** First and last day (UTC, YYYY-MM-DD) counted; null before any final day is known. */
  from: z.string().nullable(),
  through: z.string().nullable(),
  /** When the plugin last synced one of the entry's pins (ISO 8601). */
  lastSyncedAt: z.string().nullable(),
});
export type PinterestStats = z.infer<typeof pinterestStatsSchema>;

export const analyticsStateSchema = z.enum([
  'never',
  'ok',
  'partial',
  'disabled',
  'not_connected',
  'not_business',
  'rate_limited',
  'error',
]);
export type AnalyticsState = z.infer<typeof analyticsStateSchema>;

/** The sync's health, as the dashboard and the side panel show it (`GET /analytics/status`). */
export const analyticsStatusSchema = z.object({
  state: analyticsStateSchema,
  /** What happened, in plain words (one message, however many pins). */
  message: z.string().nullable(),
  /** What to do about it. */
  advice: z.string().nullable(),
  /** What Pinterest or the database said, when there is more to say than the state. */
  detail: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastRun: z
    .object({
      calls: z.number(),
      pins: z.number(),
      days: z.number(),
      entries: z.number(),
      remaining: z.number(),
    })
    .nullable(),
  /** Whether the app may use the multi-pin analytics endpoint (a Pinterest beta). */
  multiPin: z.enum(['available', 'unavailable', 'unknown']),
  /**
   * Several accounts: how each account's pins fared in the last run that asked Pinterest (each
   * is synced with its own token; one that cannot be asked does not stop the others).
   */
  accounts: z.array(accountSyncSchema).default([]),
  trackedPins: z.number(),
  rule: z.string(),
});
export type AnalyticsStatusDTO = z.infer<typeof analyticsStatusSchema>;

/** `POST /pinterest/analytics/sync`: the run's result (or null while it goes on) and the status. */
export const syncAnswerSchema = z.object({ status: analyticsStatusSchema });

export const dailyPointSchema = z.object({
  date: z.string(),
  impressions: z.number(),
  saves: z.number(),
  pinClicks: z.number(),
  outboundClicks: z.number(),
  videoViews: z.number().nullable(),
});
export type DailyPoint = z.infer<typeof dailyPointSchema>;

export const periodTotalsSchema = z.object({
  impressions: z.number(),
  saves: z.number(),
  pinClicks: z.number(),
  outboundClicks: z.number(),
  saveRate: z.number(),
  videoViews: z.number().nullable(),
  pins: z.number(),
});
export type PeriodTotals = z.infer<typeof periodTotalsSchema>;

/** `GET /pinterest/analytics/overview`: totals and a daily series for a period and filters. */
export const analyticsOverviewSchema = z.object({
  /** `finalThrough`: the last day any pin has final figures for; the series stops there. */
  period: z.object({ from: z.string(), to: z.string(), finalThrough: z.string().nullable() }),
  totals: periodTotalsSchema,
  /**
   * Several accounts: the period's totals per account (null: pins stored before several
   * accounts, not migrated yet), largest first.
   */
  accountTotals: z
    .array(
      z.object({
        accountId: z.number().nullable(),
        username: z.string().nullable(),
        displayName: z.string().nullable(),
        totals: periodTotalsSchema,
      })
    )
    .default([]),
  series: z.array(dailyPointSchema),
  filters: z.object({
    contentTypes: z.array(z.object({ uid: z.string(), name: z.string() })),
    boards: z.array(z.object({ id: z.string(), name: z.string() })),
    /** The accounts the stats can be filtered on (`?accountId=`). */
    accounts: z
      .array(z.object({ id: z.number(), username: z.string().nullable(), name: z.string() }))
      .default([]),
  }),
  status: analyticsStatusSchema,
});
export type AnalyticsOverviewDTO = z.infer<typeof analyticsOverviewSchema>;

export const TOP_PIN_SORTS = ENTRY_METRICS;
export type TopPinSort = (typeof TOP_PIN_SORTS)[number];

export const topPinSchema = z.object({
  pinId: z.string(),
  pinUrl: z.string(),
  contentType: z.string(),
  contentTypeName: z.string(),
  documentId: z.string(),
  locale: z.string(),
  title: z.string().nullable(),
  /** The account the pin was made with (null: before several accounts, not migrated yet). */
  accountId: z.number().nullable().default(null),
  boardId: z.string(),
  boardName: z.string().nullable(),
  impressions: z.number(),
  saves: z.number(),
  pinClicks: z.number(),
  outboundClicks: z.number(),
  saveRate: z.number(),
  videoViews: z.number().nullable(),
});
export type TopPinDTO = z.infer<typeof topPinSchema>;

/** `GET /pinterest/analytics/pins`: the period's pins, sorted, one page. */
export const topPinsSchema = z.object({ pins: z.array(topPinSchema), total: z.number() });
export type TopPinsDTO = z.infer<typeof topPinsSchema>;

/** `GET /pinterest/analytics/entries/:contentType/:documentId`: the side panel. */
export const entryAnalyticsSchema = z.object({
  /** Whether the entry's content type pins at all (the panel shows nothing otherwise). */
  mapped: z.boolean(),
  stats: pinterestStatsSchema.nullable(),
  /**
   * The last 90 days up to the entry's last final day, one point per day (zeros where nothing was
   * stored).
   */
  series: z.array(dailyPointSchema),
  status: analyticsStatusSchema,
});
export type EntryAnalyticsDTO = z.infer<typeof entryAnalyticsSchema>;
