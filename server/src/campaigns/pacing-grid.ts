import { DateTime } from 'luxon';

/**
 * The slots a campaign may pin in, from its pacing: at least `intervalMs` apart, at most
 * `maxPerDay`
 * per calendar day of `timeZone` (spread evenly over the day's window), only inside the daily
 * window.
 * Pure: the same rules and start give the same slots. Days follow the zone's wall clock, so a
 * window
 * of 09:00–18:00 Europe/Paris stays 09:00–18:00 across daylight-saving changes.
 *
 * A slot is named by a number, `day × DAY_SLOTS + k` (the k-th slot of the day): slots compare in
 * time order.
 */
export interface PacingRules {
  intervalMs: number;
  maxPerDay: number | null;
  window: { start: string; end: string } | null;
  timeZone: string;
}

export type SlotId = number;

/** More slots than any day can hold (25 h at one per millisecond). */
export const DAY_SLOTS = 2 ** 27;
/** How far a search for a day with room goes before giving up (ten years). */
const MAX_DAYS = 3660;

interface Day {
  /** Time of slot 0 of the day. */
  anchor: number;
  /** Milliseconds between two slots (fractional). */
  step: number;
  /** Slots in the day. */
  capacity: number;
}

const parseClock = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return { hour: h, minute: m };
};

export interface PacingGrid {
  readonly startAt: number;
  /** The first slot at or after `t` (never before the start). */
  slotAtOrAfter(t: number): SlotId;
  /** The slot after `slot`. */
  next(slot: SlotId): SlotId;
  /** The slot `n` slots after `slot`. */
  advance(slot: SlotId, n: number): SlotId;
  timeOf(slot: SlotId): number;
}

export function createPacingGrid(rules: PacingRules, startAt: number): PacingGrid {
  const zone = rules.timeZone;
  const day0 = DateTime.fromMillis(startAt, { zone }).startOf('day');
  if (!day0.isValid) throw new Error(`unknown time zone ${zone}`);
  const windowStart = rules.window ? parseClock(rules.window.start) : null;
  const windowEnd = rules.window ? parseClock(rules.window.end) : null;
  const cache = new Map<number, Day>();

  function day(d: number): Day {
    const cached = cache.get(d);
    if (cached) return cached;
    const midnight = day0.plus({ days: d });
    const nextMidnight = day0.plus({ days: d + 1 }).toMillis();
    const from = windowStart ? midnight.set(windowStart).toMillis() : midnight.toMillis();
    const to = windowEnd
      ? windowEnd.hour === 24
        ? nextMidnight
        : midnight.set(windowEnd).toMillis()
      : nextMidnight;
    const length = Math.max(0, to - from);
    // a daily cap spreads the day's pins over the whole window; never closer than the interval
    const step = Math.max(rules.intervalMs, 1, rules.maxPerDay ? length / rules.maxPerDay : 0);
    const anchor = d === 0 ? Math.max(startAt, from) : from;
    let capacity = to > anchor ? Math.ceil((to - anchor) / step) : 0;
    if (rules.maxPerDay) capacity = Math.min(capacity, rules.maxPerDay);
    const result = { anchor, step, capacity: Math.min(capacity, DAY_SLOTS - 1) };
    if (cache.size > 4096) cache.clear();
    cache.set(d, result);
    return result;
  }

  const timeIn = (info: Day, k: number) => info.anchor + Math.floor(k * info.step);

  function dayIndexOf(t: number): number {
    if (t <= startAt) return 0;
    const local = DateTime.fromMillis(t, { zone }).startOf('day');
    return Math.max(0, Math.round(local.diff(day0, 'days').days));
  }

  function firstSlotFrom(d: number): SlotId {
    for (let i = d; i < d + MAX_DAYS; i += 1) {
      if (day(i).capacity > 0) return i * DAY_SLOTS;
    }
    throw new Error(
      'the pacing leaves no time to pin in ten years (check the window and the daily cap)'
    );
  }

  const grid: PacingGrid = {
    startAt,
    slotAtOrAfter(t) {
      const d = dayIndexOf(t);
      const info = day(d);
      if (t <= info.anchor) return info.capacity > 0 ? d * DAY_SLOTS : firstSlotFrom(d + 1);
      let k = Math.ceil((t - info.anchor) / info.step);
      while (k > 0 && timeIn(info, k - 1) >= t) k -= 1;
      if (k < info.capacity) return d * DAY_SLOTS + k;
      return firstSlotFrom(d + 1);
    },
    next(slot) {
      const d = Math.floor(slot / DAY_SLOTS);
      const k = slot - d * DAY_SLOTS;
      return k + 1 < day(d).capacity ? slot + 1 : firstSlotFrom(d + 1);
    },
    advance(slot, n) {
      let d = Math.floor(slot / DAY_SLOTS);
      let k = slot - d * DAY_SLOTS;
      let left = Math.max(0, Math.floor(n));
      for (;;) {
        const room = day(d).capacity - 1 - k;
        if (left <= room) return d * DAY_SLOTS + k + left;
        left -= room + 1;
        const following = firstSlotFrom(d + 1);
        d = Math.floor(following / DAY_SLOTS);
        k = 0;
      }
    },
    timeOf(slot) {
      const d = Math.floor(slot / DAY_SLOTS);
      return timeIn(day(d), slot - d * DAY_SLOTS);
    },
  };
  return grid;
}

/**
 * Hands out slots to pins in the order they are planned. A pin that must wait (its link was pinned
 * recently) takes the first free slot after its earliest time and leaves the slots before it to the
 * next pins, so spacing one link never stalls the whole campaign. Memory: the taken slots ahead of
 * the first free one (bounded by the spacing window), never the whole plan.
 */
export interface AssignerState {
  cursor: SlotId;
  taken: SlotId[];
}

export function createSlotAssigner(grid: PacingGrid, state?: AssignerState | null) {
  let cursor = state ? state.cursor : grid.slotAtOrAfter(grid.startAt);
  const taken = new Set<SlotId>(state?.taken ?? []);
  return {
    /** The first free slot at or after `earliest`, now taken. */
    assign(earliest: number): SlotId {
      let slot = Math.max(cursor, grid.slotAtOrAfter(earliest));
      while (taken.has(slot)) slot = grid.next(slot);
      taken.add(slot);
      while (taken.has(cursor)) {
        taken.delete(cursor);
        cursor = grid.next(cursor);
      }
      return slot;
    },
    /** Moves the first free slot to `t` at least (the plan is re-paced from now). */
    skipTo(t: number) {
      const to = grid.slotAtOrAfter(t);
      if (to <= cursor) return;
      for (const s of taken) if (s < to) taken.delete(s);
      cursor = to;
      while (taken.has(cursor)) {
        taken.delete(cursor);
        cursor = grid.next(cursor);
      }
    },
    /** The first free slot. */
    firstFree(): SlotId {
      return cursor;
    },
    state(): AssignerState {
      return { cursor, taken: [...taken].sort((a, b) => a - b) };
    },
  };
}

export type SlotAssigner = ReturnType<typeof createSlotAssigner>;

/** The grid of a campaign's pacing (minutes to milliseconds). */
export function gridFor(
  pacing: {
    intervalMinutes: number;
    maxPerDay?: number | null;
    window?: { start: string; end: string } | null;
    timeZone: string;
  },
  startAt: number
): PacingGrid {
  return createPacingGrid(
    {
      intervalMs: Math.round(pacing.intervalMinutes * 60_000),
      maxPerDay: pacing.maxPerDay ?? null,
      window: pacing.window ?? null,
      timeZone: pacing.timeZone,
    },
    startAt
  );
}
