import { DateTime } from 'luxon';
import {
  createPacingGrid,
  createSlotAssigner,
  DAY_SLOTS,
  gridFor,
} from '../../server/src/campaigns/pacing-grid';
import { estimateEnd } from '../../server/src/campaigns/plan-summary';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const local = (t: number, zone: string) => DateTime.fromMillis(t, { zone });

/** The first n slot times of a grid. */
function times(grid: ReturnType<typeof createPacingGrid>, n: number): number[] {
  const out: number[] = [];
  let slot = grid.slotAtOrAfter(grid.startAt);
  for (let i = 0; i < n; i += 1) {
    out.push(grid.timeOf(slot));
    slot = grid.next(slot);
  }
  return out;
}

describe('pacing grid', () => {
  it('one pin every N minutes from the start, when nothing else limits it', () => {
    const grid = createPacingGrid(
      { intervalMs: 30 * MIN, maxPerDay: null, window: null, timeZone: 'UTC' },
      at('2026-03-02T10:00:00Z')
    );
    expect(times(grid, 4).map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T10:30:00.000Z',
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T11:30:00.000Z',
    ]);
  });

  it('keeps to the daily window in the time zone, and starts at the window when started before it', () => {
    const zone = 'Europe/Paris';
    const grid = createPacingGrid(
      {
        intervalMs: HOUR,
        maxPerDay: null,
        window: { start: '09:00', end: '12:00' },
        timeZone: zone,
      },
      at('2026-03-02T05:00:00Z')
    );
    const slots = times(grid, 7).map((t) => local(t, zone).toFormat('yyyy-MM-dd HH:mm'));
    expect(slots).toEqual([
      '2026-03-02 09:00',
      '2026-03-02 10:00',
      '2026-03-02 11:00',
      '2026-03-03 09:00',
      '2026-03-03 10:00',
      '2026-03-03 11:00',
      '2026-03-04 09:00',
    ]);
  });

  it('holds the window on the wall clock across a daylight-saving change', () => {
    const zone = 'Europe/Paris';
    // clocks go forward on Sunday 29 March 2026: 09:00 Paris is 08:00Z before, 07:00Z after
    const grid = createPacingGrid(
      {
        intervalMs: 12 * HOUR,
        maxPerDay: 1,
        window: { start: '09:00', end: '10:00' },
        timeZone: zone,
      },
      at('2026-03-27T00:00:00Z')
    );
    const slots = times(grid, 4);
    expect(slots.map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('spreads a daily cap evenly over the window, never closer than the interval', () => {
    const grid = createPacingGrid(
      {
        intervalMs: 10 * MIN,
        maxPerDay: 4,
        window: { start: '08:00', end: '16:00' },
        timeZone: 'UTC',
      },
      at('2026-03-02T00:00:00Z')
    );
    const slots = times(grid, 6).map((t) => new Date(t).toISOString().slice(0, 16));
    expect(slots).toEqual([
      '2026-03-02T08:00',
      '2026-03-02T10:00',
      '2026-03-02T12:00',
      '2026-03-02T14:00',
      '2026-03-03T08:00',
      '2026-03-03T10:00',
    ]);
  });

  it('never more than the cap in any calendar day of the zone, never closer than the interval (a long run)', () => {
    const zone = 'America/New_York';
    const grid = createPacingGrid(
      { intervalMs: 7 * MIN, maxPerDay: 50, window: null, timeZone: zone },
      at('2026-03-01T13:17:00Z')
    );
    const all = times(grid, 2000);
    const perDay = new Map<string, number>();
    for (const t of all)
      perDay.set(local(t, zone).toISODate()!, (perDay.get(local(t, zone).toISODate()!) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(50);
    for (let i = 1; i < all.length; i += 1)
      expect(all[i] - all[i - 1]).toBeGreaterThanOrEqual(7 * MIN);
  });

  it('slotAtOrAfter finds the first slot at or after a time, and the slot of a slot time is itself', () => {
    const grid = createPacingGrid(
      {
        intervalMs: 45 * MIN,
        maxPerDay: 7,
        window: { start: '09:30', end: '17:00' },
        timeZone: 'Asia/Tokyo',
      },
      at('2026-06-01T00:00:00Z')
    );
    let slot = grid.slotAtOrAfter(grid.startAt);
    for (let i = 0; i < 50; i += 1) {
      expect(grid.slotAtOrAfter(grid.timeOf(slot))).toBe(slot);
      expect(grid.slotAtOrAfter(grid.timeOf(slot) + 1)).toBe(grid.next(slot));
      slot = grid.next(slot);
    }
  });

  it('advance(n) is n times next', () => {
    const grid = createPacingGrid(
      {
        intervalMs: 20 * MIN,
        maxPerDay: 5,
        window: { start: '10:00', end: '12:00' },
        timeZone: 'UTC',
      },
      at('2026-06-01T11:10:00Z')
    );
    let slot = grid.slotAtOrAfter(grid.startAt);
    const first = slot;
    for (let i = 0; i < 23; i += 1) slot = grid.next(slot);
    expect(grid.advance(first, 23)).toBe(slot);
  });

  it('with no interval the slots are as dense as a millisecond: only the rate limiter paces', () => {
    const grid = gridFor({ intervalMinutes: 0, timeZone: 'UTC' }, at('2026-06-01T00:00:00Z'));
    expect(times(grid, 3)).toEqual([
      at('2026-06-01T00:00:00Z'),
      at('2026-06-01T00:00:00Z') + 1,
      at('2026-06-01T00:00:00Z') + 2,
    ]);
  });

  it('refuses pacing that leaves no time to pin', () => {
    const grid = createPacingGrid(
      {
        intervalMs: MIN,
        maxPerDay: null,
        window: { start: '09:00', end: '09:00' },
        timeZone: 'UTC',
      },
      at('2026-06-01T00:00:00Z')
    );
    expect(() => grid.slotAtOrAfter(grid.startAt)).toThrow(/no time to pin/);
  });

  it('slot ids are day × DAY_SLOTS + k and compare in time order', () => {
    const grid = createPacingGrid(
      { intervalMs: 6 * HOUR, maxPerDay: null, window: null, timeZone: 'UTC' },
      at('2026-06-01T00:00:00Z')
    );
    const s = grid.slotAtOrAfter(at('2026-06-03T13:00:00Z'));
    expect(s).toBe(2 * DAY_SLOTS + 3);
    expect(grid.timeOf(s)).toBe(at('2026-06-03T18:00:00Z'));
  });
});

describe('slot assigner', () => {
  const grid = createPacingGrid(
    { intervalMs: HOUR, maxPerDay: null, window: null, timeZone: 'UTC' },
    at('2026-06-01T00:00:00Z')
  );

  it('gives each pin the next free slot, and a pin that must wait a later one without stalling the others', () => {
    const assigner = createSlotAssigner(grid);
    const a = grid.timeOf(assigner.assign(grid.startAt));
    const waiting = grid.timeOf(assigner.assign(at('2026-06-01T05:00:00Z')));
    const b = grid.timeOf(assigner.assign(grid.startAt));
    const c = grid.timeOf(assigner.assign(grid.startAt));
    expect([a, b, c, waiting].map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '00:00',
      '01:00',
      '02:00',
      '05:00',
    ]);
    // the slots between are used, the waiting pin's slot is skipped
    const more = [3, 4, 5].map(() =>
      new Date(grid.timeOf(assigner.assign(grid.startAt))).toISOString().slice(11, 16)
    );
    expect(more).toEqual(['03:00', '04:00', '06:00']);
  });

  it('resumes from its saved state exactly', () => {
    const one = createSlotAssigner(grid);
    one.assign(grid.startAt);
    one.assign(at('2026-06-01T10:00:00Z'));
    const two = createSlotAssigner(grid, one.state());
    expect(two.assign(grid.startAt)).toBe(one.assign(grid.startAt));
    expect(two.assign(at('2026-06-01T10:00:00Z'))).toBe(one.assign(at('2026-06-01T10:00:00Z')));
  });

  it('skipTo moves the first free slot forward (no pin in the past)', () => {
    const assigner = createSlotAssigner(grid);
    assigner.skipTo(at('2026-06-02T07:30:00Z'));
    expect(new Date(grid.timeOf(assigner.assign(grid.startAt))).toISOString()).toBe(
      '2026-06-02T08:00:00.000Z'
    );
  });
});

describe('estimated end', () => {
  it('is the pace from now for what remains, and never before the latest planned pin', () => {
    const grid = createPacingGrid(
      { intervalMs: HOUR, maxPerDay: null, window: null, timeZone: 'UTC' },
      at('2026-06-01T00:00:00Z')
    );
    const now = at('2026-06-01T09:10:00Z');
    expect(
      new Date(estimateEnd(grid, { now, remaining: 3, latestPlanned: null })!).toISOString()
    ).toBe('2026-06-01T12:00:00.000Z');
    expect(
      new Date(
        estimateEnd(grid, { now, remaining: 3, latestPlanned: at('2026-06-09T00:00:00Z') })!
      ).toISOString()
    ).toBe('2026-06-09T00:00:00.000Z');
    expect(estimateEnd(grid, { now, remaining: 0, latestPlanned: null })).toBeNull();
  });
});
