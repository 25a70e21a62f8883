/**
 * Which days of a pin's analytics to keep and which to fetch again. Pure.
 *
 * Pinterest marks each day with a `data_status`. Only `READY` days are final: they are stored and
 * never
 * asked for again. `PROCESSING` and `ESTIMATE` days (the last day or two) will change, so the next
 * sync
 * starts from the first of them. `BEFORE_PIN_CREATED` and the other `BEFORE_…`/threshold statuses
 * will
 * never carry numbers: settled, nothing to store. A day missing from the answer is fetched again.
 */
import { addDays, eachDay, minDay } from './days';

/** Metrics asked for every pin, and the extra ones for video pins. */
export const PIN_METRIC_TYPES = [
  'IMPRESSION',
  'SAVE',
  'PIN_CLICK',
  'OUTBOUND_CLICK',
  'SAVE_RATE',
] as const;
export const VIDEO_METRIC_TYPES = [
  'VIDEO_MRC_VIEW',
  'VIDEO_START',
  'VIDEO_AVG_WATCH_TIME',
] as const;

export const metricTypesFor = (video: boolean): string[] =>
  video ? [...PIN_METRIC_TYPES, ...VIDEO_METRIC_TYPES] : [...PIN_METRIC_TYPES];

/** Statuses whose numbers will still change. */
const UNSETTLED = new Set(['PROCESSING', 'ESTIMATE']);

export interface DayMetrics {
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  /** Video metrics: null on image pins. */
  videoViews: number | null;
  videoStarts: number | null;
  /** Milliseconds. */
  videoAvgWatchTime: number | null;
}

export interface StoredDay extends DayMetrics {
  date: string;
}

export interface ApiDay {
  date?: string;
  data_status?: string | null;
  metrics?: Record<string, number | null | undefined> | null;
}

export interface DayReading {
  /** The READY days of the range, to store. */
  ready: StoredDay[];
  /**
   * The first day the next sync must ask for (the first unsettled day, or the day after the range).
   */
  nextFrom: string;
  /** Days of the range that were PROCESSING, ESTIMATE or missing. */
  unsettled: string[];
}

const count = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : 0;

export function dayMetrics(
  metrics: Record<string, number | null | undefined> | null | undefined,
  video: boolean
): DayMetrics {
  const m = metrics ?? {};
  return {
    impressions: count(m.IMPRESSION),
    saves: count(m.SAVE),
    pinClicks: count(m.PIN_CLICK),
    outboundClicks: count(m.OUTBOUND_CLICK),
    videoViews: video ? count(m.VIDEO_MRC_VIEW) : null,
    videoStarts: video ? count(m.VIDEO_START) : null,
    videoAvgWatchTime: video
      ? typeof m.VIDEO_AVG_WATCH_TIME === 'number' && Number.isFinite(m.VIDEO_AVG_WATCH_TIME)
        ? m.VIDEO_AVG_WATCH_TIME
        : 0
      : null,
  };
}

/**
 * Reads one pin's `daily_metrics` for the range asked (`start`..`end`, capped at `today`: Pinterest
 * has
 * no rows for the future).
 */
export function readDays(
  daily: ApiDay[],
  range: { start: string; end: string },
  today: string,
  video: boolean
): DayReading {
  const last = minDay(range.end, today);
  const byDate = new Map<string, ApiDay>();
  for (const d of daily) if (d.date) byDate.set(d.date, d);
  const ready: StoredDay[] = [];
  const unsettled: string[] = [];
  if (range.start > last) return { ready, unsettled, nextFrom: range.start };
  for (const date of eachDay(range.start, last)) {
    const day = byDate.get(date);
    const status = day?.data_status;
    if (status === 'READY') ready.push({ date, ...dayMetrics(day?.metrics, video) });
    else if (!day || !status || UNSETTLED.has(status)) unsettled.push(date);
    // any other status (BEFORE_PIN_CREATED, BEFORE_…_START_DATE, thresholds) never gets numbers
  }
  return { ready, unsettled, nextFrom: unsettled[0] ?? addDays(last, 1) };
}

/**
 * The one answer in a pin's analytics response: key `all` (no split), else the only key there is.
 */
export function pinSeries(
  response: Record<string, { daily_metrics?: ApiDay[] | null } | undefined>
): ApiDay[] {
  const all =
    response.all ?? (Object.keys(response).length === 1 ? Object.values(response)[0] : undefined);
  return all?.daily_metrics ?? [];
}
