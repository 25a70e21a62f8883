import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ChosenImage } from '../mapping/media';
import { IMAGE_LIMITS } from '../mapping/media';
import { PinError } from '../errors/pin-error';
import type { MediaSource } from '../pinterest/schemas';
import { readAll, safeFetch } from '../net/safe-fetch';
import { looksPubliclyReachable } from '../net/public-address';
import type { DownloadLimits } from '../net/download-clock';
import { assertHeroAnswersImage } from './hero-check';

export interface MediaSourceContext {
  /** Public base URL of this Strapi (turns `/uploads/x.jpg` into an absolute URL). */
  publicUrl?: string;
  /** Hosts treated as reachable although they are loopback/private (demo, tests). */
  allowlist: readonly string[];
  /** Strapi's public folder, where the local upload provider keeps files. */
  publicDir: string;
  timeoutMs: number;
  /** Deadline and minimum rate of the plugin's own downloads (config `downloads`). */
  downloads?: Partial<DownloadLimits>;
}

const SIGNATURES: Record<'image/jpeg' | 'image/png', (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b.length > 8 &&
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

/**
 * The file behind a `/uploads/…` URL of Strapi's local upload provider, or null for any other URL.
 * A path that escapes the public folder is refused.
 */
export function localUploadPath(url: string, publicDir: string): string | null {
  if (!url.startsWith('/')) return null;
  const pathname = decodeURIComponent(new URL(url, 'http://local').pathname);
  const file = path.resolve(publicDir, `.${pathname}`);
  if (!file.startsWith(path.resolve(publicDir) + path.sep)) {
    throw new PinError('MEDIA_UNREADABLE', 'The hero media path points outside the public folder.');
  }
  return file;
}

export function absoluteMediaUrl(url: string, publicUrl?: string): URL | null {
  // (asked first, not caught: a relative upload URL is the usual case, and a throw costs more)
  if (URL.canParse(url)) return new URL(url);
  if (!publicUrl) return null;
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return URL.canParse(url, base) ? new URL(url, base) : null;
}

/**
 * Decides how Pinterest gets the image: `image_url` when the URL is one Pinterest can fetch and
 * does not answer something other than an image (see `assertHeroAnswersImage`), else the bytes as
 * `image_base64` (JPEG/PNG only, as Pinterest allows).
 */
export async function resolveImageSource(
  image: ChosenImage,
  ctx: MediaSourceContext
): Promise<MediaSource> {
  const absolute = absoluteMediaUrl(image.url, ctx.publicUrl);
  if (absolute && looksPubliclyReachable(absolute, ctx.allowlist)) {
    await assertHeroAnswersImage(absolute, ctx);
    return { source_type: 'image_url', url: absolute.toString() };
  }
  if (image.mime !== 'image/jpeg' && image.mime !== 'image/png') {
    throw new PinError(
      'MEDIA_NOT_PUBLIC',
      `The hero image (${image.mime}) is not at a public address, and Pinterest accepts uploaded bytes only for JPEG and PNG.`
    );
  }
  const bytes = await readImageBytes(image.url, ctx);
  if (!SIGNATURES[image.mime](bytes)) {
    throw new PinError(
      'MEDIA_UNREADABLE',
      `The hero image file is not a valid ${image.mime === 'image/png' ? 'PNG' : 'JPEG'} file.`
    );
  }
  return { source_type: 'image_base64', content_type: image.mime, data: bytes.toString('base64') };
}

/** The bytes of an image the plugin reads: from the upload folder, or through `safeFetch`. */
export async function readImageBytes(url: string, ctx: MediaSourceContext): Promise<Buffer> {
  const file = localUploadPath(url, ctx.publicDir);
  if (file) {
    try {
      const stat = await fs.stat(file);
      if (stat.size > IMAGE_LIMITS.maxBytes)
        throw new PinError('MEDIA_TOO_LARGE', 'The hero image is larger than 20 MB.');
      return await fs.readFile(file);
    } catch (e) {
      if (e instanceof PinError) throw e;
      throw new PinError(
        'MEDIA_UNREADABLE',
        `The hero image file could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`
      );
    }
  }
  const absolute = absoluteMediaUrl(url, ctx.publicUrl);
  if (!absolute)
    throw new PinError(
      'MEDIA_UNREADABLE',
      'The hero image has no http(s) address to read it from.'
    );
  // the same guard as every download the plugin makes: no private addresses unless allowlisted
  const res = await safeFetch(absolute, {
    ...ctx.downloads,
    allowlist: ctx.allowlist,
    timeoutMs: ctx.timeoutMs,
    maxBytes: IMAGE_LIMITS.maxBytes,
  });
  return readAll(res);
}
