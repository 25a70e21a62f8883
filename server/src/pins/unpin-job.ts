import type { PinterestClient } from '../pinterest/client';
import { PinError } from '../errors/pin-error';
import type { JobRow } from '../queue/job-store';
import type { JobContext } from '../queue/worker';
import { ALL_LOCALES, entryJobPayloadSchema } from './job-keys';
import type { PinRecordStore } from './pin-record-store';

export interface UnpinDeps {
  client: () => PinterestClient;
  records: PinRecordStore;
  now?: () => Date;
}

/**
 * The `pin.unpin` job: deletes the pins of an entry that was unpublished or deleted (for content
 * types configured with `onUnpublish: 'delete'`). A pin already gone on Pinterest (404) counts as
 * done.
 */
export function createUnpinHandler(deps: UnpinDeps) {
  const now = deps.now ?? (() => new Date());
  return async function unpin(job: JobRow, ctx: JobContext) {
    const ref = entryJobPayloadSchema.parse(job.payload);
    const rows = await deps.records.listForEntry(
      ref.contentType,
      ref.documentId,
      ref.locale === ALL_LOCALES ? undefined : ref.locale
    );
    if (rows.some((r) => r.status === 'pinning' && r.createAttemptedAt)) {
      // a create is in flight: wait for its outcome rather than leave a pin behind
      throw new PinError(
        'BOARD_LOCKED',
        'A pin for this entry is being created; it will be deleted once that finishes.'
      );
    }
    const deleted: string[] = [];
    for (const row of rows) {
      if (!row.pinId || row.status === 'deleted') continue;
      await ctx.ensureLease();
      await deps.client().deletePin(row.pinId);
      await deps.records.update(row.id, { status: 'deleted', deletedAt: now(), lastError: null });
      deleted.push(row.pinId);
    }
    return { deleted };
  };
}
