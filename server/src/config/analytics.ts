import { z } from 'zod';
import { bool, num, onlySet, type Env } from './env-values';

/**
 * Pin analytics: the scheduled sync (one Strapi instance at a time) and what it asks Pinterest for.
 */
export const analyticsConfigSchema = z
  .object({
    /** Run the sync on Strapi's cron. The stats already stored stay readable when it is off. */
    enabled: z.boolean().default(true),
    /** Cron rule (with seconds) of the sync. Default: hourly, at minute 7. */
    rule: z.string().min(1).default('0 7 * * * *'),
    /**
     * Pins created this many days back are synced (Pinterest answers for the last 90 days only).
     */
    lookbackDays: z.number().int().min(1).max(90).default(90),
    /** Pins per multi-pin analytics call (Pinterest allows 1–100). */
    batchSize: z.number().int().min(1).max(100).default(100),
    /**
     * The multi-pin analytics endpoint is a beta: `auto` tries it and falls back to one call per
     * pin when refused.
     */
    multiPin: z.enum(['auto', 'always', 'never']).default('auto'),
    /**
     * Analytics calls one run may make; the rest waits for the next runs (newest and most active
     * pins first).
     */
    maxCallsPerRun: z.number().int().positive().default(600),
    /**
     * A pin synced less than this many minutes ago is not asked for again (Pinterest's numbers are
     * daily).
     */
    resyncAfterMinutes: z.number().int().min(0).default(360),
  })
  .strict();

export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;

export const ANALYTICS_DEFAULTS: AnalyticsConfig = analyticsConfigSchema.parse({});

/**
 * `PINTEREST_ANALYTICS_*` environment variables; only the ones set (the rest keeps its default);
 * undefined when none is.
 */
export function analyticsFromEnv(env: Env): Record<string, unknown> | undefined {
  return onlySet({
    enabled: bool(env('PINTEREST_ANALYTICS_ENABLED')),
    rule: env('PINTEREST_ANALYTICS_RULE') || undefined,
    lookbackDays: num(env('PINTEREST_ANALYTICS_LOOKBACK_DAYS')),
    batchSize: num(env('PINTEREST_ANALYTICS_BATCH_SIZE')),
    multiPin: env('PINTEREST_ANALYTICS_MULTI_PIN') || undefined,
    maxCallsPerRun: num(env('PINTEREST_ANALYTICS_MAX_CALLS_PER_RUN')),
    resyncAfterMinutes: num(env('PINTEREST_ANALYTICS_RESYNC_AFTER_MINUTES')),
  });
}
