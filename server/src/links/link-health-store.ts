import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PIN_RECORD_UID } from '../content-types';
import { dbDate, dbNumber, dbText } from '../utils/db-columns';
import type { LinkCheckResult } from './link-verdict';

/** A live pin as the link health reads it (its record's columns). */
const linkRowSchema = z.object({
  id: dbNumber,
  contentType: z.string(),
  entryDocumentId: z.string(),
  entryLocale: z.string(),
  boardId: dbText,
  pinId: dbText,
  status: z.string(),
  title: dbText,
  link: dbText,
  pinnedAt: dbDate,
  linkStatus: dbText,
  linkCheckedAt: dbDate,
  linkCheck: z.unknown().nullish(),
});
export type LinkRow = z.infer<typeof linkRowSchema>;

const toRows = (rows: unknown[]): LinkRow[] => rows.map((r) => linkRowSchema.parse(r));

const LIVE = { status: 'pinned', pinId: { $notNull: true }, link: { $notNull: true } };

/** The link health columns of the pin records (`linkStatus`, `linkCheckedAt`, `linkCheck`). */
export function createLinkHealthStore(strapi: Core.Strapi) {
  const q = () => strapi.db.query(PIN_RECORD_UID);
  return {
    /**
     * Live pins whose link is due a check, oldest check first (never checked before all), at
     * most `limit`.
     */
    async due(now: number, recheckAfterMs: number, limit: number): Promise<LinkRow[]> {
      const never = toRows(
        await q().findMany({
          where: { ...LIVE, linkCheckedAt: { $null: true } },
          orderBy: { id: 'asc' },
          limit,
        })
      );
      if (never.length >= limit) return never;
      const stale = toRows(
        await q().findMany({
          where: { ...LIVE, linkCheckedAt: { $lt: new Date(now - recheckAfterMs) } },
          orderBy: [{ linkCheckedAt: 'asc' }, { id: 'asc' }],
          limit: limit - never.length,
        })
      );
      return [...never, ...stale];
    },

    async save(id: number, result: LinkCheckResult): Promise<void> {
      await q().updateMany({
        where: { id },
        data: {
          linkStatus: result.state,
          linkCheckedAt: new Date(result.checkedAt),
          linkCheck: result,
        },
      });
    },

    /** Live pins whose link was found broken, most recently checked first. */
    async broken(limit: number, contentType?: string): Promise<LinkRow[]> {
      return toRows(
        await q().findMany({
          where: { ...LIVE, linkStatus: 'broken', ...(contentType && { contentType }) },
          orderBy: [{ linkCheckedAt: 'desc' }, { id: 'desc' }],
          limit,
        })
      );
    },

    /** The most recently pinned live pins (the Rich Pins sample of the settings page). */
    async recent(limit: number, contentType?: string): Promise<LinkRow[]> {
      return toRows(
        await q().findMany({
          where: { ...LIVE, ...(contentType && { contentType }) },
          orderBy: [{ pinnedAt: 'desc' }, { id: 'desc' }],
          limit,
        })
      );
    },

    async forEntry(contentType: string, documentId: string): Promise<LinkRow[]> {
      return toRows(
        await q().findMany({
          where: { contentType, entryDocumentId: documentId, pinId: { $notNull: true } },
          orderBy: { id: 'asc' },
        })
      );
    },
  };
}

export type LinkHealthStore = ReturnType<typeof createLinkHealthStore>;
