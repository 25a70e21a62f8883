/**
 * Several accounts: an install made by the single-account release (test/fixtures/single-account.db,
 * made by test/fixtures/make-single-account-db.ts with that code) boots on this code. Its account
 * becomes the first and default account, owning both pin records; every pin and daily stat is
 * kept; its sealed tokens still open (a new entry pins with them); campaigns, campaign pins,
 * posts and analytics rows left without an account (inserted as that release wrote them: the
 * fixture holds no campaign nor post) get the first account; running the migration again changes
 * nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { SUPER_ADMIN } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { oauthEnv } from '../helpers/oauth';
import { bootStrapi, tempDbFile, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';
import { getService } from '../../server/src/utils/get-service';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
/** The test key the fixture's tokens were sealed with (make-single-account-db.ts). */
const FIXTURE_KEY = Buffer.alloc(32, 7).toString('base64');
const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'single-account.json'), 'utf8')) as {
  tokens: Array<{ token: string; kind: 'access' | 'refresh' }>;
  pins: Array<{ id: string; title: string }>;
  dailyStats: number;
};

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const access = fixture.tokens.find((t) => t.kind === 'access')!;
  await request(emulator.url)
    .post('/_emulator/seed')
    .send({ tokens: [{ token: access.token }] })
    .expect(200);
  const dbFile = tempDbFile('accounts-migration');
  fs.copyFileSync(path.join(FIXTURES, 'single-account.db'), dbFile);
  booted = await bootStrapi(
    { ...oauthEnv(emulator), PINTEREST_ENCRYPTION_KEY: FIXTURE_KEY },
    { dbFile }
  );
  strapi = booted.strapi;
}, 60_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('makes the single account the first, default account owning every pin and stat', async () => {
  const accounts = await strapi.db.query('plugin::pinterest.account').findMany({});
  expect(accounts).toHaveLength(1);
  expect(accounts[0]).toMatchObject({
    environment: 'custom',
    accountKey: 'custom',
    isDefault: true,
    status: 'connected',
    username: 'strapi_demo',
  });
  const records = await strapi.db
    .query('plugin::pinterest.pin-record')
    .findMany({ orderBy: { id: 'asc' } });
  expect(records.map((r: { pinId: string; status: string; accountId: number }) => r)).toEqual(
    fixture.pins.map((p) =>
      expect.objectContaining({ pinId: p.id, status: 'pinned', accountId: accounts[0].id })
    )
  );
  expect(await strapi.db.query('plugin::pinterest.pin-daily-stat').count({})).toBe(
    fixture.dailyStats
  );

  const login = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email: SUPER_ADMIN.email, password: SUPER_ADMIN.password })
    .expect(200);
  const res = await request(strapi.server.httpServer)
    .get('/pinterest/accounts')
    .set('Authorization', `Bearer ${login.body.data.token}`)
    .expect(200);
  expect(res.body.accounts).toEqual([
    expect.objectContaining({ id: accounts[0].id, username: 'strapi_demo', isDefault: true }),
  ]);
});

it('pins a new entry with the migrated account’s sealed token', async () => {
  const hero = await uploadImage(strapi);
  const board = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!;
  const doc = await strapi.documents('api::article.article').create({
    data: {
      title: 'After the migration',
      hero: hero.id,
      pinterest: { boardId: board.id },
    } as never,
  });
  await strapi.documents('api::article.article').publish({ documentId: doc.documentId });
  await waitFor(
    () => [...emulator.state.pins.values()].some((p) => p.title === 'After the migration'),
    'the new pin'
  );
  const post = emulator.requests.find((r) => r.path === '/v5/pins' && r.method === 'POST')!;
  const access = fixture.tokens.find((t) => t.kind === 'access')!;
  expect(post.headers.authorization).toBe(`Bearer ${access.token.slice(0, 4)}…`);
});

it('gives campaigns, their pins, posts and every analytics row the first account', async () => {
  const [account] = await strapi.db.query('plugin::pinterest.account').findMany({});
  // the fixture's stats were attached on start
  for (const uid of ['plugin::pinterest.pin-analytics', 'plugin::pinterest.pin-daily-stat']) {
    const rows = (await strapi.db.query(uid).findMany({})) as Array<{ accountId: number | null }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.accountId === account.id)).toBe(true);
  }
  // rows as the single-account release left them (it made no campaign nor post in the fixture):
  // no account anywhere
  const board = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  const campaign = await strapi.db.query('plugin::pinterest.campaign').create({
    data: {
      name: 'Old campaign',
      status: 'done',
      startAt: Date.now(),
      planningDone: true,
      input: {
        name: 'Old campaign',
        selection: { contentType: 'api::article.article' },
        boards: [{ boardId: board }],
        pacing: { intervalMinutes: 60, timeZone: 'UTC', minDaysBetweenSameLink: 7 },
        freshness: { titleTemplates: [], descriptionTemplates: [] },
      },
    },
  });
  for (const [n, state] of [
    ['a', 'pinned'],
    ['b', 'planned'],
  ] as const)
    await strapi.db.query('plugin::pinterest.campaign-item').create({
      data: {
        campaignId: campaign.id,
        contentType: 'api::article.article',
        entryDocumentId: `old-entry-${n}`,
        entryLocale: 'default',
        boardId: board,
        state,
      },
    });
  await strapi.db.query('plugin::pinterest.post').create({
    data: {
      postId: 'post_old',
      status: 'published',
      scheduledAt: new Date(),
      request: { input: { content: 'Old post' }, pin: { boardId: board, title: 'Old post' } },
      boardId: board,
      marker: 'strapi-old-post-000000',
      pinId: '424242',
    },
  });
  await strapi.db.query('plugin::pinterest.pin-daily-stat').create({
    data: {
      pinId: '424242',
      day: '2026-01-01',
      contentType: 'plugin::pinterest.post',
      entryDocumentId: 'post_old',
      entryLocale: 'default',
      boardId: board,
      impressions: 3,
    },
  });

  // two items, one post, one daily row and the campaign's input
  expect(await getService(strapi, 'connection').migrateAccounts()).toBe(5);
  const items = (await strapi.db
    .query('plugin::pinterest.campaign-item')
    .findMany({ where: { campaignId: campaign.id } })) as Array<{ accountId: number }>;
  expect(items.map((i) => i.accountId)).toEqual([account.id, account.id]);
  expect(
    await strapi.db.query('plugin::pinterest.post').findOne({ where: { postId: 'post_old' } })
  ).toMatchObject({ accountId: account.id });
  expect(
    await strapi.db
      .query('plugin::pinterest.pin-daily-stat')
      .count({ where: { accountId: { $null: true } } })
  ).toBe(0);
  const stored = await strapi.db.query('plugin::pinterest.campaign').findOne({
    where: { id: campaign.id },
  });
  expect(stored.input).toMatchObject({ name: 'Old campaign', accountId: account.id });
  // the campaign API reads it back with its account and its items'
  const login = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email: SUPER_ADMIN.email, password: SUPER_ADMIN.password })
    .expect(200);
  const res = await request(strapi.server.httpServer)
    .get(`/pinterest/campaigns/${campaign.id}/items`)
    .set('Authorization', `Bearer ${login.body.data.token}`)
    .expect(200);
  expect(res.body.items.map((i: { accountId: number }) => i.accountId)).toEqual([
    account.id,
    account.id,
  ]);
});

it('changes nothing when run again', async () => {
  expect(await getService(strapi, 'connection').migrateAccounts()).toBe(0);
});
