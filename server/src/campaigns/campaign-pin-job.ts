import type { ContentTypeMapping } from '../config/schema';
import type { ChosenImage } from '../mapping/media';
import type { UtmSettings } from '../mapping/link';
import { mappingPaths, withPreviewLink, type EntryLink } from '../mapping/entry-values';
import { pinCreateBody } from '../pinterest/pin-create-body';
import { campaignJobPayloadSchema, NO_LOCALE } from '../pins/job-keys';
import { resolveImageSource, type MediaSourceContext } from '../media/media-source';
import { readPinField, recoverUnknownCreate } from '../pins/pin-entry-job';
import { PinError, toPinError, WAIT_CODES, withAccount } from '../errors/pin-error';
import type { PinterestClient } from '../pinterest/client';
import type { Pin } from '../pinterest/schemas';
import type { JobRow } from '../queue/job-store';
import { shouldRetry, type RetryPolicy } from '../queue/retry-schedule';
import { LeaseLostError, type JobContext } from '../queue/worker';
import type { PinErrorDTO } from '../../../common/wire';
import { buildCampaignDraft, campaignMarker, type CampaignDraft } from './campaign-draft';
import type { CampaignItemRow, CampaignStore } from './campaign-store';
import { DAY_MS } from './planner';

export interface CampaignPinDeps {
  store: CampaignStore;
  /** The campaigns' clock (tests move it). */
  now: () => number;
  mappingFor: (contentType: string) => Promise<ContentTypeMapping | null>;
  pinFieldOf: (contentType: string, mapping: ContentTypeMapping) => string | null;
  /** The Pinterest client of an account (null: the default one). */
  client: (accountId: number | null) => PinterestClient;
  mediaContext: () => MediaSourceContext;
  utm: () => UtmSettings;
  retry: () => RetryPolicy;
  /**
   * Designed pins ("a new design for each re-pin"): the design's image for this pin variant,
   * rendered when the pin is due (found by hash after).
   */
  designImage?: (input: {
    variant: number;
    draft: CampaignDraft;
  }) => Promise<{ media: ChosenImage; altText: string }>;
  /** The campaign stops by itself, with this reason (a spam block). */
  stopCampaign: (campaignId: number, reason: PinErrorDTO) => Promise<unknown>;
  loadEntry: (
    ref: { contentType: string; documentId: string; locale: string },
    /** The paths to read (media, components and relations are populated for them). */
    paths: string[]
  ) => Promise<Record<string, unknown> | null>;
  /** With `linkFromPreview`: the page URL the app's preview gives for the entry, or why not. */
  previewLink: (ref: {
    contentType: string;
    documentId: string;
    locale: string;
  }) => Promise<EntryLink>;
}

export type CampaignPinResult =
  | { outcome: 'pinned'; pinId: string; adopted: boolean }
  | { outcome: 'already-pinned'; pinId: string }
  | { outcome: 'deferred'; until: string }
  | { outcome: 'skipped'; reason: string };

/**
 * The `pin.campaign` job: one new pin for an entry's link, on one board. Checked again when it
 * runs:
 * the campaign still running, the link not pinned too recently (a pin made since the plan counts),
 * the
 * entry still published. Idempotent like entry pins: the item keeps `createAttemptedAt` and its
 * marker,
 * so a create whose answer was lost is found on the board and adopted instead of made again.
 */
export function createCampaignPinHandler(deps: CampaignPinDeps) {
  return async function pinCampaign(job: JobRow, ctx: JobContext): Promise<CampaignPinResult> {
    const { campaignId, itemId } = campaignJobPayloadSchema.parse(job.payload);
    const item = await deps.store.item(itemId);
    if (!item) return { outcome: 'skipped', reason: 'gone' };
    if (item.pinId) {
      if (item.state !== 'pinned')
        await deps.store.updateItem(item.id, { state: 'pinned', lastError: null });
      return { outcome: 'already-pinned', pinId: item.pinId };
    }
    const campaign = await deps.store.get(campaignId);
    if (!campaign || campaign.status !== 'running') {
      // paused or stopped: back to the plan (resume hands it out again); cancelled: not at all
      if (!campaign || campaign.status === 'cancelled' || campaign.status === 'done')
        await deps.store.moveItem(item.id, ['planned', 'queued'], { state: 'cancelled' });
      else await deps.store.moveItem(item.id, ['queued'], { state: 'planned' });
      return { outcome: 'skipped', reason: campaign?.status ?? 'gone' };
    }
    const input = campaign.input;

    // the link may have been pinned since the plan was made (another campaign, the editor's "Pin
    // now")
    const spacing = input.pacing.minDaysBetweenSameLink * DAY_MS;
    if (spacing > 0 && !item.createAttemptedAt) {
      const last = await deps.store.lastPinOfLink(item);
      const earliest = last === null ? null : last + spacing;
      if (earliest !== null && deps.now() < earliest) {
        await deps.store.moveItem(item.id, ['queued', 'planned'], {
          state: 'planned',
          runAt: earliest,
        });
        return { outcome: 'deferred', until: new Date(earliest).toISOString() };
      }
    }

    const mapping = await deps.mappingFor(item.contentType);
    if (!mapping) {
      const error = new PinError(
        'NOT_CONFIGURED',
        `The content type ${item.contentType} is not mapped in the Pinterest plugin's configuration.`
      );
      await deps.store.updateItem(item.id, { state: 'failed', lastError: error.toJSON() });
      throw error;
    }
    const mediaField = input.freshness.imageField || mapping.media;
    const ref = {
      contentType: item.contentType,
      documentId: item.entryDocumentId,
      locale: item.entryLocale,
    };
    const loaded = await deps.loadEntry(ref, [...mappingPaths(mapping), mediaField]);
    const entry =
      loaded && mapping.linkFromPreview
        ? withPreviewLink(loaded, await deps.previewLink(ref))
        : loaded;
    if (!entry) {
      await deps.store.moveItem(item.id, ['queued', 'planned', 'pinning'], {
        state: 'skipped',
        skipReason: 'NOT_PUBLISHED',
      });
      return { outcome: 'skipped', reason: 'unpublished' };
    }

    let draft: CampaignDraft;
    try {
      draft = buildCampaignDraft({
        entry,
        mapping,
        field: readPinField(entry, deps.pinFieldOf(item.contentType, mapping)),
        freshness: input.freshness,
        variant: item.variant,
        locale: item.entryLocale === NO_LOCALE ? null : item.entryLocale,
        utm: deps.utm(),
        marker:
          item.marker ??
          campaignMarker({
            campaignId,
            contentType: item.contentType,
            documentId: item.entryDocumentId,
            locale: item.entryLocale || NO_LOCALE,
            boardId: item.boardId,
          }),
        boardId: item.boardId,
        boardSectionId: item.boardSectionId ?? null,
      });
    } catch (e) {
      const error = toPinError(e);
      await deps.store.updateItem(item.id, { state: 'failed', lastError: error.toJSON() });
      throw error;
    }

    // several accounts: the pin is made with the item's account (its boards are that account's)
    const client = deps.client(item.accountId);
    try {
      if (item.createAttemptedAt) {
        // an earlier attempt may have reached Pinterest: look before creating again
        const found = await recoverUnknownCreate(client, draft, new Date(item.createAttemptedAt));
        if (found) {
          await markPinned(deps, item, found, draft);
          return { outcome: 'pinned', pinId: found.id, adopted: true };
        }
      }
      // fresh designs: this pin's own design replaces the image (and gives the alt text if none)
      if (input.freshness.freshDesigns && deps.designImage) {
        const designed = await deps.designImage({ variant: item.variant, draft });
        draft = { ...draft, media: designed.media, altText: draft.altText ?? designed.altText };
      }
      const mediaSource = await resolveImageSource(draft.media, deps.mediaContext());
      // fencing: only the claim that still holds the job records the attempt, and the create
      // leaves within the lease that write extended
      await ctx.fenced(() =>
        deps.store.updateItem(item.id, {
          state: 'pinning',
          marker: draft.marker,
          createAttemptedAt: deps.now(),
          title: draft.title,
          description: draft.description,
        })
      );
      const pin = await client.createPin(pinCreateBody(draft, mediaSource), {
        beforeSend: () => ctx.assertSendable(),
      });
      await markPinned(deps, item, pin, draft);
      return { outcome: 'pinned', pinId: pin.id, adopted: false };
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      const error = toPinError(withAccount(e, item.accountId));
      const lastError = error.toJSON();
      // a create that certainly did not happen needs no look-up before the next attempt
      const attempt = error.outcomeUnknown ? {} : { createAttemptedAt: null };
      // fenced: a worker that lost the job late must not overwrite what its new holder wrote
      const state =
        error.code === 'SPAM_BLOCKED'
          ? 'planned'
          : WAIT_CODES.has(error.code) ||
              (error.retryable && shouldRetry(job.attempts, deps.retry()))
            ? 'queued'
            : 'failed';
      await ctx.fenced(() => deps.store.updateItem(item.id, { state, lastError, ...attempt }));
      if (error.code === 'SPAM_BLOCKED') await deps.stopCampaign(campaignId, lastError);
      throw error;
    }
  };
}

async function markPinned(
  deps: CampaignPinDeps,
  item: CampaignItemRow,
  pin: Pin,
  draft: CampaignDraft
) {
  await deps.store.updateItem(item.id, {
    state: 'pinned',
    pinId: pin.id,
    pinnedAt: deps.now(),
    title: draft.title,
    description: draft.description,
    lastError: null,
    createAttemptedAt: null,
  });
}
