/**
 * Video: register, S3-style multipart upload (fields first, `file` last, streamed), poll, then a
 * video pin.
 */
import { Readable } from 'node:stream';
import { FormData, request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator/src';
import { call } from './kit';

let emu: Emulator;
let board: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  board = [...emu.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
});
afterEach(() => {
  expect(
    emu.requests
      .filter((r) => r.specMismatch)
      .map((r) => `${r.method} ${r.path}: ${r.specMismatch}`)
  ).toEqual([]);
});

/** Bytes that start like an MP4: a `ftyp` box, then filler. */
const fakeMp4 = (size = 4096) => {
  const b = Buffer.alloc(size, 0x11);
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4, 'latin1');
  return b;
};

interface Registered {
  media_id: string;
  media_type: string;
  upload_url: string;
  upload_parameters: Record<string, string>;
}

async function register(): Promise<Registered> {
  const res = await call(emu.url, 'POST', '/v5/media', { body: { media_type: 'video' } });
  expect(res.status).toBe(201);
  return res.json;
}

async function upload(
  reg: Registered,
  file: Buffer,
  opts: {
    fileFirst?: boolean;
    drop?: string;
    tamper?: string;
    headers?: Record<string, string>;
  } = {}
) {
  const form = new FormData();
  const blob = new Blob([new Uint8Array(file)], { type: 'video/mp4' });
  if (opts.fileFirst) form.append('file', blob, 'clip.mp4');
  for (const [k, v] of Object.entries(reg.upload_parameters)) {
    if (k === opts.drop) continue;
    form.append(k, k === opts.tamper ? `${v}x` : v);
  }
  if (!opts.fileFirst) form.append('file', blob, 'clip.mp4');
  const res = await request(reg.upload_url, { method: 'POST', body: form, headers: opts.headers });
  return { status: res.statusCode, text: await res.body.text() };
}

const status = async (id: string) =>
  (await call(emu.url, 'GET', `/v5/media/${id}`)).json.status as string;

describe('video upload', () => {
  it('registers an upload with an emulator upload_url and the 8 S3 fields', async () => {
    const reg = await register();
    expect(reg.media_id).toMatch(/^\d+$/);
    expect(reg.media_type).toBe('video');
    expect(reg.upload_url).toBe(`${emu.url}/_upload/pinterest-media-upload/`);
    expect(Object.keys(reg.upload_parameters).sort()).toEqual(
      [
        'Content-Type',
        'key',
        'policy',
        'x-amz-algorithm',
        'x-amz-credential',
        'x-amz-date',
        'x-amz-security-token',
        'x-amz-signature',
      ].sort()
    );
    expect(await status(reg.media_id)).toBe('registered');
  });

  it('takes the upload (204), then answers processing, then succeeded; a VIDEO pin can then be made', async () => {
    const reg = await register();
    const up = await upload(reg, fakeMp4());
    expect(up).toEqual({ status: 204, text: '' });
    expect(await status(reg.media_id)).toBe('processing');
    expect(await status(reg.media_id)).toBe('succeeded');
    const upRecord = emu.requests.find((r) => r.path.startsWith('/_upload/'))!;
    expect(upRecord.status).toBe(204);
    expect(upRecord.body).toMatchObject({
      file: { field: 'file', bytes: 4096 },
      fields: { key: reg.upload_parameters.key },
    });
    const pin = await call(emu.url, 'POST', '/v5/pins', {
      body: {
        board_id: board,
        title: 'Clip',
        media_source: {
          source_type: 'video_id',
          media_id: reg.media_id,
          cover_image_url: 'https://cdn.example.com/cover.jpg',
        },
      },
    });
    expect(pin.status).toBe(201);
    expect(pin.json.creative_type).toBe('VIDEO');
    expect(pin.json.media).toMatchObject({
      media_type: 'video',
      cover_image_url: 'https://cdn.example.com/cover.jpg',
      duration: null,
      width: null,
      height: null,
    });
    await call(emu.url, 'GET', `/v5/pins/${pin.json.id}`);
    const later = await call(emu.url, 'GET', `/v5/pins/${pin.json.id}`);
    expect(later.json.media).toMatchObject({ duration: 15000, width: 1080, height: 1920 });
  });

  it('processes for as many polls as mediaProcessingPolls says', async () => {
    emu.reset({ mediaProcessingPolls: 3 });
    const reg = await register();
    await upload(reg, fakeMp4());
    expect([
      await status(reg.media_id),
      await status(reg.media_id),
      await status(reg.media_id),
      await status(reg.media_id),
    ]).toEqual(['processing', 'processing', 'processing', 'succeeded']);
  });

  it('fails processing when the bytes are not an MP4/MOV', async () => {
    const reg = await register();
    expect((await upload(reg, Buffer.from('\x89PNG not a video at all, sorry'))).status).toBe(204);
    expect(await status(reg.media_id)).toBe('processing');
    expect(await status(reg.media_id)).toBe('failed');
    const pin = await call(emu.url, 'POST', '/v5/pins', {
      body: { board_id: board, media_source: { source_type: 'video_id', media_id: reg.media_id } },
    });
    expect([pin.status, pin.json.code]).toEqual([400, 1]);
    expect(pin.json.message).toContain('is failed, not succeeded');
  });

  it('refuses a video pin before processing has succeeded', async () => {
    const reg = await register();
    const pin = await call(emu.url, 'POST', '/v5/pins', {
      body: { board_id: board, media_source: { source_type: 'video_id', media_id: reg.media_id } },
    });
    expect([pin.status, pin.json.code]).toEqual([400, 1]);
    expect(pin.json.message).toContain('is registered, not succeeded');
  });

  it('answers S3-style XML errors: file not last, a field missing or changed, an Authorization header', async () => {
    const reg = await register();
    const first = await upload(reg, fakeMp4(), { fileFirst: true });
    expect(first.status).toBe(400);
    expect(first.text).toContain('<Code>InvalidArgument</Code>');
    expect(first.text).toContain('must be the last field');
    const missing = await upload(reg, fakeMp4(), { drop: 'x-amz-signature' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('<Code>AccessDenied</Code>');
    const tampered = await upload(reg, fakeMp4(), { tamper: 'policy' });
    expect(tampered.status).toBe(403);
    const authed = await upload(reg, fakeMp4(), {
      headers: { authorization: 'Bearer pina_emulator_static_token' },
    });
    expect(authed.status).toBe(400);
    expect(await status(reg.media_id)).toBe('registered');
  });

  it('streams a 300 MB upload without holding it in memory', async () => {
    const reg = await register();
    const size = 300 * 1024 * 1024;
    const boundary = 'emulatortestboundary';
    const fields = Object.entries(reg.upload_parameters)
      .map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
      )
      .join('');
    const head = `${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const chunk = fakeMp4(1024 * 1024);
    function* body() {
      yield Buffer.from(head);
      for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
      yield Buffer.from(tail);
    }
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const res = await request(reg.upload_url, {
      method: 'POST',
      body: Readable.from(body()),
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(Buffer.byteLength(head) + size + Buffer.byteLength(tail)),
      },
    });
    clearInterval(sampler);
    await res.body.text();
    expect(res.statusCode).toBe(204);
    expect(emu.state.media.get(reg.media_id)?.uploadedBytes).toBe(size);
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
    expect(await status(reg.media_id)).toBe('processing');
  }, 120_000);

  it('lets a fault rule fail processing (mediaStatus)', async () => {
    const reg = await register();
    await upload(reg, fakeMp4());
    emu.setFault({ method: 'GET', path: '/v5/media/*', mediaStatus: 'failed', times: 1 });
    expect(await status(reg.media_id)).toBe('failed');
    expect(await status(reg.media_id)).toBe('failed');
  });

  it('keeps uploads private to their owner and lists them', async () => {
    const reg = await register();
    const list = await call(emu.url, 'GET', '/v5/media');
    expect(list.json).toEqual({
      items: [{ media_id: reg.media_id, media_type: 'video', status: 'registered' }],
      bookmark: null,
    });
    expect((await call(emu.url, 'GET', '/v5/media/123456789')).json).toEqual({
      code: 404,
      message: 'Media upload not found.',
    });
  });
});
