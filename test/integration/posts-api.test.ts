/**
 * The RelayAPI-shaped posts API (`/api/pinterest/posts`) on a real Strapi (playground, SQLite temp
 * file)
 * talking over real HTTP to the Pinterest emulator: a post now and a scheduled one become pins, a
 * waiting one can be cancelled, every validation rule answers 400 naming the field and the rule,
 * SSRF
 * attempts are refused with a clear error, only API tokens with the right action get in, and an
 * Idempotency-Key replays the same post.
 */
import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { getService } from '../../server/src/utils/get-service';
import { fullAccessApiToken } from '../helpers/admin';
import { makeImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { videoBytes } from '../helpers/video';
import { waitFor } from '../helpers/wait-for';

const TOKEN = 'pina_emulator_static_token';
const POSTS = '/api/pinterest/posts';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let helper: http.Server;
let helperBase = '';
let fullToken = '';
let boardId = '';
let otherBoardId = '';
let imageUrl = '';
const VIDEO = videoBytes({ seconds: 6, width: 720, height: 1280 });
const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="600" height="900"><rect width="600" height="900"/></svg>'
);

const api = () => request(strapi.server.httpServer);
const post = (body: unknown, token = fullToken) =>
  api()
    .post(POSTS)
    .set('Authorization', `Bearer ${token}`)
    .send(body as object);
const getPost = (id: string, token = fullToken) =>
  api().get(`${POSTS}/${id}`).set('Authorization', `Bearer ${token}`);
const deletePost = (id: string, token = fullToken) =>
  api().delete(`${POSTS}/${id}`).set('Authorization', `Bearer ${token}`);

/**
 * A valid "post now" body; `over` replaces top-level fields, `pinterest` merges into
 * target_options.pinterest.
 */
function body(over: Record<string, unknown> = {}, pinterest: Record<string, unknown> = {}) {
  return {
    content: 'Tomato soup\nA warm soup for cold evenings.',
    targets: ['pinterest'],
    media: [{ url: imageUrl, type: 'image' }],
    scheduled_at: 'now',
    target_options: {
      pinterest: {
        board_id: boardId,
        title: 'Tomato soup',
        link: 'https://blog.example.com/tomato-soup',
        ...pinterest,
      },
    },
    ...over,
  };
}

const pinPosts = () =>
  emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');
const pinsTitled = (title: string) =>
  [...emulator.state.pins.values()].filter((p) => p.title === title);
const settled = (id: string) =>
  waitFor(async () => {
    const res = await getPost(id);
    return ['published', 'failed', 'cancelled'].includes(res.body.status) ? res.body : null;
  }, `post ${id} to settle`);
const jobOf = (id: string) =>
  strapi.db.query('plugin::pinterest.job').findOne({ where: { key: `pin.post:${id}` } });
const runtime = () => getService(strapi, 'posts');

/** A DNS that answers like a hostile one for a few names (and like nothing else for the rest). */
function hostileDns(table: Record<string, string | string[]>): LookupFunction {
  const calls: Record<string, number> = {};
  return ((hostname: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    const entry = table[hostname];
    if (!entry)
      return cb(
        Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
      );
    // a list answers one address per call: DNS rebinding (public when checked, private when used)
    const address = Array.isArray(entry)
      ? entry[Math.min((calls[hostname] = (calls[hostname] ?? 0) + 1) - 1, entry.length - 1)]
      : entry;
    return options.all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4);
  }) as unknown as LookupFunction;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const boards = [...emulator.state.boards.values()];
  boardId = boards[0].id;
  otherBoardId = boards[1].id;
  emulator.state.files.set('post-photo.png', {
    mime: 'image/png',
    bytes: await makeImage(600, 900, 'png', 'Post'),
  });
  imageUrl = `${emulator.url}/_media/post-photo.png`;

  // a server on loopback (allowlisted, like the emulator): redirects, a disguised SVG, a video
  helper = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/redirect')
      return res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    if (url.pathname === '/photo.png')
      return res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG);
    if (url.pathname === '/clip.mp4') {
      const range = /bytes=(\d+)-(\d*)/.exec(String(req.headers.range ?? ''));
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), VIDEO.length - 1) : VIDEO.length - 1;
        return res
          .writeHead(206, {
            'content-type': 'video/mp4',
            'content-range': `bytes ${start}-${end}/${VIDEO.length}`,
            'content-length': end - start + 1,
          })
          .end(VIDEO.subarray(start, end + 1));
      }
      return res
        .writeHead(200, { 'content-type': 'video/mp4', 'content-length': VIDEO.length })
        .end(VIDEO);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => helper.listen(0, '127.0.0.1', resolve));
  helperBase = `http://127.0.0.1:${(helper.address() as AddressInfo).port}`;

  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: TOKEN,
    PINTEREST_MEDIA_HOST_ALLOWLIST: `${new URL(emulator.url).host},${new URL(helperBase).host}`,
    PINTEREST_VIDEO_POLL_MS: '20',
    PINTEREST_VIDEO_POLL_MAX_MS: '100',
  });
  strapi = booted.strapi;
  fullToken = await fullAccessApiToken(strapi);
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
  await new Promise((resolve) => helper?.close(resolve));
});

afterEach(() => runtime().useLookup(undefined));

describe('posting', () => {
  let publishedId = '';

  it('posts now: 201 with a post id, then a pin on the board with the title, link and image URL', async () => {
    const res = await post(body());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      targets: ['pinterest'],
      pin_id: null,
      error: null,
    });
    expect(res.body.id).toMatch(/^post_[0-9a-f]{24}$/);
    expect(res.headers.location).toBe(`${POSTS}/${res.body.id}`);
    expect(new Date(res.body.scheduled_at).toISOString()).toBe(res.body.scheduled_at);

    const done = await settled(res.body.id);
    expect(done.status).toBe('published');
    const [pin] = pinsTitled('Tomato soup');
    expect(pin).toBeDefined();
    expect(done.pin_id).toBe(pin.id);
    expect(done.pin_url).toBe(`https://www.pinterest.com/pin/${pin.id}/`);
    expect(pin.board_id).toBe(boardId);
    expect(pin.description).toBe('Tomato soup\nA warm soup for cold evenings.');
    expect(pin.media_source_type).toBe('image_url');
    expect(pin.image?.url).toBe(imageUrl);
    const link = new URL(pin.link!);
    expect(`${link.origin}${link.pathname}`).toBe('https://blog.example.com/tomato-soup');
    expect(link.searchParams.get('utm_source')).toBe('pinterest');
    expect(link.searchParams.get('utm_content')).toMatch(/^strapi-[0-9a-f]{16}$/);
    const sent = pinPosts().find((r) => (r.body as { title?: string }).title === 'Tomato soup')!;
    expect((sent.body as { media_source: unknown }).media_source).toEqual({
      source_type: 'image_url',
      url: imageUrl,
    });

    const again = await getPost(res.body.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: res.body.id,
      status: 'published',
      pin_id: pin.id,
      pin_url: `https://www.pinterest.com/pin/${pin.id}/`,
    });
    expect(again.body.published_at).toEqual(expect.any(String));
    publishedId = res.body.id;
  });

  it('takes the title from the first line of the content when none is given', async () => {
    const res = await post(
      body(
        { content: 'Five summer salads\nFresh, quick and cheap.' },
        { title: undefined, board_id: otherBoardId }
      )
    );
    expect(res.status).toBe(201);
    expect((await settled(res.body.id)).status).toBe('published');
    const [pin] = pinsTitled('Five summer salads');
    expect(pin).toMatchObject({
      board_id: otherBoardId,
      description: 'Five summer salads\nFresh, quick and cheap.',
    });
  });

  it('answers 409 to a DELETE once the post is published, and leaves it published', async () => {
    expect(publishedId).not.toBe('');
    const res = await deletePost(publishedId);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
    expect(res.body.error.message).toMatch(/already published .*can no longer be cancelled/);
    expect((await getPost(publishedId)).body.status).toBe('published');
  });

  it('holds a scheduled post until its time, then publishes it', async () => {
    const at = new Date(Date.now() + 3_000);
    at.setMilliseconds(0);
    const res = await post(body({ scheduled_at: at.toISOString() }, { title: 'Scheduled soup' }));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('scheduled');
    expect(res.body.scheduled_at).toBe(at.toISOString());
    // the job waits for exactly that time
    expect(Number((await jobOf(res.body.id)).runAt)).toBe(at.getTime());

    const done = await settled(res.body.id);
    expect(done.status).toBe('published');
    const sent = pinPosts().filter(
      (r) => (r.body as { title?: string }).title === 'Scheduled soup'
    );
    expect(sent).toHaveLength(1);
    // never sent before its time
    expect(Date.parse(sent[0].time)).toBeGreaterThanOrEqual(at.getTime());
    expect(pinsTitled('Scheduled soup')).toHaveLength(1);
  });

  it('cancels a scheduled post with DELETE: no pin is ever made, and a second DELETE is a no-op', async () => {
    const res = await post(
      body(
        { scheduled_at: new Date(Date.now() + 10 * 60_000).toISOString() },
        { title: 'Cancelled soup' }
      )
    );
    expect(res.status).toBe(201);
    const cancelled = await deletePost(res.body.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: res.body.id, status: 'cancelled', pin_id: null });
    expect(cancelled.body.cancelled_at).toEqual(expect.any(String));
    expect((await jobOf(res.body.id)).state).toBe('cancelled');
    expect((await deletePost(res.body.id)).body.status).toBe('cancelled');

    // make its time come, then prove the worker has been round since: a later post is published
    await strapi.db
      .query('plugin::pinterest.job')
      .update({ where: { key: `pin.post:${res.body.id}` }, data: { runAt: Date.now() - 1_000 } });
    const later = await post(body({}, { title: 'After the cancel' }));
    expect((await settled(later.body.id)).status).toBe('published');
    expect(pinsTitled('Cancelled soup')).toHaveLength(0);
    expect((await getPost(res.body.id)).body.status).toBe('cancelled');
  });

  it('finds a create whose answer was lost on the board by its marker instead of pinning twice', async () => {
    // Pinterest creates the pin, then the connection drops before the answer arrives
    emulator.setFault({
      method: 'POST',
      path: '/v5/pins',
      after: 'handler',
      destroySocket: true,
      times: 1,
    });
    const res = await post(
      body({}, { title: 'Lost answer post', link: 'https://blog.example.com/lost-post' })
    );
    expect(res.status).toBe(201);
    const done = await settled(res.body.id);
    expect(done.status).toBe('published');
    const pins = pinsTitled('Lost answer post');
    expect(pins).toHaveLength(1);
    expect(done.pin_id).toBe(pins[0].id);
    expect((await jobOf(res.body.id)).result).toMatchObject({
      outcome: 'published',
      adopted: true,
    });
    expect(
      emulator.requests.some((r) => r.method === 'GET' && r.path === `/v5/boards/${boardId}/pins`)
    ).toBe(true);
  });

  it('fails a post whose URL serves an SVG under a .png name, with the reason', async () => {
    const res = await post(
      body(
        { media: [{ url: `${helperBase}/photo.png`, type: 'image' }] },
        { title: 'Disguised SVG' }
      )
    );
    expect(res.status).toBe(201);
    const done = await settled(res.body.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'MEDIA_UNSUPPORTED', retryable: false });
    expect(done.error.message).toMatch(/SVG/);
    expect(pinsTitled('Disguised SVG')).toHaveLength(0);
  });

  it('posts a video: uploaded to Pinterest, pinned with the chosen cover frame', async () => {
    const res = await post(
      body(
        { media: [{ url: `${helperBase}/clip.mp4`, type: 'video' }] },
        { title: 'Soup video', cover_image_key_frame_time: 2 }
      )
    );
    expect(res.status).toBe(201);
    const done = await settled(res.body.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('published');
    const [pin] = pinsTitled('Soup video');
    expect(pin).toMatchObject({
      creative_type: 'VIDEO',
      media_source_type: 'video_id',
      board_id: boardId,
    });
    expect(pin.video?.cover_image_key_frame_time).toBe(2);
    const upload = emulator.requests.find(
      (r) => r.method === 'POST' && r.path.startsWith('/_upload/')
    );
    expect(upload?.status).toBe(204);
  });

  it('answers 404 for an unknown post and 400 for a malformed id', async () => {
    expect((await getPost('post_000000000000000000000000')).status).toBe(404);
    const bad = await getPost('12');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['id']);
  });
});

describe('validation: 400 naming the field and the rule, and nothing stored', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: Array<[string, () => unknown, string, RegExp]> = [
    [
      'title over 100 characters',
      () => body({}, { title: long(101) }),
      'target_options.pinterest.title',
      /at most 100 characters.*got 101/,
    ],
    [
      'two media',
      () =>
        body({
          media: [
            { url: imageUrl, type: 'image' },
            { url: imageUrl, type: 'image' },
          ],
        }),
      'media',
      /exactly one image or video \(got 2\)/,
    ],
    [
      'two media in the Pinterest override',
      () =>
        body(
          {},
          {
            media: [
              { url: imageUrl, type: 'image' },
              { url: imageUrl, type: 'image' },
            ],
          }
        ),
      'target_options.pinterest.media',
      /exactly one image or video/,
    ],
    [
      'a text-only post (no media)',
      () => body({ media: [] }),
      'media',
      /text-only posts are not possible/,
    ],
    [
      'a text-only post (media left out)',
      () => body({ media: undefined }),
      'media',
      /text-only posts are not possible/,
    ],
    [
      'a missing board',
      () => body({}, { board_id: undefined }),
      'target_options.pinterest.board_id',
      /is required/,
    ],
    [
      'a board id that is not digits',
      () => body({}, { board_id: 'recipes' }),
      'target_options.pinterest.board_id',
      /digits only/,
    ],
    [
      'an unsupported media type',
      () => body({ media: [{ url: imageUrl, type: 'document' }] }),
      'media.0.type',
      /unsupported media type.*"image" or "video"/,
    ],
    [
      'an SVG image',
      () => body({ media: [{ url: 'https://cdn.example.com/logo.svg', type: 'image' }] }),
      'media.0.url',
      /unsupported image type SVG/,
    ],
    [
      'a HEIC image',
      () => body({ media: [{ url: 'https://cdn.example.com/photo.HEIC', type: 'image' }] }),
      'media.0.url',
      /unsupported image type HEIC/,
    ],
    [
      'a TIFF image',
      () => body({ media: [{ url: 'https://cdn.example.com/scan.tiff', type: 'image' }] }),
      'media.0.url',
      /unsupported image type TIFF/,
    ],
    [
      'an image declared AVIF',
      () =>
        body({
          media: [{ url: 'https://cdn.example.com/photo', type: 'image', mime: 'image/avif' }],
        }),
      'media.0.mime',
      /unsupported image type AVIF/,
    ],
    [
      'a video URL posted as an image',
      () => body({ media: [{ url: 'https://cdn.example.com/clip.mp4', type: 'image' }] }),
      'media.0.type',
      /names a \.mp4 video/,
    ],
    [
      'scheduled_at that is not a date',
      () => body({ scheduled_at: 'tomorrow' }),
      'scheduled_at',
      /"now" or an ISO-8601 date-time with an offset/,
    ],
    [
      'scheduled_at without an offset',
      () => body({ scheduled_at: '2031-05-01T09:00:00' }),
      'scheduled_at',
      /ISO-8601 date-time with an offset/,
    ],
    [
      'scheduled_at in the past',
      () => body({ scheduled_at: new Date(Date.now() - 3_600_000).toISOString() }),
      'scheduled_at',
      /is in the past/,
    ],
    [
      'an unsupported target',
      () => body({ targets: ['pinterest', 'twitter'] }),
      'targets.1',
      /unsupported target “twitter”/,
    ],
    [
      'targets without pinterest',
      () => body({ targets: [] }),
      'targets',
      /must include "pinterest"/,
    ],
    [
      'options for another target',
      () => ({ ...body(), target_options: { ...body().target_options, tiktok: {} } }),
      'target_options.tiktok',
      /unsupported target “tiktok”/,
    ],
    [
      'a description over 500 characters',
      () => body({ content: long(501) }),
      'content',
      /at most 500 characters.*got 501/,
    ],
    [
      'a Pinterest description override over 500',
      () => body({}, { content: long(600) }),
      'target_options.pinterest.content',
      /at most 500 characters/,
    ],
    [
      'a link that is not http(s)',
      () => body({}, { link: 'ftp://files.example.com/soup' }),
      'target_options.pinterest.link',
      /http\(s\) URL/,
    ],
    [
      'a cover on an image post',
      () => body({}, { cover_image_url: 'https://cdn.example.com/cover.jpg' }),
      'target_options.pinterest.cover_image_url',
      /only for video posts/,
    ],
    [
      'a negative key frame time',
      () =>
        body(
          { media: [{ url: `${helperBase}/clip.mp4`, type: 'video' }] },
          { cover_image_key_frame_time: -1 }
        ),
      'target_options.pinterest.cover_image_key_frame_time',
      /integer number of seconds ≥ 0/,
    ],
    [
      'a fractional key frame time',
      () =>
        body(
          { media: [{ url: `${helperBase}/clip.mp4`, type: 'video' }] },
          { cover_image_key_frame_time: 1.5 }
        ),
      'target_options.pinterest.cover_image_key_frame_time',
      /integer number of seconds ≥ 0/,
    ],
    [
      'both cover kinds at once',
      () =>
        body(
          { media: [{ url: `${helperBase}/clip.mp4`, type: 'video' }] },
          { cover_image_url: imageUrl, cover_image_key_frame_time: 1 }
        ),
      'target_options.pinterest.cover_image_key_frame_time',
      /either cover_image_url or cover_image_key_frame_time/,
    ],
    ['an unknown field', () => ({ ...body(), colour: 'red' }), '', /Unrecognized key.*colour/],
  ];

  it.each(cases)('refuses %s', async (_name, make, path, rule) => {
    const before = await strapi.db.query('plugin::pinterest.post').count();
    const res = await post(make());
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    const errors = res.body.error.details.errors as Array<{ path: string[]; message: string }>;
    const match = errors.find((e) => e.path.join('.') === path);
    expect(match).toBeDefined();
    expect(match!.message).toMatch(rule);
    expect(res.body.error.message).toContain(errors[0].message);
    expect(await strapi.db.query('plugin::pinterest.post').count()).toBe(before);
  });
});

describe('SSRF: media addresses inside the server’s network are refused', () => {
  const literal: Array<[string, () => string, RegExp]> = [
    [
      'loopback',
      () => 'http://127.0.0.1/x.jpg',
      /127\.0\.0\.1 is a loopback, private or link-local address/,
    ],
    [
      'cloud metadata (link-local)',
      () => 'http://169.254.169.254/latest/meta-data',
      /169\.254\.169\.254 is a loopback, private or link-local address/,
    ],
    [
      'a private range',
      () => 'http://10.1.2.3/photo.jpg',
      /10\.1\.2\.3 is a loopback, private or link-local address/,
    ],
    [
      'another private range',
      () => 'http://192.168.0.10/photo.png',
      /192\.168\.0\.10 is a loopback, private or link-local address/,
    ],
    ['IPv6 loopback', () => 'http://[::1]/photo.png', /loopback, private or link-local address/],
    [
      'localhost by name (even on the allowlisted emulator port)',
      () => imageUrl.replace('127.0.0.1', 'localhost'),
      /localhost/,
    ],
    ['a file URL', () => 'file:///etc/passwd', /must be an http\(s\) URL, not file/],
    ['a gopher URL', () => 'gopher://127.0.0.1:25/x', /must be an http\(s\) URL, not gopher/],
    ['credentials in the URL', () => 'https://admin:secret@cdn.example.com/x.jpg', /credentials/],
  ];

  it.each(literal)('refuses %s with 400', async (_name, url, reason) => {
    const res = await post(body({ media: [{ url: url(), type: 'image' }] }));
    expect(res.status).toBe(400);
    const error = (
      res.body.error.details.errors as Array<{ path: string[]; message: string }>
    ).find((e) => e.path.join('.') === 'media.0.url');
    expect(error?.message).toMatch(reason);
  });

  it('refuses a private cover image address on a video post', async () => {
    const res = await post(
      body(
        { media: [{ url: `${helperBase}/clip.mp4`, type: 'video' }] },
        { cover_image_url: 'http://169.254.169.254/cover.jpg' }
      )
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({
      path: ['target_options', 'pinterest', 'cover_image_url'],
    });
    expect(res.body.error.details.errors[0].message).toMatch(/refused/);
  });

  it('refuses a public name that resolves to a private address', async () => {
    runtime().useLookup(hostileDns({ 'cdn.attacker.example': '10.0.0.8' }));
    const res = await post(
      body({ media: [{ url: 'https://cdn.attacker.example/photo.jpg', type: 'image' }] })
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['media', '0', 'url'] });
    expect(res.body.error.details.errors[0].message).toMatch(
      /cdn\.attacker\.example resolves to a loopback, private or link-local address/
    );
  });

  it('refuses a name that does not exist', async () => {
    runtime().useLookup(hostileDns({}));
    const res = await post(
      body({ media: [{ url: 'https://nowhere.invalid/photo.jpg', type: 'image' }] })
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].message).toMatch(/does not exist/);
  });

  it('fails a post whose name re-resolves to a private address when it is sent (DNS rebinding), making no pin', async () => {
    runtime().useLookup(hostileDns({ 'rebind.attacker.example': ['93.184.216.34', '127.0.0.1'] }));
    const res = await post(
      body(
        { media: [{ url: 'http://rebind.attacker.example/photo.jpg', type: 'image' }] },
        { title: 'Rebinding' }
      )
    );
    expect(res.status).toBe(201);
    const done = await settled(res.body.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'MEDIA_URL_REFUSED', retryable: false });
    expect(done.error.message).toMatch(/rebind\.attacker\.example resolves to a loopback/);
    expect(pinsTitled('Rebinding')).toHaveLength(0);
  });

  it.each([
    [
      'the metadata service',
      'http://169.254.169.254/latest/meta-data/photo.jpg',
      /169\.254\.169\.254 is a loopback, private or link-local address/,
    ],
    ['localhost', 'http://localhost/admin.png', /localhost/],
  ])(
    'fails a post whose image URL redirects to %s, making no pin',
    async (name, target, reason) => {
      const title = `Redirect to ${name}`;
      const res = await post(
        body(
          {
            media: [
              { url: `${helperBase}/redirect?to=${encodeURIComponent(target)}`, type: 'image' },
            ],
          },
          { title }
        )
      );
      expect(res.status).toBe(201);
      const done = await settled(res.body.id);
      expect(done.status).toBe('failed');
      expect(done.error.code).toBe('MEDIA_URL_REFUSED');
      expect(done.error.message).toMatch(reason);
      expect(pinsTitled(title)).toHaveLength(0);
    }
  );
});

describe('access: only API tokens with the posts actions', () => {
  const makeToken = async (type: 'read-only' | 'custom', permissions: string[] = []) =>
    (
      await strapi.service('admin::api-token').create({
        name: `${type}-${Math.random().toString(36).slice(2)}`,
        type,
        lifespan: null,
        description: '',
        ...(type === 'custom' && { permissions }),
      })
    ).accessKey as string;

  it('refuses a request without a token (public role), and with an unknown token', async () => {
    const none = await api().post(POSTS).send(body());
    expect([401, 403]).toContain(none.status);
    expect([401, 403]).toContain(
      (await api().get(`${POSTS}/post_000000000000000000000000`)).status
    );
    expect(
      (await api().post(POSTS).set('Authorization', 'Bearer not-a-token').send(body())).status
    ).toBe(401);
  });

  it('refuses the public role even when it was given the create permission', async () => {
    const role = await strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } });
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action: 'plugin::pinterest.posts.create', role: role.id } });
    const before = await strapi.db.query('plugin::pinterest.post').count();
    const res = await api().post(POSTS).send(body());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/needs a Strapi API token/);
    expect(await strapi.db.query('plugin::pinterest.post').count()).toBe(before);
  });

  it('lets a read-only token read (its own) posts but not create or cancel them', async () => {
    const readOnly = await makeToken('read-only');
    const created = await post(
      body(
        { scheduled_at: new Date(Date.now() + 10 * 60_000).toISOString() },
        { title: 'Read-only check' }
      )
    );
    expect(created.status).toBe(201);
    // a token sees only the posts it created: another token's post is a 404, its list is empty
    expect((await getPost(created.body.id, readOnly)).status).toBe(404);
    const list = await api().get(POSTS).set('Authorization', `Bearer ${readOnly}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
    expect((await post(body(), readOnly)).status).toBe(403);
    expect((await deletePost(created.body.id, readOnly)).status).toBe(403);
    expect((await deletePost(created.body.id)).body.status).toBe('cancelled');
  });

  it('lets a custom token do exactly what its actions allow', async () => {
    const creator = await makeToken('custom', ['plugin::pinterest.posts.create']);
    const res = await post(
      body(
        { scheduled_at: new Date(Date.now() + 10 * 60_000).toISOString() },
        { title: 'Custom token' }
      ),
      creator
    );
    expect(res.status).toBe(201);
    expect((await getPost(res.body.id, creator)).status).toBe(403);
    expect((await deletePost(res.body.id, creator)).status).toBe(403);
    const other = await makeToken('custom', ['plugin::pinterest.posts.findOne']);
    expect((await post(body(), other)).status).toBe(403);
    // findOne is allowed, but the post is the creator token's own
    expect((await getPost(res.body.id, other)).status).toBe(404);
    expect((await getPost(res.body.id)).status).toBe(404);
    expect(
      await strapi.db.query('plugin::pinterest.post').count({ where: { postId: res.body.id } })
    ).toBe(1);
    expect((await deletePost(res.body.id)).status).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  it('returns the same post for the same key from the same token, and makes one pin', async () => {
    const key = `order-${Math.random().toString(36).slice(2)}`;
    const payload = body({}, { title: 'Idempotent soup' });
    const first = await post(payload).set('Idempotency-Key', key);
    const second = await post(payload).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect((await settled(first.body.id)).status).toBe('published');
    const third = await post(payload).set('Idempotency-Key', key);
    expect(third.body).toMatchObject({ id: first.body.id, status: 'published' });
    expect(pinsTitled('Idempotent soup')).toHaveLength(1);
    expect(
      await strapi.db.query('plugin::pinterest.post').count({ where: { postId: first.body.id } })
    ).toBe(1);
  });

  it('answers 422 when the key is reused with a different request', async () => {
    const key = `order-${Math.random().toString(36).slice(2)}`;
    const scheduled = new Date(Date.now() + 10 * 60_000).toISOString();
    const first = await post(body({ scheduled_at: scheduled }, { title: 'Key reuse A' })).set(
      'Idempotency-Key',
      key
    );
    expect(first.status).toBe(201);
    const second = await post(body({ scheduled_at: scheduled }, { title: 'Key reuse B' })).set(
      'Idempotency-Key',
      key
    );
    expect(second.status).toBe(422);
    expect(second.body.error.message).toMatch(/already used for a different request/);
    await deletePost(first.body.id);
  });

  it('keeps keys per token: the same key from another token makes another post', async () => {
    const key = `order-${Math.random().toString(36).slice(2)}`;
    const scheduled = new Date(Date.now() + 10 * 60_000).toISOString();
    const payload = body({ scheduled_at: scheduled }, { title: 'Per-token key' });
    const a = await post(payload).set('Idempotency-Key', key);
    const b = await post(payload, await fullAccessApiToken(strapi)).set('Idempotency-Key', key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    await deletePost(a.body.id);
    await deletePost(b.body.id);
  });

  it('refuses a malformed key', async () => {
    const res = await post(body()).set('Idempotency-Key', 'has spaces in it');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['idempotency-key']);
  });
});
