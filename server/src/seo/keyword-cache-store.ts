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
import { createRecentReads } from '../utils/recent-reads';

export const KEYWORD_TTL_MS = 24 * 60 * 60_000;

const rowSchema = z.object({ answer: z.unknown(), expiresAt: dbNumber });

export type CacheKind = 'suggested' | 'related' | 'trending' | 'refusal';

/** `suggested:FR:tomato soup` — region and term as asked (the term folded by the caller). */
export const cacheKey = (kind: CacheKind, region: string, term: string) =>
  `${kind}:${region}:${term}`.slice(0, 255);

/**
 * How long this instance answers a key from what it read before (every pin's checklist asks for
 * the same keys): another instance's new answer is seen within this time.
 */
export const KEYWORD_RECENT_MS = 5000;

const keyedRowSchema = rowSchema.extend({ key: z.string() });

export function createKeywordCacheStore(strapi: Core.Strapi, now: () => number = Date.now) {
  const q = () => strapi.db.query(KEYWORD_CACHE_UID);
  type Row = z.infer<typeof rowSchema>;
  /** What this instance read lately, by key: the row, or null when none is stored. */
  const recent = createRecentReads<Row | null>(KEYWORD_RECENT_MS, now);

  /** The rows of these keys, each from what was read lately or else (all in one query) read. */
  async function rowsOf(keys: string[]): Promise<Map<string, Row>> {
    const rows = await recent.readMany(
      keys,
      async (missing) => {
        const found = new Map<string, Row>();
        const raws = (await q().findMany({
          where: { key: { $in: missing } },
          select: ['key', 'answer', 'expiresAt'],
        })) as unknown[];
        for (const raw of raws) {
          const parsed = keyedRowSchema.safeParse(raw);
          if (parsed.success) found.set(parsed.data.key, parsed.data);
        }
        return found;
      },
      null
    );
    const out = new Map<string, Row>();
    for (const [key, row] of rows) if (row) out.set(key, row);
    return out;
  }

  return {
    /** The answer stored under `key` while it is fresh, else undefined. */
    async get(key: string): Promise<unknown> {
      const row = (await rowsOf([key])).get(key);
      return row && row.expiresAt > now() ? row.answer : undefined;
    },

    /** Several keys at once: the fresh answers by key. */
    async getMany(keys: string[]): Promise<Map<string, unknown>> {
      const out = new Map<string, unknown>();
      if (!keys.length) return out;
      const t = now();
      for (const [key, row] of await rowsOf(keys)) if (row.expiresAt > t) out.set(key, row.answer);
      return out;
    },

    put: (key: string, answer: unknown, ttlMs = KEYWORD_TTL_MS): Promise<void> =>
      recent.writing(() => write(key, answer, ttlMs)),

    remove: (key: string): Promise<void> =>
      recent.writing(async () => {
        await q().deleteMany({ where: { key } });
      }),

    /** Drops the rows that expired (called now and then; stale rows are never served anyway). */
    prune: (): Promise<number> =>
      recent.writing(
        async () => (await q().deleteMany({ where: { expiresAt: { $lte: now() } } })).count
      ),
  };

  async function write(key: string, answer: unknown, ttlMs: number): Promise<void> {
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
  }
}

export type KeywordCacheStore = ReturnType<typeof createKeywordCacheStore>;
