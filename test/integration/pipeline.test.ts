/**
 * The pipeline under faults (SQLite, one process): 5xx bursts, timeouts, 429 with and without
 * Retry-After, a spam block that pauses writes, the shared write budget, and the reconcile pass.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let heroId: number;
let boardId: string;
let jwt: string;

type Job = {
  state: string;
  attempts: number;
  runAt: string;
  lastError: { code: string; message: string } | null;
  result: Record<string, unknown> | null;
};
const jobFor = async (documentId: string) =>
  (await strapi.db
    .query('plugin::pinterest.job')
    .findOne({ where: { key: { $contains: documentId } } })) as Job | null;
const pinsTitled = (title: string) =>
  [...emulator.state.pins.values()].filter((p) => p.title === title);
const posts = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');

async function publish(title: string) {
  const doc = await strapi.documents(ARTICLE).create({
    data: {
      title,
      hero: heroId,
      canonicalUrl: `https://blog.example.com/${encodeURIComponent(title)}`,
      pinterest: { boardId },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  return doc.documentId;
}
const done = (documentId: string, timeout = 20_000) =>
  waitFor(
    async () => {
      const j = await jobFor(documentId);
      return j?.state === 'done' ? j : null;
    },
    `the job of ${documentId} to be done`,
    timeout
  );

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  boardId = [...emulator.state.boards.values()][0].id;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_HTTP_TIMEOUT_MS: '800',
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ORG_WRITE: '240',
    PINTEREST_RATE_ORG_READ: '6000',
    PINTEREST_SPAM_PAUSE_MS: '600000',
  });
  strapi = booted.strapi;
  heroId = (await uploadImage(strapi)).id;
  jwt = await registerSuperAdmin(strapi);
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(() => {
  emulator.clearFaults();
  emulator.requests.length = 0;
});

it('rides out a burst of 5xx answers with backoff: one pin in the end', async () => {
  emulator.setFault({ method: 'POST', path: '/v5/pins', status: 503, times: 3 });
  const id = await publish('Five hundreds');
  const job = await done(id);
  expect(posts().map((r) => r.status)).toEqual([503, 503, 503, 201]);
  expect(job.attempts).toBe(4);
  expect(pinsTitled('Five hundreds')).toHaveLength(1);
});

it('a timeout after Pinterest created the pin: the retry finds it by its marker instead of making another', async () => {
  emulator.setFault({
    method: 'POST',
    path: '/v5/pins',
    after: 'handler',
    delayMs: 1500,
    times: 1,
  });
  const id = await publish('Slow answer');
  const job = await done(id);
  expect(job.result).toMatchObject({ outcome: 'pinned', adopted: true });
  expect(pinsTitled('Slow answer')).toHaveLength(1);
});

it('honours Retry-After on a 429 code 8 without using up attempts', async () => {
  emulator.setFault({
    method: 'POST',
    path: '/v5/pins',
    status: 429,
    headers: { 'retry-after': '2' },
    times: 1,
  });
  const started = Date.now();
  const id = await publish('Told to wait');
  const job = await done(id);
  const [first, second] = posts();
  expect(first.status).toBe(429);
  expect(second.status).toBe(201);
  expect(Date.parse(second.time) - Date.parse(first.time)).toBeGreaterThanOrEqual(1900);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  expect(job.attempts).toBe(1);
});

it('retries a 429 without Retry-After with backoff', async () => {
  emulator.setFault({ method: 'POST', path: '/v5/pins', status: 429, times: 2 });
  const id = await publish('No hint');
  await done(id);
  expect(posts().map((r) => r.status)).toEqual([429, 429, 201]);
  expect(pinsTitled('No hint')).toHaveLength(1);
});

it('a spam block fails that pin, pauses every write, tells the admin, and resuming sends the waiting pins', async () => {
  emulator.setFault({ method: 'POST', path: '/v5/pins', spam: true, times: 1 });
  const blocked = await publish('Spammy');
  const failed = await waitFor(async () => {
    const j = await jobFor(blocked);
    return j?.state === 'failed' ? j : null;
  }, 'the spam-blocked job to fail');
  expect(failed.lastError).toMatchObject({ code: 'SPAM_BLOCKED' });

  const waiting = await publish('Waits for the pause');
  const paused = await waitFor(async () => {
    const j = await jobFor(waiting);
    return j?.state === 'waiting' && j.lastError?.code === 'WRITES_PAUSED' ? j : null;
  }, 'the next job to wait for the pause');
  expect(paused.attempts).toBe(0);
  expect(posts()).toHaveLength(1);

  const connection = await request(strapi.server.httpServer)
    .get('/pinterest/connection')
    .set('Authorization', `Bearer ${jwt}`);
  expect(connection.body.writesPaused.reason).toMatch(/spam/);

  await request(strapi.server.httpServer)
    .post('/pinterest/connection/resume-writes')
    .set('Authorization', `Bearer ${jwt}`)
    .send({})
    .expect(200);
  await done(waiting);
  expect(pinsTitled('Waits for the pause')).toHaveLength(1);
  expect(pinsTitled('Spammy')).toHaveLength(0);
});

it('keeps writes under the configured budget (240/min → one every 250 ms), evenly paced', async () => {
  const ids = [];
  for (let i = 0; i < 8; i += 1) ids.push(await publish(`Paced ${i}`));
  for (const id of ids) await done(id);
  const times = posts()
    .map((r) => Date.parse(r.time))
    .sort((a, b) => a - b);
  expect(times).toHaveLength(8);
  // The limiter grants turns exactly 250 ms apart; the emulator sees them after a delivery delay
  // that
  // varies by a few tens of ms on a busy machine. So: no two writes together (no burst), and over
  // the
  // run the budget holds — the span of 8 writes is 7 turns, give or take one delivery delay.
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150);
  expect(times[7] - times[0]).toBeGreaterThanOrEqual(7 * 250 - 100);
});

it('reconcile finds a published entry whose job was lost and pins it', async () => {
  const id = await publish('Lost job');
  await done(id);
  // simulate a crash between the publish and the enqueue: no job and no pin record
  await strapi.db.query('plugin::pinterest.job').deleteMany({ where: { key: { $contains: id } } });
  await strapi.db
    .query('plugin::pinterest.pin-record')
    .deleteMany({ where: { entryDocumentId: id } });
  for (const p of pinsTitled('Lost job')) emulator.state.pins.delete(p.id);

  const result = await strapi.plugin('pinterest').service('pins').reconcileOnce();
  expect(result.enqueued).toEqual([{ contentType: ARTICLE, documentId: id, locale: 'default' }]);
  await done(id);
  expect(pinsTitled('Lost job')).toHaveLength(1);
  const again = await strapi.plugin('pinterest').service('pins').reconcileOnce();
  expect(again.enqueued).toEqual([]);
});
