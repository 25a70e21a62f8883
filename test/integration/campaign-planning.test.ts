/**
 * Choosing what a re-pin campaign pins: the planner's filters select exactly the expected entries,
 * the
 * bulk action's chosen entries give the expected skips, the preview and the started campaign agree,
 * and the routes are guarded (401, 403, 400 on bad input). A real Strapi (playground, SQLite) and
 * the
 * emulator.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { permission } from '../../common/permissions';
import type { CampaignPreviewDTO } from '../../common/campaigns';
import { startEmulator, type Emulator } from '../../emulator/src';
import { adminWithRole, registerSuperAdmin } from '../helpers/admin';
import { ARTICLE, article, campaignsOf, pinnedBefore } from '../helpers/campaigns';
import { uploadFile, uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
let recipes: string;
let travel: string;
const ids: Record<string, string> = {};
const DAY = 86_400_000;

const api = () => request(strapi.server.httpServer);
const base = (over: Record<string, unknown> = {}) => ({
  name: 'Back catalogue',
  selection: { contentType: ARTICLE, publishedBefore: '2025-06-01T00:00:00Z', ...over },
  boards: [{ boardId: recipes }],
  pacing: { intervalMinutes: 60, timeZone: 'UTC', minDaysBetweenSameLink: 7 },
});
const preview = async (body: unknown): Promise<CampaignPreviewDTO> => {
  const res = await api()
    .post('/pinterest/campaigns/preview')
    .set('Authorization', `Bearer ${jwt}`)
    .send(body as object);
  expect(res.status).toBe(200);
  return res.body;
};
const byId = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];
const skips = (p: CampaignPreviewDTO) =>
  Object.fromEntries(p.skippedSamples.map((s) => [byId(s.documentId), s.reason]));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  travel = [...emulator.state.boards.values()].find((b) => b.name === 'Travel')!.id;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    // ticks only when the test asks: nothing moves behind its back
    PINTEREST_CAMPAIGN_TICK_RULE: '0 0 0 1 1 *',
    PINTEREST_CAMPAIGN_PAGE_SIZE: '10',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);

  const hero = (await uploadImage(strapi, { width: 600, height: 900, format: 'jpeg' })).id;
  const svg = (
    await uploadFile(
      strapi,
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900"><rect width="600" height="900"/></svg>'
      ),
      'drawing',
      'svg'
    )
  ).id;
  const now = Date.now();
  ids.old = await article(strapi, 'old', {
    hero,
    publishedAt: '2025-01-10T10:00:00Z',
    boardId: recipes,
  });
  ids.recentlyPinned = await article(strapi, 'recently-pinned', {
    hero,
    publishedAt: '2025-02-01T10:00:00Z',
  });
  ids.noHero = await article(strapi, 'no-hero', { publishedAt: '2025-02-02T10:00:00Z' });
  ids.new = await article(strapi, 'new', { hero, publishedAt: undefined });
  ids.draft = await article(strapi, 'draft', { hero, publishedAt: null });
  ids.noLink = await article(strapi, 'no-link', {
    hero,
    link: null,
    publishedAt: '2025-02-03T10:00:00Z',
  });
  ids.onTravel = await article(strapi, 'on-travel', { hero, publishedAt: '2025-03-01T10:00:00Z' });
  ids.svg = await article(strapi, 'svg', { hero: svg, publishedAt: '2025-03-02T10:00:00Z' });
  // enough others for several pages of 10
  for (let i = 0; i < 23; i += 1)
    ids[`more${i}`] = await article(strapi, `more-${i}`, {
      hero,
      publishedAt: '2024-05-01T10:00:00Z',
    });
  await pinnedBefore(strapi, ids.recentlyPinned, recipes, now - 3 * DAY);
  await pinnedBefore(strapi, ids.onTravel, travel, now - 200 * DAY);
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

describe('routes', () => {
  it('401 without a session, 403 without bulk.repin, allowed with it', async () => {
    expect((await api().get('/pinterest/campaigns')).status).toBe(401);
    const editor = await adminWithRole(strapi, 'strapi-editor', 'campaign-editor@example.com');
    const asEditor = () =>
      api()
        .post('/pinterest/campaigns/preview')
        .set('Authorization', `Bearer ${editor.token}`)
        .send(base());
    expect((await asEditor()).status).toBe(403);
    expect(
      (
        await api()
          .get('/pinterest/campaigns/options')
          .set('Authorization', `Bearer ${editor.token}`)
      ).status
    ).toBe(403);
    await strapi
      .service('admin::role')
      .addPermissions(editor.roleId, [
        { action: permission('bulkRepin'), subject: null, properties: {}, conditions: [] },
      ]);
    expect((await asEditor()).status).toBe(200);
  });

  it('400 naming the field for input zod refuses, and for templates naming no attribute', async () => {
    const bad = await api()
      .post('/pinterest/campaigns')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ ...base(), boards: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('boards: choose at least one board');
    const template = await api()
      .post('/pinterest/campaigns/preview')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ ...base(), freshness: { titleTemplates: ['{title} — {subtitle}'] } });
    expect(template.status).toBe(400);
    expect(template.body.error.message).toBe(
      'freshness.titleTemplates.0: {subtitle} is not an attribute of api::article.article'
    );
    const image = await api()
      .post('/pinterest/campaigns/preview')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ ...base(), freshness: { imageField: 'title' } });
    expect(image.body.error.message).toBe(
      'freshness.imageField: title is not a media attribute of api::article.article'
    );
    expect(
      (await api().get('/pinterest/campaigns/999999').set('Authorization', `Bearer ${jwt}`)).status
    ).toBe(404);
  });

  it('options: the content types that pin, with their media and text attributes', async () => {
    const res = await api()
      .get('/pinterest/campaigns/options')
      .set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.contentTypes).toEqual([
      expect.objectContaining({
        uid: ARTICLE,
        displayName: 'Article',
        localized: false,
        mediaFields: ['hero'],
        defaultMediaField: 'hero',
        textFields: expect.arrayContaining(['title', 'excerpt', 'body', 'canonicalUrl']),
      }),
    ]);
  });
});

describe('filters select exactly the expected entries', () => {
  it('published before a date, not pinned in the last 30 days: each left-out entry with its reason', async () => {
    const p = await preview(base({ notPinnedForDays: 30 }));
    // "new" was published after the date, "draft" never: neither is examined
    expect(p.matched).toBe(6 + 23);
    expect(p.pins).toBe(2 + 23);
    expect(skips(p)).toEqual({
      recentlyPinned: 'PINNED_RECENTLY',
      noHero: 'NO_MEDIA',
      noLink: 'NO_LINK',
      svg: 'MEDIA_UNSUPPORTED',
    });
    expect(p.skipped).toEqual(
      expect.arrayContaining([
        { reason: 'PINNED_RECENTLY', count: 1 },
        { reason: 'NO_MEDIA', count: 1 },
        { reason: 'NO_LINK', count: 1 },
        { reason: 'MEDIA_UNSUPPORTED', count: 1 },
      ])
    );
  });

  it('published after a date', async () => {
    const p = await preview(
      base({ publishedBefore: null, publishedAfter: '2025-02-15T00:00:00Z' })
    );
    expect(p.first.map((f) => byId(f.documentId)).sort()).toEqual(['new', 'onTravel']);
    expect(skips(p)).toEqual({ svg: 'MEDIA_UNSUPPORTED' });
  });

  it('has a hero image: entries without one are left out, not skipped', async () => {
    const p = await preview(base({ hasMedia: true }));
    expect(p.matched).toBe(5 + 23);
    expect(skips(p).noHero).toBeUndefined();
  });

  it('currently on a board: only the entry whose pin is on Travel', async () => {
    const p = await preview(base({ onBoardId: travel }));
    expect(p).toMatchObject({ matched: 1, pins: 1, skipped: [] });
    expect(byId(p.first[0].documentId)).toBe('onTravel');
  });

  it('without "not pinned recently", a recent pin only delays its link by the minimum days', async () => {
    const p = await preview({ ...base(), selection: { contentType: ARTICLE, onBoardId: recipes } });
    expect(p.pins).toBe(1);
    expect(Date.parse(p.first[0].at) - Date.now()).toBeGreaterThan(3.9 * DAY);
  });

  it('the started campaign plans exactly what the preview showed, page by page', async () => {
    const body = base({ notPinnedForDays: 30 });
    const p = await preview(body);
    const created = await api()
      .post('/pinterest/campaigns')
      .set('Authorization', `Bearer ${jwt}`)
      .send(body);
    expect(created.status).toBe(201);
    const campaigns = campaignsOf(strapi);
    // the tick that creating started (pages of 10) has finished planning
    await campaigns.tick();
    const rows = await strapi.db
      .query('plugin::pinterest.campaign-item')
      .findMany({ where: { campaignId: created.body.campaign.id } });
    const planned = rows
      .filter((r: { state: string }) => r.state !== 'skipped')
      .map((r: { entryDocumentId: string }) => byId(r.entryDocumentId))
      .sort();
    expect(planned).toEqual(
      ['old', 'onTravel', ...Array.from({ length: 23 }, (_, i) => `more${i}`)].sort()
    );
    expect(
      Object.fromEntries(
        rows
          .filter((r: { state: string }) => r.state === 'skipped')
          .map((r: { entryDocumentId: string; skipReason: string }) => [
            byId(r.entryDocumentId),
            r.skipReason,
          ])
      )
    ).toEqual(skips(p));
    const got = await api()
      .get(`/pinterest/campaigns/${created.body.campaign.id}`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(got.body.campaign.progress).toMatchObject({
      total: 29,
      skipped: 4,
      planning: false,
      examined: 29,
    });
    expect(got.body.campaign.progress.done + got.body.campaign.progress.remaining).toBe(25);
    await campaigns.cancel(created.body.campaign.id);
  });
});

describe('the bulk action: chosen entries', () => {
  it('the entry’s own board; a draft is "not published", an entry without a board "no board"', async () => {
    const p = await preview({
      ...base(),
      selection: { contentType: ARTICLE, documentIds: [ids.old, ids.draft, ids.onTravel, ids.new] },
      boards: [{ boardId: 'entry' }],
      pacing: { intervalMinutes: 30, timeZone: 'UTC', minDaysBetweenSameLink: 0 },
    });
    expect(p).toMatchObject({ matched: 4, pins: 1 });
    expect(byId(p.first[0].documentId)).toBe('old');
    expect(p.first[0].boardId).toBe(recipes);
    expect(skips(p)).toEqual({ draft: 'NOT_PUBLISHED', onTravel: 'NO_BOARD', new: 'NO_BOARD' });
    expect(p.skippedSamples.find((s) => s.documentId === ids.draft)?.title).toBe('Article draft');
  });
});
