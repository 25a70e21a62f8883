/** Which pins a sync asks about, in which order, in which calls. */
import {
  inWindow,
  isDue,
  planCalls,
  prioritize,
  priorityOf,
  rangeFor,
  windowStart,
  type SyncCandidate,
} from '../../server/src/analytics/plan';

const NOW = Date.parse('2030-05-20T12:00:00Z');
const TODAY = '2030-05-20';
const HOUR = 3_600_000;
const opts = { now: NOW, lookbackDays: 90, resyncAfterMs: 6 * HOUR };

const pin = (pinId: string, over: Partial<SyncCandidate> = {}): SyncCandidate => ({
  pinId,
  video: false,
  createdDay: '2030-05-01',
  nextFrom: null,
  lastSyncedAt: null,
  recentImpressions: 0,
  recentSaves: 0,
  ...over,
});

describe('the window', () => {
  it('reaches 90 days back from today, both ends included', () => {
    expect(windowStart(TODAY, 90)).toBe('2030-02-19');
    expect(inWindow(pin('a', { createdDay: '2030-02-19' }), TODAY, 90)).toBe(true);
    expect(inWindow(pin('a', { createdDay: '2030-02-18' }), TODAY, 90)).toBe(false);
  });

  it('asks from the first unsettled day, never before creation nor before the window', () => {
    expect(rangeFor(pin('a', { createdDay: '2030-05-01' }), TODAY, 90)).toEqual({
      start: '2030-05-01',
      end: TODAY,
    });
    expect(
      rangeFor(pin('a', { createdDay: '2030-05-01', nextFrom: '2030-05-18' }), TODAY, 90)
    ).toEqual({ start: '2030-05-18', end: TODAY });
    expect(
      rangeFor(pin('a', { createdDay: '2030-02-19', nextFrom: '2030-02-10' }), TODAY, 90)
    ).toEqual({ start: '2030-02-19', end: TODAY });
    expect(
      rangeFor(pin('a', { createdDay: '2030-05-01', nextFrom: '2030-05-21' }), TODAY, 90)
    ).toEqual({ start: TODAY, end: TODAY });
  });
});

describe('isDue', () => {
  it('is due when never synced or synced longer ago than resyncAfter, and in the window', () => {
    expect(isDue(pin('a'), opts)).toBe(true);
    expect(isDue(pin('a', { lastSyncedAt: NOW - 5 * HOUR }), opts)).toBe(false);
    expect(isDue(pin('a', { lastSyncedAt: NOW - 6 * HOUR }), opts)).toBe(true);
    expect(isDue(pin('a', { createdDay: '2030-02-18' }), opts)).toBe(false);
  });
});

describe('prioritize', () => {
  it('puts never-synced pins first, newest first', () => {
    const order = prioritize(
      [
        pin('old', { createdDay: '2030-03-01' }),
        pin('synced', { createdDay: '2030-05-19', lastSyncedAt: NOW - 100 * HOUR }),
        pin('new', { createdDay: '2030-05-19' }),
      ],
      opts
    ).map((p) => p.pinId);
    expect(order).toEqual(['new', 'old', 'synced']);
  });

  it('among synced pins: newer first, more active first, and staleness lets every pin through', () => {
    const synced = { lastSyncedAt: NOW - 10 * HOUR };
    expect(
      prioritize(
        [
          pin('older', { ...synced, createdDay: '2030-03-01' }),
          pin('newer', { ...synced, createdDay: '2030-05-10' }),
        ],
        opts
      ).map((p) => p.pinId)
    ).toEqual(['newer', 'older']);
    expect(
      prioritize(
        [
          pin('quiet', { ...synced, recentImpressions: 10 }),
          pin('busy', { ...synced, recentImpressions: 5000, recentSaves: 80 }),
        ],
        opts
      ).map((p) => p.pinId)
    ).toEqual(['busy', 'quiet']);
    const busyFresh = pin('busy', {
      createdDay: '2030-05-19',
      lastSyncedAt: NOW - 7 * HOUR,
      recentImpressions: 5000,
      recentSaves: 80,
    });
    const quietStale = pin('quiet', { createdDay: '2030-03-01', lastSyncedAt: NOW - 200 * HOUR });
    expect(prioritize([busyFresh, quietStale], opts).map((p) => p.pinId)).toEqual([
      'quiet',
      'busy',
    ]);
    expect(priorityOf(busyFresh, opts)).toBeGreaterThan(
      priorityOf({ ...busyFresh, recentSaves: 0, recentImpressions: 0 }, opts)
    );
  });

  it('drops pins that are not due and keeps a stable order for ties', () => {
    const order = prioritize([pin('b'), pin('a'), pin('c', { lastSyncedAt: NOW })], opts).map(
      (p) => p.pinId
    );
    expect(order).toEqual(['a', 'b']);
  });
});

describe('planCalls', () => {
  const many = (n: number, over: Partial<SyncCandidate> = {}) =>
    Array.from({ length: n }, (_, i) => pin(String(1000 + i), over));

  it('makes one call per pin without the multi-pin endpoint, up to the budget', () => {
    const calls = planCalls(many(5), {
      today: TODAY,
      lookbackDays: 90,
      batchSize: 100,
      useBatch: false,
      maxCalls: 3,
    });
    expect(calls.map((c) => [c.kind, c.pins.map((p) => p.pinId)])).toEqual([
      ['single', ['1000']],
      ['single', ['1001']],
      ['single', ['1002']],
    ]);
  });

  it('batches up to batchSize pins, video and image pins apart, each batch from its earliest day, most urgent first', () => {
    const images = many(250).map((p, i) => ({
      ...p,
      nextFrom: i === 120 ? '2030-05-02' : '2030-05-18',
    }));
    const videos = many(3, { video: true }).map((p) => ({ ...p, pinId: `9${p.pinId}` }));
    const calls = planCalls([...images.slice(0, 10), ...videos, ...images.slice(10)], {
      today: TODAY,
      lookbackDays: 90,
      batchSize: 100,
      useBatch: true,
      maxCalls: 10,
    });
    expect(calls.map((c) => [c.kind, c.video, c.pins.length])).toEqual([
      ['batch', false, 100],
      ['batch', false, 100],
      // the video pins came before the last 50 image pins
      ['batch', true, 3],
      ['batch', false, 50],
    ]);
    expect(calls.map((c) => c.start)).toEqual([
      '2030-05-18',
      '2030-05-02',
      '2030-05-01',
      '2030-05-18',
    ]);
    expect(calls.every((c) => c.end === TODAY)).toBe(true);
  });

  it('stops at the budget with batches too', () => {
    const calls = planCalls(many(450), {
      today: TODAY,
      lookbackDays: 90,
      batchSize: 100,
      useBatch: true,
      maxCalls: 2,
    });
    expect(calls.map((c) => c.pins.length)).toEqual([100, 100]);
    expect(calls[1].pins[0].pinId).toBe('1100');
  });
});
