import { pinFieldValueSchema, type PinFieldValue } from '../../../common/pin-field';
import type { ContentTypeMapping, PluginConfig } from '../config/schema';
import { markerOfLink } from '../mapping/link';
import { buildPinDraft, type PinDraft } from '../mapping/pin-draft';
import { PinError, toPinError } from '../pinterest/errors';
import type { PinterestClient } from '../pinterest/client';
import type { MediaSource, Pin } from '../pinterest/schemas';
import type { JobRow } from '../queue/job-store';
import { LeaseLostError, type JobContext } from '../queue/worker';
import type { EntryRef } from './job-keys';
import { resolveImageSource, type MediaSourceContext } from './media-source';
import type { PinRecordRow, PinRecordStore } from './pin-record-store';

export interface PinEntryDeps {
  config: PluginConfig;
  /** The content type's mapping (config plus the administrator's saved defaults), or null when unmapped. */
  mappingFor: (contentType: string) => Promise<ContentTypeMapping | null>;
  client: () => PinterestClient;
  records: PinRecordStore;
  mediaContext: MediaSourceContext;
  /** The published version of the entry with its media populated, or null when there is none. */
  loadPublishedEntry: (ref: EntryRef, mapping: ContentTypeMapping) => Promise<Record<string, unknown> | null>;
  /** The attribute holding the `plugin::pinterest.pin` field, if the content type has one. */
  pinFieldOf: (contentType: string, mapping: ContentTypeMapping) => string | null;
  now?: () => Date;
}

export type PinEntryResult =
  | { outcome: 'pinned'; pinId: string; adopted: boolean }
  | { outcome: 'already-pinned'; pinId: string }
  | { outcome: 'skipped'; reason: 'unpublished' | 'disabled' };

export function readPinField(entry: Record<string, unknown>, attribute: string | null): PinFieldValue | null {
  if (!attribute) return null;
  const parsed = pinFieldValueSchema.safeParse(entry[attribute] ?? {});
  return parsed.success ? parsed.data : null;
}

/**
 * The `pin.entry` job: turns the published entry into exactly one pin per board.
 * Idempotent: a pin already made is never made again, and a create whose outcome was unknown
 * (a crash or a timeout after sending) is first looked for on the board by the plugin's marker.
 */
export function createPinEntryHandler(deps: PinEntryDeps) {
  const now = deps.now ?? (() => new Date());

  return async function pinEntry(job: JobRow, ctx: JobContext): Promise<PinEntryResult> {
    const ref = job.payload as unknown as EntryRef;
    const mapping = await deps.mappingFor(ref.contentType);
    if (!mapping) {
      throw new PinError('NOT_CONFIGURED', `The content type ${ref.contentType} is not mapped in the Pinterest plugin's configuration.`);
    }
    const entry = await deps.loadPublishedEntry(ref, mapping);
    if (!entry) return { outcome: 'skipped', reason: 'unpublished' };

    const field = readPinField(entry, deps.pinFieldOf(ref.contentType, mapping));
    const enabled = field?.enabled ?? mapping.pinOnPublish;
    if (!enabled) return { outcome: 'skipped', reason: 'disabled' };

    const draft = buildPinDraft({ ...ref, entry, mapping, field, utm: deps.config.utm });
    const target = { ...ref, boardId: draft.boardId };
    const record = await deps.records.findOrCreate(target, { marker: draft.marker, boardSectionId: draft.boardSectionId });

    if (record.pinId) {
      if (record.status !== 'pinned') await deps.records.update(record.id, { status: 'pinned', lastError: null });
      return { outcome: 'already-pinned', pinId: record.pinId };
    }

    if (record.createAttemptedAt) {
      const found = await findPinByMarker(deps.client(), draft, new Date(record.createAttemptedAt));
      if (found) {
        await markPinned(deps, record, found, draft, 'adopted');
        return { outcome: 'pinned', pinId: found.id, adopted: true };
      }
    }

    try {
      const mediaSource = await mediaSourceFor(draft, deps.mediaContext);
      // fencing: only the worker that still holds the job may create the pin
      await ctx.ensureLease();
      await deps.records.update(record.id, {
        status: 'pinning',
        createAttemptedAt: now(),
        boardSectionId: draft.boardSectionId,
        title: draft.title,
        link: draft.link,
        mediaSource: mediaSource.source_type,
      });
      const pin = await deps.client().createPin({
        board_id: draft.boardId,
        ...(draft.boardSectionId && { board_section_id: draft.boardSectionId }),
        ...(draft.title && { title: draft.title }),
        ...(draft.description && { description: draft.description }),
        ...(draft.link && { link: draft.link }),
        ...(draft.altText && { alt_text: draft.altText }),
        media_source: mediaSource,
      });
      await markPinned(deps, record, pin, draft, mediaSource.source_type);
      return { outcome: 'pinned', pinId: pin.id, adopted: false };
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      const error = toPinError(e);
      await deps.records.update(record.id, {
        status: error.retryable ? 'pinning' : 'failed',
        lastError: error.toJSON(),
        // a create that certainly did not happen needs no look-up before the next attempt
        ...(!error.outcomeUnknown && { createAttemptedAt: null }),
      });
      throw error;
    }
  };
}

async function mediaSourceFor(draft: PinDraft, ctx: MediaSourceContext): Promise<MediaSource> {
  if (draft.media.kind === 'video') {
    throw new PinError('MEDIA_UNSUPPORTED', 'The hero media is a video; video pins are not supported by this version of the plugin yet.', {
      advice: 'Use an image as the hero media for now, then publish again.',
    });
  }
  return resolveImageSource(draft.media, ctx);
}

async function markPinned(deps: PinEntryDeps, record: PinRecordRow, pin: Pin, draft: PinDraft, source: string) {
  await deps.records.update(record.id, {
    status: 'pinned',
    pinId: pin.id,
    pinnedAt: pin.created_at ? new Date(pin.created_at) : new Date(),
    title: draft.title,
    link: draft.link,
    mediaSource: source,
    lastError: null,
    createAttemptedAt: null,
  });
}

/** How far before the recorded attempt a pin may be dated (clock skew between us and Pinterest). */
const SKEW_MS = 10 * 60_000;

/**
 * Looks through the board's pins, newest first, for the one carrying this draft's marker — as far
 * back as the attempt whose outcome is unknown, however many pins were made on the board since.
 */
async function findPinByMarker(client: PinterestClient, draft: PinDraft, attemptedAt: Date): Promise<Pin | null> {
  const oldest = attemptedAt.getTime() - SKEW_MS;
  let bookmark: string | undefined;
  for (let page = 0; page < 40; page += 1) {
    const res = await client.listBoardPins(draft.boardId, 250, bookmark);
    const match =
      res.items.find((pin) => markerOfLink(pin.link) === draft.marker) ??
      (draft.link ? undefined : res.items.find((pin) => !pin.link && pin.title === draft.title));
    if (match) return match;
    const reachedOlder = res.items.some((pin) => pin.created_at && Date.parse(pin.created_at) < oldest);
    if (reachedOlder || !res.bookmark) return null;
    bookmark = res.bookmark;
  }
  return null;
}
