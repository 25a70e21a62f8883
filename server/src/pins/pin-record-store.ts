import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { emitPinterestEvent } from '../events/emitter';
import { pinEventOf, pinEventPayload } from '../events/payload';
import { groupCommit } from '../utils/group-commit';
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
  /** The link health scan's last result for the pin's link (server/src/links), if any. */
  linkCheck: z.unknown().optional(),
});
export type PinRecordRow = z.infer<typeof pinRecordRowSchema>;
/** The record's Pinterest SEO checklist (server/src/seo), written with it, never read back here. */
export type SeoColumns = { seo: unknown; seoScore: number | null };

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

/**
 * The entry's pin in this locale on whatever board it is now (an entry has one board at a time):
 * its live pin, else its newest record. `rows` are the entry's records in this locale. Pure.
 */
export function currentRecord(rows: PinRecordRow[]): PinRecordRow | null {
  const newestFirst = [...rows].sort((a, b) => b.id - a.id);
  return newestFirst.find((r) => r.pinId && r.status !== 'deleted') ?? newestFirst[0] ?? null;
}

type Knex = Core.Strapi['db']['connection'];
const TABLE = 'pinterest_pin_records';

/** What a new record starts from: its account, marker and section. */
type RecordInit = { marker: string; boardSectionId: string | null; accountId: number | null };

/** The columns of a new record that start empty. */
const EMPTY_RECORD = {
  pinId: null,
  title: null,
  link: null,
  mediaSource: null,
  designUrl: null,
  description: null,
  altText: null,
  syncedHash: null,
  mediaId: null,
  deletedAt: null,
  createAttemptedAt: null,
  pinnedAt: null,
  syncedAt: null,
  lastError: null,
};

const isUniqueViolation = (e: unknown) =>
  /unique|duplicate/i.test(String((e as Error)?.message ?? e));

/** The pins the plugin made (or is making): one row per entry × locale × board (a unique index). */
export function createPinRecordStore(strapi: Core.Strapi) {
  const q = () => strapi.db.query(PIN_RECORD_UID);
  const group = groupCommit(strapi);

  /** Attribute names to column names, JSON attributes serialised (as Strapi writes them). */
  const toColumns = (data: Record<string, unknown>): Record<string, unknown> => {
    const attributes = strapi.db.metadata.get(PIN_RECORD_UID).attributes as Record<
      string,
      { type: string; columnName?: string }
    >;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(data)) {
      if (value === undefined) continue;
      const attribute = attributes[name];
      if (!attribute) throw new Error(`a pin record has no attribute ${name}`);
      out[attribute.columnName ?? name] =
        attribute.type === 'json' && value !== null ? JSON.stringify(value) : value;
    }
    return out;
  };
  /** A new row's columns as written, with the id the database gave it. */
  async function insertRow(
    target: PinTarget,
    init: RecordInit,
    fields: Partial<Omit<PinRecordRow, 'id'>> = {}
  ): Promise<PinRecordRow> {
    const now = new Date();
    const data = {
      ...EMPTY_RECORD,
      ...whereTarget(target),
      marker: init.marker,
      boardSectionId: init.boardSectionId,
      accountId: init.accountId,
      status: 'pinning' as const,
      ...fields,
    };
    const returned: unknown[] = await withConnection((knex) =>
      knex(TABLE)
        .insert({
          ...toColumns(data),
          document_id: randomUUID().replace(/-/g, '').slice(0, 24),
          created_at: now,
          updated_at: now,
          published_at: now,
        })
        .returning('id')
    );
    const first = returned[0];
    const id = first && typeof first === 'object' ? (first as { id: unknown }).id : first;
    return toRow({ ...data, id });
  }

  /** Runs one statement in the caller's transaction when there is one, else on its own. */
  const withConnection = <T>(fn: (knex: Knex) => Promise<T>): Promise<T> =>
    strapi.db.inTransaction()
      ? (strapi.db.transaction(({ trx }: { trx: Knex }) => fn(trx)) as Promise<T>)
      : fn(strapi.db.connection);
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
     * The worker's own writes to a record it holds (its job's lease): one UPDATE by id, no read
     * back — the row is `row` with `data` on top. The webhook event the write makes (pin created,
     * updated, failed, deleted) is emitted from `row` as the state before, as the lifecycle
     * subscriber does for other writes (after commit when in a transaction).
     */
    async write(
      row: PinRecordRow,
      data: Partial<Omit<PinRecordRow, 'id'>>,
      /** The SEO checklist, in the same UPDATE (the pin job's finish). */
      seo?: SeoColumns
    ): Promise<PinRecordRow> {
      // grouped with other lanes' small writes (one commit) when several are due at once
      const count = await group(
        (knex) =>
          knex(TABLE)
            .where({ id: row.id })
            .update(toColumns({ ...data, ...seo })),
        { oneStatement: true }
      );
      if (count !== 1) throw new Error(`pin record ${row.id} is gone`);
      const after: PinRecordRow = { ...row, ...data };
      const kind = pinEventOf(data, row);
      if (kind) await emitPinterestEvent(strapi, kind, pinEventPayload(after));
      return after;
    },

    /**
     * `findOrCreate` for a worker that has just read the entry's records in this locale (`rows`):
     * the record for the target among them, else one INSERT (no read back: the row is what was
     * written). Another worker inserting the same target first is read back.
     */
    async findOrInsert(
      rows: PinRecordRow[],
      target: PinTarget,
      init: RecordInit
    ): Promise<PinRecordRow> {
      const known = rows.find(
        (r) =>
          r.boardId === target.boardId &&
          r.contentType === target.contentType &&
          r.entryDocumentId === target.documentId &&
          r.entryLocale === target.locale
      );
      if (known) return known;
      try {
        return await insertRow(target, init);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const again = await find(target);
        if (again) return again;
        throw e;
      }
    },

    /**
     * A new record written with its first create attempt (`fields`), in one INSERT: the job's
     * fenced step makes the record and records the attempt at once. A record already there for
     * the target fails the statement (nothing is sent; the job runs again and finds it).
     */
    insertAttempt: (
      target: PinTarget,
      init: RecordInit,
      fields: Partial<Omit<PinRecordRow, 'id'>>
    ): Promise<PinRecordRow> => insertRow(target, init, fields),

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
