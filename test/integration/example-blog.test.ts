/**
 * A real site, set up without code (issue 14): the playground's Blog article is shaped like the
 * Article of Strapi's example blog — a slug (not a URL), description, cover, a dynamic zone of
 * shared components, an SEO component, a category, two locales (en, fr), no Pinterest field — and
 * the plugin config does not name it. An administrator maps it through the settings routes only;
 * publishing then pins with links built from a per-locale URL pattern; a slug edit updates the
 * pin's link; an empty placeholder stops the job with LINK_REQUIRED (`refuse`, the default), and
 * `warn` pins without a link and says so. A real Strapi (SQLite) and the emulator over HTTP.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const BLOG = 'api::blog-article.blog-article';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let token: string;
let coverId: number;
let boardId: string;
let recipesCategory: string;

const api = () => request(strapi.server.httpServer);
const setupUrl = `/pinterest/settings/content-types/${encodeURIComponent(BLOG)}`;

/** The administrator's choices, as the settings page sends them. */
const setup = (over: Record<string, unknown> = {}) => ({
  enabled: true,
  title: ['title', 'seo.metaTitle'],
  description: ['description', 'seo.metaDescription'],
  content: ['blocks'],
  media: 'cover',
  link: {
    kind: 'pattern',
    patterns: {
      '*': 'https://blog.example.com/{locale}/articles/{category.slug}/{slug}',
      fr: 'https://fr.blog.example.com/articles/{slug}',
    },
  },
  missingLink: 'refuse',
  pinOnPublish: true,
  defaultBoardId: boardId,
  onUnpublish: 'keep',
  ...over,
});

const pinTitled = (title: string) =>
  [...emulator.state.pins.values()].find((p) => p.title === title) ?? null;
const jobOf = (documentId: string, locale: string) =>
  strapi.db.query('plugin::pinterest.job').findOne({
    where: { key: `pin.entry:${BLOG}:${documentId}:${locale}` },
  }) as Promise<{ state: string; lastError: { code: string; message: string } | null } | null>;
const settled = (documentId: string, locale: string) =>
  waitFor(
    async () => {
      const job = await jobOf(documentId, locale);
      return job && (job.state === 'done' || job.state === 'failed') ? job : null;
    },
    `the pin job of ${documentId} (${locale}) to settle`,
    30_000,
    100
  );

async function publishEnglish(data: Record<string, unknown>): Promise<string> {
  const doc = await strapi.documents(BLOG).create({
    locale: 'en',
    data: { cover: coverId, category: recipesCategory, ...data },
  } as never);
  await strapi.documents(BLOG).publish({ documentId: doc.documentId, locale: 'en' } as never);
  return doc.documentId;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_WORKER_POLL_MS: '200',
  });
  strapi = booted.strapi;
  await strapi.plugin('i18n').service('locales').create({ code: 'fr', name: 'French (fr)' });
  token = await registerSuperAdmin(strapi);
  coverId = (await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' })).id;
  boardId = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  const category = await strapi
    .documents('api::category.category')
    .create({ data: { name: 'Recipes', slug: 'recipes' } } as never);
  recipesCategory = category.documentId;
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('lists the type as not set up, offering component and relation paths and the dynamic zone', async () => {
  const res = await api()
    .get('/pinterest/settings/content-types')
    .set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  const blog = res.body.contentTypes.find((t: { uid: string }) => t.uid === BLOG);
  expect(blog).toMatchObject({
    displayName: 'Blog article',
    kind: 'collectionType',
    draftAndPublish: true,
    localized: true,
    pinField: null,
    previewAvailable: true,
    source: null,
    enabled: false,
    mapping: null,
    neverPinned: null,
  });
  const paths = (role: string) => blog.candidates[role].map((c: { path: string }) => c.path);
  expect(paths('title')).toEqual(expect.arrayContaining(['title', 'slug', 'seo.metaTitle']));
  expect(paths('title')).not.toContain('cover');
  expect(paths('content')).toEqual(expect.arrayContaining(['blocks', 'description']));
  expect(paths('media')).toEqual(expect.arrayContaining(['cover', 'seo.shareImage']));
  expect(paths('placeholder')).toEqual(expect.arrayContaining(['slug', 'category.slug']));
  // the type configured in code is shown read-only, with its source
  const article = res.body.contentTypes.find(
    (t: { uid: string }) => t.uid === 'api::article.article'
  );
  expect(article).toMatchObject({ source: 'code', enabled: true });
});

it('refuses what cannot work: a path that does not exist, a media for the title, a bad pattern, code-configured types', async () => {
  const bad = await api()
    .put(setupUrl)
    .set('Authorization', `Bearer ${token}`)
    .send(setup({ title: ['headline'], media: 'title' }));
  expect(bad.status).toBe(400);
  const messages = bad.body.error.details.errors.map((e: { message: string }) => e.message);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringContaining('there is no attribute “headline”'),
      expect.stringContaining('“title” is a string attribute'),
    ])
  );
  const pattern = await api()
    .put(setupUrl)
    .set('Authorization', `Bearer ${token}`)
    .send(setup({ link: { kind: 'pattern', patterns: { '*': 'blog.example.com/{slug}' } } }));
  expect(pattern.status).toBe(400);
  expect(pattern.body.error.message).toContain('is not an absolute URL');
  const code = await api()
    .put(`/pinterest/settings/content-types/${encodeURIComponent('api::article.article')}`)
    .set('Authorization', `Bearer ${token}`)
    .send(setup());
  expect(code.status).toBe(409);
  expect(code.body.error.message).toContain('config/plugins.ts');
});

it('set up in the admin only: publishing pins with the pattern link per locale, text from the dynamic zone', async () => {
  const saved = await api().put(setupUrl).set('Authorization', `Bearer ${token}`).send(setup());
  expect(saved.status).toBe(200);
  expect(saved.body.contentType).toMatchObject({ source: 'admin', enabled: true });

  const documentId = await publishEnglish({
    title: 'Tomato soup',
    slug: 'tomato-soup',
    description: '',
    blocks: [
      { __component: 'shared.quote', title: 'Grandma', body: 'Always roast the tomatoes first.' },
      { __component: 'shared.rich-text', body: '## Ingredients\n\nTomatoes, **garlic**, basil.' },
    ],
    seo: { metaTitle: 'Tomato soup (SEO)', metaDescription: 'A warm soup' },
  });
  expect(await settled(documentId, 'en')).toMatchObject({ state: 'done' });
  const pin = pinTitled('Tomato soup')!;
  expect(pin.board_id).toBe(boardId);
  expect(new URL(pin.link!).origin + new URL(pin.link!).pathname).toBe(
    'https://blog.example.com/en/articles/recipes/tomato-soup'
  );
  // the description falls back to the SEO component's, then the content's text
  expect(pin.description).toBe('A warm soup');

  // the French version: its own host, from the locale's own pattern
  await strapi.documents(BLOG).update({
    documentId,
    locale: 'fr',
    data: {
      title: 'Soupe à la tomate',
      slug: 'soupe-a-la-tomate',
      seo: { metaTitle: 'Soupe', metaDescription: 'Une soupe chaude' },
    },
  } as never);
  await strapi.documents(BLOG).publish({ documentId, locale: 'fr' } as never);
  expect(await settled(documentId, 'fr')).toMatchObject({ state: 'done' });
  const fr = pinTitled('Soupe à la tomate')!;
  expect(new URL(fr.link!).origin + new URL(fr.link!).pathname).toBe(
    'https://fr.blog.example.com/articles/soupe-a-la-tomate'
  );
});

it('text from the dynamic zone when the entry has no description', async () => {
  const documentId = await publishEnglish({
    title: 'Roast pepper salad',
    slug: 'roast-pepper-salad',
    blocks: [
      { __component: 'shared.rich-text', body: '## Method\n\nRoast the **peppers** until black.' },
      { __component: 'shared.quote', title: 'Chef', body: 'Peel them warm.' },
    ],
    seo: { metaTitle: 'Peppers', metaDescription: '' },
  });
  expect(await settled(documentId, 'en')).toMatchObject({ state: 'done' });
  const pin = pinTitled('Roast pepper salad')!;
  expect(pin.description).toContain('Roast the peppers until black.');
  expect(pin.description).toContain('Peel them warm.');
  expect(pin.description!.indexOf('Roast the peppers')).toBeLessThan(
    pin.description!.indexOf('Peel them warm')
  );
});

it('a slug edit changes the link, and the pin is updated (PATCH), not made again', async () => {
  const documentId = await publishEnglish({ title: 'Lentil stew', slug: 'lentil-stew' });
  expect(await settled(documentId, 'en')).toMatchObject({ state: 'done' });
  const before = pinTitled('Lentil stew')!;
  await strapi.documents(BLOG).update({
    documentId,
    locale: 'en',
    data: { slug: 'red-lentil-stew' },
  } as never);
  await strapi.documents(BLOG).publish({ documentId, locale: 'en' } as never);
  await waitFor(
    () => new URL(pinTitled('Lentil stew')!.link!).pathname.endsWith('/red-lentil-stew'),
    'the pin link to follow the slug',
    30_000,
    100
  );
  expect(pinTitled('Lentil stew')!.id).toBe(before.id);
  expect([...emulator.state.pins.values()].filter((p) => p.title === 'Lentil stew')).toHaveLength(
    1
  );
  expect(
    emulator.requests.some((r) => r.method === 'PATCH' && r.path === `/v5/pins/${before.id}`)
  ).toBe(true);
});

it('an empty placeholder stops the job with LINK_REQUIRED; with `warn` the pin goes out without a link, flagged', async () => {
  const documentId = await publishEnglish({ title: 'No slug yet', slug: null });
  const job = await settled(documentId, 'en');
  expect(job).toMatchObject({ state: 'failed', lastError: { code: 'LINK_REQUIRED' } });
  expect(job.lastError!.message).toContain('{slug}');
  expect(pinTitled('No slug yet')).toBeNull();

  const warn = await api()
    .put(setupUrl)
    .set('Authorization', `Bearer ${token}`)
    .send(setup({ missingLink: 'warn' }));
  expect(warn.status).toBe(200);
  await strapi.documents(BLOG).publish({ documentId, locale: 'en' } as never);
  expect(await settled(documentId, 'en')).toMatchObject({ state: 'done' });
  expect(pinTitled('No slug yet')).toMatchObject({ link: null });
  const pins = await api()
    .get(`/pinterest/entries/${encodeURIComponent(BLOG)}/${documentId}/pins?locale=en`)
    .set('Authorization', `Bearer ${token}`);
  expect(pins.status).toBe(200);
  expect(pins.body.pins).toEqual([
    expect.objectContaining({ status: 'pinned', link: null, withoutLink: true }),
  ]);
});

it('the sample pin is built from a published entry with the unsaved choices', async () => {
  const res = await api()
    .post(`${setupUrl}/sample`)
    .set('Authorization', `Bearer ${token}`)
    .send(setup({ title: ['seo.metaTitle', 'title'] }));
  expect(res.status).toBe(200);
  expect(res.body.entry).toMatchObject({ locale: expect.any(String) });
  expect(res.body.preview).toMatchObject({ title: expect.any(String) });
});

it("the app's Strapi preview as the link source: its published page URL, never its draft URL", async () => {
  const saved = await api()
    .put(setupUrl)
    .set('Authorization', `Bearer ${token}`)
    .send(setup({ link: { kind: 'preview' } }));
  expect(saved.status).toBe(200);
  expect(saved.body.contentType.mapping.link).toEqual({ kind: 'preview' });
  const documentId = await publishEnglish({ title: 'Pea soup', slug: 'pea-soup' });
  expect(await settled(documentId, 'en')).toMatchObject({ state: 'done' });
  const pin = pinTitled('Pea soup')!;
  expect(new URL(pin.link!).origin + new URL(pin.link!).pathname).toBe(
    'https://blog.example.com/en/articles/pea-soup'
  );
  expect(pin.link).not.toContain('secret');
});

it('turned off then on again: what was published meanwhile is archive, never pinned by reconcile', async () => {
  const off = await api()
    .put(setupUrl)
    .set('Authorization', `Bearer ${token}`)
    .send(setup({ enabled: false }));
  expect(off.status).toBe(200);
  expect(off.body.contentType).toMatchObject({ enabled: false, neverPinned: null });
  const documentId = await publishEnglish({ title: 'Published while off', slug: 'while-off' });
  expect(await jobOf(documentId, 'en')).toBeNull();

  const on = await api().put(setupUrl).set('Authorization', `Bearer ${token}`).send(setup());
  expect(on.status).toBe(200);
  const result = await strapi.plugin('pinterest').service('pins').reconcileOnce();
  expect(result.enqueued).toEqual([]);
  expect(await jobOf(documentId, 'en')).toBeNull();
  expect(pinTitled('Published while off')).toBeNull();
  // it is counted as never pinned, for a campaign to pick up when someone asks
  expect(on.body.contentType.neverPinned.count).toBeGreaterThanOrEqual(1);
});

it('never pinned counts published entries without a pin, on a type without i18n too', async () => {
  const ARTICLE = 'api::article.article';
  const pinned = await strapi.documents(ARTICLE).create({
    data: { title: 'Counted as pinned', hero: coverId, pinterest: { boardId } },
  } as never);
  await strapi.documents(ARTICLE).publish({ documentId: pinned.documentId });
  await waitFor(() => pinTitled('Counted as pinned') !== null, 'the article to pin', 30_000, 100);
  // published, but its editor chose not to pin it
  const unpinned = await strapi.documents(ARTICLE).create({
    data: { title: 'Left unpinned', hero: coverId, pinterest: { boardId, enabled: false } },
  } as never);
  await strapi.documents(ARTICLE).publish({ documentId: unpinned.documentId });
  await waitFor(
    async () =>
      (await strapi.db.query('plugin::pinterest.job').findOne({
        where: { key: `pin.entry:${ARTICLE}:${unpinned.documentId}:default`, state: 'done' },
      })) !== null,
    'the unpinned article’s job to finish',
    30_000,
    100
  );
  const res = await api()
    .get('/pinterest/settings/content-types')
    .set('Authorization', `Bearer ${token}`);
  const article = res.body.contentTypes.find((t: { uid: string }) => t.uid === ARTICLE);
  expect(article.localized).toBe(false);
  expect(article.neverPinned.count).toBe(1);
});
