/**
 * The queue's SQL on PostgreSQL: the publish upsert (insert, reset, re-run while running) and the
 * SKIP LOCKED claim. (SQLite runs the same code in the integration suites.)
 */
import type { Core } from '@strapi/strapi';
import { createJobStore } from '../../server/src/queue/job-store';
import { claimTwiceInOneProcess } from '../helpers/claim-fencing';
import {
  requeueWhileFinishing,
  retryWhileClaimed,
  retryWhileRunning,
} from '../helpers/state-transitions';
import { createDatabase, dropDatabase, postgresEnv } from '../helpers/postgres';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const DB = `pinterest_queue_${process.pid}`;
let booted: BootedStrapi;
let strapi: Core.Strapi;
const jobs = () => createJobStore(strapi);

beforeAll(async () => {
  await createDatabase(DB);
  booted = await bootStrapi({
    ...postgresEnv(DB),
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_API_URL: 'http://127.0.0.1:9/v5',
  });
  strapi = booted.strapi;
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await dropDatabase(DB);
});

it('publishing records a job (one row per key), and publishing again resets it', async () => {
  const doc = await strapi
    .documents('api::article.article')
    .create({ data: { title: 'PG' } as never });
  await strapi.documents('api::article.article').publish({ documentId: doc.documentId });
  const [first] = await jobs().findByKeyPrefix(`pin.entry:api::article.article:${doc.documentId}:`);
  expect(first).toMatchObject({
    state: 'waiting',
    attempts: 0,
    payload: { documentId: doc.documentId, locale: 'default' },
  });

  await strapi.db.query('plugin::pinterest.job').update({
    where: { id: first.id },
    data: { state: 'failed', attempts: 3, lastError: { code: 'X' } },
  });
  await strapi.documents('api::article.article').publish({ documentId: doc.documentId });
  const again = await jobs().findByKeyPrefix(`pin.entry:api::article.article:${doc.documentId}:`);
  expect(again).toHaveLength(1);
  expect(again[0]).toMatchObject({ id: first.id, state: 'waiting', attempts: 0, lastError: null });
});

it('a job asked for again while it runs keeps running and is marked to run once more', async () => {
  await strapi.db.query('plugin::pinterest.job').updateMany({ where: {}, data: { state: 'done' } });
  await jobs().enqueue({ key: 'k:running', kind: 'pin.entry', payload: { n: 1 } });
  const claimed = await jobs().claimNext('worker-a', 60_000);
  expect(claimed).toMatchObject({
    key: 'k:running',
    state: 'running',
    leaseOwner: expect.stringMatching(/^worker-a:/),
    attempts: 1,
  });
  await jobs().enqueue({ key: 'k:running', kind: 'pin.entry', payload: { n: 2 } });
  expect(await jobs().findByKey('k:running')).toMatchObject({
    state: 'running',
    requeue: true,
    attempts: 1,
    payload: { n: 2 },
  });
});

it('SKIP LOCKED: concurrent claims take different jobs', async () => {
  await strapi.db.query('plugin::pinterest.job').updateMany({ where: {}, data: { state: 'done' } });
  for (let i = 0; i < 6; i += 1)
    await jobs().enqueue({ key: `k:many:${i}`, kind: 'pin.entry', payload: { i } });
  const claims = await Promise.all(
    Array.from({ length: 8 }, (_, i) => jobs().claimNext(`w${i}`, 60_000))
  );
  const taken = claims.filter(Boolean).map((j) => j!.key);
  expect(taken).toHaveLength(6);
  expect(new Set(taken).size).toBe(6);
});

it('fencing is per claim: a lane that lost its job cannot renew or write (row lock + lease check)', async () => {
  const r = await claimTwiceInOneProcess(strapi, 'k:fencing:pg');
  expect(r.second!.takenOverFrom).toEqual({ previousLeaseUntil: r.first!.leaseUntil });
  expect(r.firstRenews).toBe(false);
  expect(r.firstFenced).toEqual({ held: false });
  expect(r.secondFenced).toMatchObject({ held: true, value: 'second' });
  expect(r.writes).toEqual(['second']);
});

it('finishing keeps a "run again" that lands while it writes (one conditional statement)', async () => {
  const r = await requeueWhileFinishing(strapi, 'k:finish-race:pg');
  expect(r.after).toMatchObject({
    state: 'waiting',
    attempts: 0,
    requeue: false,
    leaseOwner: null,
  });
});

it('Retry never takes a job from the worker that claimed it meanwhile', async () => {
  const r = await retryWhileClaimed(strapi, 'k:retry-race:pg');
  expect(r.after).toMatchObject({ state: 'running', leaseOwner: 'worker-b:claim', requeue: true });
  expect(r.retried).toMatchObject({ state: 'running', requeue: true });
});

it('Retry on a running job runs it once more when it ends', async () => {
  const r = await retryWhileRunning(strapi, 'k:retry-running:pg');
  expect(r.retried).toMatchObject({ state: 'running', requeue: true });
  expect(r.after).toMatchObject({ state: 'waiting', attempts: 0, leaseOwner: null });
});
