/**
 * Pinterest's keyword answers, kept in the database for a day per kind × region × term so every
 * instance (and every editor) shares them, and refusals (no `ads:read`, trends not open to this
 * app) remembered the same way. A row is read with one query; writing is an insert, or an update
 * when another instance wrote the key first.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { KEYWORD_CACHE_UID } from '../content-types';
import { dbNumber } from '../utils/db-columns';

export const KEYWORD_TTL_MS = 24 * 60 * 60_000;

const rowSchema = z.object({ answer: z.unknown(), expiresAt: dbNumber });

export type CacheKind = 'suggested' | 'related' | 'trending' | 'refusal';

/** `suggested:FR:tomato soup` — region and term as asked (the term folded by the caller). */
export const cacheKey = (kind: CacheKind, region: string, term: string) =>
  `${kind}:${region}:${term}`.slice(0, 255);

export function createKeywordCacheStore(strapi: Core.Strapi, now: () => number = Date.now) {
  const q = () => strapi.db.query(KEYWORD_CACHE_UID);

  return {
    /** The answer stored under `key` while it is fresh, else undefined. */
    async get(key: string): Promise<unknown> {
      const row: unknown = await q().findOne({ where: { key }, select: ['answer', 'expiresAt'] });
      if (!row) return undefined;
      const parsed = rowSchema.safeParse(row);
      if (!parsed.success || parsed.data.expiresAt <= now()) return undefined;
      return parsed.data.answer;
    },

    /** Several keys at once: the fresh answers by key. */
    async getMany(keys: string[]): Promise<Map<string, unknown>> {
      const out = new Map<string, unknown>();
      if (!keys.length) return out;
      const rows = (await q().findMany({
        where: { key: { $in: keys } },
        select: ['key', 'answer', 'expiresAt'],
      })) as unknown[];
      const t = now();
      for (const row of rows) {
        const parsed = rowSchema.extend({ key: z.string() }).safeParse(row);
        if (parsed.success && parsed.data.expiresAt > t)
          out.set(parsed.data.key, parsed.data.answer);
      }
      return out;
    },

    async put(key: string, answer: unknown, ttlMs = KEYWORD_TTL_MS): Promise<void> {
      const t = now();
      const data = { answer: answer as object, fetchedAt: t, expiresAt: t + ttlMs };
      const { count } = await q().updateMany({ where: { key }, data });
      if (count > 0) return;
      try {
        await q().create({ data: { key, ...data } });
      } catch (e) {
        // another instance inserted it between the two statements: theirs is as fresh (anything
        // else is not swallowed: a refusal that is not stored would hide the Settings notice)
        const { count: again } = await q().updateMany({ where: { key }, data });
        if (again === 0) throw e;
      }
    },

    async remove(key: string): Promise<void> {
      await q().deleteMany({ where: { key } });
    },

    /** Drops the rows that expired (called now and then; stale rows are never served anyway). */
    async prune(): Promise<number> {
      const { count } = await q().deleteMany({ where: { expiresAt: { $lte: now() } } });
      return count;
    },
  };
}

export type KeywordCacheStore = ReturnType<typeof createKeywordCacheStore>;
