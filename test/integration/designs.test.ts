/**
 * Designed pins (issue 16), end to end: a real Strapi (playground, SQLite) and the Pinterest
 * emulator. Strapi listens on a known port so the rendered design's Media Library URL is a public
 * address the plugin hands Pinterest as `image_url` (the emulator fetches and decodes it).
 */
import net, { type AddressInfo } from 'node:net';
import request from 'supertest';
import sharp from 'sharp';
import { request as undiciRequest } from 'undici';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { fullAccessApiToken, registerSuperAdmin } from '../helpers/admin';
import { article, campaignsOf } from '../helpers/campaigns';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const TOKEN = 'pina_emulator_static_token';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let boardId: string;
let base: string;
let jwt: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const pinPosts = () =>
  emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');

const designFiles = async () => {
  const folder = (await strapi.db
    .query('plugin::upload.folder')
    .findOne({ where: { name: 'Pinterest pins' } })) as { id: number } | null;
  if (!folder) return [];
  return (await strapi.db
    .query('plugin::upload.file')
    .findMany({ where: { folder: { id: folder.id } } })) as Array<{ id: number; url: string }>;
};

const settledJob = (keyPart: string, after = 0) =>
  waitFor(async () => {
    const jobs = (await strapi.db
      .query('plugin::pinterest.job')
      .findMany({ where: { key: { $contains: keyPart } } })) as Array<{
      id: number;
      state: string;
      attempts: number;
      lastError: unknown;
      updatedAt: string;
    }>;
    const job = jobs.find(
      (j) => (j.state === 'done' || j.state === 'failed') && new Date(j.updatedAt).getTime() > after
    );
    return job ?? null;
  }, `the job ${keyPart} to settle`);

async function publishArticle(data: Record<string, unknown>) {
  const draft = await strapi.documents(ARTICLE).create({ data: data as never });
  await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
  return draft.documentId;
}

/** The image the emulator was given, fetched again and decoded. */
async function sentImage(url: string) {
  const res = await undiciRequest(url);
  const bytes = Buffer.from(await res.body.arrayBuffer());
  return sharp(bytes).metadata();
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  boardId = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  booted = await bootStrapi({
    PORT: String(port),
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: TOKEN,
    PINTEREST_PUBLIC_URL: base,
    PINTEREST_MEDIA_HOST_ALLOWLIST: `127.0.0.1:${port},${new URL(emulator.url).host}`,
    // campaigns tick when the test says so, on a fake clock
    PINTEREST_CAMPAIGN_TICK_RULE: '0 0 0 1 1 *',
    PINTEREST_CAMPAIGN_LOOKAHEAD_MS: '0',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(() => {
  emulator.requests.length = 0;
});

describe('publish with a design', () => {
  let documentId = '';
  let firstUrl = '';

  it('sends a 1000×1500 JPEG from the "Pinterest pins" folder as image_url', async () => {
    const hero = await uploadImage(strapi, { width: 1600, height: 900, format: 'jpeg' });
    documentId = await publishArticle({
      title: 'Ten weeknight dinners',
      excerpt: 'Ready in twenty minutes. Every one of them.',
      canonicalUrl: 'https://blog.example.com/dinners',
      hero: hero.id,
      pinterest: { boardId, design: { template: 'bold-band' } },
    });
    const job = await settledJob(documentId);
    expect(job.state).toBe('done');
    const [sent] = pinPosts();
    const source = (sent.body as { media_source: { source_type: string; url: string } })
      .media_source;
    expect(source.source_type).toBe('image_url');
    expect(source.url.startsWith(`${base}/uploads/`)).toBe(true);
    const files = await designFiles();
    expect(files).toHaveLength(1);
    expect(`${base}${files[0].url}`).toBe(source.url);
    const meta = await sentImage(source.url);
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1000, 1500]);
    const pin = [...emulator.state.pins.values()].find((p) => p.image?.url === source.url);
    expect([pin?.image?.width, pin?.image?.height]).toEqual([1000, 1500]);
    expect((sent.body as { alt_text?: string }).alt_text).toBeTruthy();
    firstUrl = source.url;
  });

  it('a re-pin finds the stored design: no second file, the same image URL', async () => {
    const before = Date.now();
    const res = await request(strapi.server.httpServer)
      .post(`/pinterest/entries/${ARTICLE}/${documentId}/repin`)
      .set('Authorization', `Bearer ${jwt}`)
      .send({});
    expect(res.status).toBeLessThan(300);
    await settledJob(documentId, before);
    await waitFor(() => Promise.resolve(pinPosts().length ? true : null), 'the re-pin');
    const source = (pinPosts()[0].body as { media_source: { url: string } }).media_source;
    expect(source.url).toBe(firstUrl);
    expect(await designFiles()).toHaveLength(1);
  });

  it('design: null sends the original image', async () => {
    const hero = await uploadImage(strapi, { width: 600, height: 900, format: 'jpeg' });
    const id = await publishArticle({
      title: 'Original image',
      canonicalUrl: 'https://blog.example.com/original',
      hero: hero.id,
      pinterest: { boardId, design: null },
    });
    expect((await settledJob(id)).state).toBe('done');
    const source = (pinPosts()[0].body as { media_source: { url?: string } }).media_source;
    expect(source.url ?? '').not.toMatch(/pinterest_pin/);
    expect(await designFiles()).toHaveLength(1);
  });
});

describe('admin routes', () => {
  const admin = () => request(strapi.server.httpServer);

  it('lists the templates', async () => {
    const res = await admin()
      .get('/pinterest/designs/templates')
      .set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.templates.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining(['bold-band', 'split-top', 'overlay', 'card'])
    );
  });

  it('previews a design as a JPEG at the asked width', async () => {
    const res = await admin()
      .post('/pinterest/designs/preview')
      .set('Authorization', `Bearer ${jwt}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .send({
        contentType: ARTICLE,
        design: { template: 'overlay', title: 'Preview title' },
        values: { description: 'A first sentence. Another.' },
        width: 400,
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/image\/jpeg/);
    const meta = await sharp(res.body as Buffer).metadata();
    expect([meta.width, meta.height]).toEqual([400, 600]);
  });

  it('refuses an unknown template with a 400', async () => {
    const res = await admin()
      .post('/pinterest/designs/preview')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ contentType: ARTICLE, design: { template: 'nope' } });
    expect(res.status).toBe(400);
  });

  it('stores the brand settings and refuses an unknown font', async () => {
    const put = await admin()
      .put('/pinterest/settings/brand')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: 'Maison Verte', primaryColour: '#2A9D8F', font: 'noto-serif' });
    expect(put.status).toBe(200);
    const get = await admin()
      .get('/pinterest/settings/brand')
      .set('Authorization', `Bearer ${jwt}`);
    expect(get.body).toMatchObject({
      name: 'Maison Verte',
      primaryColour: '#2A9D8F',
      secondaryColour: '#111111',
      font: 'noto-serif',
      logoFileId: null,
      logoUrl: null,
    });
    expect(get.body.fonts.map((f: { id: string }) => f.id)).toEqual(['inter', 'noto-serif']);
    const bad = await admin()
      .put('/pinterest/settings/brand')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ font: 'comic-sans' });
    expect(bad.status).toBe(400);
  });
});

describe('posts API with a design', () => {
  it('renders target_options.pinterest.design and sends it as image_url', async () => {
    const token = await fullAccessApiToken(strapi);
    const hero = await uploadImage(strapi, { width: 1200, height: 800, format: 'jpeg' });
    const before = (await designFiles()).length;
    const res = await request(strapi.server.httpServer)
      .post('/api/pinterest/posts')
      .set('Authorization', `Bearer ${token}`)
      .send({
        content: 'Posted with a design. It has two sentences.',
        targets: ['pinterest'],
        media: [{ url: `${base}${hero.url}`, type: 'image' }],
        target_options: {
          pinterest: {
            board_id: boardId,
            title: 'Posts API pin',
            link: 'https://blog.example.com/posted',
            design: { template: 'split-top', subtitle: 'A designed subtitle' },
          },
        },
      });
    expect(res.status).toBe(201);
    const done = await waitFor(async () => {
      const got = await request(strapi.server.httpServer)
        .get(`/api/pinterest/posts/${res.body.id}`)
        .set('Authorization', `Bearer ${token}`);
      return got.body.status === 'published' || got.body.status === 'failed' ? got.body : null;
    }, 'the post to be sent');
    expect(done.status).toBe('published');
    const sent = pinPosts().find((r) => (r.body as { title?: string }).title === 'Posts API pin')!;
    const source = (sent.body as { media_source: { source_type: string; url: string } })
      .media_source;
    expect(source.source_type).toBe('image_url');
    expect(source.url).toMatch(new RegExp(`^${base}/uploads/pinterest_pin_`));
    const meta = await sentImage(source.url);
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1000, 1500]);
    expect(await designFiles()).toHaveLength(before + 1);
  });

  it('refuses an unknown template with the field named', async () => {
    const token = await fullAccessApiToken(strapi);
    const res = await request(strapi.server.httpServer)
      .post('/api/pinterest/posts')
      .set('Authorization', `Bearer ${token}`)
      .send({
        content: 'x',
        targets: ['pinterest'],
        media: [{ url: 'https://cdn.example.com/a.jpg', type: 'image' }],
        target_options: { pinterest: { board_id: boardId, design: { template: 'nope' } } },
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('design');
  });
});

describe('campaign with fresh designs', () => {
  it('gives each pin of the same link its own design, rendered when the pin is due, across campaigns', async () => {
    let fakeNow = Date.parse('2020-03-02T09:00:00Z');
    campaignsOf(strapi).useClock(() => fakeNow);
    try {
      const hero = await uploadImage(strapi, { width: 1600, height: 900, format: 'jpeg' });
      const doc = await article(strapi, 'fresh', {
        hero: hero.id,
        publishedAt: '2019-05-01T10:00:00Z',
      });
      const boards = [...emulator.state.boards.values()]
        .slice(0, 3)
        .map((b) => ({ boardId: b.id }));
      expect(boards).toHaveLength(3);
      const input = {
        name: 'Fresh',
        selection: { contentType: ARTICLE, documentIds: [doc] },
        boards,
        pacing: { intervalMinutes: 10, timeZone: 'UTC', minDaysBetweenSameLink: 0 },
        freshness: { freshDesigns: true },
      };
      const admin = () => request(strapi.server.httpServer);
      const preview = await admin()
        .post('/pinterest/campaigns/preview')
        .set('Authorization', `Bearer ${jwt}`)
        .send(input);
      expect(preview.status).toBe(200);
      const designs = (preview.body.first as Array<{ design: string }>).map((f) => f.design);
      expect(new Set(designs).size).toBe(3);

      /** Runs a campaign to its end and returns the image URLs its pins sent. */
      const run = async (name: string) => {
        const created = await admin()
          .post('/pinterest/campaigns')
          .set('Authorization', `Bearer ${jwt}`)
          .send({ ...input, name });
        expect(created.status).toBe(201);
        const id = created.body.campaign.id as number;
        emulator.requests.length = 0;
        const items = async () =>
          (await strapi.db
            .query('plugin::pinterest.campaign-item')
            .findMany({ where: { campaignId: id } })) as Array<{ state: string }>;
        for (let step = 0; step < 10; step += 1) {
          await campaignsOf(strapi).tick();
          await waitFor(async () => {
            const rows = await items();
            return rows.every((r) => r.state !== 'queued' && r.state !== 'pinning') ? true : null;
          }, 'the campaign pins to settle');
          if ((await items()).every((r) => r.state === 'pinned')) break;
          fakeNow += 11 * 60_000;
        }
        return pinPosts().map(
          (r) => (r.body as { media_source: { url: string } }).media_source.url
        );
      };

      const before = (await designFiles()).length;
      const urls = await run('Fresh');
      expect(urls).toHaveLength(3);
      expect(new Set(urls).size).toBe(3);
      for (const url of urls) expect(url).toMatch(new RegExp(`^${base}/uploads/pinterest_pin_`));
      expect((await designFiles()).length).toBe(before + 3);

      // a later campaign over the same link takes the next designs, never one it already had
      const again = await run('Fresh again');
      expect(again).toHaveLength(3);
      expect(new Set([...urls, ...again]).size).toBe(6);
    } finally {
      campaignsOf(strapi).useClock(null);
    }
  });
});
