import type { Core } from '@strapi/strapi';
import { createJobStore } from '../../server/src/queue/job-store';

/**
 * Per-claim fencing on a real database (SQLite or PostgreSQL), shared by the SQLite fault suite
 * and the PostgreSQL queue suite: one process (one owner name) claims a job, loses it when its
 * lease runs out, and claims it again in another lane. The first claim's renewals and fenced
 * writes must fail; the second's succeed, and it knows it took the job over.
 */
export async function claimTwiceInOneProcess(strapi: Core.Strapi, key: string) {
  const jobs = createJobStore(strapi);
  await strapi.db.query('plugin::pinterest.job').updateMany({ where: {}, data: { state: 'done' } });
  await jobs.enqueue({ key, kind: 'pin.entry', payload: {} });
  const owner = 'host:4242:abcd1234'; // one process, two lanes
  const first = await jobs.claimNext(owner, 50);
  await new Promise((r) => setTimeout(r, 120)); // the first lane stalls past its lease
  const second = await jobs.claimNext(owner, 60_000);
  const writes: string[] = [];
  const write = (who: string) => () => {
    writes.push(who);
    return Promise.resolve(who);
  };
  return {
    first,
    second,
    firstRenews: first ? await jobs.renewLease(first, 60_000) : null,
    firstFenced: first ? await jobs.fenced(first, 60_000, write('first')) : null,
    secondFenced: second ? await jobs.fenced(second, 60_000, write('second')) : null,
    writes,
    finalOwner: (await jobs.findByKey(key))?.leaseOwner,
  };
}
