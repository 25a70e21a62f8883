/**
 * Deterministic analytics. Daily metrics are a pure function of (pin id, date), so tests can
 * compute
 * the totals they expect; days before the pin was created are BEFORE_PIN_CREATED (no metrics); the
 * last `processingDays` days up to the emulator's today are PROCESSING, the `estimateDays` before
 * them
 * ESTIMATE (pin analytics only); older days are READY.
 */
import { createHash } from 'node:crypto';
import { invalid } from './api-error';
import type { PinRec } from './state';

const DAY = 86_400_000;

export const PERIOD_METRICS = [
  'IMPRESSION',
  'OUTBOUND_CLICK',
  'PIN_CLICK',
  'SAVE',
  'SAVE_RATE',
  'USER_FOLLOW',
  'PROFILE_VISIT',
] as const;
export const VIDEO_ONLY_METRICS = [
  'VIDEO_MRC_VIEW',
  'VIDEO_10S_VIEW',
  'QUARTILE_95_PERCENT_VIEW',
  'VIDEO_V50_WATCH_TIME',
  'VIDEO_START',
  'VIDEO_AVG_WATCH_TIME',
] as const;
export const LIFETIME_METRICS = ['TOTAL_COMMENTS', 'TOTAL_REACTIONS'] as const;
/** Ratios and averages: recomputed for a period, never summed. */
const NOT_SUMMED = new Set([
  'SAVE_RATE',
  'VIDEO_AVG_WATCH_TIME',
  'ENGAGEMENT_RATE',
  'OUTBOUND_CLICK_RATE',
  'PIN_CLICK_RATE',
]);

export const ymd = (t: number | Date) => new Date(t).toISOString().slice(0, 10);
const dayStart = (d: string) => Date.parse(`${d}T00:00:00Z`);
const rate = (num: number, den: number) => (den ? Math.round((num / den) * 10_000) / 10_000 : 0);

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest();

/**
 * A pin's metrics on one day (UTC `YYYY-MM-DD`). Pure: the same pin id and date always give the
 * same
 * numbers. SAVE_RATE = SAVE / IMPRESSION (4 decimals). `video` adds the video metrics.
 */
export function metricsFor(pinId: string, date: string, video = false): Record<string, number> {
  const h = hash(pinId, date);
  const impressions = 50 + (h.readUInt16BE(0) % 950);
  const saves = h[2] % 40;
  const m: Record<string, number> = {
    IMPRESSION: impressions,
    OUTBOUND_CLICK: h[4] % 30,
    PIN_CLICK: h[3] % 60,
    SAVE: saves,
    SAVE_RATE: rate(saves, impressions),
    USER_FOLLOW: h[5] % 3,
    PROFILE_VISIT: h[6] % 10,
  };
  if (video) {
    m.VIDEO_START = 20 + (h[7] % 200);
    m.VIDEO_MRC_VIEW = 10 + (h[8] % 150);
    m.VIDEO_10S_VIEW = h[9] % 80;
    m.QUARTILE_95_PERCENT_VIEW = h[10] % 40;
    m.VIDEO_V50_WATCH_TIME = h[11] % 500;
    m.VIDEO_AVG_WATCH_TIME = 1000 + (h.readUInt16BE(12) % 9000);
  }
  return m;
}

/** TOTAL_COMMENTS and TOTAL_REACTIONS: a pure function of the pin id. */
export function lifetimeMetricsFor(pinId: string): {
  TOTAL_COMMENTS: number;
  TOTAL_REACTIONS: number;
} {
  const h = hash(pinId, 'lifetime');
  return { TOTAL_COMMENTS: h[0] % 25, TOTAL_REACTIONS: h[1] % 60 };
}

export type DataStatus = 'READY' | 'PROCESSING' | 'ESTIMATE' | 'BEFORE_PIN_CREATED';

/** The `data_status` of a day for a pin created on `createdDay` (null: not about one pin). */
export function dataStatusFor(
  date: string,
  createdDay: string | null,
  today: string,
  processingDays: number,
  estimateDays = 0
): DataStatus {
  if (createdDay && date < createdDay) return 'BEFORE_PIN_CREATED';
  const age = Math.round((dayStart(today) - dayStart(date)) / DAY);
  if (age < processingDays) return 'PROCESSING';
  return age < processingDays + estimateDays ? 'ESTIMATE' : 'READY';
}

export interface DateRange {
  start: string;
  end: string;
}

/**
 * Pinterest's rules: start at most 90 days back from today; end not before start, at most 90 days
 * after it.
 */
export function checkAnalyticsDates(query: Record<string, unknown>, now: Date): DateRange {
  const start = String(query.start_date);
  const end = String(query.end_date);
  const today = dayStart(ymd(now));
  if (dayStart(start) < today - 90 * DAY)
    throw invalid('start_date cannot be more than 90 days back from today');
  if (dayStart(end) < dayStart(start)) throw invalid('end_date cannot be before start_date');
  if (dayStart(end) - dayStart(start) > 90 * DAY)
    throw invalid('end_date cannot be more than 90 days past start_date');
  return { start, end };
}

/** The days of a range up to today (Pinterest has no rows for the future). */
function daysOf(range: DateRange, now: Date): string[] {
  const days: string[] = [];
  const last = Math.min(dayStart(range.end), dayStart(ymd(now)));
  for (let t = dayStart(range.start); t <= last; t += DAY) days.push(ymd(t));
  return days;
}

interface Daily {
  date: string;
  data_status: DataStatus;
  metrics?: Record<string, number>;
}

const APP_TYPE_SHARES: Array<[string, number]> = [
  ['MOBILE', 0.6],
  ['TABLET', 0.1],
  ['WEB', 0.3],
];

/** Splits counts by app type (MOBILE 60 %, TABLET 10 %, rest WEB), recomputing the ratios. */
function splitByAppType(metrics: Record<string, number>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const given: Record<string, number> = {};
  for (const [app, share] of APP_TYPE_SHARES) {
    const part: Record<string, number> = {};
    for (const [k, v] of Object.entries(metrics)) {
      if (NOT_SUMMED.has(k)) continue;
      part[k] = app === 'WEB' ? v - (given[k] ?? 0) : Math.floor(v * share);
      given[k] = (given[k] ?? 0) + part[k];
    }
    if ('SAVE_RATE' in metrics) part.SAVE_RATE = rate(part.SAVE ?? 0, part.IMPRESSION ?? 0);
    if ('VIDEO_AVG_WATCH_TIME' in metrics) part.VIDEO_AVG_WATCH_TIME = metrics.VIDEO_AVG_WATCH_TIME;
    out[app] = part;
  }
  return out;
}

/**
 * GET /pins/{id}/analytics: `{all: {daily_metrics, summary_metrics, lifetime_metrics}}` (or per app
 * type).
 */
export function pinAnalytics(
  pin: PinRec,
  range: DateRange,
  query: Record<string, unknown>,
  now: Date,
  processingDays: number,
  estimateDays = 0
) {
  const video = pin.creative_type === 'VIDEO';
  const requested = (query.metric_types as string[]) ?? [...PERIOD_METRICS];
  const period = requested.filter(
    (m) =>
      !(LIFETIME_METRICS as readonly string[]).includes(m) &&
      (video || !(VIDEO_ONLY_METRICS as readonly string[]).includes(m))
  );
  const today = ymd(now);
  const created = ymd(Date.parse(pin.created_at));
  const daily: Daily[] = [];
  const sums: Record<string, number> = {};
  let counted = 0;
  for (const date of daysOf(range, now)) {
    const data_status = dataStatusFor(date, created, today, processingDays, estimateDays);
    if (data_status === 'BEFORE_PIN_CREATED') {
      daily.push({ date, data_status });
      continue;
    }
    const all = metricsFor(pin.id, date, video);
    const metrics: Record<string, number> = {};
    for (const m of period) if (m in all) metrics[m] = all[m];
    daily.push({ date, data_status, metrics });
    counted += 1;
    for (const m of new Set(['IMPRESSION', 'SAVE', ...period]))
      if (m in all && !NOT_SUMMED.has(m)) sums[m] = (sums[m] ?? 0) + all[m];
    if (period.includes('VIDEO_AVG_WATCH_TIME'))
      sums.VIDEO_AVG_WATCH_TIME = (sums.VIDEO_AVG_WATCH_TIME ?? 0) + all.VIDEO_AVG_WATCH_TIME;
  }
  const summary: Record<string, number> = {};
  for (const m of period) {
    if (m === 'SAVE_RATE') summary.SAVE_RATE = rate(sums.SAVE ?? 0, sums.IMPRESSION ?? 0);
    else if (m === 'VIDEO_AVG_WATCH_TIME')
      summary[m] = counted ? Math.round((sums[m] ?? 0) / counted) : 0;
    else if (m in sums || counted === 0) summary[m] = sums[m] ?? 0;
  }
  const life = lifetimeMetricsFor(pin.id);
  const lifetime: Record<string, number> = {};
  for (const m of LIFETIME_METRICS) if (requested.includes(m)) lifetime[m] = life[m];

  if (query.split_field !== 'APP_TYPE')
    return { all: { daily_metrics: daily, summary_metrics: summary, lifetime_metrics: lifetime } };
  const out: Record<string, unknown> = {};
  const splitSummary = splitByAppType(summary);
  const splitDaily = daily.map((d) => (d.metrics ? splitByAppType(d.metrics) : null));
  for (const [app] of APP_TYPE_SHARES) {
    out[app] = {
      daily_metrics: daily.map((d, i) => (d.metrics ? { ...d, metrics: splitDaily[i]![app] } : d)),
      summary_metrics: splitSummary[app],
      lifetime_metrics: lifetime,
    };
  }
  return out;
}

const USER_METRICS = [
  'ENGAGEMENT',
  'ENGAGEMENT_RATE',
  'IMPRESSION',
  'OUTBOUND_CLICK',
  'OUTBOUND_CLICK_RATE',
  'PIN_CLICK',
  'PIN_CLICK_RATE',
  'SAVE',
  'SAVE_RATE',
];

/** Account-level metrics from per-pin counts: engagement = saves + pin clicks + outbound clicks. */
function accountMetrics(
  c: { IMPRESSION: number; SAVE: number; PIN_CLICK: number; OUTBOUND_CLICK: number },
  requested: string[]
) {
  const engagement = c.SAVE + c.PIN_CLICK + c.OUTBOUND_CLICK;
  const all: Record<string, number> = {
    ENGAGEMENT: engagement,
    ENGAGEMENT_RATE: rate(engagement, c.IMPRESSION),
    IMPRESSION: c.IMPRESSION,
    OUTBOUND_CLICK: c.OUTBOUND_CLICK,
    OUTBOUND_CLICK_RATE: rate(c.OUTBOUND_CLICK, c.IMPRESSION),
    PIN_CLICK: c.PIN_CLICK,
    PIN_CLICK_RATE: rate(c.PIN_CLICK, c.IMPRESSION),
    SAVE: c.SAVE,
    SAVE_RATE: rate(c.SAVE, c.IMPRESSION),
  };
  return Object.fromEntries(requested.map((m) => [m, all[m]]));
}

const zero = () => ({ IMPRESSION: 0, SAVE: 0, PIN_CLICK: 0, OUTBOUND_CLICK: 0 });

function countsOn(pins: PinRec[], date: string) {
  const c = zero();
  for (const p of pins) {
    if (date < ymd(Date.parse(p.created_at))) continue;
    const m = metricsFor(p.id, date);
    c.IMPRESSION += m.IMPRESSION;
    c.SAVE += m.SAVE;
    c.PIN_CLICK += m.PIN_CLICK;
    c.OUTBOUND_CLICK += m.OUTBOUND_CLICK;
  }
  return c;
}

/**
 * GET /user_account/analytics: the sum over the user's pins, `{all: {daily_metrics,
 * summary_metrics}}`.
 */
export function userAnalytics(
  pins: PinRec[],
  range: DateRange,
  query: Record<string, unknown>,
  now: Date,
  processingDays: number
) {
  const requested = (query.metric_types as string[]) ?? USER_METRICS;
  const today = ymd(now);
  const total = zero();
  const daily = daysOf(range, now).map((date) => {
    const c = countsOn(pins, date);
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += c[k];
    return {
      date,
      data_status: dataStatusFor(date, null, today, processingDays),
      metrics: accountMetrics(c, requested),
    };
  });
  return { all: { daily_metrics: daily, summary_metrics: accountMetrics(total, requested) } };
}

/** GET /user_account/analytics/top_pins: the user's pins ranked by `sort_by` over the range. */
export function topPins(
  pins: PinRec[],
  range: DateRange,
  query: Record<string, unknown>,
  now: Date,
  processingDays: number
) {
  const sortBy = String(query.sort_by);
  const n = typeof query.num_of_pins === 'number' ? query.num_of_pins : 10;
  const requested = [
    'ENGAGEMENT',
    'IMPRESSION',
    'OUTBOUND_CLICK',
    'PIN_CLICK',
    'SAVE',
    'SAVE_RATE',
  ];
  const days = daysOf(range, now);
  const today = ymd(now);
  const allReady = days.every((d) => dataStatusFor(d, null, today, processingDays) === 'READY');
  const ranked = pins
    .map((p) => {
      const c = zero();
      for (const d of days) {
        const day = countsOn([p], d);
        for (const k of Object.keys(c) as Array<keyof typeof c>) c[k] += day[k];
      }
      const metrics = accountMetrics(c, requested);
      return {
        pin_id: p.id,
        metrics,
        data_status: Object.fromEntries(
          requested.map((m) => [m, allReady ? 'READY' : 'PROCESSING'])
        ),
      };
    })
    .sort(
      (a, b) =>
        (b.metrics[sortBy] ?? 0) - (a.metrics[sortBy] ?? 0) || a.pin_id.localeCompare(b.pin_id)
    );
  return {
    date_availability: {
      is_realtime: false,
      latest_available_timestamp: dayStart(today) - (processingDays - 1) * DAY - 1,
    },
    pins: ranked.slice(0, n),
    sort_by: sortBy,
  };
}
