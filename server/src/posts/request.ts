/**
 * The posts API's request (`POST /api/pinterest/posts`), RelayAPI-shaped: checked field by field
 * with
 * zod, then turned into the one pin it asks for. Pure (no I/O): the DNS part of the address check
 * is
 * in ./public-host.ts.
 *
 * Rules (each failure names its field and the rule):
 * - `targets` must be `["pinterest"]` (any other target is refused as unsupported);
 * - exactly one media item (the `target_options.pinterest.media` override wins): none is a
 *   text-only
 *   post, two or more is a carousel, and Pinterest pins here take one image or video;
 * - media `type` is `image` or `video`; an image whose extension or declared type is SVG, AVIF,
 *   TIFF
 *   or HEIC is refused; URLs are absolute http(s), never loopback/private/link-local/localhost
 *   (unless `mediaHostAllowlist` names the host), never with credentials;
 * - title (`target_options.pinterest.title`) ≤ 100 characters; without one, the first line of the
 *   content is the title, cut at a word boundary like entry pins;
 * - description (`target_options.pinterest.content`, else `content`) ≤ 500 characters;
 * - `board_id` is required (digits): the caller names the board, there is no server-side default;
 * - `link` is http(s) (≤ 2048); `alt_text` ≤ 500;
 * - `cover_image_url` / `cover_image_key_frame_time` (integer ≥ 0) only for a video, one or the
 *   other;
 * - `scheduled_at` is `"now"` (the default) or an ISO-8601 date-time with an offset, not more than
 *   a minute in the past nor more than `posts.scheduleHorizonDays` ahead.
 */
import { z } from 'zod';
import { pinDesignSchema, type PinDesign } from '../../../common/designs';
import { templateById } from '../designs/templates';
import { LINK_MAX } from '../mapping/link';
import { ALT_TEXT_MAX, DESCRIPTION_MAX, TITLE_MAX } from '../mapping/pin-draft';
import { IMAGE_LIMITS, VIDEO_LIMITS } from '../mapping/media';
import { firstLine, truncateAtWord } from '../mapping/text';
import { checkMediaUrl } from '../net/safe-fetch';
import { PinError } from '../errors/pin-error';

export const POST_TARGET = 'pinterest';
/** How far in the past `scheduled_at` may be (clock skew between the caller and us). */
export const SCHEDULE_PAST_TOLERANCE_MS = 60_000;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Image types Pinterest refuses, by extension and by declared type. */
const REFUSED_IMAGE_EXT: Record<string, string> = {
  svg: 'SVG',
  svgz: 'SVG',
  avif: 'AVIF',
  tif: 'TIFF',
  tiff: 'TIFF',
  heic: 'HEIC',
  heif: 'HEIF',
};
const REFUSED_IMAGE_MIME: Record<string, string> = {
  'image/svg+xml': 'SVG',
  'image/avif': 'AVIF',
  'image/tiff': 'TIFF',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
};
const VIDEO_EXT = new Set(['mp4', 'm4v', 'mov']);
const IMAGE_EXT = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif']);

const chars = (s: string) => [...s].length;
const extOf = (url: string): string | null => {
  try {
    const m = /\.([a-z0-9]{1,5})$/i.exec(new URL(url).pathname);
    return m ? m[1].toLowerCase() : null;
  } catch {
    return null;
  }
};

const mediaItemSchema = z
  .object({
    url: z
      .string({ error: 'is required: the address of the image or video' })
      .trim()
      .min(1, 'is required: the address of the image or video'),
    type: z.enum(['image', 'video'], {
      error: 'unsupported media type: must be "image" or "video"',
    }),
    /** Optional declared content type, e.g. image/jpeg. */
    mime: z.string().trim().toLowerCase().optional(),
  })
  .strict();

const pinterestOptionsSchema = z
  .object({
    title: z.string({ error: 'must be a string' }).optional(),
    board_id: z
      .string({ error: 'must be a string of digits (a Pinterest board id)' })
      .trim()
      .optional(),
    board_section_id: z
      .string({ error: 'must be a string of digits (a Pinterest board section id)' })
      .trim()
      .regex(/^\d+$/, 'must be a Pinterest board section id (digits only)')
      .optional(),
    link: z.string({ error: 'must be a string' }).trim().optional(),
    alt_text: z.string({ error: 'must be a string' }).optional(),
    cover_image_url: z.string({ error: 'must be a string' }).trim().optional(),
    cover_image_key_frame_time: z
      .number({ error: 'must be an integer number of seconds ≥ 0' })
      .int('must be an integer number of seconds ≥ 0')
      .min(0, 'must be an integer number of seconds ≥ 0')
      .optional(),
    content: z.string({ error: 'must be a string' }).optional(),
    media: z.array(mediaItemSchema, { error: 'must be an array of {url, type}' }).optional(),
    /** Designed pins: a 2:3 design rendered from the image and the texts (images only). */
    design: pinDesignSchema.optional(),
    /** Several accounts: the plugin's account id or the Pinterest username; absent: the default. */
    account_id: z
      .union([z.number().int().positive(), z.string().trim().min(1).max(100)], {
        error: 'must be an account id (a number) or a Pinterest username',
      })
      .optional(),
  })
  .strict();

const requestSchema = z
  .object({
    content: z.string({ error: 'must be a string' }).optional(),
    targets: z.array(z.string({ error: 'must be a target name such as "pinterest"' }), {
      error: 'is required: ["pinterest"]',
    }),
    media: z.array(mediaItemSchema, { error: 'must be an array of {url, type}' }).optional(),
    scheduled_at: z
      .string({ error: 'must be "now" or an ISO-8601 date-time with an offset' })
      .trim()
      .optional(),
    target_options: z
      .object(
        { pinterest: pinterestOptionsSchema.optional() },
        { error: 'must be an object such as {"pinterest": {...}}' }
      )
      .catchall(z.unknown())
      .optional(),
  })
  .strict();

export type PostRequestInput = z.infer<typeof requestSchema>;

export type PostCover = { imageUrl: string } | { keyFrameTime: number } | null;

/**
 * The one pin a post asks for, as the worker sends it (the link is tagged with the marker later).
 */
export interface PostPin {
  boardId: string;
  boardSectionId: string | null;
  title: string | null;
  description: string | null;
  link: string | null;
  altText: string | null;
  media: { type: 'image' | 'video'; url: string; mime: string | null };
  cover: PostCover;
  /** Designed pins: the design to render from the image (absent: the image as it is). */
  design?: PinDesign;
  /** Several accounts: the account asked for (an id or a username), resolved by the service. */
  account?: number | string;
  /** The plugin's id of the account the pin goes to (null: the default account at send time). */
  accountId?: number | null;
}

export interface ParsedPost {
  /** The request as accepted (trimmed), echoed back by the API. */
  input: PostRequestInput;
  pin: PostPin;
  /** When to send it; null means now. */
  scheduledAt: Date | null;
  /**
   * Every URL the plugin or Pinterest will fetch, with the field that holds it (for the DNS check).
   */
  urls: Array<{ path: (string | number)[]; url: string }>;
}

export interface PostRequestContext {
  allowlist: readonly string[];
  now: Date;
  /** How many days ahead `scheduled_at` may be (config `posts.scheduleHorizonDays`). */
  horizonDays?: number;
}

const DAY_MS = 24 * 60 * 60_000;

type Issue = { path: (string | number)[]; message: string };

function checkUrl(
  raw: string,
  path: (string | number)[],
  allowlist: readonly string[],
  issues: Issue[]
): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      issues.push({
        path,
        message: `must be an http(s) URL, not ${url.protocol.replace(':', '')} (${raw.slice(0, 100)})`,
      });
      return null;
    }
  } catch {
    issues.push({ path, message: `must be an absolute http(s) URL (got “${raw.slice(0, 100)}”)` });
    return null;
  }
  try {
    return checkMediaUrl(raw, allowlist).toString();
  } catch (e) {
    issues.push({ path, message: e instanceof PinError ? e.message : String(e) });
    return null;
  }
}

function checkMedia(
  item: z.infer<typeof mediaItemSchema>,
  path: (string | number)[],
  allowlist: readonly string[],
  issues: Issue[]
): PostPin['media'] | null {
  const url = checkUrl(item.url, [...path, 'url'], allowlist, issues);
  const ext = extOf(item.url);
  const mime = item.mime ?? null;
  if (item.type === 'image') {
    const refusedBy = (ext && REFUSED_IMAGE_EXT[ext]) || (mime && REFUSED_IMAGE_MIME[mime]);
    if (refusedBy) {
      issues.push({
        path: [...path, mime && REFUSED_IMAGE_MIME[mime] ? 'mime' : 'url'],
        message: `unsupported image type ${refusedBy}: Pinterest accepts JPEG, PNG, WebP or GIF images`,
      });
      return null;
    }
    if (mime && !(IMAGE_LIMITS.mimes as readonly string[]).includes(mime)) {
      issues.push({
        path: [...path, 'mime'],
        message: `unsupported image type ${mime}: Pinterest accepts image/jpeg, image/png, image/webp or image/gif`,
      });
      return null;
    }
    if (ext && VIDEO_EXT.has(ext)) {
      issues.push({
        path: [...path, 'type'],
        message: `is "image" but the URL names a .${ext} video: use "type": "video"`,
      });
      return null;
    }
  } else {
    if (mime && !(VIDEO_LIMITS.mimes as readonly string[]).includes(mime)) {
      issues.push({
        path: [...path, 'mime'],
        message: `unsupported video type ${mime}: Pinterest accepts MP4 or MOV videos (video/mp4, video/quicktime)`,
      });
      return null;
    }
    if (ext && (IMAGE_EXT.has(ext) || REFUSED_IMAGE_EXT[ext])) {
      issues.push({
        path: [...path, 'type'],
        message: `is "video" but the URL names a .${ext} image: use "type": "image", or an MP4/MOV video`,
      });
      return null;
    }
  }
  if (!url) return null;
  return {
    type: item.type,
    url,
    mime:
      mime ?? (item.type === 'video' ? (ext === 'mov' ? 'video/quicktime' : 'video/mp4') : null),
  };
}

function checkSchedule(
  raw: string | undefined,
  now: Date,
  horizonDays: number | undefined,
  issues: Issue[]
): Date | null {
  if (raw === undefined || raw.toLowerCase() === 'now') return null;
  const at = ISO_WITH_OFFSET.test(raw) ? new Date(raw) : null;
  if (!at || Number.isNaN(at.getTime())) {
    issues.push({
      path: ['scheduled_at'],
      message: `must be "now" or an ISO-8601 date-time with an offset, e.g. 2026-12-01T09:00:00Z (got “${raw.slice(0, 60)}”)`,
    });
    return null;
  }
  if (at.getTime() < now.getTime() - SCHEDULE_PAST_TOLERANCE_MS) {
    issues.push({
      path: ['scheduled_at'],
      message: `is in the past (${at.toISOString()}): give a future time, or "now"`,
    });
    return null;
  }
  if (horizonDays !== undefined && at.getTime() > now.getTime() + horizonDays * DAY_MS) {
    issues.push({
      path: ['scheduled_at'],
      message: `is more than ${horizonDays} days ahead (${at.toISOString()}): posts may be scheduled at most ${horizonDays} days ahead (config posts.scheduleHorizonDays)`,
    });
    return null;
  }
  return at.getTime() > now.getTime() ? at : null;
}

/** Checks a posts-API request; returns the pin it asks for, or the list of problems. */
export function parsePostRequest(
  body: unknown,
  ctx: PostRequestContext
): { ok: true; post: ParsedPost } | { ok: false; issues: Issue[] } {
  const parsed = requestSchema.safeParse(body ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    };
  }
  const input = parsed.data;
  const issues: Issue[] = [];

  // targets
  input.targets.forEach((t, i) => {
    if (t !== POST_TARGET)
      issues.push({
        path: ['targets', i],
        message: `unsupported target “${t.slice(0, 40)}”: this API posts to "pinterest" only`,
      });
  });
  if (!input.targets.includes(POST_TARGET))
    issues.push({ path: ['targets'], message: 'must include "pinterest"' });
  for (const key of Object.keys(input.target_options ?? {})) {
    if (key !== POST_TARGET)
      issues.push({
        path: ['target_options', key],
        message: `unsupported target “${key.slice(0, 40)}”: this API posts to "pinterest" only`,
      });
  }

  const opts = input.target_options?.pinterest ?? {};
  const P = ['target_options', POST_TARGET];

  // media: exactly one
  const mediaPath = opts.media ? [...P, 'media'] : ['media'];
  const mediaList = opts.media ?? input.media ?? [];
  let media: PostPin['media'] | null = null;
  if (mediaList.length === 0) {
    issues.push({
      path: mediaPath,
      message: 'text-only posts are not possible on Pinterest: give exactly one image or video',
    });
  } else if (mediaList.length > 1) {
    issues.push({
      path: mediaPath,
      message: `Pinterest pins take exactly one image or video (got ${mediaList.length})`,
    });
  } else {
    media = checkMedia(mediaList[0], [...mediaPath, 0], ctx.allowlist, issues);
  }

  // board
  let boardId: string | null = null;
  if (!opts.board_id) {
    issues.push({
      path: [...P, 'board_id'],
      message: 'is required: the Pinterest board to pin to (a board id, digits only)',
    });
  } else if (!/^\d+$/.test(opts.board_id)) {
    issues.push({
      path: [...P, 'board_id'],
      message: 'must be a Pinterest board id (digits only)',
    });
  } else {
    boardId = opts.board_id;
  }

  // texts
  const descriptionPath = opts.content !== undefined ? [...P, 'content'] : ['content'];
  const descriptionRaw = (opts.content ?? input.content ?? '').trim();
  if (chars(descriptionRaw) > DESCRIPTION_MAX) {
    issues.push({
      path: descriptionPath,
      message: `must be at most ${DESCRIPTION_MAX} characters (Pinterest's description limit), got ${chars(descriptionRaw)}`,
    });
  }
  const titleGiven = opts.title?.trim();
  if (titleGiven !== undefined && chars(titleGiven) > TITLE_MAX) {
    issues.push({
      path: [...P, 'title'],
      message: `must be at most ${TITLE_MAX} characters (Pinterest's title limit), got ${chars(titleGiven)}`,
    });
  }
  const altText = opts.alt_text?.trim() || null;
  if (altText && chars(altText) > ALT_TEXT_MAX) {
    issues.push({
      path: [...P, 'alt_text'],
      message: `must be at most ${ALT_TEXT_MAX} characters, got ${chars(altText)}`,
    });
  }

  // link
  let link: string | null = null;
  if (opts.link) {
    try {
      const url = new URL(opts.link);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        issues.push({ path: [...P, 'link'], message: 'must be an http(s) URL' });
      else if (opts.link.length > LINK_MAX)
        issues.push({ path: [...P, 'link'], message: `must be at most ${LINK_MAX} characters` });
      else link = url.toString();
    } catch {
      issues.push({ path: [...P, 'link'], message: 'must be an absolute http(s) URL' });
    }
  }

  // cover: video only, one of the two
  let cover: PostCover = null;
  const hasCoverUrl = opts.cover_image_url !== undefined;
  const hasKeyFrame = opts.cover_image_key_frame_time !== undefined;
  const firstType = mediaList.length === 1 ? mediaList[0].type : null;
  if ((hasCoverUrl || hasKeyFrame) && firstType === 'image') {
    issues.push({
      path: [...P, hasCoverUrl ? 'cover_image_url' : 'cover_image_key_frame_time'],
      message: 'is only for video posts: an image pin is its own cover',
    });
  } else if (hasCoverUrl && hasKeyFrame) {
    issues.push({
      path: [...P, 'cover_image_key_frame_time'],
      message: 'give either cover_image_url or cover_image_key_frame_time, not both',
    });
  } else if (hasCoverUrl) {
    const url = checkUrl(opts.cover_image_url!, [...P, 'cover_image_url'], ctx.allowlist, issues);
    if (url) cover = { imageUrl: url };
  } else if (hasKeyFrame) {
    cover = { keyFrameTime: opts.cover_image_key_frame_time! };
  }

  const scheduledAt = checkSchedule(input.scheduled_at, ctx.now, ctx.horizonDays, issues);

  // designed pins: a known template, and an image to design from
  if (opts.design && !templateById(opts.design.template))
    issues.push({
      path: [...P, 'design', 'template'],
      message: `there is no pin template “${opts.design.template}”`,
    });
  if (opts.design && media?.type === 'video')
    issues.push({ path: [...P, 'design'], message: 'a design needs an image, not a video' });

  if (issues.length || !media || !boardId) return { ok: false, issues };

  const titleSource = titleGiven || firstLine(descriptionRaw);
  const pin: PostPin = {
    boardId,
    boardSectionId: opts.board_section_id ?? null,
    title: titleSource ? truncateAtWord(titleSource, TITLE_MAX) : null,
    description: descriptionRaw || null,
    link,
    altText,
    media,
    cover,
    ...(opts.design && { design: opts.design }),
    ...(opts.account_id !== undefined && { account: opts.account_id }),
  };
  const urls: ParsedPost['urls'] = [{ path: [...mediaPath, 0, 'url'], url: media.url }];
  if (cover && 'imageUrl' in cover)
    urls.push({ path: [...P, 'cover_image_url'], url: cover.imageUrl });
  return { ok: true, post: { input, pin, scheduledAt, urls } };
}
