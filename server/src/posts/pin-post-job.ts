import type { LookupFunction } from 'node:net';
import type { UtmSettings } from '../mapping/link';
import { pinLink } from '../mapping/pin-draft';
import { pinCreateBody } from '../pinterest/pin-create-body';
import { videoMediaSource, type VideoCover, type VideoPollPolicy } from '../media/video-pin';
import type { MediaSourceContext } from '../media/media-source';
import { recoverUnknownCreate } from '../pins/pin-entry-job';
import { toPinError } from '../errors/pin-error';
import type { PinterestClient } from '../pinterest/client';
import type { MediaSource, Pin } from '../pinterest/schemas';
import { postJobPayloadSchema } from '../pins/job-keys';
import type { JobRow } from '../queue/job-store';
import { LeaseLostError, type JobContext } from '../queue/worker';
import { pinUrlFor, type PostRow, type PostStore } from './post-store';
import { assertPublicHost } from './public-host';
import { checkRemoteImage } from './remote-image';
import type { PostPin } from './request';

export interface PinPostDeps {
  posts: PostStore;
  /** The Pinterest client of an account (the post's; null: the default account). */
  client: (accountId?: number | null) => PinterestClient;
  utm: () => UtmSettings;
  mediaContext: () => MediaSourceContext;
  videoPolicy: () => VideoPollPolicy;
  /** DNS resolver for the address checks (tests inject one). */
  lookup: () => LookupFunction | undefined;
  /** Designed pins: the media source of the design rendered from the checked image URL. */
  designImage?: (pin: PostPin, imageUrl: string) => Promise<MediaSource>;
  now?: () => Date;
}

export type PinPostResult =
  | { outcome: 'published'; pinId: string; adopted: boolean }
  | { outcome: 'already-published'; pinId: string }
  | { outcome: 'skipped'; reason: 'missing' | 'cancelled' };

/** Errors after which the job waits rather than fails: the post stays pending. */
const WAITING_CODES = new Set(['NOT_CONNECTED', 'UNAUTHORIZED']);

/**
 * The link as sent: the caller's link with the UTM tags and this post's marker (how a lost create
 * is found again).
 */
export const taggedPostLink = (post: Pick<PostRow, 'request' | 'marker'>, utm: UtmSettings) =>
  post.request.pin.link ? pinLink(post.request.pin.link, utm, post.marker).link : null;

/**
 * The `pin.post` job: makes the one pin a posts-API request asked for, exactly once — the same
 * rules
 * as entry pins: a pin already made is never made again; before a create whose outcome is unknown
 * the
 * board is searched for the post's marker; the worker confirms it still holds the job right before
 * creating.
 */
export function createPinPostHandler(deps: PinPostDeps) {
  const now = deps.now ?? (() => new Date());

  const markPublished = async (post: PostRow, pin: Pin) => {
    await deps.posts.update(post.id, {
      status: 'published',
      pinId: pin.id,
      pinUrl: pinUrlFor(pin.id),
      pinnedAt: pin.created_at ? new Date(pin.created_at) : now(),
      lastError: null,
      createAttemptedAt: null,
    });
  };

  return async function pinPost(job: JobRow, ctx: JobContext): Promise<PinPostResult> {
    const payload = postJobPayloadSchema.safeParse(job.payload);
    const post = payload.success ? await deps.posts.findByPostId(payload.data.postId) : null;
    if (!post) return { outcome: 'skipped', reason: 'missing' };
    if (post.pinId) {
      if (post.status !== 'published')
        await deps.posts.update(post.id, {
          status: 'published',
          pinUrl: pinUrlFor(post.pinId),
          lastError: null,
        });
      return { outcome: 'already-published', pinId: post.pinId };
    }
    // compare-and-set: a post cancelled meanwhile stays cancelled
    if (
      !(await deps.posts.transition(post.id, ['scheduled', 'pending', 'publishing', 'failed'], {
        status: 'publishing',
      }))
    ) {
      return { outcome: 'skipped', reason: 'cancelled' };
    }

    const pin = post.request.pin;
    const link = taggedPostLink(post, deps.utm());
    try {
      if (post.createAttemptedAt) {
        const found = await recoverUnknownCreate(
          deps.client(post.accountId ?? post.request.pin.accountId ?? null),
          {
            boardId: pin.boardId,
            boardSectionId: pin.boardSectionId,
            marker: post.marker,
            link,
            title: pin.title ?? '',
          },
          new Date(post.createAttemptedAt)
        );
        if (found) {
          await markPublished(post, found);
          return { outcome: 'published', pinId: found.id, adopted: true };
        }
      }
      const mediaSource = await mediaSourceFor(post, ctx);
      // fencing: only the claim that still holds the job records the attempt, and the create
      // leaves within the lease that write extended
      await ctx.fenced(() => deps.posts.update(post.id, { createAttemptedAt: now() }));
      const created = await deps
        .client(post.accountId ?? post.request.pin.accountId ?? null)
        .createPin(pinCreateBody({ ...pin, link }, mediaSource), {
          beforeSend: () => ctx.assertSendable(),
        });
      await markPublished(post, created);
      return { outcome: 'published', pinId: created.id, adopted: false };
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      const error = toPinError(e);
      const waits = error.retryable || WAITING_CODES.has(error.code);
      // fenced: a worker that lost the job late must not overwrite what its new holder wrote
      await ctx.fenced(() =>
        deps.posts.update(post.id, {
          status: waits ? 'pending' : 'failed',
          lastError: error.toJSON(),
          // a create that certainly did not happen needs no look-up before the next attempt
          ...(!error.outcomeUnknown && { createAttemptedAt: null }),
        })
      );
      throw error;
    }
  };

  async function mediaSourceFor(post: PostRow, ctx: JobContext): Promise<MediaSource> {
    const { media, cover } = post.request.pin;
    const context = deps.mediaContext();
    const lookup = deps.lookup();
    // the addresses were checked when the post was accepted; DNS may say otherwise by now
    if (cover && 'imageUrl' in cover)
      await assertPublicHost(cover.imageUrl, context.allowlist, lookup);
    if (media.type === 'image') {
      const checked = await checkRemoteImage(media.url, {
        allowlist: context.allowlist,
        timeoutMs: context.timeoutMs,
        lookup,
      });
      if (post.request.pin.design && deps.designImage)
        return deps.designImage(post.request.pin, checked.url);
      return { source_type: 'image_url', url: checked.url };
    }
    await assertPublicHost(media.url, context.allowlist, lookup);
    const videoCover: VideoCover = cover
      ? 'imageUrl' in cover
        ? { imageUrl: cover.imageUrl }
        : { keyFrameTime: cover.keyFrameTime }
      : null;
    return videoMediaSource({ url: media.url, mime: media.mime ?? 'video/mp4' }, videoCover, {
      client: deps.client(post.accountId ?? post.request.pin.accountId ?? null),
      media: context,
      policy: deps.videoPolicy(),
      keepAlive: () => ctx.ensureLease(),
      previousMediaId: post.mediaId,
      rememberMediaId: async (mediaId) => {
        await deps.posts.update(post.id, { mediaId });
      },
    });
  }
}
