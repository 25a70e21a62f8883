/**
 * Turns a PinCreate `media_source` into the pin's media, checking it as Pinterest does: image URLs
 * are
 * fetched and probed, base64 bytes are probed against their content type, videos must be this
 * user's
 * finished uploads, carousels need 2–5 items.
 */
import { createHash } from 'node:crypto';
import { imageTooSmall, imageUnfetchable, invalid, invalidUrl } from './api-error';
import { fetchImage } from './fetch-image';
import type { HandlerContext } from './handlers/context';
import { probeImage, type ImageInfo } from './image-probe';
import { solidPng } from './png';
import type { EmulatorState, ImageRec, PinRec } from './state';

export type PinMediaPart = Pick<
  PinRec,
  'creative_type' | 'media_source_type' | 'is_standard' | 'image' | 'video' | 'carousel'
>;

const MIN_SIDE = 100;
const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
};

/** Keeps bytes the emulator serves under /_media/ and returns their URL. */
export function storeFile(
  state: EmulatorState,
  baseUrl: string,
  mime: string,
  bytes: Buffer
): string {
  const name = `${createHash('sha1').update(bytes).digest('hex')}.${EXT[mime] ?? 'bin'}`;
  state.files.set(name, { mime, bytes });
  return `${baseUrl}/_media/${name}`;
}

export function placeholderUrl(state: EmulatorState, baseUrl: string): string {
  const name = 'placeholder.png';
  if (!state.files.has(name))
    state.files.set(name, { mime: 'image/png', bytes: solidPng(200, 300) });
  return `${baseUrl}/_media/${name}`;
}

const checkSize = (info: ImageInfo) => {
  if (info.width < MIN_SIDE || info.height < MIN_SIDE) throw imageTooSmall();
};

/** Decodes base64 image data and checks it is a JPEG/PNG of the declared content type. */
function decodeImage(
  data: unknown,
  contentType: unknown,
  field: string
): { info: ImageInfo; bytes: Buffer } {
  const bytes = Buffer.from(String(data), 'base64');
  const info = probeImage(bytes);
  if (!info) throw invalid(`${field}.data is not a valid image`);
  if (info.mime !== contentType)
    throw invalid(
      `${field}.content_type ${String(contentType)} does not match the image data (${info.mime})`
    );
  return { info, bytes };
}

async function fromImageUrl(ctx: HandlerContext, url: string): Promise<ImageRec> {
  const fetched = await fetchImage(url, ctx.state.flags.imageFetchTimeoutMs);
  if (!fetched.ok) throw fetched.problem === 'invalid-url' ? invalidUrl() : imageUnfetchable();
  checkSize(fetched.info);
  return { url, width: fetched.info.width, height: fetched.info.height, mime: fetched.info.mime };
}

function carouselItems(
  ctx: HandlerContext,
  source: Record<string, unknown>,
  base64: boolean
): NonNullable<PinRec['carousel']> {
  const items = (source.items as Array<Record<string, unknown>>) ?? [];
  if (items.length < 2 || items.length > 5)
    throw invalid('media_source.items must have between 2 and 5 images');
  return items.map((item, i) => {
    let img: ImageRec = {
      url: typeof item.url === 'string' ? item.url : '',
      width: 1000,
      height: 1500,
      mime: 'image/jpeg',
    };
    if (base64) {
      const { info, bytes } = decodeImage(item.data, item.content_type, `media_source.items[${i}]`);
      checkSize(info);
      img = {
        url: storeFile(ctx.state, ctx.baseUrl, info.mime, bytes),
        width: info.width,
        height: info.height,
        mime: info.mime,
      };
    }
    return {
      ...img,
      title: (item.title as string) ?? null,
      description: (item.description as string) ?? null,
      link: (item.link as string) ?? null,
    };
  });
}

export async function mediaFromSource(
  ctx: HandlerContext,
  userId: string,
  source: Record<string, unknown>
): Promise<PinMediaPart> {
  const type = String(source.source_type);
  const is_standard = source.is_standard !== false;
  const base = { media_source_type: type, is_standard };
  switch (type) {
    case 'image_url':
      return {
        ...base,
        creative_type: 'REGULAR',
        image: await fromImageUrl(ctx, String(source.url)),
      };
    case 'image_base64': {
      const { info, bytes } = decodeImage(source.data, source.content_type, 'media_source');
      checkSize(info);
      return {
        ...base,
        creative_type: 'REGULAR',
        image: {
          url: storeFile(ctx.state, ctx.baseUrl, info.mime, bytes),
          width: info.width,
          height: info.height,
          mime: info.mime,
        },
      };
    }
    case 'video_id': {
      const media = ctx.state.media.get(String(source.media_id));
      if (!media || media.ownerId !== userId)
        throw invalid(
          `media_source.media_id ${String(source.media_id)} is not a video uploaded by this user`
        );
      if (media.status !== 'succeeded')
        throw invalid(`media_source.media_id ${media.media_id} is ${media.status}, not succeeded`);
      let cover: ImageRec = {
        url: placeholderUrl(ctx.state, ctx.baseUrl),
        width: 1080,
        height: 1920,
        mime: 'image/png',
      };
      if (typeof source.cover_image_url === 'string')
        cover = { ...cover, url: source.cover_image_url, mime: 'image/jpeg' };
      else if (source.cover_image_data !== undefined) {
        if (source.cover_image_content_type === undefined)
          throw invalid('media_source.cover_image_content_type is required with cover_image_data');
        const { info, bytes } = decodeImage(
          source.cover_image_data,
          source.cover_image_content_type,
          'media_source.cover_image'
        );
        cover = {
          url: storeFile(ctx.state, ctx.baseUrl, info.mime, bytes),
          width: info.width,
          height: info.height,
          mime: info.mime,
        };
      }
      const keyFrame =
        typeof source.cover_image_key_frame_time === 'number'
          ? source.cover_image_key_frame_time
          : null;
      return {
        ...base,
        creative_type: 'VIDEO',
        video: { media_id: media.media_id, cover, cover_image_key_frame_time: keyFrame, reads: 0 },
      };
    }
    case 'multiple_image_urls':
    case 'multiple_image_base64':
      return {
        ...base,
        creative_type: 'CAROUSEL',
        carousel: carouselItems(ctx, source, type === 'multiple_image_base64'),
      };
    case 'pin_url':
      return {
        ...base,
        creative_type: 'REGULAR',
        image: {
          url: placeholderUrl(ctx.state, ctx.baseUrl),
          width: 200,
          height: 300,
          mime: 'image/png',
        },
      };
    default:
      throw invalid('media_source.source_type must be equal to one of the allowed values');
  }
}
