/**
 * The reconcile part of the benchmark, inside a booted Strapi (bench-child.ts):
 *
 *   BENCH_PHASE=reconcile  for each size N (BENCH_RECONCILE_SIZES, default 1000,10000,100000):
 *                          the site holds N published articles when the plugin first sees Article
 *                          mapped (an install on an existing site); passes with nothing new are
 *                          counted (SQL statements, on the articles table too) and timed (median
 *                          of 5); then one new article is published and its job lost (the crash
 *                          the pass exists for), and one more pass is counted and timed
 *
 * The articles are written straight into the table, in batches: a draft row and a published row
 * per document sharing its document id (as Strapi 5 stores a published entry), copied from one
 * made through the Document Service. The sizes grow in place: 1,000, then 9,000 more, and so on.
 */
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';

const ARTICLE = 'api::article.article';
const DAY = 86_400_000;
const PASSES = 5;

/** What the bench uses of the plugin's services, described here rather than imported. */
type EntryRef = { contentType: string; documentId: string; locale: string };
type BenchPins = {
  reconcileOnce: () => Promise<{ scanned: number; enqueued: EntryRef[] } | null>;
  markEnabledTypes: () => Promise<void>;
};
type BenchQueue = { stop: () => Promise<void> };

export interface ReconcileFigures {
  n: number;
  seedMs: number;
  /** a pass with nothing new (the same on each of the timed passes) */
  queries: number;
  articleQueries: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  scanned: number;
  jobsCreated: number;
  /** SQLite's plan for that pass's read of the articles table */
  plan: string;
  /** that read alone, median of 5 (ms) */
  readMs: number;
  /** a pass right after one new entry was published and its job lost */
  newQueries: number;
  newArticleQueries: number;
  newMs: number;
  newScanned: number;
  newEnqueued: number;
  newJobsCreated: number;
}

const rowSchema = z.looseObject({ id: z.number(), document_id: z.string() });

/** Template rows: the draft and the published row of one article made through the API. */
async function templateRows(strapi: Core.Strapi, boardId: string, heroId: number) {
  const sample = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Sample',
      excerpt: 'A post from the back catalogue.',
      hero: heroId,
      canonicalUrl: 'https://blog.example.com/sample',
      pinterest: { boardId },
    } as never,
    status: 'published',
  } as never);
  const table = strapi.db.metadata.get(ARTICLE).tableName;
  const rows = z
    .array(rowSchema)
    .parse(await strapi.db.connection(table).where({ document_id: sample.documentId }));
  const draft = rows.find((r) => r.published_at === null);
  const published = rows.find((r) => r.published_at !== null);
  if (!draft || !published) throw new Error('the sample article has no draft or published row');
  await strapi.documents(ARTICLE).delete({ documentId: sample.documentId });
  // its pin job (recorded by the publish) goes too: the bench counts the jobs it makes
  await strapi.db.query('plugin::pinterest.job').deleteMany({});
  return { table, draft, published };
}

/** Adds `count` published articles (two rows each), published long before today. */
async function seed(
  strapi: Core.Strapi,
  tpl: Awaited<ReturnType<typeof templateRows>>,
  from: number,
  count: number
) {
  const knex = strapi.db.connection;
  const maxId = Number((await knex(tpl.table).max({ m: 'id' }).first())?.m ?? 0);
  const now = Date.now();
  const BATCH = 250; // documents per insert: 500 rows of ~20 columns, under SQLite's variable cap
  await knex.transaction(async (trx) => {
    for (let start = 0; start < count; start += BATCH) {
      const rows = [];
      for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
        const k = from + i;
        const documentId = randomUUID().replace(/-/g, '').slice(0, 24);
        const at = new Date(now - (400 + (k % 1000)) * DAY);
        const common = {
          document_id: documentId,
          title: `Back catalogue post ${k}`,
          canonical_url: `https://blog.example.com/archive/${k}`,
          created_at: at,
          updated_at: at,
        };
        rows.push({ ...tpl.draft, ...common, id: maxId + 1 + 2 * i, published_at: null });
        rows.push({ ...tpl.published, ...common, id: maxId + 2 + 2 * i, published_at: at });
      }
      await trx(tpl.table).insert(rows);
    }
  });
}

/** Runs one pass and returns its SQL statements and its duration. */
async function countedPass(strapi: Core.Strapi, pins: BenchPins, table: string) {
  const queries: Array<{ sql: string; bindings?: unknown[] }> = [];
  const onQuery = (q: { sql: string; bindings?: unknown[] }) => queries.push(q);
  strapi.db.connection.on('query', onQuery);
  const t = process.hrtime.bigint();
  const result = await pins.reconcileOnce();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  strapi.db.connection.off('query', onQuery);
  if (!result) throw new Error('the reconcile lease was taken');
  const onTable = new RegExp(`["\`]${table}["\`]`);
  const onArticles = queries.filter((q) => onTable.test(q.sql));
  return { ms, queries: queries.length, articleQueries: onArticles.length, onArticles, result };
}

/**
 * How SQLite runs the pass's read of the articles table (`EXPLAIN QUERY PLAN`): a `SCAN` reads the
 * whole table, a `SEARCH … USING … KEY (id>?)` only the rows past a key.
 */
async function planOf(strapi: Core.Strapi, q: { sql: string; bindings?: unknown[] } | undefined) {
  if (!q) return 'no query';
  const plan = z
    .array(z.looseObject({ detail: z.string() }))
    .parse(await strapi.db.connection.raw(`explain query plan ${q.sql}`, q.bindings ?? []));
  return plan.map((p) => p.detail).join('; ');
}

/** The median time of that read run on its own, 5 times (ms). */
async function readMs(strapi: Core.Strapi, q: { sql: string; bindings?: unknown[] } | undefined) {
  if (!q) return 0;
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t = process.hrtime.bigint();
    await strapi.db.connection.raw(q.sql, q.bindings ?? []);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[2];
}

export async function benchReconcile(
  strapi: Core.Strapi,
  opts: { boardId: string; heroId: number },
  sizes: number[]
): Promise<ReconcileFigures[]> {
  const pins = strapi.plugin('pinterest').service<BenchPins>('pins');
  // the worker stays still: only the passes speak to the database
  await strapi.plugin('pinterest').service<BenchQueue>('queue').stop();
  const jobs = strapi.db.query('plugin::pinterest.job');
  const store = strapi.store({ type: 'plugin', name: 'pinterest' });
  const tpl = await templateRows(strapi, opts.boardId, opts.heroId);
  const figures: ReconcileFigures[] = [];
  let have = 0;
  for (const n of [...sizes].sort((a, b) => a - b)) {
    const s0 = Date.now();
    await seed(strapi, tpl, have, n - have);
    have = n;
    const seedMs = Date.now() - s0;
    // install day on a site of n articles: the plugin sees Article mapped for the first time
    await store.delete({ key: 'reconcile-marks' });
    await pins.markEnabledTypes();
    const jobsBefore = await jobs.count({});
    await countedPass(strapi, pins, tpl.table); // warm-up (and the first pass after enabling)
    const passes = [];
    for (let i = 0; i < PASSES; i += 1) passes.push(await countedPass(strapi, pins, tpl.table));
    const times = passes.map((p) => p.ms).sort((a, b) => a - b);
    const last = passes[passes.length - 1];
    const jobsCreated = (await jobs.count({})) - jobsBefore;

    // one new article, published through the Document Service; its job is then lost
    const fresh = await strapi.documents(ARTICLE).create({
      data: {
        title: `New after ${n}`,
        hero: opts.heroId,
        canonicalUrl: `https://blog.example.com/new-${n}`,
        pinterest: { boardId: opts.boardId },
      } as never,
      status: 'published',
    } as never);
    await jobs.deleteMany({ where: { key: { $contains: fresh.documentId } } });
    const before = await jobs.count({});
    const fresher = await countedPass(strapi, pins, tpl.table);
    const enqueued = fresher.result.enqueued;
    if (enqueued.length !== 1 || enqueued[0].documentId !== fresh.documentId)
      throw new Error(`the pass after one publish enqueued ${JSON.stringify(enqueued)}`);
    figures.push({
      n,
      seedMs,
      queries: last.queries,
      articleQueries: last.articleQueries,
      medianMs: times[Math.floor(times.length / 2)],
      minMs: times[0],
      maxMs: times[times.length - 1],
      scanned: last.result.scanned,
      jobsCreated,
      plan: await planOf(strapi, last.onArticles[0]),
      readMs: await readMs(strapi, last.onArticles[0]),
      newQueries: fresher.queries,
      newArticleQueries: fresher.articleQueries,
      newMs: fresher.ms,
      newScanned: fresher.result.scanned,
      newEnqueued: enqueued.length,
      newJobsCreated: (await jobs.count({})) - before,
    });
    // the new article stays, with its job: it is part of the next size's site
  }
  return figures;
}
