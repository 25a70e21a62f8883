import { PinError } from '../errors/pin-error';

/** Pinterest's image limits (product spec). */
export const IMAGE_LIMITS = {
  mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const,
  maxBytes: 20 * 1024 * 1024,
  minWidth: 100,
  minHeight: 100,
};

/** Pinterest's video limits (product spec). */
export const VIDEO_LIMITS = {
  mimes: ['video/mp4', 'video/quicktime'] as const,
  maxBytes: 2 * 1024 * 1024 * 1024,
  minSeconds: 4,
  maxSeconds: 15 * 60,
};

/** The parts of a Strapi upload file (or one of its formats) that the plugin reads. */
export interface StrapiMediaFormat {
  url: string;
  mime?: string | null;
  ext?: string | null;
  width?: number | null;
  height?: number | null;
  /** Strapi stores sizes in kilobytes. */
  size?: number | null;
}

export interface StrapiMedia extends StrapiMediaFormat {
  id?: number;
  name?: string | null;
  alternativeText?: string | null;
  formats?: Record<string, StrapiMediaFormat> | null;
}

export interface ChosenImage {
  kind: 'image';
  url: string;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number | null;
  /** `original` or the Strapi format name (`large`, `medium`, …). */
  variant: string;
}

export interface ChosenVideo {
  kind: 'video';
  url: string;
  mime: string;
  bytes: number | null;
}

export type ChosenMedia = ChosenImage | ChosenVideo;

const MIME_BY_EXT: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.avif': 'image/avif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
};

const mimeOf = (f: StrapiMediaFormat): string =>
  (f.mime || MIME_BY_EXT[(f.ext ?? '').toLowerCase()] || 'application/octet-stream').toLowerCase();

const bytesOf = (f: StrapiMediaFormat): number | null =>
  typeof f.size === 'number' ? Math.round(f.size * 1024) : null;

const describe = (mime: string) =>
  mime
    .replace(/^image\//, '')
    .replace('svg+xml', 'SVG')
    .toUpperCase();

/**
 * Picks what to send for the entry's hero media: the largest Strapi format of the image that fits
 * Pinterest's limits, the original GIF (animated GIFs stay GIFs), or the video. Throws a `PinError`
 * an editor can act on when nothing fits.
 */
export function chooseMedia(media: StrapiMedia | null | undefined): ChosenMedia {
  if (!media || !media.url) {
    throw new PinError('MEDIA_REQUIRED', 'This entry has no image or video.');
  }
  const mime = mimeOf(media);
  if ((VIDEO_LIMITS.mimes as readonly string[]).includes(mime)) {
    const bytes = bytesOf(media);
    if (bytes !== null && bytes > VIDEO_LIMITS.maxBytes) {
      throw new PinError(
        'MEDIA_TOO_LARGE',
        `The hero video is ${(bytes / 2 ** 30).toFixed(1)} GB; Pinterest accepts at most 2 GB.`
      );
    }
    return { kind: 'video', url: media.url, mime, bytes };
  }
  if (!(IMAGE_LIMITS.mimes as readonly string[]).includes(mime)) {
    throw new PinError(
      'MEDIA_UNSUPPORTED',
      `The hero media is ${mime.startsWith('image/') ? `a ${describe(mime)} image` : `of type ${mime}`}; Pinterest accepts JPEG, PNG, WebP or GIF images and MP4 or MOV videos.`
    );
  }

  const candidates: Array<{ variant: string; f: StrapiMediaFormat }> = [
    { variant: 'original', f: media },
  ];
  // Resized formats of a GIF lose its animation: keep the original only.
  if (mime !== 'image/gif') {
    for (const [variant, f] of Object.entries(media.formats ?? {})) {
      if (f?.url && (IMAGE_LIMITS.mimes as readonly string[]).includes(mimeOf(f)))
        candidates.push({ variant, f });
    }
  }
  const fits = (f: StrapiMediaFormat) => {
    const bytes = bytesOf(f);
    const sizeOk = bytes === null || bytes <= IMAGE_LIMITS.maxBytes;
    const dimsOk =
      f.width == null ||
      f.height == null ||
      (f.width >= IMAGE_LIMITS.minWidth && f.height >= IMAGE_LIMITS.minHeight);
    return sizeOk && dimsOk;
  };
  const area = (f: StrapiMediaFormat) => (f.width ?? 0) * (f.height ?? 0);
  const best = candidates.filter((c) => fits(c.f)).sort((a, b) => area(b.f) - area(a.f))[0];
  if (!best) {
    const small =
      media.width != null &&
      media.height != null &&
      (media.width < IMAGE_LIMITS.minWidth || media.height < IMAGE_LIMITS.minHeight);
    if (small) {
      throw new PinError(
        'MEDIA_TOO_SMALL',
        `The hero image is ${media.width}×${media.height} pixels; Pinterest needs at least 100×100.`
      );
    }
    const bytes = bytesOf(media) ?? 0;
    throw new PinError(
      'MEDIA_TOO_LARGE',
      `The hero image is ${(bytes / 2 ** 20).toFixed(1)} MB and has no smaller format; Pinterest accepts at most 20 MB.`
    );
  }
  return {
    kind: 'image',
    url: best.f.url,
    mime: mimeOf(best.f),
    width: best.f.width ?? null,
    height: best.f.height ?? null,
    bytes: bytesOf(best.f),
    variant: best.variant,
  };
}
