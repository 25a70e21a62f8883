/**
 * Issue 18 (many accounts on one instance): the worker's lanes share transactions and reads. On a
 * booted Strapi (SQLite), counting the statements knex sends.
 */
import type { Core } from '@strapi/strapi';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { groupCommit, setGroupCommitWindow } from '../../server/src/utils/group-commit';
import { createJobStore } from '../../server/src/queue/job-store';
import { createPluginCore } from '../../server/src/services/core';

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

afterEach(() => setGroupCommitWindow(strapi, 0));

const jobsTable = () => strapi.db.connection('pinterest_jobs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The statements knex sends while `run` runs, lower-cased. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onQuery = (q: { sql: string }) => seen.push(q.sql.toLowerCase());
  strapi.db.connection.on('query', onQuery);
  try {
    await run();
  } finally {
    strapi.db.connection.off('query', onQuery);
  }
  return seen;
}
const begins = (sql: string[]) => sql.filter((s) => s.startsWith('begin')).length;

const jobRow = (key: string, runAt: number) => ({
  document_id: key.replace(/\W/g, '').slice(0, 24),
  key,
  kind: 'test.noop',
  state: 'waiting',
  payload: '{}',
  attempts: 0,
  run_at: runAt,
  requeue: false,
});

describe('group commit', () => {
  /** Three small write transactions asked for 5 ms apart, as three lanes would. */
  const threeWrites = (label: string) => {
    const group = groupCommit(strapi);
    const write = (n: number) =>
      group(async (trx) => {
        await trx('pinterest_jobs').insert(jobRow(`k:group:${label}:${n}`, Date.now()));
        return n;
      });
    return Promise.all([write(1), sleep(5).then(() => write(2)), sleep(10).then(() => write(3))]);
  };

  it('with a window, writes asked for a few ms apart share one BEGIN and COMMIT', async () => {
    setGroupCommitWindow(strapi, 40);
    let values: number[] = [];
    const sql = await statementsOf(async () => {
      values = await threeWrites('window');
    });
    expect(values).toEqual([1, 2, 3]);
    expect(begins(sql)).toBe(1);
    expect(sql.filter((s) => s.startsWith('commit'))).toHaveLength(1);
    expect(await jobsTable().where('key', 'like', 'k:group:window:%').count('* as n')).toEqual([
      { n: 3 },
    ]);
  });

  it('without one, a write does not wait: the first is committed alone', async () => {
    const sql = await statementsOf(() => threeWrites('none'));
    expect(begins(sql)).toBeGreaterThanOrEqual(2);
  });

  it('a write that fails in a group fails alone: the others are committed', async () => {
    setGroupCommitWindow(strapi, 40);
    const group = groupCommit(strapi);
    const results = await Promise.allSettled([
      group((trx) => trx('pinterest_jobs').insert(jobRow('k:group:ok:1', Date.now()))),
      group(() => Promise.reject(new Error('refused'))),
      group((trx) => trx('pinterest_jobs').insert(jobRow('k:group:ok:2', Date.now()))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await jobsTable().where('key', 'like', 'k:group:ok:%').count('* as n')).toEqual([
      { n: 2 },
    ]);
  });

  it("the worker's Document Service read joins the group's transaction", async () => {
    setGroupCommitWindow(strapi, 40);
    const core = createPluginCore(strapi);
    const group = groupCommit(strapi);
    let entry: unknown = 'unread';
    const sql = await statementsOf(async () => {
      const read = core
        .loadPublishedEntry(
          {
            contentType: 'api::article.article',
            documentId: 'nosuchdocument0000000000',
            locale: 'en',
          },
          ['title']
        )
        .then((e) => (entry = e));
      await Promise.all([
        read,
        group((trx) => trx('pinterest_jobs').insert(jobRow('k:group:read', Date.now()))),
      ]);
    });
    expect(entry).toBeNull();
    expect(sql.some((s) => s.includes('from `articles`'))).toBe(true);
    // the read's own transaction (the Document Service opens one) is the group's
    expect(begins(sql)).toBe(1);
  });
});

describe('SQLite claims', () => {
  it('lanes claiming at once share their candidate read and each take a different job', async () => {
    await jobsTable().del();
    const now = Date.now();
    await jobsTable().insert(
      Array.from({ length: 8 }, (_, i) => jobRow(`k:shared:${i}`, now - 1_000 + i))
    );
    const store = createJobStore(strapi);
    let claimed: Array<{ key: string } | null> = [];
    const sql = await statementsOf(async () => {
      claimed = await Promise.all(
        Array.from({ length: 6 }, (_, i) => store.claimNext(`host:1:lane${i}`, 60_000, now))
      );
    });
    const keys = claimed.map((c) => c?.key);
    expect(new Set(keys).size).toBe(6);
    expect(keys.every((k) => k?.startsWith('k:shared:'))).toBe(true);
    // one read for the five the first read asked for, one more for the sixth (not six reads)
    const reads = sql.filter((s) => s.startsWith('select') && s.includes('pinterest_jobs'));
    expect(reads.length).toBeLessThanOrEqual(2);
    // the two oldest went first
    expect(keys).toEqual(expect.arrayContaining(['k:shared:0', 'k:shared:1']));
  });
});
