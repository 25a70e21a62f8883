/**
 * A safe first install on a real site set up in the admin (issue 14): 300 Blog articles
 * (shaped like Strapi's example blog) are published before the plugin pins anything. An
 * administrator enables the type in Settings → Pinterest → Content types: reconcile passes pin
 * none of them and send nothing; one entry published afterwards pins once; the page says 300
 * entries were never pinned, and the re-pin campaign it opens (that type, published before the
 * enabling time) plans 300 pins, paced. A real Strapi (SQLite) and the emulator over HTTP.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import type { CampaignPreviewDTO } from '../../common/campaigns';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const BLOG = 'api::blog-article.blog-article';
const ARCHIVE = 300;
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let token: string;
let coverId: number;
let boardId: string;

const api = () => request(strapi.server.httpServer);
const pinRequests = () =>
  emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');
const listBlog = async () => {
  const res = await api()
    .get('/pinterest/settings/content-types')
    .set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body.contentTypes.find((t: { uid: string }) => t.uid === BLOG);
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_WORKER_POLL_MS: '200',
    // reconcile runs only when the test asks
    PINTEREST_RECONCILE_RULE: '0 0 1 1 *',
  });
  strapi = booted.strapi;
  token = await registerSuperAdmin(strapi);
  coverId = (await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' })).id;
  boardId = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  // the site before the plugin: years of articles, the type not set up
  for (let i = 0; i < ARCHIVE; i += 1)
    await strapi.documents(BLOG).create({
      locale: 'en',
      data: { title: `Archive ${i}`, slug: `archive-${i}`, cover: coverId },
      status: 'published',
    } as never);
}, 300_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('enabling the type pins none of the archive, counts it, and a campaign from the count plans it all, paced', async () => {
  expect((await listBlog()).neverPinned).toBeNull();
  const saved = await api()
    .put(`/pinterest/settings/content-types/${encodeURIComponent(BLOG)}`)
    .set('Authorization', `Bearer ${token}`)
    .send({
      enabled: true,
      title: ['title'],
      description: ['description'],
      content: ['blocks'],
      media: 'cover',
      link: { kind: 'pattern', patterns: { '*': 'https://blog.example.com/{locale}/{slug}' } },
      defaultBoardId: boardId,
    });
  expect(saved.status).toBe(200);

  for (let pass = 0; pass < 2; pass += 1) {
    const result = await strapi.plugin('pinterest').service('pins').reconcileOnce();
    expect(result.enqueued).toEqual([]);
  }
  expect(await strapi.db.query('plugin::pinterest.job').count({})).toBe(0);
  expect(pinRequests()).toHaveLength(0);

  // published after the install: pins by itself, once
  const fresh = await strapi.documents(BLOG).create({
    locale: 'en',
    data: { title: 'Fresh soup', slug: 'fresh-soup', cover: coverId },
  } as never);
  await strapi.documents(BLOG).publish({ documentId: fresh.documentId, locale: 'en' } as never);
  // pinned: the request reached Pinterest and the record says so (the job's finish writes it)
  await waitFor(
    async () =>
      pinRequests().length === 1 &&
      (await strapi.db.query('plugin::pinterest.pin-record').findOne({
        where: { entryDocumentId: fresh.documentId, status: 'pinned', pinId: { $notNull: true } },
      })),
    'the new entry to pin',
    30_000,
    100
  );
  await strapi.plugin('pinterest').service('pins').reconcileOnce();
  expect(pinRequests()).toHaveLength(1);

  const blog = await listBlog();
  expect(blog.neverPinned).toEqual({ count: ARCHIVE, publishedBefore: expect.any(String) });

  // what the page's button opens: the planner with that type, published before the enabling time
  const res = await api()
    .post('/pinterest/campaigns/preview')
    .set('Authorization', `Bearer ${token}`)
    .send({
      name: 'The archive',
      selection: { contentType: BLOG, publishedBefore: blog.neverPinned.publishedBefore },
      boards: [{ boardId }],
      pacing: { intervalMinutes: 30, maxPerDay: 24 },
    });
  expect(res.status).toBe(200);
  const preview = res.body as CampaignPreviewDTO;
  expect(preview.matched).toBe(ARCHIVE);
  expect(preview.pins).toBe(ARCHIVE);
  // paced: 24 a day at most, so the plan spans at least 12 days
  expect(Date.parse(preview.lastAt!) - Date.parse(preview.firstAt!)).toBeGreaterThanOrEqual(
    11 * 24 * 3600_000
  );
  // a dry run: still nothing sent
  expect(pinRequests()).toHaveLength(1);
});
