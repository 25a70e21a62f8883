import { createHash } from 'node:crypto';
import { pinFieldValueSchema, type PinFieldValue } from '../../../common/pin-field';
import type { ContentTypeMapping, PluginConfig } from '../config/schema';
import { mappingPaths, withPreviewLink, type EntryLink } from '../mapping/entry-values';
import { markerOfLink } from '../mapping/link';
import { buildPinDraft, type PinDraft } from '../mapping/pin-draft';
import { pinCreateBody } from '../pinterest/pin-create-body';
import { PinError, toPinError, withAccount } from '../errors/pin-error';
import type { PinterestClient } from '../pinterest/client';
import type { MediaSource, Pin } from '../pinterest/schemas';
import type { JobRow } from '../queue/job-store';
import { LeaseLostError, type JobContext } from '../queue/worker';
import {
  DEFAULT_VIDEO_POLICY,
  videoMediaSource,
  type VideoPinDeps,
  type VideoPollPolicy,
} from '../media/video-pin';
import { entryJobPayloadSchema, type EntryRef } from './job-keys';
import { resolveImageSource, type MediaSourceContext } from '../media/media-source';
import {
  currentRecord,
  type PinRecordRow,
  type PinRecordStore,
  type SeoColumns,
} from './pin-record-store';
import type { ChosenImage } from '../mapping/media';
import { assertLinkAlive } from '../links/link-check';
import { routeEntry } from './entry-account';

export interface PinEntryDeps {
  config: PluginConfig;
  /**
   * The content type's mapping (config plus the administrator's saved defaults), or null when
   * unmapped.
   */
  mappingFor: (contentType: string) => Promise<ContentTypeMapping | null>;
  /** The Pinterest client of an account (the plugin's account id; null: the default account). */
  client: (accountId?: number | null) => PinterestClient;
  /**
   * Several accounts: the account id a choice stands for (null: the default account's id, or null
   * while only a configured token pins). Absent: every pin uses the default account.
   */
  accountOf?: (accountId: number | null) => Promise<number | null>;
  records: PinRecordStore;
  mediaContext: () => MediaSourceContext;
  /**
   * The published version of the entry with what these paths need populated, or null when there
   * is none.
   */
  loadPublishedEntry: (ref: EntryRef, paths: string[]) => Promise<Record<string, unknown> | null>;
  /** With `linkFromPreview`: the page URL the app's preview gives for the entry, or why not. */
  previewLink: (ref: EntryRef) => Promise<EntryLink>;
  /** The attribute holding the `plugin::pinterest.pin` field, if the content type has one. */
  pinFieldOf: (contentType: string, mapping: ContentTypeMapping) => string | null;
  /** Video uploads: polling and cover defaults. */
  video?: VideoPollPolicy;
  /**
   * Designed pins (server/src/designs): the 2:3 image to send instead of the entry's, or null for
   * the original image. Called only when a pin is created (rendered lazily, found by hash after).
   */
  designImage?: (input: {
    contentType: string;
    field: PinFieldValue | null;
    draft: PinDraft;
  }) => Promise<{ media: ChosenImage; altText: string } | null>;
  /**
   * Pinterest SEO (server/src/seo): runs after the pin is made or updated; never throws. Its
   * write goes to `save` when given (the job's finish: see `JobContext.atFinish`).
   */
  afterPinned?: (
    ref: EntryRef,
    /**
     * Hands the checklist to the job: its columns go in the UPDATE that records the pin when the
     * entry has no other pin in this locale, else `write` is made in the job's finish.
     */
    save?: (columns: SeoColumns, write: () => Promise<unknown>) => void,
    /** The published entry as the job read it (with the mapping's paths). */
    entry?: Record<string, unknown>,
    /** The entry's pin record as the job read it: its link check (null: none yet). */
    record?: { linkCheck: unknown }
  ) => Promise<void>;
  now?: () => Date;
}

export type PinEntryResult =
  | { outcome: 'pinned'; pinId: string; adopted: boolean }
  | { outcome: 'already-pinned'; pinId: string }
  | { outcome: 'updated'; pinId: string; moved: boolean }
  | { outcome: 'skipped'; reason: 'unpublished' | 'disabled' };

/** What identifies the content of a pin as sent: when it changes, the pin needs an update. */
export function syncHash(
  draft: Pick<PinDraft, 'boardId' | 'boardSectionId' | 'title' | 'description' | 'link' | 'altText'>
): string {
  const { boardId, boardSectionId, title, description, link, altText } = draft;
  return createHash('sha1')
    .update(JSON.stringify([boardId, boardSectionId ?? null, title, description, link, altText]))
    .digest('hex');
}

/**
 * Pinterest refuses PATCH to apps outside the beta: 403 (code 29), or a 404 that is not "pin not
 * found".
 */
const isEditRefusal = (e: PinError) =>
  e.code === 'FORBIDDEN' || (e.code === 'INVALID_REQUEST' && e.httpStatus === 404);

export function readPinField(
  entry: Record<string, unknown>,
  attribute: string | null
): PinFieldValue | null {
  if (!attribute) return null;
  const parsed = pinFieldValueSchema.safeParse(entry[attribute] ?? {});
  return parsed.success ? parsed.data : null;
}

/**
 * What a pin job read that its SEO checklist uses again (server/src/seo), and the pin's record
 * write waiting for the job's finish, which takes the checklist's columns when it is the entry's
 * only pin in this locale.
 */
type Seen = {
  entry?: Record<string, unknown>;
  record?: { linkCheck: unknown };
  pinnedWrite?: { seo?: SeoColumns };
};

/**
 * The `pin.entry` job: turns the published entry into exactly one pin per board.
 * Idempotent: a pin already made is never made again, and a create whose outcome was unknown
 * (a crash or a timeout after sending) is first looked for on the board by the plugin's marker.
 */
export function createPinEntryHandler(deps: PinEntryDeps) {
  const now = deps.now ?? (() => new Date());

  const pinEntry = async (
    job: JobRow,
    ctx: JobContext,
    seen: Seen = {}
  ): Promise<PinEntryResult> => {
    const { repin, accountId: _asked, ...ref } = entryJobPayloadSchema.parse(job.payload);
    const typeMapping = await deps.mappingFor(ref.contentType);
    if (!typeMapping) {
      throw new PinError(
        'NOT_CONFIGURED',
        `The content type ${ref.contentType} is not mapped in the Pinterest plugin's configuration.`
      );
    }
    const entry = await deps.loadPublishedEntry(ref, mappingPaths(typeMapping));
    if (!entry) return { outcome: 'skipped', reason: 'unpublished' };
    seen.entry = entry;

    const field = readPinField(entry, deps.pinFieldOf(ref.contentType, typeMapping));
    const enabled = field?.enabled ?? typeMapping.pinOnPublish;
    if (!enabled) return { outcome: 'skipped', reason: 'disabled' };

    // several accounts: the field's account, else the locale's, else the type's, else the default
    const route = routeEntry(field, typeMapping, ref.locale);
    const mapping: ContentTypeMapping =
      route.defaultBoardId === typeMapping.defaultBoardId
        ? typeMapping
        : {
            ...typeMapping,
            defaultBoardId: route.defaultBoardId,
            defaultBoardSectionId: undefined,
          };
    const accountOf = deps.accountOf ?? ((id: number | null) => Promise.resolve(id));
    const accountId = await accountOf(route.accountId);
    const sameAccount = async (recordAccount: number | null) =>
      (await accountOf(recordAccount)) === accountId;
    // every call below works on the entry's account
    const base = deps;
    const values: Record<string, unknown> = entry;
    // (a record left by another account is still looked after with that account's client)
    const client = (id?: number | null) => base.client(id === undefined ? accountId : id);
    return pinOnAccount({ ...deps, client }).catch((e: unknown) => {
      throw withAccount(e, accountId);
    });

    async function pinOnAccount(deps: PinEntryDeps): Promise<PinEntryResult> {
      const draft = buildPinDraft({
        ...ref,
        entry: mapping.linkFromPreview
          ? withPreviewLink(values, await deps.previewLink(ref))
          : values,
        mapping,
        field,
        utm: deps.config.utm,
      });
      // link health (server/src/links): a dead link fails the job before anything reaches Pinterest
      const checkLink = () =>
        deps.config.linkCheck.enabled
          ? assertLinkAlive(draft.link, {
              ...deps.config.linkCheck,
              allowlist: deps.config.mediaHostAllowlist,
              attempt: job.attempts,
            })
          : Promise.resolve();
      // the entry's records in this locale, read once (again only when the settling changed one)
      let rows = await deps.records.listForEntry(ref.contentType, ref.documentId, ref.locale);
      // (the pin job never writes a link check: the one read here is what the checklist shows)
      seen.record = { linkCheck: currentRecord(rows)?.linkCheck ?? null };
      if (await settleUnknownOnOtherBoards(deps, rows, draft, ctx))
        rows = await deps.records.listForEntry(ref.contentType, ref.documentId, ref.locale);
      let record = currentRecord(rows);
      /**
       * Where the SEO checklist's columns join the deferred UPDATE that records `pinned`: only
       * when that is the entry's one record with a pin in this locale (the checklist goes on each
       * such record, so with another one it is a write of its own).
       */
      const soleOf = (pinned: PinRecordRow) =>
        !ctx.atFinish || rows.some((r) => r.id !== pinned.id && r.pinId)
          ? undefined
          : (seen.pinnedWrite = {});
      // a live pin (an edit, a move, a re-pin) is left as it is when the link is dead; a new pin's
      // check fails its record below, so the entry and the pin.failed webhook say why
      if (record?.pinId && record.status !== 'deleted') await checkLink();

      // the entry now pins to another account: a move, one pin per entry × locale (the old one
      // deleted with its own account, or kept there, as the type's unpublish rule says)
      const moving =
        Boolean(record?.pinId) &&
        record!.status !== 'deleted' &&
        !(await sameAccount(record!.accountId));
      if (record?.pinId && record.status !== 'deleted' && !repin && !moving) {
        return syncEdits(deps, record, draft, ctx);
      }
      if (record?.pinId && moving) {
        // the content type's unpublish rule says whether the old account keeps its pin
        if (mapping.onUnpublish === 'delete') {
          await ctx.ensureLease();
          await base.client(record.accountId).deletePin(record.pinId);
        }
      } else if (record?.pinId && repin) {
        // an explicit re-pin (after Pinterest refused an edit): replace the pin, never add a second
        // one
        await ctx.ensureLease();
        await deps.client().deletePin(record.pinId);
      }
      // (a record on another board has no create of unknown outcome left: settled above)
      if (record && (record.pinId || record.boardId !== draft.boardId)) {
        // start again on this record: after a re-pin, a move or a deletion, or when the editor
        // chose another board before any pin existed
        const from = record;
        record = await ctx.fenced(() =>
          moveRecord(deps, from, draft, {
            pinId: null,
            status: 'pinning',
            createAttemptedAt: null,
            syncedHash: null,
            mediaId: null,
            deletedAt: null,
            accountId,
          })
        );
      }
      const target = { ...ref, boardId: draft.boardId };
      const init = { marker: draft.marker, boardSectionId: draft.boardSectionId, accountId };
      // an image pin's new record is written with its first attempt, in the fenced step below (one
      // statement); a video's first, as its upload remembers its media id on it
      if ((!record || record.boardId !== draft.boardId) && draft.media.kind === 'image') {
        record = null;
      } else if (!record || record.boardId !== draft.boardId) {
        record = await deps.records.findOrInsert(rows, target, init);
      }

      if (record?.pinId) {
        if (record.status !== 'pinned')
          await deps.records.update(record.id, { status: 'pinned', lastError: null });
        return { outcome: 'already-pinned', pinId: record.pinId };
      }

      const existing = record;
      try {
        if (existing?.createAttemptedAt) {
          const found = await recoverUnknownCreate(
            deps.client(),
            draft,
            new Date(existing.createAttemptedAt)
          );
          if (found) {
            await markPinned(deps, existing, found, draft, 'adopted', ctx, soleOf(existing));
            return { outcome: 'pinned', pinId: found.id, adopted: true };
          }
        }
        await checkLink();
        // designed pins: the design's image (and its title as alt text when the entry has none)
        const designed = await deps.designImage?.({ contentType: ref.contentType, field, draft });
        const sent: PinDraft = designed
          ? { ...draft, media: designed.media, altText: draft.altText ?? designed.altText }
          : draft;
        const mediaSource = await mediaSourceFor(sent, deps, {
          keepAlive: () => ctx.ensureLease(),
          previousMediaId: existing?.mediaId ?? null,
          rememberMediaId: async (mediaId) => {
            if (existing) await deps.records.update(existing.id, { mediaId });
          },
        });
        // fencing: only the claim that still holds the job records the attempt, and the create
        // leaves within the lease that write extended (so a worker taking over can wait it out)
        const attempt = {
          status: 'pinning' as const,
          createAttemptedAt: now(),
          boardSectionId: draft.boardSectionId,
          title: draft.title,
          link: draft.link,
          mediaSource: mediaSource.source_type,
          designUrl: designed ? designed.media.url : null,
        };
        const attempted = await ctx.fenced(() =>
          existing
            ? deps.records.write(existing, attempt)
            : deps.records.insertAttempt(target, init, attempt)
        );
        record = attempted;
        const pin = await deps
          .client()
          .createPin(pinCreateBody(sent, mediaSource), { beforeSend: () => ctx.assertSendable() });
        await markPinned(
          deps,
          attempted,
          pin,
          draft,
          mediaSource.source_type,
          ctx,
          soleOf(attempted)
        );
        return { outcome: 'pinned', pinId: pin.id, adopted: false };
      } catch (e) {
        if (e instanceof LeaseLostError) throw e;
        const error = toPinError(e);
        // fenced: a worker that lost the job late (a stalled database) must not overwrite the
        // record its new holder has pinned meanwhile (a failure before the new record was
        // written makes it now, so the entry and the pin.failed webhook say why)
        const failed = record;
        await ctx.fenced(async () =>
          deps.records.update(
            failed ? failed.id : (await deps.records.findOrInsert(rows, target, init)).id,
            {
              status: error.retryable ? 'pinning' : 'failed',
              lastError: error.toJSON(),
              // a create that certainly did not happen needs no look-up before the next attempt
              ...(!error.outcomeUnknown && { createAttemptedAt: null }),
            }
          )
        );
        throw error;
      }
    }
  };
  return async function pinEntryThenSeo(job: JobRow, ctx: JobContext) {
    const seen: Seen = {};
    const result = await pinEntry(job, ctx, seen);
    if (result.outcome !== 'skipped' && deps.afterPinned) {
      const {
        repin: _repin,
        accountId: _accountId,
        ...ref
      } = entryJobPayloadSchema.parse(job.payload);
      const atFinish = ctx.atFinish?.bind(ctx);
      // the checklist rides on the pin's own UPDATE when the job deferred one (no statement of
      // its own), else it is a write of the finish
      const save =
        atFinish &&
        ((columns: SeoColumns, write: () => Promise<unknown>) => {
          if (seen.pinnedWrite) seen.pinnedWrite.seo = columns;
          else atFinish(write);
        });
      await deps.afterPinned(ref, save, seen.entry, seen.record);
    }
    return result;
  };
}

async function mediaSourceFor(
  draft: PinDraft,
  deps: PinEntryDeps,
  video: Pick<VideoPinDeps, 'keepAlive' | 'previousMediaId' | 'rememberMediaId'>
): Promise<MediaSource> {
  if (draft.media.kind === 'video') {
    return videoMediaSource(draft.media, draft.cover, {
      client: deps.client(),
      media: deps.mediaContext(),
      policy: deps.video ?? DEFAULT_VIDEO_POLICY,
      ...video,
    });
  }
  return resolveImageSource(draft.media, deps.mediaContext());
}

/**
 * The editor chose another board while a create on the previous one had an unknown outcome. Before
 * pinning to the new board, look on the old one by the attempt's marker: a pin found there is
 * adopted (the edit flow then moves it to the new board, one pin); none found means the attempt
 * made nothing and the record is dropped; a board that cannot tell stops the job for an editor —
 * never a pin left on the old board that nobody tracks, nor an unpin that waits on it forever.
 */
async function settleUnknownOnOtherBoards(
  deps: PinEntryDeps,
  rows: PinRecordRow[],
  draft: PinDraft,
  ctx: JobContext
): Promise<boolean> {
  let changed = false;
  for (const row of rows) {
    if (row.pinId || !row.createAttemptedAt || row.boardId === draft.boardId) continue;
    const attemptedAt = new Date(row.createAttemptedAt);
    let found: Pin | null;
    changed = true;
    try {
      // the create went out with the account the record had then (the entry may have moved since)
      found = await recoverUnknownCreate(
        deps.client(row.accountId ?? undefined),
        lookupDraftOf(row),
        attemptedAt
      );
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      const error = toPinError(e);
      if (error.code === 'OUTCOME_UNKNOWN') {
        const told = new PinError(
          'OUTCOME_UNKNOWN',
          `${error.message} The entry now pins to board ${draft.boardId}: look on board ${row.boardId} first.`
        );
        // the editor's Retry then pins to the new board without looking again
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
    if (found) {
      const pin = found;
      // adopted where it was made; the edit flow moves it to the chosen board
      await ctx.fenced(() =>
        deps.records.update(row.id, {
          status: 'pinned',
          pinId: pin.id,
          pinnedAt: pin.created_at ? new Date(pin.created_at) : new Date(),
          createAttemptedAt: null,
          syncedHash: null,
          lastError: null,
        })
      );
    } else {
      await ctx.fenced(() => deps.records.remove(row.id));
    }
  }
  return changed;
}

/** What a record remembers of the create it attempted: enough to look for that pin. */
export const lookupDraftOf = (row: PinRecordRow): LookupDraft => ({
  boardId: row.boardId,
  boardSectionId: row.boardSectionId,
  marker: row.marker,
  link: row.link,
  title: row.title ?? '',
});

/**
 * Points a record at the draft's board (and marker), clearing a stale record that holds that key.
 */
async function moveRecord(
  deps: PinEntryDeps,
  record: PinRecordRow,
  draft: PinDraft,
  extra: Partial<PinRecordRow> = {}
): Promise<PinRecordRow> {
  if (record.boardId !== draft.boardId) {
    const stale = await deps.records.find({
      contentType: record.contentType,
      documentId: record.entryDocumentId,
      locale: record.entryLocale,
      boardId: draft.boardId,
    });
    if (stale && stale.id !== record.id) await deps.records.remove(stale.id);
  }
  return deps.records.update(record.id, {
    boardId: draft.boardId,
    boardSectionId: draft.boardSectionId,
    marker: draft.marker,
    ...extra,
  });
}

/**
 * The entry already has its pin: bring Pinterest up to date with the entry (texts, link, board and
 * section) through `PATCH /v5/pins/{id}`. When this app may not edit pins, the pin is marked out of
 * sync with a clear reason and an explicit re-pin action — never a silent duplicate.
 */
async function syncEdits(
  deps: PinEntryDeps,
  record: PinRecordRow,
  draft: PinDraft,
  ctx: JobContext
): Promise<PinEntryResult> {
  const pinId = record.pinId!;
  const hash = syncHash(draft);
  if (record.syncedHash === hash && record.boardId === draft.boardId) {
    if (record.status !== 'pinned')
      await deps.records.update(record.id, { status: 'pinned', lastError: null });
    return { outcome: 'already-pinned', pinId };
  }
  const moved = record.boardId !== draft.boardId;
  await ctx.ensureLease();
  try {
    await deps.client().updatePin(pinId, {
      board_id: draft.boardId,
      board_section_id: draft.boardSectionId,
      title: draft.title,
      description: draft.description,
      link: draft.link,
      alt_text: draft.altText,
    });
  } catch (e) {
    if (e instanceof LeaseLostError) throw e;
    let error = toPinError(e);
    if (isEditRefusal(error)) {
      error = new PinError(
        'EDIT_UNSUPPORTED',
        `The entry changed, but this Pinterest app cannot edit pins (${error.message}). Pin ${pinId} still shows the previous version.`,
        {
          httpStatus: error.httpStatus,
          pinterestCode: error.pinterestCode,
        }
      );
      await deps.records.update(record.id, { status: 'out_of_sync', lastError: error.toJSON() });
    } else if (!error.retryable) {
      await deps.records.update(record.id, {
        lastError: error.toJSON(),
        ...(error.code === 'PIN_NOT_FOUND' && { status: 'failed' }),
      });
    }
    throw error;
  }
  await moveRecord(deps, record, draft, {
    status: 'pinned',
    title: draft.title,
    description: draft.description,
    link: draft.link,
    altText: draft.altText,
    syncedHash: hash,
    syncedAt: new Date(),
    lastError: null,
  });
  return { outcome: 'updated', pinId, moved };
}

/**
 * Records the pin on its record. With the worker's `atFinish`, the write goes in the transaction
 * that ends the job, so the record says "pinned" and the job "done" at one commit (one commit
 * fewer per pin; the same statements). A crash before that commit leaves the attempt recorded
 * (`createAttemptedAt`), and the job's next run finds the pin on its board by the marker. The
 * worker makes the write even when the job then fails or loses its lease.
 */
async function markPinned(
  deps: PinEntryDeps,
  record: PinRecordRow,
  pin: Pin,
  draft: PinDraft,
  source: string,
  ctx: Pick<JobContext, 'atFinish'>,
  /** Filled before the finish with the SEO checklist's columns, to write them in this UPDATE. */
  slot?: { seo?: SeoColumns }
) {
  const write = () =>
    deps.records.write(
      record,
      {
        status: 'pinned',
        pinId: pin.id,
        pinnedAt: pin.created_at ? new Date(pin.created_at) : new Date(),
        title: draft.title,
        description: draft.description,
        altText: draft.altText,
        link: draft.link,
        mediaSource: source,
        syncedHash: syncHash(draft),
        lastError: null,
        createAttemptedAt: null,
      },
      slot?.seo
    );
  if (ctx.atFinish) ctx.atFinish(write);
  else await write();
}

/** Pages of 250 pins read at most when looking for a pin by its marker (10,000 pins). */
export const LOOKUP_PAGES = 40;

type LookupDraft = Pick<PinDraft, 'boardId' | 'marker' | 'link' | 'title'> & {
  boardSectionId?: string | null;
};

const unconfirmed = (draft: LookupDraft, attemptedAt: Date, why: string) =>
  new PinError(
    'OUTCOME_UNKNOWN',
    `A pin was sent to board ${draft.boardId} at ${attemptedAt.toISOString()} and Pinterest never confirmed it; ${why}`
  );

/**
 * Reads the draft's section (when it has one), then its board, page by page, and returns the first
 * pin `matches` accepts. Pinterest documents no order for a board's pins and does not say whether a
 * section's pins are listed with their board, so no page says the search can stop early: every page
 * is read, up to LOOKUP_PAGES. A board larger than that cannot be searched whole, so the answer is
 * "unknown" (OUTCOME_UNKNOWN for an editor), never "not there".
 */
async function scanBoard(
  client: PinterestClient,
  draft: LookupDraft,
  attemptedAt: Date,
  matches: (pin: Pin) => boolean
): Promise<Pin | null> {
  const listings: Array<(bookmark?: string) => ReturnType<PinterestClient['listBoardPins']>> = [
    ...(draft.boardSectionId
      ? [(b?: string) => client.listBoardSectionPins(draft.boardId, draft.boardSectionId!, 250, b)]
      : []),
    (b?: string) => client.listBoardPins(draft.boardId, 250, b),
  ];
  let pages = 0;
  for (const list of listings) {
    let bookmark: string | undefined;
    do {
      if (pages >= LOOKUP_PAGES)
        throw unconfirmed(
          draft,
          attemptedAt,
          `the board has more than ${LOOKUP_PAGES * 250} pins, too many to search for it.`
        );
      pages += 1;
      const res = await list(bookmark);
      const match = res.items.find(matches);
      if (match) return match;
      bookmark = res.bookmark ?? undefined;
    } while (bookmark);
  }
  return null;
}

/** The board's pin carrying this draft's marker (in its link), if any. Never matches on title. */
export function findPinByMarker(
  client: PinterestClient,
  draft: LookupDraft,
  attemptedAt: Date
): Promise<Pin | null> {
  return scanBoard(client, draft, attemptedAt, (pin) => markerOfLink(pin.link) === draft.marker);
}

/**
 * Before creating again after an attempt whose outcome is unknown: the pin, if the board has it.
 * A pin is adopted only by its marker. A draft without a link carries none: then the title serves
 * only to rule out — no pin of that title on the board means the attempt made nothing, and the job
 * creates; a pin of that title may be this entry's or another's, so the job stops with
 * OUTCOME_UNKNOWN for an editor to look at the board (their Retry creates it).
 */
export async function recoverUnknownCreate(
  client: PinterestClient,
  draft: LookupDraft,
  attemptedAt: Date
): Promise<Pin | null> {
  if (markerOfLink(draft.link) === draft.marker) return findPinByMarker(client, draft, attemptedAt);
  const sameTitle = await scanBoard(
    client,
    draft,
    attemptedAt,
    (pin) => (pin.title ?? '') === draft.title
  );
  if (sameTitle)
    throw unconfirmed(
      draft,
      attemptedAt,
      `without a link it cannot be told apart from pin ${sameTitle.id}, which has the same title.`
    );
  return null;
}
