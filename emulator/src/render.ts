/**
 * Pinterest's JSON shapes (spec `Board`, `BoardSection`, `Pin`, `PinMedia`, `Media`) for the
 * records kept.
 */
import { lifetimeMetricsFor, metricsFor } from './analytics';
import type { BoardRec, EmulatorState, ImageRec, MediaRec, PinRec, SectionRec } from './state';

const pinsOnBoard = (state: EmulatorState, boardId: string) =>
  [...state.pins.values()].filter((p) => p.board_id === boardId);

/** Picture of a pin (its image, video cover or first carousel slide). */
const pictureOf = (p: PinRec): ImageRec | undefined => p.image ?? p.video?.cover ?? p.carousel?.[0];

export function boardJson(state: EmulatorState, b: BoardRec) {
  const pins = pinsOnBoard(state, b.id);
  const thumbs = pins
    .slice(-5)
    .reverse()
    .map((p) => pictureOf(p)?.url)
    .filter((u): u is string => Boolean(u));
  return {
    id: b.id,
    name: b.name,
    description: b.description,
    privacy: b.privacy,
    is_ads_only: b.is_ads_only,
    owner: { username: state.users.get(b.ownerId)?.username ?? '' },
    created_at: b.created_at,
    board_pins_modified_at: pins.length ? pins[pins.length - 1].created_at : b.created_at,
    pin_count: pins.length,
    follower_count: 0,
    collaborator_count: 0,
    media: { image_cover_url: thumbs[0] ?? null, pin_thumbnail_urls: thumbs },
  };
}

export const sectionJson = (s: SectionRec) => ({ id: s.id, name: s.name });

/** Pinterest's sizes: a 150×150 and a 400×300 crop, and 600/1200 wide (never upscaled). */
export function imageSizes(img: ImageRec) {
  const wide = (w: number) => {
    const width = Math.min(w, img.width);
    return {
      url: img.url,
      width,
      height: Math.max(1, Math.round((width / Math.max(1, img.width)) * img.height)),
    };
  };
  return {
    '150x150': { url: img.url, width: 150, height: 150 },
    '400x300': { url: img.url, width: 400, height: 300 },
    '600x': wide(600),
    '1200x': wide(1200),
  };
}

function mediaJson(p: PinRec) {
  if (p.video) {
    const ready = p.video.reads > 0;
    return {
      media_type: 'video',
      cover_image_url: p.video.cover.url,
      video_url: null,
      duration: ready ? 15_000 : null,
      width: ready ? 1080 : null,
      height: ready ? 1920 : null,
      images: imageSizes(p.video.cover),
    };
  }
  if (p.carousel) {
    return {
      media_type: 'multiple_images',
      items: p.carousel.map((s) => ({
        item_type: 'image',
        title: s.title,
        description: s.description,
        link: s.link,
        images: imageSizes(s),
      })),
    };
  }
  return {
    media_type: 'image',
    images: imageSizes(p.image ?? { url: '', width: 1, height: 1, mime: 'image/jpeg' }),
  };
}

/** The last 90 days of a pin's metrics, as `?pin_metrics=true` adds them. */
function pinMetrics(p: PinRec, now: Date) {
  const sum: Record<string, number> = { IMPRESSION: 0, SAVE: 0, PIN_CLICK: 0, OUTBOUND_CLICK: 0 };
  const created = p.created_at.slice(0, 10);
  for (let i = 1; i <= 90; i += 1) {
    const date = new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    if (date < created) break;
    const m = metricsFor(p.id, date);
    for (const k of Object.keys(sum)) sum[k] += m[k];
  }
  const life = lifetimeMetricsFor(p.id);
  return {
    '90d': {
      impression: sum.IMPRESSION,
      save: sum.SAVE,
      pin_click: sum.PIN_CLICK,
      outbound_click: sum.OUTBOUND_CLICK,
    },
    lifetime_metrics: { comment: life.TOTAL_COMMENTS, reaction: life.TOTAL_REACTIONS },
  };
}

export function pinJson(
  state: EmulatorState,
  p: PinRec,
  viewerId: string,
  opts: { metrics?: boolean; now?: Date } = {}
) {
  return {
    id: p.id,
    created_at: p.created_at,
    link: p.link,
    title: p.title,
    description: p.description,
    dominant_color: p.dominant_color,
    alt_text: p.alt_text,
    creative_type: p.creative_type,
    board_id: p.board_id,
    board_section_id: p.board_section_id,
    board_owner: {
      username: state.users.get(state.boards.get(p.board_id)?.ownerId ?? p.ownerId)?.username ?? '',
    },
    is_owner: p.ownerId === viewerId,
    media: mediaJson(p),
    parent_pin_id: p.parent_pin_id,
    is_standard: p.is_standard,
    has_been_promoted: false,
    pin_metrics: opts.metrics ? pinMetrics(p, opts.now ?? new Date()) : null,
  };
}

export const mediaStatusJson = (m: MediaRec) => ({
  media_id: m.media_id,
  media_type: m.media_type,
  status: m.status,
});
