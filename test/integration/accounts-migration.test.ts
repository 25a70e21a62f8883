/**
 * Several accounts: an install made by the single-account release (test/fixtures/single-account.db,
 * made by test/fixtures/make-single-account-db.ts with that code) boots on this code. Its account
 * becomes the first and default account, owning both pin records; every pin and daily stat is
 * kept; its sealed tokens still open (a new entry pins with them); running the migration again
 * changes nothing.
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

it('changes nothing when run again', async () => {
  expect(await getService(strapi, 'connection').migrateAccounts()).toBe(0);
});
