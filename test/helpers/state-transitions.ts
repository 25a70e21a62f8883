import type { Core } from '@strapi/strapi';
import { createJobStore } from '../../server/src/queue/job-store';

/**
 * The queue's state changes against a real database (issue 15, item 6): each must be one
 * conditional statement, so a change landing meanwhile is kept, never overwritten.
 */
const TABLE = 'pinterest_jobs';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freshJob(strapi: Core.Strapi, key: string) {
  const jobs = createJobStore(strapi);
  await strapi.db.query('plugin::pinterest.job').updateMany({ where: {}, data: { state: 'done' } });
  await jobs.enqueue({ key, kind: 'pin.entry', payload: {} });
  return jobs;
}

/** An editor presses Retry while the job runs; then its worker ends it. */
export async function retryWhileRunning(strapi: Core.Strapi, key: string) {
  const jobs = await freshJob(strapi, key);
  const claimed = (await jobs.claimNext('worker-a', 60_000))!;
  const retried = await jobs.retryNow(claimed.id);
  await jobs.finish(claimed, { state: 'failed', error: null });
  return { claimed, retried, after: await jobs.findByKey(key) };
}

/**
 * PostgreSQL: another transaction holds the job's row while a worker finishes it, and marks it
 * "run again" before letting go. A finish that read the flag before writing loses that request.
 */
export async function requeueWhileFinishing(strapi: Core.Strapi, key: string) {
  const jobs = await freshJob(strapi, key);
  const claimed = (await jobs.claimNext('worker-a', 60_000))!;
  const knex = strapi.db.connection;
  const trx = await knex.transaction();
  await trx(TABLE).where({ id: claimed.id }).forUpdate().select('id');
  const finishing = jobs.finish(claimed, { state: 'done', result: { ok: true } });
  await pause(300); // the finish is now waiting on the row
  await trx(TABLE).where({ id: claimed.id }).update({ requeue: true });
  await trx.commit();
  await finishing;
  return { claimed, after: await jobs.findByKey(key) };
}

/**
 * PostgreSQL: a worker claims a failed job (another transaction holds its row) while an editor
 * presses Retry. A retry that read "failed", then wrote "waiting", would clear the claim's lease
 * and let a second worker run the job alongside the first.
 */
export async function retryWhileClaimed(strapi: Core.Strapi, key: string) {
  const jobs = await freshJob(strapi, key);
  const job = (await jobs.findByKey(key))!;
  await strapi.db
    .query('plugin::pinterest.job')
    .update({ where: { id: job.id }, data: { state: 'failed', attempts: 5 } });
  const knex = strapi.db.connection;
  const trx = await knex.transaction();
  await trx(TABLE).where({ id: job.id }).forUpdate().select('id');
  const retrying = jobs.retryNow(job.id);
  await pause(300); // the retry is now waiting on the row
  const leaseUntil = Date.now() + 60_000;
  await trx(TABLE)
    .where({ id: job.id })
    .update({ state: 'running', lease_owner: 'worker-b:claim', lease_until: leaseUntil });
  await trx.commit();
  const retried = await retrying;
  return { retried, after: await jobs.findByKey(key) };
}
