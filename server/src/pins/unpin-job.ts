import type { PinterestClient } from '../pinterest/client';
import { PinError, toPinError } from '../errors/pin-error';
import type { JobRow } from '../queue/job-store';
import { LeaseLostError, type JobContext } from '../queue/worker';
import { ALL_LOCALES, entryJobPayloadSchema, type EntryRef } from './job-keys';
import { lookupDraftOf, recoverUnknownCreate } from './pin-entry-job';
import type { PinRecordRow, PinRecordStore } from './pin-record-store';

export interface UnpinDeps {
  /** The Pinterest client of an account (a record's account; null: the default account). */
  client: (accountId?: number | null) => PinterestClient;
  records: PinRecordStore;
  /** Whether the entry's `pin.entry` job (this locale) runs now: its create may be leaving. */
  createRunning: (ref: EntryRef) => Promise<boolean>;
  now?: () => Date;
}

/**
 * The `pin.unpin` job: deletes the pins of an entry that was unpublished or deleted (for content
 * types configured with `onUnpublish: 'delete'`). A pin already gone on Pinterest (404) counts as
 * done. A record whose create had an unknown outcome is settled first: while that entry's pin job
 * runs, the unpin waits for it; otherwise it looks on the board by the attempt's marker and deletes
 * what it finds — it never waits on a create that nobody will finish.
 */
export function createUnpinHandler(deps: UnpinDeps) {
  const now = deps.now ?? (() => new Date());
  return async function unpin(job: JobRow, ctx: JobContext) {
    const ref = entryJobPayloadSchema.parse(job.payload);
    let rows = await deps.records.listForEntry(
      ref.contentType,
      ref.documentId,
      ref.locale === ALL_LOCALES ? undefined : ref.locale
    );
    rows = await settleUnknownCreates(deps, rows, ctx);
    const deleted: string[] = [];
    for (const row of rows) {
      if (!row.pinId || row.status === 'deleted') continue;
      await ctx.ensureLease();
      // each pin is deleted with the account it is on
      await deps.client(row.accountId).deletePin(row.pinId);
      await deps.records.update(row.id, { status: 'deleted', deletedAt: now(), lastError: null });
      deleted.push(row.pinId);
    }
    return { deleted };
  };
}

async function settleUnknownCreates(
  deps: UnpinDeps,
  rows: PinRecordRow[],
  ctx: JobContext
): Promise<PinRecordRow[]> {
  const settled: PinRecordRow[] = [];
  for (const row of rows) {
    if (row.pinId || !row.createAttemptedAt || row.status === 'deleted') {
      settled.push(row);
      continue;
    }
    const entryRef = {
      contentType: row.contentType,
      documentId: row.entryDocumentId,
      locale: row.entryLocale,
    };
    if (await deps.createRunning(entryRef)) {
      // a create is in flight: wait for its outcome rather than leave a pin behind
      throw new PinError(
        'BOARD_LOCKED',
        'A pin for this entry is being created; it will be deleted once that finishes.'
      );
    }
    let found;
    try {
      found = await recoverUnknownCreate(
        deps.client(row.accountId),
        lookupDraftOf(row),
        new Date(row.createAttemptedAt)
      );
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      const error = toPinError(e);
      if (error.code === 'OUTCOME_UNKNOWN') {
        const told = new PinError(
          'OUTCOME_UNKNOWN',
          `${error.message} The entry was withdrawn: if that pin is on board ${row.boardId}, delete it on Pinterest.`
        );
        await ctx.fenced(() =>
          deps.records.update(row.id, {
            status: 'failed',
            createAttemptedAt: null,
            lastError: told.toJSON(),
          })
        );
        throw told;
      }
      throw error;
    }
    const pinId = found?.id ?? null;
    settled.push(
      await ctx.fenced(() =>
        deps.records.update(row.id, {
          createAttemptedAt: null,
          ...(pinId ? { pinId, status: 'pinned' } : { status: 'deleted', deletedAt: new Date() }),
        })
      )
    );
  }
  return settled;
}
