/**
 * Fetches an `image_url` the way Pinterest does: http(s) only, redirects followed, a timeout, a
 * size cap, image bytes required.
 */
import { fetch } from 'undici';
import { probeImage, type ImageInfo } from './image-probe';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export type FetchedImage =
  | { ok: true; info: ImageInfo; bytes: number }
  | { ok: false; problem: 'invalid-url' | 'unreachable' | 'not-an-image'; reason: string };

export async function fetchImage(url: string, timeoutMs = 5_000): Promise<FetchedImage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: 'invalid-url', reason: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { ok: false, problem: 'invalid-url', reason: 'not an http(s) URL' };
  const controller = new AbortController();
  let stopped: string | null = null;
  const timer = setTimeout(() => {
    stopped = 'timed out';
    controller.abort();
  }, timeoutMs);
  try {
    const res = await fetch(parsed, {
      redirect: 'follow',
      signal: controller.signal,
      headers: { 'user-agent': 'Pinterest/0.2 (+http://www.pinterest.com/bot.html)' },
    });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return { ok: false, problem: 'unreachable', reason: `HTTP ${res.status}` };
    }
    if (Number(res.headers.get('content-length')) > MAX_IMAGE_BYTES) {
      await res.body.cancel();
      return { ok: false, problem: 'unreachable', reason: 'larger than 20 MB' };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = res.body.getReader();
    for (;;) {
      // undici types the body as ReadableStream<any>; its chunks are Uint8Arrays
      const chunk = await reader.read();
      if (chunk.done) break;
      const value: unknown = chunk.value;
      if (!(value instanceof Uint8Array)) throw new Error('the response body is not bytes');
      total += value.length;
      if (total > MAX_IMAGE_BYTES) {
        stopped = 'larger than 20 MB';
        await reader.cancel();
        return { ok: false, problem: 'unreachable', reason: stopped };
      }
      chunks.push(Buffer.from(value));
    }
    const info = probeImage(Buffer.concat(chunks));
    return info
      ? { ok: true, info, bytes: total }
      : {
          ok: false,
          problem: 'not-an-image',
          reason: 'the bytes are not a JPEG, PNG, GIF, WebP or BMP image',
        };
  } catch (e) {
    return { ok: false, problem: 'unreachable', reason: stopped ?? (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
