/**
 * Issue 15, item 2: fencing is per claim, not per process. Two lanes of one process share its
 * owner name; after one lane's database stalls past the lease, the other lane may claim the same
 * job — and then only that claim may renew, write or send. On a booted Strapi (SQLite).
 */
import type { Core } from '@strapi/strapi';
import { claimTwiceInOneProcess } from '../../helpers/claim-fencing';
import { retryWhileRunning } from '../../helpers/state-transitions';
import { bootStrapi, type BootedStrapi } from '../../helpers/strapi';

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
