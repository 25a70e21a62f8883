/**
 * The re-pin campaign part of the benchmark, inside a booted Strapi (bench-child.ts):
 *
 *   BENCH_PHASE=campaign-plan   N published articles, then the preview of a campaign over all of
 * them and
 *                               the campaign's planning (every page, every item written), timed,
 * with the
 *                               RSS before and the peak while planning
 *   BENCH_PHASE=campaign-drain  the same campaign at "no pacing" (only the write limit paces),
 * drained
 *                               by the worker against the emulator; elapsed time against the floor
 *
 * The articles are copies of one made through the Document Service (its published row and its media
 * link, with a new document id, title, link and date each), written in batches: making 10,000
 * through
 * the API would take minutes and measure something else.
 */
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { CampaignInput, CampaignInputWire } from '../common/campaigns';
import { campaignInputSchema } from '../common/campaigns';

const ARTICLE = 'api::article.article';
const DAY = 86_400_000;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function seedArticles(strapi: Core.Strapi, heroId: number, n: number) {
  const sample = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Sample',
      excerpt: 'A post from the back catalogue.',
      hero: heroId,
      canonicalUrl: 'https://blog.example.com/sample',
      pinterest: { enabled: false },
    } as never,
    status: 'published',
  } as never);
  const knex = strapi.db.connection;
  const table = strapi.db.metadata.get(ARTICLE).tableName;
  // database rows, copied column by column: only the id is read
  const row = z
    .looseObject({ id: z.number() })
    .parse(
      await knex(table)
        .where({ document_id: sample.documentId })
        .whereNotNull('published_at')
        .first()
    );
  const morph = z
    .array(z.looseObject({ id: z.unknown() }))
    .parse(await knex('files_related_mph').where({ related_id: row.id, related_type: ARTICLE }));
  if (!morph.length) throw new Error('the sample article has no media link to copy');
  const maxId = Number((await knex(table).max({ m: 'id' }).first())?.m ?? 0);
  const now = Date.now();
  for (let start = 0; start < n; start += 500) {
    const rows = [];
    const links = [];
    for (let i = start; i < Math.min(n, start + 500); i += 1) {
      const id = maxId + 1 + i;
      rows.push({
        ...row,
        id,
        document_id: randomUUID().replace(/-/g, '').slice(0, 24),
        title: `Back catalogue post ${i}`,
        canonical_url: `https://blog.example.com/archive/${i}`,
        published_at: new Date(now - (400 + (i % 1000)) * DAY),
      });
      for (const { id: _id, ...m } of morph) links.push({ ...m, related_id: id });
    }
    await knex.batchInsert(table, rows, 100);
    await knex.batchInsert('files_related_mph', links, 100);
  }
  await strapi.documents(ARTICLE).delete({ documentId: sample.documentId });
}

/**
 * What the bench uses of the plugin's `queue`, `settings` and `campaigns` services, described here
 * rather than imported from server/src so the bench names only what it calls.
 */
type BenchQueue = { stop: () => Promise<void>; start: () => void };
type BenchSettings = { getConfig: () => { worker: { enabled: boolean } } };
type BenchCampaigns = {
  preview: (input: CampaignInput) => Promise<{ pins: number; lastAt: string | null }>;
  create: (input: CampaignInput, user: null) => Promise<{ id: number }>;
  get: (id: number) => Promise<{ progress: { total: number; skipped: number } }>;
  tick: () => Promise<unknown>;
  store: {
    get: (id: number) => Promise<{ planningDone: boolean } | null>;
    counts: (id: number) => Promise<{ pinned: number; failed: number }>;
  };
};

const input = (boardId: string, over: Partial<CampaignInputWire['pacing']>): CampaignInputWire => ({
  name: 'Bench',
  selection: {
    contentType: ARTICLE,
    publishedBefore: new Date(Date.now() - 30 * DAY).toISOString(),
    notPinnedForDays: 30,
    hasMedia: true,
  },
  boards: [{ boardId }],
  pacing: { intervalMinutes: 0, timeZone: 'UTC', minDaysBetweenSameLink: 7, ...over },
  freshness: {
    titleTemplates: ['{title}, revisited', 'From the archive: {title}'],
    descriptionTemplates: ['{excerpt}'],
  },
});

export async function benchCampaign(
  strapi: Core.Strapi,
  opts: {
    heroId: number;
    boardId: string;
    emulatorStats: () => Promise<{ maxPerMinute: Record<string, number> }>;
    writeLimit: number;
  },
  n: number,
  kind: 'plan' | 'drain'
): Promise<Record<string, unknown>> {
  const queue = strapi.plugin('pinterest').service<BenchQueue>('queue');
  const settings = strapi.plugin('pinterest').service<BenchSettings>('settings');
  const campaigns = strapi.plugin('pinterest').service<BenchCampaigns>('campaigns');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const seeded = Date.now();
  await seedArticles(strapi, opts.heroId, n);
  const seedMs = Date.now() - seeded;

  if (kind === 'plan') {
    // plan only: the first pin tomorrow, so nothing is handed to the queue while planning is
    // measured
    const body = campaignInputSchema.parse(
      input(opts.boardId, {
        intervalMinutes: 10,
        maxPerDay: 100,
        window: { start: '08:00', end: '22:00' },
        startAt: new Date(Date.now() + DAY).toISOString(),
      })
    );
    gc();
    let peak = process.memoryUsage().rss;
    let heapPeak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
    }, 20);
    const before = process.memoryUsage().rss;
    const p0 = Date.now();
    const preview = await campaigns.preview(body);
    const previewMs = Date.now() - p0;
    const previewPeak = peak;
    gc();
    const beforePlan = process.memoryUsage().rss;
    const heapBeforePlan = process.memoryUsage().heapUsed;
    peak = beforePlan;
    heapPeak = heapBeforePlan;
    const t0 = Date.now();
    const created = await campaigns.create(body, null);
    for (;;) {
      await campaigns.tick();
      if ((await campaigns.store.get(created.id))?.planningDone) break;
    }
    const planMs = Date.now() - t0;
    clearInterval(sampler);
    const progress = (await campaigns.get(created.id)).progress;
    return {
      seedMs,
      previewMs,
      previewPins: preview.pins,
      previewPeakGrowthMb: mb(previewPeak - before),
      planMs,
      planned: progress.total - progress.skipped,
      skipped: progress.skipped,
      rssBeforePlanMb: mb(beforePlan),
      planPeakRssMb: mb(peak),
      planPeakGrowthMb: mb(peak - beforePlan),
      heapBeforePlanMb: mb(heapBeforePlan),
      planPeakHeapMb: mb(heapPeak),
      lastAt: preview.lastAt,
    };
  }

  // drain: plan with the worker stopped, then time the worker alone, as the queue drain bench does
  await queue.stop();
  const body = campaignInputSchema.parse(
    input(opts.boardId, { intervalMinutes: 0, minDaysBetweenSameLink: 0 })
  );
  const created = await campaigns.create(body, null);
  for (;;) {
    await campaigns.tick();
    if ((await campaigns.store.get(created.id))?.planningDone) break;
  }
  const planned = (await campaigns.get(created.id)).progress;
  const cpu = process.cpuUsage();
  const started = Date.now();
  settings.getConfig().worker.enabled = true;
  queue.start();
  for (;;) {
    const counts = await campaigns.store.counts(created.id);
    if (counts.pinned + counts.failed >= planned.total - planned.skipped) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const elapsed = Date.now() - started;
  const used = process.cpuUsage(cpu);
  const counts = await campaigns.store.counts(created.id);
  const floorMs = (counts.pinned - 1) * (60_000 / opts.writeLimit);
  return {
    seedMs,
    pins: counts.pinned,
    failed: counts.failed,
    elapsedMs: elapsed,
    floorMs,
    cpuMsPerPin: (used.user + used.system) / 1000 / Math.max(1, counts.pinned),
    maxWritesPerMinute: (await opts.emulatorStats()).maxPerMinute.org_write ?? 0,
  };
}
