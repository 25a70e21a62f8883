/**
 * Totals from daily rows, and the entry's `PinterestStats` from its pins' totals. Pure.
 * Counts add up; the save rate is recomputed (saves / impressions), never summed; the average watch
 * time is weighted by video starts.
 */
import type { PinterestStats } from '../../../common/analytics';
import type { DayMetrics, StoredDay } from './daily';

export interface Totals {
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  /** null when none of the counted pins is a video. */
  videoViews: number | null;
  videoStarts: number | null;
  /** Σ (average watch time × starts), in ms: divided by the starts to give the average back. */
  videoWatchTime: number | null;
}

export const emptyTotals = (): Totals => ({
  impressions: 0,
  saves: 0,
  pinClicks: 0,
  outboundClicks: 0,
  videoViews: null,
  videoStarts: null,
  videoWatchTime: null,
});

const addNullable = (a: number | null, b: number | null) =>
  a === null && b === null ? null : (a ?? 0) + (b ?? 0);

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    impressions: a.impressions + b.impressions,
    saves: a.saves + b.saves,
    pinClicks: a.pinClicks + b.pinClicks,
    outboundClicks: a.outboundClicks + b.outboundClicks,
    videoViews: addNullable(a.videoViews, b.videoViews),
    videoStarts: addNullable(a.videoStarts, b.videoStarts),
    videoWatchTime: addNullable(a.videoWatchTime, b.videoWatchTime),
  };
}

export function totalsOfDay(d: DayMetrics): Totals {
  const video = d.videoViews !== null || d.videoStarts !== null;
  return {
    impressions: d.impressions,
    saves: d.saves,
    pinClicks: d.pinClicks,
    outboundClicks: d.outboundClicks,
    videoViews: video ? (d.videoViews ?? 0) : null,
    videoStarts: video ? (d.videoStarts ?? 0) : null,
    videoWatchTime: video ? (d.videoAvgWatchTime ?? 0) * (d.videoStarts ?? 0) : null,
  };
}

export const totalsOfDays = (days: StoredDay[]): Totals =>
  days.reduce((t, d) => addTotals(t, totalsOfDay(d)), emptyTotals());

/** saves / impressions with 4 decimals, 0 without impressions. */
export const saveRate = (saves: number, impressions: number) =>
  impressions > 0 ? Math.round((saves / impressions) * 10_000) / 10_000 : 0;

export function toStats(
  t: Totals,
  meta: { pins: number; from: string | null; through: string | null; lastSyncedAt: number | null }
): PinterestStats {
  return {
    impressions: t.impressions,
    saves: t.saves,
    pinClicks: t.pinClicks,
    outboundClicks: t.outboundClicks,
    saveRate: saveRate(t.saves, t.impressions),
    videoViews: t.videoViews,
    videoStarts: t.videoStarts,
    videoAvgWatchTime:
      t.videoStarts === null
        ? null
        : t.videoStarts > 0
          ? Math.round((t.videoWatchTime ?? 0) / t.videoStarts)
          : 0,
    pins: meta.pins,
    from: meta.from,
    through: meta.through,
    lastSyncedAt: meta.lastSyncedAt === null ? null : new Date(meta.lastSyncedAt).toISOString(),
  };
}
