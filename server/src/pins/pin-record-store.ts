import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { pinStatusSchema, type PinRecordDTO } from '../../../common/wire';
import { PIN_RECORD_UID } from '../content-types';
import { dbDate, dbNumber, dbNumberOrNull, dbPinError, dbText } from '../utils/db-columns';

export interface PinTarget {
  contentType: string;
  documentId: string;
  locale: string;
  boardId: string;
}

/** A pin record as the store reads it. */
const pinRecordRowSchema = z.object({
  id: dbNumber,
  contentType: z.string(),
  entryDocumentId: z.string(),
  entryLocale: z.string(),
  /** The account the pin is on (the plugin's account id); null: made before several accounts. */
  accountId: dbNumberOrNull,
  boardId: z.string(),
  boardSectionId: dbText,
  marker: z.string(),
  pinId: dbText,
  status: pinStatusSchema,
  title: dbText,
  link: dbText,
  mediaSource: dbText,
  /** The Media Library URL of the designed image the pin was made from; null: the entry's own. */
  designUrl: dbText,
  description: dbText,
  altText: dbText,
  /** Hash of what was last sent to Pinterest (texts, link, board): an edit changes it. */
  syncedHash: dbText,
  /** The uploaded video's media id, kept so a retry polls it again instead of uploading again. */
  mediaId: dbText,
  deletedAt: dbDate,
  createAttemptedAt: dbDate,
  pinnedAt: dbDate,
  /** When an edit of the entry last reached Pinterest (PATCH); empty until the first one. */
  syncedAt: dbDate,
  lastError: dbPinError,
});
export type PinRecordRow = z.infer<typeof pinRecordRowSchema>;

const toRow = (row: unknown): PinRecordRow => pinRecordRowSchema.parse(row);
const toRowOrNull = (row: unknown): PinRecordRow | null => (row ? toRow(row) : null);
const toRows = (rows: unknown[]): PinRecordRow[] => rows.map(toRow);

const iso = (v: string | Date | null | undefined) => (v ? new Date(v).toISOString() : null);

export const pinUrlOf = (pinId: string | null) =>
  pinId ? `https://www.pinterest.com/pin/${pinId}/` : null;

export function toPinRecordDTO(row: PinRecordRow): PinRecordDTO {
  return {
    id: row.id,
    contentType: row.contentType,
    documentId: row.entryDocumentId,
    locale: row.entryLocale,
    boardId: row.boardId,
    boardSectionId: row.boardSectionId ?? null,
    pinId: row.pinId ?? null,
    pinUrl: pinUrlOf(row.pinId ?? null),
    status: row.status,
    title: row.title ?? null,
    link: row.link ?? null,
    mediaSource: row.mediaSource ?? null,
    designUrl: row.designUrl ?? null,
    pinnedAt: iso(row.pinnedAt),
    lastSyncedAt: iso(row.syncedAt),
    lastError: row.lastError ?? null,
    withoutLink: Boolean(row.pinId) && !row.link,
  };
}

/** The pins the plugin made (or is making): one row per entry × locale × board (a unique index). */
export function createPinRecordStore(strapi: Core.Strapi) {
  const q = () => strapi.db.query(PIN_RECORD_UID);
  const whereTarget = (t: PinTarget) => ({
    contentType: t.contentType,
    entryDocumentId: t.documentId,
    entryLocale: t.locale,
    boardId: t.boardId,
  });

  const find = async (target: PinTarget): Promise<PinRecordRow | null> =>
    toRowOrNull(await q().findOne({ where: whereTarget(target) }));

  return {
    find,

    /** The record for a target, created in state `pinning` when there is none yet. */
    async findOrCreate(
      target: PinTarget,
      init: { marker: string; boardSectionId: string | null; accountId?: number | null }
    ): Promise<PinRecordRow> {
      const existing = await find(target);
      if (existing) return existing;
      try {
        return toRow(
          await q().create({
            data: {
              ...whereTarget(target),
              marker: init.marker,
              boardSectionId: init.boardSectionId,
              accountId: init.accountId ?? null,
              status: 'pinning',
            },
          })
        );
      } catch (e) {
        const again = await find(target);
        if (again) return again;
        throw e;
      }
    },

    async remove(id: number): Promise<void> {
      await q().delete({ where: { id } });
    },

    /**
     * One UPDATE and one read of the row back. (Strapi's `query().update` reads the row before and
     * after and wraps a relations step in a transaction of its own: five statements where the
     * record, which has no relations, needs two. It runs on every pin.)
     */
    async update(id: number, data: Partial<Omit<PinRecordRow, 'id'>>): Promise<PinRecordRow> {
      await q().updateMany({ where: { id }, data });
      const row: unknown = await q().findOne({ where: { id } });
      if (!row) throw new Error(`pin record ${id} is gone`);
      return toRow(row);
    },

    /**
     * The entry's pin in this locale on whatever board it is now (an entry has one board at a
     * time).
     */
    async findForEntry(
      contentType: string,
      documentId: string,
      locale: string
    ): Promise<PinRecordRow | null> {
      const rows = toRows(
        await q().findMany({
          where: { contentType, entryDocumentId: documentId, entryLocale: locale },
          orderBy: { id: 'desc' },
        })
      );
      return rows.find((r) => r.pinId && r.status !== 'deleted') ?? rows[0] ?? null;
    },

    async listForEntry(
      contentType: string,
      documentId: string,
      locale?: string
    ): Promise<PinRecordRow[]> {
      return toRows(
        await q().findMany({
          where: {
            contentType,
            entryDocumentId: documentId,
            ...(locale && { entryLocale: locale }),
          },
          orderBy: { id: 'asc' },
        })
      );
    },
  };
}

export type PinRecordStore = ReturnType<typeof createPinRecordStore>;
