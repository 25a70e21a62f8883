import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { RATE_SLOT_UID } from '../content-types';
import { dbNumber, dbNumberOrNull, dbText } from '../utils/db-columns';
import { PinError } from '../errors/pin-error';
import { groupCommit } from '../utils/group-commit';
import { slotFor, spacingMs, type RateCategory, type RateLimitSettings } from './rate-limits';

/** A budget row: when the next call may go (µs), and a write pause after a spam block. */
const slotRowSchema = z.object({
  nextAt: dbNumber,
  pausedUntil: dbNumberOrNull,
  pauseReason: dbText,
});
type SlotRow = z.infer<typeof slotRowSchema>;
const toSlot = (row: unknown): SlotRow | null => (row ? slotRowSchema.parse(row) : null);

export interface LimiterOptions {
  settings: () => RateLimitSettings;
  /** Names the account whose budget this is (its key; the environment for a static token). */
  accountKey: () => string | Promise<string>;
  /** A call whose turn is further away than this is not waited for: its job is rescheduled. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The shared budget: for each account × category a row holds the earliest time the next call may
 * go. Reserving a turn is a compare-and-set on that row, so every Strapi instance draws from one
 * budget. A spam block pauses the account's writes for everyone.
 */
export function createRateLimiter(strapi: Core.Strapi, opts: LimiterOptions) {
  const q = () => strapi.db.query(RATE_SLOT_UID);
  const group = groupCommit(strapi);
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const maxWait = opts.maxWaitMs ?? 10_000;
  const keyOf = async (category: RateCategory) => `${await opts.accountKey()}:${category}`;

  const find = async (key: string) => toSlot(await q().findOne({ where: { key } }));
  /**
   * Each row as this process last wrote or read it. A turn is taken with one compare-and-set
   * UPDATE on the remembered `nextAt` (and, for writes, no pause): when another instance moved
   * the row meanwhile, or paused writes, it changes nothing and the row is read again. A
   * remembered row can only be behind the database (`nextAt` only grows), never let a call
   * through early.
   */
  const known = new Map<string, SlotRow>();

  async function row(key: string): Promise<SlotRow> {
    const existing = await find(key);
    if (existing) return existing;
    try {
      return slotRowSchema.parse(await q().create({ data: { key, nextAt: 0 } }));
    } catch {
      const created = await find(key);
      if (!created) throw new Error(`[pinterest] the rate budget row ${key} could not be read`);
      return created;
    }
  }

  return {
    /** Waits for this call's turn (or throws a retryable error that reschedules the job). */
    async acquire(category: RateCategory): Promise<void> {
      const interval = spacingMs(category, opts.settings());
      const key = await keyOf(category);
      for (let attempt = 0; attempt < 20; attempt += 1) {
        // unlimited: the row is read every time, for a pause another instance may have set
        const remembered = interval === 0 ? undefined : known.get(key);
        const current = remembered ?? (await row(key));
        const t = now();
        const pausedUntil = current.pausedUntil;
        if (category === 'org_write' && pausedUntil !== null && pausedUntil > t) {
          if (remembered) {
            // the pause may have been lifted since: look again before refusing
            known.delete(key);
            continue;
          }
          throw new PinError(
            'WRITES_PAUSED',
            `Pinning is paused until ${new Date(pausedUntil).toISOString()}: ${current.pauseReason ?? 'Pinterest flagged recent activity as spam.'}`,
            {
              retryAfterSeconds: Math.ceil((pausedUntil - t) / 1000),
            }
          );
        }
        if (interval === 0) return;
        // turns are kept in microseconds, so fractional spacing adds up exactly
        const tUs = t * 1000;
        const slotUs = slotFor(current.nextAt, tUs);
        const waitMs = (slotUs - tUs) / 1000;
        if (waitMs > maxWait) {
          throw new PinError(
            'RATE_LIMITED',
            `The ${category} budget is used up for now; this job waits for its turn.`,
            {
              retryAfterSeconds: Math.ceil(waitMs / 1000),
              outcomeUnknown: false,
            }
          );
        }
        const nextAt = Math.round(slotUs + interval * 1000);
        // committed with the other lanes' small writes when several ask at once
        const { count } = await group(
          () =>
            q().updateMany({
              where: {
                key,
                nextAt: current.nextAt,
                ...(category === 'org_write' && {
                  $or: [{ pausedUntil: { $null: true } }, { pausedUntil: { $lte: t } }],
                }),
              },
              data: { nextAt },
            }),
          { oneStatement: true }
        );
        if (count === 1) {
          known.set(key, { ...current, nextAt });
          // (measured again: the update may have waited for other lanes' writes to join it)
          const left = slotUs / 1000 - now();
          if (left > 0) await sleep(Math.ceil(left));
          return;
        }
        // another instance took this turn (or paused writes): read again
        known.delete(key);
      }
      throw new PinError('RATE_LIMITED', `Too much contention on the ${category} budget.`, {
        retryAfterSeconds: 1,
        outcomeUnknown: false,
      });
    },

    /** Stops every instance from writing until `until` (a spam block). */
    async pauseWrites(until: number, reason: string): Promise<void> {
      const key = await keyOf('org_write');
      known.delete(key);
      await row(key);
      await q().updateMany({ where: { key }, data: { pausedUntil: until, pauseReason: reason } });
    },

    async resumeWrites(): Promise<void> {
      const key = await keyOf('org_write');
      known.delete(key);
      await q().updateMany({
        where: { key },
        data: { pausedUntil: null, pauseReason: null },
      });
    },

    async writePause(): Promise<{ until: string; reason: string } | null> {
      const current = await find(await keyOf('org_write'));
      const until = current?.pausedUntil ?? null;
      return until && until > now()
        ? { until: new Date(until).toISOString(), reason: current?.pauseReason ?? '' }
        : null;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
