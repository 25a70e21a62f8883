/**
 * Pinterest SEO against real Strapi + SQLite + the emulator over HTTP: keyword suggestions for an
 * entry (terms + trends), the fallback "from your content" when ads:read is missing (and the
 * Settings status that drives the notice), the 24 h cache shared by editors, trends refused to a
 * non-partner app, the checklist endpoint, and the checklist stored on publish and listed as the
 * weakest live pins.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { adminWithRole, registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { consent, followCallback, oauthEnv } from '../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import {
  createKeywordCacheStore,
  KEYWORD_RECENT_MS,
} from '../../server/src/seo/keyword-cache-store';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const ALL_SCOPES = [
  'user_accounts:read',
  'boards:read',
  'boards:write',
  'pins:read',
  'pins:write',
  'ads:read',
];
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
let editorJwt: string;
let recipesBoard: string;

const http = () => request(strapi.server.httpServer);
const post = (path: string, body: object, token = jwt) =>
  http().post(path).set('Authorization', `Bearer ${token}`).send(body);
const get = (path: string, token = jwt) => http().get(path).set('Authorization', `Bearer ${token}`);
const termCalls = () => emulator.requests.filter((r) => r.path.startsWith('/v5/terms/'));
const trendCalls = () => emulator.requests.filter((r) => r.path.startsWith('/v5/trends/'));

async function connectWith(scopes: string[]) {
  await http().delete('/pinterest/connection').set('Authorization', `Bearer ${jwt}`);
  const back = await followCallback(strapi, await consent(strapi, jwt, { scopes }));
  expect(back.location.searchParams.get('connected')).toBe('strapi_demo');
}

async function publishArticle(data: Record<string, unknown>) {
  const draft = await strapi.documents(ARTICLE).create({ data: data as never });
  await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
  return draft.documentId;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi(oauthEnv(emulator));
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  editorJwt = (await adminWithRole(strapi, 'strapi-editor', 'seo-editor@example.com')).token;
  recipesBoard = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  // the site's own entries: the corpus of the fallback extractor
  for (const [title, excerpt] of [
    ['Pumpkin soup', 'An easy soup recipe for autumn evenings.'],
    ['Lentil soup', 'An easy soup recipe, cheap and filling.'],
    ['Sourdough bread', 'A bread recipe with a long, slow rise.'],
  ])
    await publishArticle({ title, excerpt, pinterest: { enabled: false } });
});
afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});
afterEach(() => {
  expect(
    emulator.requests
      .filter((r) => r.specMismatch)
      .map((r) => `${r.method} ${r.path}: ${r.specMismatch}`)
  ).toEqual([]);
});

describe('without ads:read', () => {
  it('falls back to the entry’s own words, labelled, asks Pinterest nothing, and Settings knows', async () => {
    await connectWith(ALL_SCOPES.filter((s) => s !== 'ads:read'));
    emulator.requests.length = 0;
    const res = await post('/pinterest/seo/suggestions', {
      contentType: ARTICLE,
      values: {
        title: 'Gazpacho andaluz',
        excerpt: 'A cold soup recipe from Andalusia: gazpacho with cucumber and peppers.',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'content', reason: 'scope-missing', trends: false });
    expect(res.body.keywords[0]).toEqual({ keyword: 'gazpacho', source: 'content', growth: null });
    expect(res.body.keywords.map((k: { keyword: string }) => k.keyword)).not.toContain('recipe');
    expect(termCalls()).toEqual([]);
    expect(trendCalls()).toEqual([]);

    const status = await get('/pinterest/seo/status');
    expect(status.body).toMatchObject({ adsRead: 'missing', noticeDismissed: false });
    const dismissed = await http()
      .put('/pinterest/seo/settings')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ noticeDismissed: true });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ adsRead: 'missing', noticeDismissed: true });
    // back for the next tests
    await http()
      .put('/pinterest/seo/settings')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ noticeDismissed: false });
  });
});

describe('with ads:read', () => {
  const entry = {
    contentType: ARTICLE,
    values: {
      title: 'Tomato soup in twenty minutes',
      excerpt: 'A silky tomato soup.',
    },
  };

  beforeAll(async () => {
    await connectWith(ALL_SCOPES);
    const saved = await http()
      .put('/pinterest/seo/settings')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ defaultRegion: 'FR' });
    expect(saved.body.defaultRegion).toBe('FR');
    emulator.requests.length = 0;
  });

  it('suggests Pinterest’s searches, related terms and trends for the entry, in its region', async () => {
    const res = await post('/pinterest/seo/suggestions', entry);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'pinterest',
      reason: null,
      region: 'FR',
      trends: true,
    });
    expect(res.body.seeds).toEqual(['tomato soup', 'tomato', 'soup', 'twenty']);
    const words = res.body.keywords.map((k: { keyword: string }) => k.keyword);
    expect(words).toHaveLength(10);
    expect(words).toEqual(expect.arrayContaining(['tomato soup ideas', 'tomato ideas']));
    expect(res.body.keywords[0].source).toBe('trending');
    expect(new Set(words).size).toBe(words.length);
    // one call per seed for suggested terms, one for related terms, one for trends
    expect(termCalls().filter((r) => r.path === '/v5/terms/suggested')).toHaveLength(4);
    expect(termCalls().filter((r) => r.path === '/v5/terms/related')).toHaveLength(1);
    expect(trendCalls().map((r) => r.path)).toEqual(['/v5/trends/keywords/FR/top/growing']);
    expect(termCalls().every((r) => r.status === 200)).toBe(true);
  });

  it('serves a second editor from the shared cache: no new call to Pinterest', async () => {
    const before = emulator.requests.length;
    const res = await post('/pinterest/seo/suggestions', entry, editorJwt);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('pinterest');
    expect(emulator.requests.slice(before).filter((r) => r.path.startsWith('/v5/'))).toEqual([]);
    const rows = await strapi.db
      .query('plugin::pinterest.keyword-cache')
      .findMany({ where: { key: { $startsWith: 'suggested:FR:' } } });
    // kept a day
    for (const r of rows as { fetchedAt: string | number; expiresAt: string | number }[])
      expect(Number(r.expiresAt) - Number(r.fetchedAt)).toBe(24 * 60 * 60_000);
    expect(rows.map((r: { key: string }) => r.key).sort()).toEqual([
      'suggested:FR:soup',
      'suggested:FR:tomato',
      'suggested:FR:tomato soup',
      'suggested:FR:twenty',
    ]);
  });

  it('keeps working without trends when Pinterest refuses them to this app, and remembers it', async () => {
    emulator.state.flags.trendsAllowed = false;
    const res = await post('/pinterest/seo/suggestions', {
      contentType: ARTICLE,
      values: { title: 'Focaccia', excerpt: 'Bread.' },
    });
    expect(res.body).toMatchObject({ source: 'pinterest', trends: false });
    expect(res.body.keywords[0]).toMatchObject({ keyword: 'focaccia ideas', source: 'suggested' });
    const refused = trendCalls().filter((r) => r.status === 403);
    expect(refused).toHaveLength(1);
    await post('/pinterest/seo/suggestions', {
      contentType: ARTICLE,
      values: { title: 'Ciabatta', excerpt: 'Bread.' },
    });
    expect(trendCalls().filter((r) => r.status === 403)).toHaveLength(1);
    expect((await get('/pinterest/seo/status')).body.trends).toBe('refused');
    emulator.state.flags.trendsAllowed = true;
  });

  it('scores the pin as the form holds it, and the score rises when a keyword goes into the title', async () => {
    const check = async (title: string) =>
      (
        await post('/pinterest/seo/checklist', {
          ...entry,
          values: { ...entry.values, title },
          keywords: ['soup recipes', 'tomato soup ideas'],
        })
      ).body as { score: number; keyword: string; items: { rule: string; pass: boolean }[] };
    const before = await check('Twenty minutes, done');
    expect(before.keyword).toBe('soup recipes');
    expect(before.items.find((i) => i.rule === 'keywordInTitle')!.pass).toBe(false);
    const after = await check('Soup recipes: twenty minutes, done');
    expect(after.keyword).toBe('soup recipes');
    expect(after.items.find((i) => i.rule === 'keywordInTitle')!.pass).toBe(true);
    expect(after.score - before.score).toBe(20);
  });

  it('fills a campaign’s title and description variants from the type’s shared topics', async () => {
    const res = await post('/pinterest/seo/variants', { contentType: ARTICLE });
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('pinterest');
    expect(res.body.keywords).toHaveLength(3);
    // the entries share “recipe” and “easy soup”: the seeds Pinterest is asked about
    expect(termCalls().map((r) => r.query.term)).toEqual(
      expect.arrayContaining(['recipe', 'easy soup'])
    );
    expect(res.body.titleTemplates).toEqual(res.body.keywords.map((k: string) => `{title} – ${k}`));
    expect(res.body.descriptionTemplates).toEqual(
      res.body.keywords.map((k: string) => `{excerpt} ${k}.`)
    );
  });

  it('refuses a malformed request with a 400', async () => {
    const res = await post('/pinterest/seo/suggestions', { contentType: 'article', values: {} });
    expect(res.status).toBe(400);
  });
});

describe('on publish', () => {
  it('stores the checklist on the pin record, and the dashboard lists the weakest live pins', async () => {
    const hero = await uploadImage(strapi, { width: 1000, height: 1500, alt: 'A bowl of soup' });
    const good = await publishArticle({
      title: 'Tomato soup in twenty minutes',
      excerpt:
        'A silky tomato soup with roasted garlic and basil, ready in twenty minutes from pantry staples, with grilled cheese.',
      canonicalUrl: 'https://blog.example.com/tomato-soup',
      hero: hero.id,
      pinterest: { boardId: recipesBoard },
    });
    const square = await uploadImage(strapi, { width: 800, height: 800 });
    const weak = await publishArticle({
      title: 'QUICK BREAKFAST',
      excerpt: 'Eggs.',
      canonicalUrl: 'http://blog.example.com/eggs',
      hero: square.id,
      pinterest: { boardId: recipesBoard },
    });
    const recordOf = (documentId: string) =>
      waitFor(
        async () =>
          (await strapi.db.query('plugin::pinterest.pin-record').findOne({
            where: { entryDocumentId: documentId, seoScore: { $notNull: true } },
          })) as { seoScore: number; seo: { items: { rule: string; pass: boolean }[] } } | null,
        `the checklist on the record of ${documentId}`,
        30_000
      );
    const goodRecord = await recordOf(good);
    const weakRecord = await recordOf(weak);
    expect(goodRecord.seoScore).toBeGreaterThan(weakRecord.seoScore);
    const failing = (r: typeof weakRecord) => r.seo.items.filter((i) => !i.pass).map((i) => i.rule);
    expect(failing(weakRecord)).toEqual(
      expect.arrayContaining(['descriptionLength', 'link', 'image', 'titleNotCaps'])
    );
    expect(failing(goodRecord)).not.toContain('image');
    expect(failing(goodRecord)).not.toContain('link');

    const list = await get('/pinterest/seo/weakest?limit=5');
    expect(list.status).toBe(200);
    const ids = list.body.pins.map((p: { documentId: string }) => p.documentId);
    expect(ids.indexOf(weak)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(weak)).toBeLessThan(ids.indexOf(good));
    expect(list.body.pins[ids.indexOf(weak)]).toMatchObject({
      title: 'QUICK BREAKFAST',
      score: weakRecord.seoScore,
      failing: expect.arrayContaining(['titleNotCaps']),
    });
  });
});

describe('the link check in the stored checklist', () => {
  it('comes from the record the pin job read: a redirect chain the scan found shows after an edit, with no second read', async () => {
    const hero = await uploadImage(strapi, { width: 1000, height: 1500, alt: 'Bread on a board' });
    const documentId = await publishArticle({
      title: 'Sourdough in a weekend',
      excerpt: 'A slow sourdough bread recipe, from starter to a crackling crust, over two days.',
      canonicalUrl: 'https://blog.example.com/sourdough-weekend',
      hero: hero.id,
      pinterest: { boardId: recipesBoard },
    });
    type Stored = { seo: { checkedAt: string; items: { rule: string; reason: string | null }[] } };
    const records = () => strapi.db.query('plugin::pinterest.pin-record');
    const stored = (after?: string) =>
      waitFor(
        async () => {
          const row = (await records().findOne({
            where: { entryDocumentId: documentId, seoScore: { $notNull: true } },
          })) as (Stored & { id: number }) | null;
          return row && (!after || row.seo.checkedAt > after) ? row : null;
        },
        `the checklist on the record of ${documentId}`,
        30_000
      );
    const first = await stored();
    const linkItem = (r: Stored) => r.seo.items.find((i) => i.rule === 'link');
    expect(linkItem(first)?.reason).toBeNull();

    // the link health scan found a redirect chain longer than it follows
    await records().update({
      where: { id: first.id },
      data: {
        linkCheck: { finalUrl: null, problems: [{ code: 'TOO_MANY_REDIRECTS' }] },
        linkStatus: 'broken',
        linkCheckedAt: new Date(),
      },
    });
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    strapi.db.connection.on('query', onQuery);
    try {
      await strapi.documents(ARTICLE).update({
        documentId,
        data: { title: 'Sourdough bread in a weekend' } as never,
      });
      await strapi.documents(ARTICLE).publish({ documentId });
      const second = await stored(first.seo.checkedAt);
      expect(linkItem(second)?.reason).toBe('redirectChain');
    } finally {
      strapi.db.connection.off('query', onQuery);
    }
    // the job read the record (all its columns, the link check among them) and passed it on: no
    // statement reads the link check alone
    const linkCheckReads = statements.filter((sql) =>
      /^select\s+\S*link_check\S*\s+from\s+\S*pinterest_pin_records/i.test(sql)
    );
    expect(statements.some((sql) => /pinterest_pin_records/.test(sql))).toBe(true);
    expect(linkCheckReads).toEqual([]);
  });
});

describe('the keyword cache on the pin path', () => {
  it('answers a key from what this instance read lately, and from its own writes at once', async () => {
    let t = Date.now();
    const cache = createKeywordCacheStore(strapi, () => t);
    const rows = () => strapi.db.query('plugin::pinterest.keyword-cache');
    const key = 'suggested:US:memo soup';
    const many = async () => (await cache.getMany([key, 'suggested:US:never asked'])).get(key);
    await cache.put(key, ['memo soup']);
    expect(await many()).toEqual(['memo soup']);

    // another instance's answer is served once what was read is KEYWORD_RECENT_MS old
    await rows().update({ where: { key }, data: { answer: ['memo soup', 'elsewhere'] } });
    t += KEYWORD_RECENT_MS - 1;
    expect(await many()).toEqual(['memo soup']);
    expect(await cache.get(key)).toEqual(['memo soup']);
    t += 1;
    expect(await many()).toEqual(['memo soup', 'elsewhere']);

    // this instance's own answer at once
    await cache.put(key, ['memo soup', 'here']);
    expect(await cache.get(key)).toEqual(['memo soup', 'here']);
    // and an answer that expired is never served, kept or not
    await cache.put(key, ['short-lived'], 1_000);
    expect(await cache.get(key)).toEqual(['short-lived']);
    t += 1_000;
    expect(await many()).toBeUndefined();
    await cache.remove(key);
    expect(await rows().count({ where: { key } })).toBe(0);
  });
});
