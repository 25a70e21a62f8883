import { DateTime } from 'luxon';
import type { CampaignPreviewDTO, SkipReason } from '../../../common/campaigns';
import type { PacingGrid } from './pacing-grid';
import type { PlannedRow } from './planner';

const FIRST = 20;
const SAMPLES = 20;
const MAX_BUCKETS = 62;

/**
 * Sums up a plan as it streams by, in bounded memory: counts, first and last time, skip reasons
 * with a
 * few examples, the first pins in time order, and pins per day (one counter per day of the plan).
 */
export function createPlanSummary(
  timeZone: string,
  /** With fresh designs: the template a pin of this variant is designed with. */
  designOf: (variant: number) => string | null = () => null
) {
  let pins = 0;
  let first = Infinity;
  let last = -Infinity;
  const skipped = new Map<SkipReason, number>();
  const samples: CampaignPreviewDTO['skippedSamples'] = [];
  const earliest: Array<{
    at: number;
    documentId: string;
    title: string | null;
    boardId: string;
    design: string | null;
  }> = [];
  const perDay = new Map<string, number>();

  return {
    add(rows: PlannedRow[]) {
      for (const row of rows) {
        if (row.kind === 'skip') {
          skipped.set(row.reason, (skipped.get(row.reason) ?? 0) + 1);
          if (samples.length < SAMPLES)
            samples.push({
              documentId: row.documentId,
              locale: row.locale,
              title: row.title,
              reason: row.reason,
            });
          continue;
        }
        pins += 1;
        first = Math.min(first, row.runAt);
        last = Math.max(last, row.runAt);
        const day = DateTime.fromMillis(row.runAt, { zone: timeZone }).toISODate()!;
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        if (earliest.length < FIRST || row.runAt < earliest[earliest.length - 1].at) {
          earliest.push({
            at: row.runAt,
            documentId: row.documentId,
            title: row.title,
            boardId: row.boardId,
            design: designOf(row.variant),
          });
          earliest.sort((a, b) => a.at - b.at);
          if (earliest.length > FIRST) earliest.pop();
        }
      }
    },
    result(matched: number): CampaignPreviewDTO {
      return {
        matched,
        pins,
        firstAt: pins ? new Date(first).toISOString() : null,
        lastAt: pins ? new Date(last).toISOString() : null,
        skipped: [...skipped]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count),
        skippedSamples: samples,
        timeline: bucketize(perDay, timeZone),
        first: earliest.map((p) => ({ ...p, at: new Date(p.at).toISOString() })),
      };
    },
  };
}

/** Pins per day, or per week or month when the plan is long, in the campaign's time zone. */
export function bucketize(
  perDay: Map<string, number>,
  timeZone: string
): CampaignPreviewDTO['timeline'] {
  if (!perDay.size) return { unit: 'day', buckets: [] };
  const days = [...perDay.keys()].sort();
  const from = DateTime.fromISO(days[0], { zone: timeZone });
  const to = DateTime.fromISO(days[days.length - 1], { zone: timeZone });
  const span = to.diff(from, 'days').days + 1;
  const unit: 'day' | 'week' | 'month' =
    span <= MAX_BUCKETS ? 'day' : span / 7 <= MAX_BUCKETS ? 'week' : 'month';
  const buckets = new Map<string, number>();
  for (const [day, count] of perDay) {
    const start = DateTime.fromISO(day, { zone: timeZone }).startOf(unit).toISO()!;
    buckets.set(start, (buckets.get(start) ?? 0) + count);
  }
  // every bucket between the first and the last, empty ones included: the timeline shows the gaps
  const out: CampaignPreviewDTO['timeline']['buckets'] = [];
  for (let at = from.startOf(unit); at <= to; at = at.plus({ [`${unit}s`]: 1 })) {
    const iso = at.toISO()!;
    out.push({ start: new Date(at.toMillis()).toISOString(), count: buckets.get(iso) ?? 0 });
    if (out.length > 400) break;
  }
  return { unit, buckets: out };
}

/**
 * When the last of `remaining` pins should go: at the campaign's pace from now (or from the next
 * planned pin), and never before the latest one already planned.
 */
export function estimateEnd(
  grid: PacingGrid,
  opts: { now: number; remaining: number; latestPlanned: number | null; after?: number | null }
): number | null {
  if (opts.remaining <= 0) return null;
  const from = grid.slotAtOrAfter(Math.max(opts.now, opts.after ?? -Infinity));
  const paced = grid.timeOf(grid.advance(from, opts.remaining - 1));
  return Math.max(paced, opts.latestPlanned ?? -Infinity);
}
