import { PinError } from '../errors/pin-error';
import type { PinterestClient } from '../pinterest/client';
import type { MediaSource } from '../pinterest/schemas';
import type { MediaSourceContext } from './media-source';
import { checkVideoLimits, probeVideo, type VideoFacts } from './video-probe';
import { openVideo } from './video-source';
import { uploadVideo } from './multipart-upload';

export interface VideoPollPolicy {
  /** First wait between two `GET /media/{id}`; doubles up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Give up (retryably: the next attempt polls the same media again) after this long. */
  timeoutMs: number;
  /** Time allowed for the upload itself. */
  uploadTimeoutMs: number;
  /** Cover frame (seconds) when the editor chose none. */
  defaultKeyFrameSeconds: number;
}

export const DEFAULT_VIDEO_POLICY: VideoPollPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 15_000,
  timeoutMs: 10 * 60_000,
  uploadTimeoutMs: 30 * 60_000,
  defaultKeyFrameSeconds: 1,
};

export type VideoCover = { keyFrameTime: number } | { imageUrl: string } | null | undefined;

export interface VideoPinDeps {
  client: PinterestClient;
  media: MediaSourceContext;
  policy: VideoPollPolicy;
  /** Called before each slow step so the job keeps its lease (and stops if it lost it). */
  keepAlive: () => Promise<void>;
  /**
   * A media id registered and uploaded by an earlier attempt, to poll again instead of
   * re-uploading.
   */
  previousMediaId?: string | null;
  /**
   * Remembers the media id once the upload is done (so a retry after a timeout does not upload
   * again).
   */
  rememberMediaId?: (mediaId: string | null) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The cover part of a `video_id` media source: the editor's choice, or a default frame. */
export function coverFor(
  cover: VideoCover,
  facts: Pick<VideoFacts, 'durationSeconds'> | null,
  policy: Pick<VideoPollPolicy, 'defaultKeyFrameSeconds'>
) {
  if (cover && 'imageUrl' in cover) return { cover_image_url: cover.imageUrl };
  const wanted =
    cover && 'keyFrameTime' in cover ? cover.keyFrameTime : policy.defaultKeyFrameSeconds;
  const last = facts ? Math.max(0, Math.floor(facts.durationSeconds) - 1) : wanted;
  return { cover_image_key_frame_time: Math.max(0, Math.min(Math.round(wanted), last)) };
}

/** Polls `GET /media/{id}` with doubling waits until Pinterest has processed the video. */
export async function waitForProcessing(mediaId: string, deps: VideoPinDeps): Promise<void> {
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? Date.now;
  const deadline = now() + deps.policy.timeoutMs;
  let delay = deps.policy.initialDelayMs;
  for (;;) {
    const status = await deps.client.getMedia(mediaId);
    if (status.status === 'succeeded') return;
    if (status.status === 'failed') {
      await deps.rememberMediaId?.(null);
      throw new PinError(
        'VIDEO_PROCESSING_FAILED',
        `Pinterest could not process the uploaded video (media ${mediaId}).`
      );
    }
    if (now() + delay > deadline) {
      throw new PinError(
        'VIDEO_PROCESSING_TIMEOUT',
        `Pinterest was still processing the video after ${Math.round(deps.policy.timeoutMs / 1000)} s (media ${mediaId}).`,
        {
          outcomeUnknown: false,
        }
      );
    }
    await sleep(delay);
    await deps.keepAlive();
    delay = Math.min(deps.policy.maxDelayMs, delay * 2);
  }
}

/**
 * Makes the `video_id` media source for a video pin: checks the file (MP4/MOV, ≤ 2 GB, 4 s – 15
 * min,
 * read from its header), registers the upload, streams the file to Pinterest's bucket with every
 * upload parameter and the file last, waits until Pinterest has processed it, and adds the cover.
 */
export async function videoMediaSource(
  video: { url: string; mime: string },
  cover: VideoCover,
  deps: VideoPinDeps
): Promise<MediaSource> {
  const file = await openVideo(video.url, deps.media);
  try {
    const facts = await probeVideo(file.reader);
    checkVideoLimits(facts);
    let mediaId = deps.previousMediaId ?? null;
    if (mediaId) {
      // an earlier attempt uploaded it: only a failed or unknown upload is sent again
      const status = await deps.client.getMedia(mediaId).catch(() => null);
      if (!status || status.status === 'failed' || status.status === 'registered') mediaId = null;
    }
    if (!mediaId) {
      const upload = await deps.client.registerMedia();
      await deps.keepAlive();
      await uploadVideo(
        { url: upload.upload_url, fields: upload.upload_parameters },
        {
          size: file.size,
          filename: `video.${facts.container === 'mov' ? 'mov' : 'mp4'}`,
          contentType: facts.container === 'mov' ? 'video/quicktime' : 'video/mp4',
          stream: () => file.stream(),
        },
        { timeoutMs: deps.policy.uploadTimeoutMs }
      );
      mediaId = upload.media_id;
      await deps.rememberMediaId?.(mediaId);
    }
    await deps.keepAlive();
    await waitForProcessing(mediaId, deps);
    return { source_type: 'video_id', media_id: mediaId, ...coverFor(cover, facts, deps.policy) };
  } finally {
    await file.close();
  }
}
