import type { LookupFunction } from 'node:net';
import { IMAGE_LIMITS } from '../mapping/media';
import type { DownloadLimits } from '../net/download-clock';
import { redactUrl } from '../net/redact';
import { safeFetch } from '../net/safe-fetch';
import { PinError } from '../errors/pin-error';

/** What the first bytes of a file say it is. */
export function sniffImage(
  head: Buffer
): { mime: string; accepted: boolean; label: string } | null {
  const at = (i: number, s: string) => head.subarray(i, i + s.length).toString('latin1') === s;
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { mime: 'image/jpeg', accepted: true, label: 'JPEG' };
  if (
    head.length >= 8 &&
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return { mime: 'image/png', accepted: true, label: 'PNG' };
  if (at(0, 'GIF87a') || at(0, 'GIF89a'))
    return { mime: 'image/gif', accepted: true, label: 'GIF' };
  if (at(0, 'RIFF') && at(8, 'WEBP')) return { mime: 'image/webp', accepted: true, label: 'WebP' };
  if (at(0, 'II*\u0000') || at(0, 'MM\u0000*'))
    return { mime: 'image/tiff', accepted: false, label: 'TIFF' };
  if (at(4, 'ftyp')) {
    const brand = head.subarray(8, 12).toString('latin1');
    if (brand === 'avif' || brand === 'avis')
      return { mime: 'image/avif', accepted: false, label: 'AVIF' };
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand))
      return { mime: 'image/heic', accepted: false, label: 'HEIC' };
    return { mime: 'video/mp4', accepted: false, label: 'a video (MP4/MOV)' };
  }
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<') && text.includes('<svg'))
    return { mime: 'image/svg+xml', accepted: false, label: 'SVG' };
  return null;
}

/**
 * Before Pinterest is given an image URL to fetch, the worker fetches its first bytes itself
 * through
 * the SSRF-safe downloader: every redirect is checked like the first address, connections go to
 * public
 * addresses only (so a name that resolves — or re-resolves — to a private address is refused), and
 * the
 * bytes must be a JPEG, PNG, WebP or GIF. Returns the final URL (after redirects), which is what
 * Pinterest is given.
 */
export async function checkRemoteImage(
  url: string,
  opts: {
    allowlist: readonly string[];
    timeoutMs: number;
    lookup?: LookupFunction;
    limits?: Partial<DownloadLimits>;
    /** What to do when the address answers something other than an accepted image. */
    advice: string;
  }
): Promise<{ url: string; mime: string }> {
  const res = await safeFetch(url, {
    ...opts.limits,
    allowlist: opts.allowlist,
    timeoutMs: opts.timeoutMs,
    maxBytes: IMAGE_LIMITS.maxBytes,
    lookup: opts.lookup,
    headers: { range: 'bytes=0-511', accept: 'image/*' },
  });
  const total = /\/(\d+)\s*$/.exec(String(res.headers['content-range'] ?? ''));
  if (total && Number(total[1]) > IMAGE_LIMITS.maxBytes) {
    res.body.on('error', () => undefined).destroy();
    throw new PinError(
      'MEDIA_TOO_LARGE',
      `The image at ${res.url.host} is ${(Number(total[1]) / 2 ** 20).toFixed(1)} MB; Pinterest accepts at most 20 MB.`
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const body of res.body) {
      const chunk = body as Buffer;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= 512) break;
    }
  } finally {
    res.body.on('error', () => undefined).destroy();
  }
  const kind = sniffImage(Buffer.concat(chunks));
  if (!kind || !kind.accepted) {
    throw new PinError(
      'MEDIA_UNSUPPORTED',
      `The media at ${redactUrl(res.url)} is ${kind ? kind.label : `not an image${res.contentType ? ` (${res.contentType})` : ''}`}; Pinterest accepts JPEG, PNG, WebP or GIF images.`,
      { advice: opts.advice }
    );
  }
  return { url: res.url.toString(), mime: kind.mime };
}
