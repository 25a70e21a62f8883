import { z } from 'zod';

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
