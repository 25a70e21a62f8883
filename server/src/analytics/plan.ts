/**
 * Which pins a sync asks about, in which order, and in which calls. Pure.
 *
 * Only pins created in the lookback window (Pinterest answers for the last 90 days) are synced. A
 * pin
 * is due when it was never synced or its last sync is older than `resyncAfterMs`. Due pins are
 * ordered
 * newest and most active first, but staleness grows too, so every pin gets its turn: a run that
 * hits
 * its call budget leaves the rest for the next runs.
 */
import { addDays, daysBetween, maxDay, minDay, ymd } from './days';

export interface SyncCandidate {
  pinId: string;
  video: boolean;
  /** The day the pin was created (UTC). */
  createdDay: string;
  /** The first day not stored as final yet (null: never synced). */
  nextFrom: string | null;
  /** ms since epoch, null when never synced. */
  lastSyncedAt: number | null;
  /** Impressions and saves of the last 7 stored days: how active the pin is. */
  recentImpressions: number;
  recentSaves: number;
}

export interface PlanOptions {
  now: number;
  lookbackDays: number;
  resyncAfterMs: number;
}

/** The oldest day Pinterest will answer for (`start_date` at most 90 days back from today). */
export const windowStart = (today: string, lookbackDays: number) => addDays(today, -lookbackDays);

export const inWindow = (
  c: Pick<SyncCandidate, 'createdDay'>,
  today: string,
  lookbackDays: number
) => c.createdDay >= windowStart(today, lookbackDays);

export const isDue = (c: SyncCandidate, o: PlanOptions) =>
  inWindow(c, ymd(o.now), o.lookbackDays) &&
  (c.lastSyncedAt === null || o.now - c.lastSyncedAt >= o.resyncAfterMs);

/**
 * The range to ask for: from the first unsettled day (or the creation day), never before the
 * window.
 */
export function rangeFor(
  c: Pick<SyncCandidate, 'createdDay' | 'nextFrom'>,
  today: string,
  lookbackDays: number
): { start: string; end: string } {
  const start = maxDay(c.nextFrom ?? c.createdDay, c.createdDay, windowStart(today, lookbackDays));
  return { start: minDay(start, today), end: today };
}

/**
 * How urgent a sync is: never-synced pins first (newest first), then hours since the last sync,
 * scaled
 * up for new pins (×2 on the day of creation, ×1 at the window's edge) and active pins (× 1 + log10
 * of
 * recent impressions + 10 × saves).
 */
export function priorityOf(c: SyncCandidate, o: PlanOptions): number {
  const ageDays = Math.max(0, daysBetween(c.createdDay, ymd(o.now)));
  const newness = Math.max(0, 1 - ageDays / Math.max(1, o.lookbackDays));
  if (c.lastSyncedAt === null) return Number.MAX_SAFE_INTEGER / 2 + newness * 1e6;
  const hoursStale = Math.max(0, o.now - c.lastSyncedAt) / 3_600_000;
  const activity = Math.log10(
    1 + Math.max(0, c.recentImpressions) + 10 * Math.max(0, c.recentSaves)
  );
  return hoursStale * (1 + newness) * (1 + activity);
}

/** Due pins, most urgent first (ties: newer first, then by id, so the order is stable). */
export function prioritize(candidates: SyncCandidate[], o: PlanOptions): SyncCandidate[] {
  return candidates
    .filter((c) => isDue(c, o))
    .map((c) => ({ c, p: priorityOf(c, o) }))
    .sort(
      (a, b) =>
        b.p - a.p ||
        (a.c.createdDay < b.c.createdDay ? 1 : a.c.createdDay > b.c.createdDay ? -1 : 0) ||
        a.c.pinId.localeCompare(b.c.pinId)
    )
    .map(({ c }) => c);
}

export interface PlannedCall {
  /** `batch`: GET /pins/analytics (up to 100 pins); `single`: GET /pins/{id}/analytics. */
  kind: 'batch' | 'single';
  pins: SyncCandidate[];
  video: boolean;
  start: string;
  end: string;
}

/**
 * Groups ordered pins into calls. With the multi-pin endpoint, pins go in batches of `batchSize`,
 * video and image pins apart (they ask for different metrics), each batch from its earliest needed
 * day. Without it, one call per pin. At most `maxCalls` calls.
 */
export function planCalls(
  ordered: SyncCandidate[],
  o: { today: string; lookbackDays: number; batchSize: number; useBatch: boolean; maxCalls: number }
): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const single = (c: SyncCandidate): PlannedCall => ({
    kind: 'single',
    pins: [c],
    video: c.video,
    ...rangeFor(c, o.today, o.lookbackDays),
  });
  if (!o.useBatch || o.batchSize <= 1) {
    for (const c of ordered) {
      if (calls.length >= o.maxCalls) break;
      calls.push(single(c));
    }
    return calls;
  }
  const open: Record<'video' | 'image', SyncCandidate[]> = { video: [], image: [] };
  const emit = (pins: SyncCandidate[]) => {
    if (!pins.length || calls.length >= o.maxCalls) return;
    const starts = pins.map((p) => rangeFor(p, o.today, o.lookbackDays).start);
    calls.push({
      kind: 'batch',
      pins,
      video: pins[0].video,
      start: minDay(...starts),
      end: o.today,
    });
  };
  for (const c of ordered) {
    const key = c.video ? 'video' : 'image';
    open[key].push(c);
    if (open[key].length >= o.batchSize) {
      emit(open[key]);
      open[key] = [];
    }
    if (calls.length >= o.maxCalls) return calls;
  }
  // the partial batches, the one holding the more urgent pin first
  const rest = [open.image, open.video]
    .filter((b) => b.length)
    .sort((a, b) => ordered.indexOf(a[0]) - ordered.indexOf(b[0]));
  for (const pins of rest) emit(pins);
  return calls;
}
