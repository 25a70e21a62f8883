import type { EntryPinsDTO, JobDTO, PinErrorDTO, PinRecordDTO } from '../../../common/wire';

export type EntryPinStatus =
  | 'not_pinned'
  | 'waiting'
  | 'scheduled'
  | 'pinning'
  | 'pinned'
  /** The entry is pinned and an edit of it waits to reach Pinterest. */
  | 'sync_waiting'
  /** The entry is pinned and an edit of it is being sent to Pinterest. */
  | 'syncing'
  | 'failed'
  | 'reconnect_required'
  | 'paused'
  | 'out_of_sync'
  | 'cancelled'
  | 'deleted';

export interface EntryPinState {
  status: EntryPinStatus;
  /** The job behind the status, when there is one (for Retry). */
  job: JobDTO | null;
  /** The error to explain, if any. */
  error: PinErrorDTO | null;
  /** When a waiting job runs next. */
  nextRunAt: string | null;
  pins: PinRecordDTO[];
}

const ACCOUNT_CODES = new Set(['UNAUTHORIZED', 'NOT_CONNECTED']);

/** What the side panel says about an entry, from its pin records and jobs. Pure. */
export function entryPinState(data: EntryPinsDTO, now = Date.now()): EntryPinState {
  const job =
    [...data.jobs].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))[0] ?? null;
  const pinned = data.pins.filter((p) => p.status === 'pinned');
  const base = { job, error: job?.lastError ?? null, nextRunAt: null, pins: data.pins };
  if (!job) return { ...base, status: pinned.length ? 'pinned' : 'not_pinned' };
  switch (job.state) {
    case 'running':
      return { ...base, status: pinned.length ? 'syncing' : 'pinning' };
    case 'failed':
      return {
        ...base,
        status: job.lastError?.code === 'EDIT_UNSUPPORTED' ? 'out_of_sync' : 'failed',
      };
    case 'cancelled':
      return { ...base, status: pinned.length ? 'pinned' : 'cancelled', error: null };
    case 'waiting': {
      const runAt = job.runAt ? Date.parse(job.runAt) : now;
      if (job.lastError && ACCOUNT_CODES.has(job.lastError.code))
        return { ...base, status: 'reconnect_required', nextRunAt: job.runAt };
      if (job.lastError?.code === 'WRITES_PAUSED')
        return { ...base, status: 'paused', nextRunAt: job.runAt };
      if (!job.lastError && runAt > now + 5_000)
        return { ...base, status: 'scheduled', nextRunAt: job.runAt };
      if (pinned.length && !job.lastError)
        return { ...base, status: 'sync_waiting', nextRunAt: job.runAt };
      return { ...base, status: 'waiting', nextRunAt: job.runAt };
    }
    default: {
      if (data.pins.some((p) => p.status === 'out_of_sync'))
        return { ...base, status: 'out_of_sync' };
      if (pinned.length) return { ...base, status: 'pinned', error: null };
      if (data.pins.length && data.pins.every((p) => p.status === 'deleted'))
        return { ...base, status: 'deleted', error: null };
      // done without a pin: skipped (unpublished or pinning turned off)
      return { ...base, status: 'not_pinned', error: null };
    }
  }
}

/** Whether the panel should keep polling. */
export const isSettling = (s: EntryPinState) =>
  s.status === 'waiting' ||
  s.status === 'pinning' ||
  s.status === 'scheduled' ||
  s.status === 'sync_waiting' ||
  s.status === 'syncing';

/** Failures an editor must fix in the entry before trying again: the fix is offered, not Retry. */
export const BOARD_FIX_CODES: ReadonlySet<string> = new Set([
  'BOARD_REQUIRED',
  'BOARD_NOT_FOUND',
  'SECTION_NOT_FOUND',
]);
export const MEDIA_FIX_CODES: ReadonlySet<string> = new Set([
  'MEDIA_REQUIRED',
  'MEDIA_UNSUPPORTED',
  'MEDIA_TOO_LARGE',
  'MEDIA_TOO_SMALL',
  'MEDIA_NOT_PUBLIC',
  'MEDIA_UNREADABLE',
  'VIDEO_DURATION',
]);

/** When the entry's pin last took an edit (the latest of its pinned records), if ever. */
export const lastSyncedAt = (s: EntryPinState): string | null =>
  s.pins
    .filter((p) => p.status === 'pinned' && p.lastSyncedAt)
    .map((p) => p.lastSyncedAt as string)
    .sort()
    .at(-1) ?? null;
