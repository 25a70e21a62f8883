/**
 * Pinterest-style rate limits: calls per user per category in a sliding minute, enforced when a
 * limit
 * is configured. Every call is also counted for the stats: the most calls seen in any 60-second
 * window, per category (all users) and per user, which is how tests prove a client paces itself.
 */
import type { RateLimits } from './state';

export const WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  /** Headers to send (only when a limit is configured for the category). */
  headers: Record<string, string>;
}

class Window {
  private times: number[] = [];
  peak = 0;
  total = 0;

  /** Calls in (t − 60 s, t]. */
  count(t: number): number {
    while (this.times.length && this.times[0] <= t - WINDOW_MS) this.times.shift();
    return this.times.length;
  }

  add(t: number) {
    this.count(t);
    this.times.push(t);
    this.total += 1;
    this.peak = Math.max(this.peak, this.times.length);
  }

  oldest = () => this.times[0];
}

export function createRateLimiter(now: () => number) {
  /** Accepted calls per `user|category` (what limits are enforced on). */
  const accepted = new Map<string, Window>();
  /** Every call per `user|category` and per category (what the stats report). */
  const seen = new Map<string, Window>();
  const seenAll = new Map<string, Window>();
  const get = (map: Map<string, Window>, key: string) => {
    let w = map.get(key);
    if (!w) map.set(key, (w = new Window()));
    return w;
  };

  return {
    /** Counts a call for the stats (every call the client made, whatever it was answered). */
    observe(userKey: string, category: string) {
      const t = now();
      get(seen, `${userKey}|${category}`).add(t);
      get(seenAll, category).add(t);
    },
    /** Decides whether a call is within the configured limit, and records it when it is. */
    check(userKey: string, category: string, limits: RateLimits): RateDecision {
      const limit = limits[category as keyof RateLimits];
      const w = get(accepted, `${userKey}|${category}`);
      const t = now();
      if (limit === undefined || limit === null) {
        w.add(t);
        return { allowed: true, headers: {} };
      }
      const used = w.count(t);
      const allowed = used < limit;
      if (allowed) w.add(t);
      const reset =
        w.oldest() === undefined
          ? WINDOW_MS / 1000
          : Math.max(1, Math.ceil((w.oldest() + WINDOW_MS - t) / 1000));
      return {
        allowed,
        headers: {
          'x-ratelimit-limit': String(limit),
          'x-ratelimit-remaining': String(Math.max(0, limit - w.count(t))),
          'x-ratelimit-reset': String(reset),
        },
      };
    },
    stats() {
      const byUser: Record<string, Record<string, { maxPerMinute: number; total: number }>> = {};
      for (const [key, w] of seen) {
        const [user, category] = key.split('|');
        (byUser[user] ??= {})[category] = { maxPerMinute: w.peak, total: w.total };
      }
      const maxPerMinute: Record<string, number> = {};
      const total: Record<string, number> = {};
      for (const [category, w] of seenAll) {
        maxPerMinute[category] = w.peak;
        total[category] = w.total;
      }
      return { windowMs: WINDOW_MS, maxPerMinute, total, byUser };
    },
    reset() {
      accepted.clear();
      seen.clear();
      seenAll.clear();
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
