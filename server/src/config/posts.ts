import { z } from 'zod';
import { num, onlySet, type Env } from './env-values';

/** The posts API's limits, per API token. */
export const postsConfigSchema = z
  .object({
    /** Posts one API token may create in any hour; the next is answered 429 with Retry-After. */
    quotaPerHour: z.number().int().min(1).default(100),
    /** How far ahead `scheduled_at` may be, in days. */
    scheduleHorizonDays: z.number().int().min(1).max(3650).default(90),
  })
  .strict();

export type PostsConfig = z.infer<typeof postsConfigSchema>;

export const POSTS_DEFAULTS: PostsConfig = postsConfigSchema.parse({});

/** `PINTEREST_POSTS_*` environment variables; only the ones set; undefined when none is. */
export function postsFromEnv(env: Env): Record<string, unknown> | undefined {
  return onlySet({
    quotaPerHour: num(env('PINTEREST_POSTS_QUOTA_PER_HOUR')),
    scheduleHorizonDays: num(env('PINTEREST_POSTS_SCHEDULE_HORIZON_DAYS')),
  });
}
