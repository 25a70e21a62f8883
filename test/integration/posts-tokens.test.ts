/**
 * The posts API with two API tokens (issue 15, item 14): a token sees, lists and cancels only the
 * posts it created (another token's post is a 404); each token has its own hourly quota, answered
 * 429 with Retry-After; `scheduled_at` may be at most the configured horizon ahead (400 naming the
 * field otherwise).
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { getService } from '../../server/src/utils/get-service';
import { makeImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const POSTS = '/api/pinterest/posts';
const DAY = 24 * 3_600_000;

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let alice = '';
let bob = '';
let boardId = '';
let imageUrl = '';

const api = () => request(strapi.server.httpServer);
const as = (token: string) => ({
  create: (body: object) => api().post(POSTS).set('Authorization', `Bearer ${token}`).send(body),
  list: () => api().get(POSTS).set('Authorization', `Bearer ${token}`),
  get: (id: string) => api().get(`${POSTS}/${id}`).set('Authorization', `Bearer ${token}`),
  cancel: (id: string) => api().delete(`${POSTS}/${id}`).set('Authorization', `Bearer ${token}`),
});

/** A post for later (so nothing is sent while the test looks at it). */
const post = (title: string, at = new Date(Date.now() + DAY)) => ({
  content: title,
  targets: ['pinterest'],
  media: [{ url: imageUrl, type: 'image' }],
  scheduled_at: at.toISOString(),
  target_options: { pinterest: { board_id: boardId, title } },
});

const apiToken = async (name: string): Promise<string> => {
  const token = await strapi
    .service('admin::api-token')
    .create({ name, type: 'full-access', lifespan: null, description: '' });
  return token.accessKey as string;
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  boardId = [...emulator.state.boards.values()][0].id;
  emulator.state.files.set('tokens-photo.png', {
    mime: 'image/png',
    bytes: await makeImage(600, 900, 'png', 'Tokens'),
  });
  imageUrl = `${emulator.url}/_media/tokens-photo.png`;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(emulator.url).host,
  });
  strapi = booted.strapi;
  alice = await apiToken('alice');
  bob = await apiToken('bob');
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

afterEach(() => getService(strapi, 'posts').useLimits(undefined));

it('a token sees, lists and cancels only its own posts', async () => {
  const created = await as(alice).create(post('Alice soup'));
  expect(created.status).toBe(201);
  const id = created.body.id as string;

  expect((await as(alice).get(id)).body).toMatchObject({ id, status: 'scheduled' });
  const bobGets = await as(bob).get(id);
  expect(bobGets.status).toBe(404);
  expect(JSON.stringify(bobGets.body)).not.toContain('Alice soup');
  expect((await as(bob).cancel(id)).status).toBe(404);
  expect((await as(alice).get(id)).body.status).toBe('scheduled');

  const bobs = await as(bob).create(post('Bob soup'));
  expect(bobs.status).toBe(201);
  const aliceList = await as(alice).list();
  expect(aliceList.status).toBe(200);
  expect(aliceList.body.data.map((p: { id: string }) => p.id)).toEqual([id]);
  expect(aliceList.body.pagination).toMatchObject({ total: 1, limit: 20, offset: 0 });
  expect((await as(bob).list()).body.data.map((p: { id: string }) => p.id)).toEqual([bobs.body.id]);

  const cancelled = await as(alice).cancel(id);
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelled');
});

it('each token has its own hourly quota: 429 with Retry-After', async () => {
  getService(strapi, 'posts').useLimits({ quotaPerHour: 3, scheduleHorizonDays: 90 });
  const carol = await apiToken('carol');
  for (let i = 0; i < 3; i++) expect((await as(carol).create(post(`Carol ${i}`))).status).toBe(201);
  const refused = await as(carol).create(post('Carol 3'));
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(3_500);
  expect(retryAfter).toBeLessThanOrEqual(3_600);
  expect(refused.body.error.message).toMatch(/quota/);
  expect((await as(carol).list()).body.pagination.total).toBe(3);
  // another token is not held back by carol's posts
  const dave = await apiToken('dave');
  expect((await as(dave).create(post('Dave 0'))).status).toBe(201);
});

it('scheduled_at may be at most the configured horizon ahead', async () => {
  getService(strapi, 'posts').useLimits({ quotaPerHour: 100, scheduleHorizonDays: 30 });
  const tooFar = await as(bob).create(post('Far soup', new Date(Date.now() + 31 * DAY)));
  expect(tooFar.status).toBe(400);
  expect(tooFar.body.error.message).toMatch(/^scheduled_at: is more than 30 days ahead/);
  const inTime = await as(bob).create(post('Near soup', new Date(Date.now() + 29 * DAY)));
  expect(inTime.status).toBe(201);
});

it('the horizon and quota default to config posts (90 days, 100 an hour)', async () => {
  const tooFar = await as(bob).create(post('Far soup', new Date(Date.now() + 91 * DAY)));
  expect(tooFar.status).toBe(400);
  expect(tooFar.body.error.message).toMatch(/more than 90 days ahead/);
});
