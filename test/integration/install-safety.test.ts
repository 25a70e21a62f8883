/**
 * A safe first install on a site that already holds published entries: a real Strapi (SQLite)
 * publishes 300 articles while Article is not mapped; then Strapi restarts with Article mapped and
 * a default-looking board on every entry. Reconcile passes pin none of the archive and send nothing
 * to Pinterest; a pass with nothing new costs a handful of queries, whatever the archive's size;
 * an entry published after the install pins once, and so does an old entry re-published.
 */
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { uploadImage } from '../helpers/images';
import { bootStrapi, tempDbFile, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const ARCHIVE = 300;
let emulator: Emulator;
let booted: BootedStrapi | null = null;
let strapi: Core.Strapi;
let boardId: string;
const dbFile = tempDbFile('install');
let archiveIds: string[] = [];

const env = (mapArticles: boolean) => ({
  PINTEREST_API_URL: emulator.apiUrl,
  PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  PINTEREST_MAP_ARTICLES: String(mapArticles),
  // reconcile runs only when the test asks (no cron pass in between)
  PINTEREST_RECONCILE_RULE: '0 0 1 1 *',
});

const pinRequests = () =>
  emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  boardId = [...emulator.state.boards.values()][0].id;
  // the site before the plugin pins anything: years of articles, Article not mapped
  booted = await bootStrapi(env(false), { dbFile });
  strapi = booted.strapi;
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  for (let i = 0; i < ARCHIVE; i += 1) {
    const doc = await strapi.documents(ARTICLE).create({
      data: {
        title: `Archive ${i}`,
        hero: hero.id,
        canonicalUrl: `https://blog.example.com/archive-${i}`,
        pinterest: { boardId },
      } as never,
      status: 'published',
    } as never);
    archiveIds.push(doc.documentId);
  }
  await booted.destroy({ keepDb: true });
  booted = null;
  // install day: Article mapped
  booted = await bootStrapi(env(true), { dbFile });
  strapi = booted.strapi;
}, 300_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
  archiveIds = [];
});

const countJobs = () => strapi.db.query('plugin::pinterest.job').count({});

it('reconcile pins none of the archive and a pass with nothing new costs a few queries', async () => {
  const published = await strapi.documents(ARTICLE).count({ status: 'published' } as never);
  expect(published).toBe(ARCHIVE);

  const first = await strapi.plugin('pinterest').service('pins').reconcileOnce();
  expect(first.enqueued).toEqual([]);

  // count the SQL of a pass with nothing new (the worker paused, so only the pass speaks): the
  // queries that read entries, jobs and pin records must not grow with the archive
  const queue = strapi.plugin('pinterest').service('queue');
  await queue.stop();
  const queries: string[] = [];
  const onQuery = (q: { sql: string }) => queries.push(q.sql);
  strapi.db.connection.on('query', onQuery);
  const second = await strapi.plugin('pinterest').service('pins').reconcileOnce();
  strapi.db.connection.off('query', onQuery);
  queue.start();
  expect(second.enqueued).toEqual([]);
  expect(second.scanned).toBe(0);
  const perEntry = queries.filter((q) =>
    /`(articles|pinterest_jobs|pinterest_pin_records)`/.test(q)
  );
  console.log(
    `reconcile pass over ${ARCHIVE} archived entries, nothing new: ${queries.length} queries ` +
      `(${perEntry.length} on entries, jobs and pin records)`
  );
  // one read of what was published since the last pass; before, two queries per archived entry
  expect(perEntry).toEqual([expect.stringMatching(/^select .* from `articles`/)]);
  expect(queries.length).toBeLessThan(20);

  expect(await countJobs()).toBe(0);
  // the worker ran all along: nothing reached Pinterest
  await new Promise((r) => setTimeout(r, 500));
  expect(pinRequests()).toHaveLength(0);
});

it('an entry published after the install pins once; an old one re-published pins too', async () => {
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const fresh = await strapi.documents(ARTICLE).create({
    data: {
      title: 'After the install',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/after',
      pinterest: { boardId },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: fresh.documentId });
  // an editor updates an old article and publishes it again: that is a publish like any other
  await strapi.documents(ARTICLE).update({
    documentId: archiveIds[7],
    data: { title: 'Archive 7, updated' } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: archiveIds[7] });

  await waitFor(
    () => pinRequests().length >= 2 || undefined,
    'two pins to be created',
    30_000,
    100
  );
  // reconcile after them adds nothing, and nothing else was pinned
  const pass = await strapi.plugin('pinterest').service('pins').reconcileOnce();
  expect(pass.enqueued).toEqual([]);
  await new Promise((r) => setTimeout(r, 500));
  const titles = [...emulator.state.pins.values()].map((p) => p.title).sort();
  expect(titles).toEqual(['After the install', 'Archive 7, updated']);
  expect(await countJobs()).toBe(2);
});
