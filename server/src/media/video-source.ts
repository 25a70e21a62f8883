import fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VIDEO_LIMITS } from '../mapping/media';
import { safeFetch, type SafeFetchOptions } from '../net/safe-fetch';
import { PinError } from '../errors/pin-error';
import { absoluteMediaUrl, localUploadPath, type MediaSourceContext } from './media-source';
import type { RangeReader } from './video-probe';

/** A video the plugin must upload itself: random access for the header, a stream for the upload. */
export interface VideoFile {
  size: number;
  reader: RangeReader;
  /** A fresh stream of the whole file (called once per upload attempt). */
  stream(): Readable;
  close(): Promise<void>;
}

function fromDisk(file: string, size: number, onClose?: () => Promise<void>): VideoFile {
  let fd: fs.promises.FileHandle | null = null;
  return {
    size,
    reader: {
      size,
      async read(offset, length) {
        fd ??= await fsp.open(file, 'r');
        const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await fd.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      },
    },
    stream: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
    async close() {
      await fd?.close().catch(() => undefined);
      fd = null;
      await onClose?.();
    },
  };
}

const contentRangeTotal = (h: string | string[] | undefined): number | null => {
  const v = Array.isArray(h) ? h[0] : h;
  const m = v ? /\/(\d+)\s*$/.exec(v) : null;
  return m ? Number(m[1]) : null;
};

/** A remote video read with HTTP range requests (what S3 and every CDN support). */
async function fromRangeServer(url: URL, opts: SafeFetchOptions): Promise<VideoFile | null> {
  const probe = await safeFetch(url, { ...opts, headers: { range: 'bytes=0-0' } });
  const total = contentRangeTotal(probe.headers['content-range']);
  probe.body.destroy();
  if (probe.status !== 206 || total === null) return null;
  if (total > VIDEO_LIMITS.maxBytes)
    throw new PinError(
      'MEDIA_TOO_LARGE',
      `The hero video is ${(total / 2 ** 30).toFixed(2)} GB; Pinterest accepts at most 2 GB.`
    );
  const finalUrl = probe.url;
  return {
    size: total,
    reader: {
      size: total,
      async read(offset, length) {
        const end = Math.min(total, offset + length) - 1;
        if (end < offset) return Buffer.alloc(0);
        const res = await safeFetch(finalUrl, {
          ...opts,
          maxBytes: length,
          headers: { range: `bytes=${offset}-${end}` },
        });
        const chunks: Buffer[] = [];
        for await (const c of res.body) chunks.push(c as Buffer);
        const all = Buffer.concat(chunks);
        // a server that ignores Range on later requests would send the whole file: the cap stops it
        // above
        return res.status === 206 ? all : all.subarray(offset, end + 1);
      },
    },
    stream() {
      const out = new PassThrough({ highWaterMark: 256 * 1024 });
      safeFetch(finalUrl, { ...opts, maxBytes: VIDEO_LIMITS.maxBytes })
        .then((res) => res.body.pipe(out))
        .catch((e: Error) => out.destroy(e));
      return out;
    },
    close: () => Promise.resolve(),
  };
}

const TEMP_PREFIX = 'pinterest-video-';

/**
 * Removes the temporary video files a crashed process left behind (a download is removed when it
 * fails or ends, but not when the process dies mid-way): files of ours older than `maxAgeMs`, which
 * no running download can still hold. Returns how many were removed.
 */
export async function sweepStaleVideoFiles(
  maxAgeMs: number,
  dir = os.tmpdir(),
  now = Date.now()
): Promise<number> {
  let removed = 0;
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(dir, name);
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile() || now - stat.mtimeMs < maxAgeMs) continue;
    await fsp.rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * A remote video without range support: downloaded (streamed, capped) to a temporary file first.
 */
async function viaTempFile(url: URL, opts: SafeFetchOptions): Promise<VideoFile> {
  const file = path.join(os.tmpdir(), `${TEMP_PREFIX}${randomUUID()}`);
  const res = await safeFetch(url, { ...opts, maxBytes: VIDEO_LIMITS.maxBytes });
  try {
    await pipeline(res.body, fs.createWriteStream(file));
  } catch (e) {
    await fsp.rm(file, { force: true });
    throw e instanceof PinError
      ? e
      : new PinError(
          'MEDIA_UNREACHABLE',
          `The hero video could not be downloaded (${(e as Error).message}).`
        );
  }
  const { size } = await fsp.stat(file);
  return fromDisk(file, size, () => fsp.rm(file, { force: true }));
}

/**
 * Opens the hero video wherever the upload provider keeps it: the local public folder, or an
 * http(s) address read through the SSRF-safe fetcher (range requests, else a temporary file).
 */
export async function openVideo(url: string, ctx: MediaSourceContext): Promise<VideoFile> {
  const local = localUploadPath(url, ctx.publicDir);
  if (local) {
    try {
      const { size } = await fsp.stat(local);
      return fromDisk(local, size);
    } catch (e) {
      throw new PinError(
        'MEDIA_UNREADABLE',
        `The hero video file could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`
      );
    }
  }
  const absolute = absoluteMediaUrl(url, ctx.publicUrl);
  if (!absolute)
    throw new PinError(
      'MEDIA_UNREADABLE',
      'The hero video has no http(s) address to read it from.'
    );
  const opts: SafeFetchOptions = {
    allowlist: ctx.allowlist,
    timeoutMs: ctx.timeoutMs,
    maxBytes: VIDEO_LIMITS.maxBytes,
    ...ctx.downloads,
  };
  return (await fromRangeServer(absolute, opts)) ?? viaTempFile(absolute, opts);
}
