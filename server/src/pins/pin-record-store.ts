import type { Core } from '@strapi/strapi';
import type { PinErrorDTO, PinRecordDTO, PinStatus } from '../../../common/wire';
import { PIN_RECORD_UID } from '../content-types';

export interface PinTarget {
  contentType: string;
  documentId: string;
  locale: string;
  boardId: string;
}

export interface PinRecordRow {
  id: number;
  contentType: string;
  entryDocumentId: string;
  entryLocale: string;
  boardId: string;
  boardSectionId: string | null;
  marker: string;
  pinId: string | null;
  status: PinStatus;
  title: string | null;
  link: string | null;
  mediaSource: string | null;
  description?: string | null;
  altText?: string | null;
  /** Hash of what was last sent to Pinterest (texts, link, board): an edit changes it. */
  syncedHash?: string | null;
  /** The uploaded video's media id, kept so a retry polls it again instead of uploading again. */
  mediaId?: string | null;
  deletedAt?: string | Date | null;
  createAttemptedAt: string | Date | null;
  pinnedAt: string | Date | null;
  lastError: PinErrorDTO | null;
}

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
    pinnedAt: iso(row.pinnedAt),
    lastError: row.lastError ?? null,
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

  return {
    async find(target: PinTarget): Promise<PinRecordRow | null> {
      return (await q().findOne({ where: whereTarget(target) })) as PinRecordRow | null;
    },

    /** The record for a target, created in state `pinning` when there is none yet. */
    async findOrCreate(
      target: PinTarget,
      init: { marker: string; boardSectionId: string | null }
    ): Promise<PinRecordRow> {
      const existing = await this.find(target);
      if (existing) return existing;
      try {
        return (await q().create({
          data: {
            ...whereTarget(target),
            marker: init.marker,
            boardSectionId: init.boardSectionId,
            status: 'pinning',
          },
        })) as PinRecordRow;
      } catch (e) {
        const again = await this.find(target);
        if (again) return again;
        throw e;
      }
    },

    async remove(id: number): Promise<void> {
      await q().delete({ where: { id } });
    },

    async update(id: number, data: Partial<Omit<PinRecordRow, 'id'>>): Promise<PinRecordRow> {
      return (await q().update({ where: { id }, data })) as PinRecordRow;
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
      const rows = (await q().findMany({
        where: { contentType, entryDocumentId: documentId, entryLocale: locale },
        orderBy: { id: 'desc' },
      })) as PinRecordRow[];
      return rows.find((r) => r.pinId && r.status !== 'deleted') ?? rows[0] ?? null;
    },

    async listForEntry(
      contentType: string,
      documentId: string,
      locale?: string
    ): Promise<PinRecordRow[]> {
      return (await q().findMany({
        where: { contentType, entryDocumentId: documentId, ...(locale && { entryLocale: locale }) },
        orderBy: { id: 'asc' },
      })) as PinRecordRow[];
    },
  };
}

export type PinRecordStore = ReturnType<typeof createPinRecordStore>;
