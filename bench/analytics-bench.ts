/**
 * The analytics part of the benchmark (BENCH_PHASE=analytics, run by bench-child.ts inside a booted
 * Strapi): N pins made in the last 90 days on the emulator (in its own process), N published
 * articles
 * with a pin record each, then one sync run timed — through the multi-pin endpoint
 * (BENCH_MULTI_PIN=1,
 * batches of 100) or one call per pin. Reports the time, the calls the emulator saw, the rows and
 * write statements, and the CPU used in the Strapi process.
 */
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';

const DAY = 86_400_000;
const ARTICLE = 'api::article.article';

interface EmulatorHandle {
  url: string;
  get: (p: string) => Promise<unknown>;
}

/** The parts of `/_emulator/state` and `/_emulator/requests` the bench reads. */
const emulatorPins = z.object({
  pins: z.array(
    z.object({
      id: z.string(),
      board_id: z.string(),
      created_at: z.string(),
      creative_type: z.string(),
    })
  ),
});
const emulatorRequests = z.array(z.object({ path: z.string() }));

const post = async (url: string, body: unknown): Promise<unknown> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
};

export async function benchAnalytics(
  strapi: Core.Strapi,
  emulator: EmulatorHandle,
  n: number,
  multiPin: boolean
): Promise<Record<string, unknown>> {
  const now = Date.now();
  // the emulator: N pins created over the last 89 days; answers checked against the spec on the way
  // in only
  await post(`${emulator.url}/_emulator/seed`, {
    multiPinAnalyticsAllowed: multiPin,
    validateResponses: false,
    pins: Array.from({ length: n }, (_, i) => ({
      board: 'Recipes',
      title: `Bench ${i}`,
      created_at: new Date(now - ((i % 89) + 1) * DAY).toISOString(),
      ...(i % 10 === 0 && { creative_type: 'VIDEO' }),
    })),
  });
  const state = emulatorPins.parse(await emulator.get('/_emulator/state'));
  const pins = state.pins.filter((p) => p.created_at < new Date(now).toISOString());

  // Strapi: a published article (draft + published rows) and a pin record per pin, written in bulk
  const docs = pins.map(() => randomUUID().replace(/-/g, '').slice(0, 24));
  const stamp = new Date(now);
  for (let i = 0; i < pins.length; i += 500) {
    const slice = pins.slice(i, i + 500);
    await strapi.db.query(ARTICLE).createMany({
      data: slice.flatMap((_, j) => [
        {
          documentId: docs[i + j],
          title: `Bench ${i + j}`,
          publishedAt: null,
          createdAt: stamp,
          updatedAt: stamp,
        },
        {
          documentId: docs[i + j],
          title: `Bench ${i + j}`,
          publishedAt: stamp,
          createdAt: stamp,
          updatedAt: stamp,
        },
      ]),
    });
    await strapi.db.query('plugin::pinterest.pin-record').createMany({
      data: slice.map((p, j) => ({
        contentType: ARTICLE,
        entryDocumentId: docs[i + j],
        entryLocale: 'default',
        boardId: p.board_id,
        marker: `bench-${p.id}`,
        pinId: p.id,
        status: 'pinned',
        mediaSource: p.creative_type === 'VIDEO' ? 'video_id' : 'image_url',
        pinnedAt: new Date(p.created_at),
      })),
    });
  }
  await fetch(`${emulator.url}/_emulator/requests`, { method: 'DELETE' });

  const analytics = strapi.plugin('pinterest').service<{
    syncOnce: (o?: { now?: number }) => Promise<Record<string, number | string>>;
  }>('analytics');
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let syncPeak = rssBefore;
  const sampler = setInterval(() => (syncPeak = Math.max(syncPeak, process.memoryUsage().rss)), 20);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await analytics.syncOnce({ now });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  const peakDuringSync = Math.max(syncPeak, process.memoryUsage().rss);
  // what the run left behind, once garbage is collected (needs --expose-gc, which bench/run.ts
  // passes)
  global.gc?.();
  const after = process.memoryUsage();
  const requests = emulatorRequests.parse(await emulator.get('/_emulator/requests'));
  const calls = requests.filter((r) => /\/analytics$/.test(r.path)).length;
  const dailyRows = await strapi.db.query('plugin::pinterest.pin-daily-stat').count({});
  const withStats = await strapi.db
    .query(ARTICLE)
    .count({ where: { pinterestStats: { $notNull: true } } });
  return {
    pins: pins.length,
    multiPin: multiPin ? 1 : 0,
    elapsedMs,
    state: result.state,
    calls,
    syncCalls: result.calls,
    pinsSynced: result.pins,
    dailyRows,
    entryRows: result.entryRows,
    articleRowsWithStats: withStats,
    writeStatements: result.writeStatements,
    cpuMs: (used.user + used.system) / 1000,
    rssBeforeSyncMb: Math.round(rssBefore / 2 ** 20),
    syncPeakRssMb: Math.round(peakDuringSync / 2 ** 20),
    rssAfterGcMb: Math.round(after.rss / 2 ** 20),
    heapUsedAfterGcMb: Math.round(after.heapUsed / 2 ** 20),
  };
}
