import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import {
  accountSyncSchema,
  type AccountSyncStatus,
  type AnalyticsState,
} from '../../../common/analytics';

/**
 * After this long, a refused multi-pin endpoint is tried again (the app may have been granted the
 * beta).
 */
export const MULTI_PIN_RECHECK_MS = 24 * 3_600_000;

export type { AccountSyncStatus };

/** Why a disconnected account's pins are not synced. */
export const ACCOUNT_DISCONNECTED =
  'This Pinterest account is disconnected: its pins keep their stats, which are synced again once it is connected.';

const statusSchema = z.object({
  state: z
    .enum([
      'never',
      'ok',
      'partial',
      'disabled',
      'not_connected',
      'not_business',
      'rate_limited',
      'error',
    ])
    .default('never'),
  message: z.string().nullable().default(null),
  advice: z.string().nullable().default(null),
  /** What Pinterest or the database said, when there is more to say than the state. */
  detail: z.string().nullable().default(null),
  lastRunAt: z.number().nullable().default(null),
  lastRun: z
    .object({
      calls: z.number(),
      pins: z.number(),
      days: z.number(),
      entries: z.number(),
      remaining: z.number(),
    })
    .nullable()
    .default(null),
  /** Per account, as the last run that asked Pinterest left it. */
  accounts: z.array(accountSyncSchema).catch([]).default([]),
  multiPin: z
    .object({
      state: z.enum(['available', 'unavailable', 'unknown']),
      checkedAt: z.number().nullable(),
    })
    .default({ state: 'unknown', checkedAt: null }),
});

export type SyncStatus = z.infer<typeof statusSchema>;

/**
 * The sync's last outcome and what it learned (multi-pin allowed or not), in Strapi's core store.
 */
export function createStatusStore(strapi: Core.Strapi) {
  const store = () => strapi.store({ type: 'plugin', name: 'pinterest' });
  const KEY = 'analytics-status';
  return {
    async get(): Promise<SyncStatus> {
      const parsed = statusSchema.safeParse((await store().get({ key: KEY })) ?? {});
      return parsed.success ? parsed.data : statusSchema.parse({});
    },
    async set(next: SyncStatus): Promise<void> {
      await store().set({ key: KEY, value: next });
    },
    async update(change: Partial<SyncStatus>): Promise<SyncStatus> {
      const next = { ...(await this.get()), ...change };
      await this.set(next);
      return next;
    },
  };
}

export type StatusStore = ReturnType<typeof createStatusStore>;

/** Plain words for each state a run can end in. */
export const STATE_TEXT: Record<
  Exclude<AnalyticsState, 'ok' | 'partial' | 'never'>,
  { message: string; advice: string }
> = {
  disabled: {
    message: 'The analytics sync is turned off.',
    advice:
      'Set analytics.enabled (PINTEREST_ANALYTICS_ENABLED) to true to sync pin stats again; the stats already stored stay.',
  },
  not_connected: {
    message:
      'No Pinterest account is connected, or Pinterest refused its token: pin stats cannot be synced.',
    advice:
      'Connect (or reconnect) the account in Settings → Pinterest; the sync resumes by itself.',
  },
  not_business: {
    message:
      'Pin analytics need a Pinterest business account: the connected account is a personal one.',
    advice:
      'Convert the account to a business account on Pinterest (free), or connect a business account; the sync resumes by itself.',
  },
  rate_limited: {
    message: 'Pinterest’s analytics budget is used up for now: the sync stopped early.',
    advice: 'Nothing to do: the remaining pins are synced by the next runs.',
  },
  error: {
    message: 'Pinterest could not be reached or kept failing: the sync stopped early.',
    advice:
      'Nothing to do if it passes: the next run tries again. If it persists, check the server logs.',
  },
};
