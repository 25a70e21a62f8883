/**
 * The emulator's small readers: image sizes from headers, the MP4/MOV check, and the image
 * fetcher's limits.
 */
import sharp from 'sharp';
import { fetchImage } from '../../emulator/src/fetch-image';
import { probeImage } from '../../emulator/src/image-probe';
import { looksLikeVideo } from '../../emulator/src/video-probe';
import { fileServer, makePng } from './kit';

const image = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 4, background: { r: 200, g: 10, b: 30, alpha: 0.5 } },
  });

describe('probeImage', () => {
  it('reads type and size from PNG, JPEG, GIF and WebP (lossy, lossless, extended) headers', async () => {
    const cases: Array<[Buffer, string, number, number]> = [
      [makePng(200, 300), 'image/png', 200, 300],
      [await image(321, 123).jpeg().toBuffer(), 'image/jpeg', 321, 123],
      [await image(1000, 1500).jpeg({ progressive: true }).toBuffer(), 'image/jpeg', 1000, 1500],
      [await image(64, 48).gif().toBuffer(), 'image/gif', 64, 48],
      [await image(401, 301).webp({ quality: 50 }).toBuffer(), 'image/webp', 401, 301],
      [await image(257, 129).webp({ lossless: true }).toBuffer(), 'image/webp', 257, 129],
      [
        await image(600, 400).webp({ quality: 80, alphaQuality: 50 }).withMetadata().toBuffer(),
        'image/webp',
        600,
        400,
      ],
    ];
    for (const [bytes, mime, width, height] of cases)
      expect({ mime, info: probeImage(bytes) }).toEqual({ mime, info: { mime, width, height } });
  });

  it('refuses what is not an image', () => {
    expect(probeImage(Buffer.from('<html>hello</html>'))).toBeNull();
    expect(probeImage(Buffer.alloc(0))).toBeNull();
    expect(probeImage(makePng(10, 10).subarray(0, 12))).toBeNull();
  });
});

describe('looksLikeVideo', () => {
  it('wants an ISO-BMFF box: ftyp (MP4/MOV), or moov/wide/mdat for old QuickTime', () => {
    const box = (type: string) =>
      Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(type, 'latin1'), Buffer.alloc(16)]);
    expect(looksLikeVideo(box('ftyp'))).toBe(true);
    expect(looksLikeVideo(box('moov'))).toBe(true);
    expect(looksLikeVideo(box('free'))).toBe(false);
    expect(looksLikeVideo(makePng(10, 10))).toBe(false);
    expect(looksLikeVideo(Buffer.from('ftyp'))).toBe(false);
  });
});

describe('fetchImage', () => {
  it('stops at 20 MB and at the timeout', async () => {
    const server = await fileServer({
      '/huge.png': (res) => {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(makePng(200, 200));
        const mb = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 21 && res.write(mb)) sent += 1;
          if (sent < 21) res.once('drain', pump);
          else res.end();
        };
        pump();
      },
      '/slow.png': (res) => {
        res.writeHead(200, { 'content-type': 'image/png' });
        setTimeout(() => res.end(makePng(200, 200)), 1_000);
      },
      '/ok.png': (res) => res.writeHead(200).end(makePng(120, 130)),
    });
    try {
      expect(await fetchImage(`${server.url}/huge.png`)).toEqual({
        ok: false,
        problem: 'unreachable',
        reason: 'larger than 20 MB',
      });
      expect(await fetchImage(`${server.url}/slow.png`, 200)).toEqual({
        ok: false,
        problem: 'unreachable',
        reason: 'timed out',
      });
      expect(await fetchImage(`${server.url}/ok.png`)).toEqual({
        ok: true,
        bytes: expect.any(Number),
        info: { mime: 'image/png', width: 120, height: 130 },
      });
      expect(await fetchImage('not a url')).toMatchObject({ ok: false, problem: 'invalid-url' });
    } finally {
      await server.close();
    }
  });
});
