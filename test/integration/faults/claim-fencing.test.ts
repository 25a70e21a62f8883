/**
 * Issue 15, item 2: fencing is per claim, not per process. Two lanes of one process share its
 * owner name; after one lane's database stalls past the lease, the other lane may claim the same
 * job — and then only that claim may renew, write or send. On a booted Strapi (SQLite).
 */
import type { Core } from '@strapi/strapi';
import { claimTwiceInOneProcess } from '../../helpers/claim-fencing';
import { createJobStore, dueCandidates } from '../../../server/src/queue/job-store';
import { retryWhileRunning } from '../../helpers/state-transitions';
import { bootStrapi, type BootedStrapi } from '../../helpers/strapi';
import { statementCacheOf } from '../../../server/src/utils/sqlite-statement-cache';

let booted: BootedStrapi;
let strapi: Core.Strapi;

beforeAll(async () => {
  booted = await bootStrapi({
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_API_URL: 'http://127.0.0.1:9/v5',
  });
  strapi = booted.strapi;
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
});

it('a lane that lost its claim cannot renew or write, though its process owns the new claim', async () => {
  const r = await claimTwiceInOneProcess(strapi, 'k:fencing:sqlite');
  expect(r.first).not.toBeNull();
  expect(r.first!.takenOverFrom).toBeNull();
  expect(r.second).not.toBeNull();
  expect(r.second!.id).toBe(r.first!.id);
  // the second claim knows its predecessor may have sent, and until when it held the job
  expect(r.second!.takenOverFrom).toEqual({ previousLeaseUntil: r.first!.leaseUntil });
  expect(r.second!.leaseOwner).not.toBe(r.first!.leaseOwner);
  expect(r.firstRenews).toBe(false);
  expect(r.firstFenced).toEqual({ held: false });
  expect(r.secondFenced).toMatchObject({ held: true, value: 'second' });
  expect(r.writes).toEqual(['second']);
  expect(r.finalOwner).toBe(r.second!.leaseOwner);
});

it('Retry on a running job leaves it to its worker and runs it once more when it ends', async () => {
  const r = await retryWhileRunning(strapi, 'k:retry-running:sqlite');
  expect(r.retried).toMatchObject({
    state: 'running',
    requeue: true,
    leaseOwner: r.claimed.leaseOwner,
  });
  expect(r.after).toMatchObject({ state: 'waiting', attempts: 0, leaseOwner: null });
});

describe('the SQLite claim reads its candidates in index order', () => {
  const jobsTable = () => strapi.db.connection('pinterest_jobs');

  beforeEach(async () => {
    await jobsTable().del();
  });

  it('offers due waiting jobs and expired leases oldest first, never a job not due', async () => {
    const now = Date.now();
    const row = (key: string, state: string, runAt: number, leaseUntil: number | null) => ({
      key,
      kind: 'pin.entry',
      state,
      payload: '{}',
      attempts: 0,
      run_at: runAt,
      lease_owner: state === 'running' ? 'elsewhere:1:abcd' : null,
      lease_until: leaseUntil,
      requeue: false,
    });
    await jobsTable().insert([
      row('k:later', 'waiting', now + 60_000, null),
      row('k:expired', 'running', now - 3_000, now - 1),
      row('k:held', 'running', now - 4_000, now + 60_000),
      row('k:b', 'waiting', now - 2_000, null),
      row('k:a', 'waiting', now - 2_000, null),
      row('k:done', 'done', now - 9_000, null),
      row('k:oldest', 'waiting', now - 5_000, null),
    ]);
    const keys = async (limit: number) =>
      ((await dueCandidates(strapi.db.connection, now, limit)) as Array<{ key: string }>).map(
        (r) => r.key
      );
    // run_at, then id (k:b was inserted before k:a)
    expect(await keys(10)).toEqual(['k:oldest', 'k:expired', 'k:b', 'k:a']);
    expect(await keys(2)).toEqual(['k:oldest', 'k:expired']);
    // the jobs other lanes are taking are left out in the read itself, in both branches
    const idOf = async (key: string) =>
      Number(((await jobsTable().where({ key }).first()) as { id: number }).id);
    const skip = [await idOf('k:oldest'), await idOf('k:expired')];
    const rest = (await dueCandidates(strapi.db.connection, now, 2, skip)) as Array<{
      key: string;
    }>;
    expect(rest.map((r) => r.key)).toEqual(['k:b', 'k:a']);
    // and a claim takes the oldest first
    const jobs = createJobStore(strapi);
    expect((await jobs.claimNext('host:1:claim', 60_000))?.key).toBe('k:oldest');
    expect((await jobs.claimNext('host:1:claim', 60_000))?.key).toBe('k:expired');
  });

  it('walks pinterest_jobs_due_idx in each branch instead of sorting every due job', async () => {
    const sql = dueCandidates(strapi.db.connection, Date.now(), 6).toQuery();
    const plan: unknown = await strapi.db.connection.raw(`EXPLAIN QUERY PLAN ${sql}`);
    const details = (plan as Array<{ detail: string }>).map((r) => r.detail);
    // one `WHERE … OR …` made a MULTI-INDEX OR whose every due row went through a sort
    expect(details.some((d) => /MULTI-INDEX OR/.test(d))).toBe(false);
    expect(details).toContain(
      'SEARCH pinterest_jobs USING INDEX pinterest_jobs_due_idx (state=? AND run_at<?)'
    );
  });
});

it('a booted Strapi compiles the claim once: its SQLite connection keeps prepared statements', async () => {
  const store = createJobStore(strapi);
  const connection: unknown = await strapi.db.connection.client.acquireConnection();
  const cache = statementCacheOf(connection as object);
  await strapi.db.connection.client.releaseConnection(connection);
  expect(cache).toBeDefined();
  const before = { hits: cache!.hits, misses: cache!.misses };
  // the same claim twice (nothing due): its candidate read is compiled the first time at most
  const now = Date.now();
  expect(await store.claimNext('owner:cache', 60_000, now)).toBeNull();
  expect(await store.claimNext('owner:cache', 60_000, now)).toBeNull();
  expect(cache!.misses - before.misses).toBeLessThanOrEqual(1);
  expect(cache!.hits - before.hits).toBeGreaterThanOrEqual(1);
  expect(cache!.size).toBeLessThanOrEqual(256);
});
