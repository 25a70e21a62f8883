/** Totals over days and pins: counts add, the save rate is recomputed, watch time is weighted. */
import {
  addTotals,
  emptyTotals,
  saveRate,
  toStats,
  totalsOfDays,
} from '../../server/src/analytics/totals';
import type { StoredDay } from '../../server/src/analytics/daily';

const image = (date: string, impressions: number, saves: number): StoredDay => ({
  date,
  impressions,
  saves,
  pinClicks: 1,
  outboundClicks: 2,
  videoViews: null,
  videoStarts: null,
  videoAvgWatchTime: null,
});
const video = (date: string, starts: number, avg: number): StoredDay => ({
  ...image(date, 100, 10),
  videoViews: starts - 1,
  videoStarts: starts,
  videoAvgWatchTime: avg,
});

describe('totals', () => {
  it('adds counts and leaves video totals null without a video pin', () => {
    const t = totalsOfDays([image('2030-05-01', 100, 3), image('2030-05-02', 300, 5)]);
    expect(t).toEqual({
      impressions: 400,
      saves: 8,
      pinClicks: 2,
      outboundClicks: 4,
      videoViews: null,
      videoStarts: null,
      videoWatchTime: null,
    });
  });

  it('recomputes the save rate from the sums (4 decimals), 0 without impressions', () => {
    const stats = toStats(
      totalsOfDays([image('2030-05-01', 100, 3), image('2030-05-02', 300, 5)]),
      {
        pins: 1,
        from: '2030-05-01',
        through: '2030-05-02',
        lastSyncedAt: Date.parse('2030-05-20T12:00:00Z'),
      }
    );
    expect(stats.saveRate).toBe(0.02);
    expect(saveRate(1, 3)).toBe(0.3333);
    expect(saveRate(5, 0)).toBe(0);
    expect(stats).toMatchObject({
      pins: 1,
      from: '2030-05-01',
      through: '2030-05-02',
      lastSyncedAt: '2030-05-20T12:00:00.000Z',
      videoViews: null,
      videoAvgWatchTime: null,
    });
  });

  it('weights the average watch time by video starts, across days and pins', () => {
    const a = totalsOfDays([video('2030-05-01', 10, 1000), video('2030-05-02', 30, 3000)]);
    const b = totalsOfDays([image('2030-05-01', 50, 1)]);
    const stats = toStats(addTotals(a, b), {
      pins: 2,
      from: null,
      through: null,
      lastSyncedAt: null,
    });
    expect(stats.videoStarts).toBe(40);
    expect(stats.videoViews).toBe(38);
    expect(stats.videoAvgWatchTime).toBe(2500); // (10×1000 + 30×3000) / 40
    expect(stats.impressions).toBe(250);
    expect(stats.lastSyncedAt).toBeNull();
  });

  it('has an empty start', () => {
    expect(addTotals(emptyTotals(), emptyTotals())).toEqual(emptyTotals());
  });
});
