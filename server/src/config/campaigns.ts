import { z } from 'zod';
import { num, onlySet, type Env } from './env-values';

/** Re-pin campaigns: how often their planner and dispatcher run, and how much each run does. */
export const campaignsConfigSchema = z
  .object({
    /**
     * Cron rule (with seconds) of the campaign tick: plan the next pages, hand due pins to the
     * queue.
     */
    tickRule: z.string().min(1).default('*/10 * * * * *'),
    /**
     * Pins are handed to the queue this long before their time (the queue then runs them on time).
     */
    lookaheadMs: z.number().int().min(0).default(60_000),
    /**
     * Entries read per page while planning (a campaign never holds more than a page of entries).
     */
    pageSize: z.number().int().min(10).max(1000).default(200),
    /** Time one tick may spend planning before it leaves the rest to the next tick. */
    planBudgetMs: z.number().int().positive().default(5_000),
    /** Pins handed to the queue per campaign and tick, at most. */
    dispatchBatch: z.number().int().positive().default(500),
    /**
     * The tick runs on one Strapi instance at a time: the lease it holds, taken over when it runs
     * out.
     */
    leaseMs: z.number().int().positive().default(60_000),
  })
  .strict();

export type CampaignsConfig = z.infer<typeof campaignsConfigSchema>;

export const CAMPAIGNS_DEFAULTS: CampaignsConfig = campaignsConfigSchema.parse({});

/** `PINTEREST_CAMPAIGN_*` environment variables; only the ones set; undefined when none is. */
export function campaignsFromEnv(env: Env): Record<string, unknown> | undefined {
  return onlySet({
    tickRule: env('PINTEREST_CAMPAIGN_TICK_RULE') || undefined,
    lookaheadMs: num(env('PINTEREST_CAMPAIGN_LOOKAHEAD_MS')),
    pageSize: num(env('PINTEREST_CAMPAIGN_PAGE_SIZE')),
    planBudgetMs: num(env('PINTEREST_CAMPAIGN_PLAN_BUDGET_MS')),
    dispatchBatch: num(env('PINTEREST_CAMPAIGN_DISPATCH_BATCH')),
    leaseMs: num(env('PINTEREST_CAMPAIGN_LEASE_MS')),
  });
}
