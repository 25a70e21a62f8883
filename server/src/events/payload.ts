import type { PinterestEvent, PinterestEventPayload } from './events';

/** A pin record row as the events read it (the columns they need, loosely typed). */
export interface PinRowForEvent {
  id: number;
  contentType: string;
  entryDocumentId: string;
  entryLocale: string;
  boardId: string | null;
  pinId: string | null;
  status: string;
  link: string | null;
  syncedAt?: unknown;
  lastError?: unknown;
}

/** The state of a row before an update: what decides whether the update is an event. */
export interface PinBefore {
  id: number;
  status: string;
  pinId: string | null;
}

const NO_LOCALE = 'default';

const codeOf = (error: unknown): string | null =>
  error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : null;

export function pinEventPayload(
  row: PinRowForEvent,
  errorCode?: string | null
): PinterestEventPayload {
  return {
    entry: {
      uid: row.contentType,
      documentId: row.entryDocumentId,
      locale: row.entryLocale === NO_LOCALE ? null : row.entryLocale,
    },
    pin: row.pinId
      ? {
          id: row.pinId,
          url: `https://www.pinterest.com/pin/${row.pinId}/`,
          boardId: row.boardId,
          link: row.link,
        }
      : null,
    status: row.status,
    errorCode: errorCode !== undefined ? errorCode : codeOf(row.lastError),
  };
}

/**
 * Which event (if any) an update of a pin record is, from what it wrote and the row before it:
 * a pin id newly set with `pinned` is a creation; `pinned` with `syncedAt` an edit that reached
 * Pinterest; `failed` / `out_of_sync` reached from another status a failure; `deleted` a deletion.
 */
export function pinEventOf(
  data: Record<string, unknown>,
  before: PinBefore | undefined
): PinterestEvent | null {
  const status = data.status;
  if (status === 'pinned' && typeof data.pinId === 'string' && data.pinId !== before?.pinId)
    return 'pinterest.pin.created';
  if (status === 'pinned' && data.syncedAt) return 'pinterest.pin.updated';
  if ((status === 'failed' || status === 'out_of_sync') && before?.status !== status)
    return 'pinterest.pin.failed';
  if (status === 'deleted' && before?.status !== 'deleted') return 'pinterest.pin.deleted';
  return null;
}

/** Does this write possibly make an event (so the row before it is worth reading)? */
export const mayBePinEvent = (data: Record<string, unknown> | undefined): boolean =>
  !!data && ['pinned', 'failed', 'out_of_sync', 'deleted'].includes(String(data.status));
