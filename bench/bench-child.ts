/**
 * One benchmark phase inside a booted Strapi (the playground, SQLite temp file), talking to an
 * emulator on loopback. Prints one JSON line with its figures. Run by bench/run.ts.
 *
 *   BENCH_PHASE=publish   publish latency of N articles (plugin mapping on or off, see
 * PINTEREST_MAP_ARTICLES)
 *   BENCH_PHASE=worker    worker overhead per pin: N jobs drained against a zero-latency emulator,
 * limits off
 *   BENCH_PHASE=drain     N jobs drained under a write limit, against the floor the limit allows
 *   BENCH_PHASE=analytics one analytics sync of N pins (bench/analytics-bench.ts; BENCH_MULTI_PIN=1
 * for batches)
 *   BENCH_PHASE=campaign-plan / campaign-drain  a re-pin campaign over N articles
 * (bench/campaign-bench.ts)
 *   BENCH_PHASE=reconcile reconcile passes over 1k / 10k / 100k published articles
 * (bench/reconcile-bench.ts; BENCH_RECONCILE_SIZES)
 *   BENCH_PHASE=accounts  BENCH_ACCOUNTS accounts × N jobs drained at their write limits
 * (bench/accounts-bench.ts)
 *
 * Diagnostics of the worker / drain phases (stderr): BENCH_QUERY_SHAPES=1 statements per pin by
 * verb and table; BENCH_SQL_TIMES=1 better-sqlite3's time per statement shape;
 * BENCH_QUERY_TRACE=<file> every statement of the drain with its bindings; BENCH_CPU_PROFILE=<file>
 * a CPU profile of the drain (bench/profile-top.ts prints its top).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type * as StrapiModule from '@strapi/strapi';
import { z } from 'zod';
import { benchAnalytics } from './analytics-bench';
import { benchCampaign } from './campaign-bench';
import { benchReconcile } from './reconcile-bench';
import { benchAccounts } from './accounts-bench';

const phase = process.env.BENCH_PHASE ?? 'publish';
const N = Number(process.env.BENCH_N ?? 200);
const root = path.resolve(__dirname, '..');

let peakRss = process.memoryUsage().rss;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The parts of the emulator's `/_emulator/state` and `/_emulator/stats` the phases read. */
const emulatorStateSchema = z.object({
  boards: z.array(z.object({ id: z.string() })),
  pins: z.array(z.unknown()),
});
const emulatorStatsSchema = z.object({ maxPerMinute: z.record(z.string(), z.number()) });

/**
 * What the phases use of the plugin's `queue` and `settings` services, described here rather than
 * imported from server/src so the bench names only what it calls.
 */
type BenchQueue = { stop: () => Promise<void>; start: () => void };
type BenchSettings = { getConfig: () => { worker: { enabled: boolean } } };

/** A statement's verb and first table, e.g. `update pinterest_jobs`. */
function queryShape(sql: string): string {
  const verb = sql.trim().split(/\s+/)[0].toLowerCase();
  const table = sql.match(/(?:from|into|update)\s+[`"]?(\w+)/i)?.[1] ?? '?';
  return `${verb} ${table}`;
}

/**
 * With BENCH_CPU_PROFILE=<file.cpuprofile>, a V8 CPU profile of the drain alone (not the boot or
 * the publishes before it), for Chrome DevTools or `bench/profile-top.ts`.
 */
async function startCpuProfile(file: string | undefined): Promise<{ stop: () => Promise<void> }> {
  if (!file) return { stop: () => Promise.resolve() };
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res)))
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** The emulator in its own process, as Pinterest would be: its CPU is not the plugin's. */
function startEmulatorProcess(): Promise<{
  url: string;
  apiUrl: string;
  stop: () => void;
  get: (p: string) => Promise<unknown>;
}> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'emulator', 'src', 'main.ts'), '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (!m) return;
      const url = m[1];
      resolve({
        url,
        apiUrl: `${url}/v5`,
        stop: () => child.kill(),
        get: async (p: string): Promise<unknown> => (await fetch(`${url}${p}`)).json(),
      });
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

/**
 * With BENCH_SQL_TIMES=1, the time better-sqlite3 spends in each statement shape (prepare and
 * run), printed to stderr after the drain: which statements cost, not only how many there are.
 */
const sqlTimes = new Map<string, { n: number; ms: number }>();
function timeSqlite() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as { prototype: Record<string, unknown> };
  const prepare = Database.prototype.prepare as (this: unknown, sql: string) => object;
  Database.prototype.prepare = function timedPrepare(this: unknown, sql: string) {
    const t0 = process.hrtime.bigint();
    const stmt = prepare.call(this, sql) as Record<string, (...a: unknown[]) => unknown>;
    const shape = `${queryShape(sql)} ${sql.length}`;
    const add = (t: bigint) => {
      const e = sqlTimes.get(shape) ?? { n: 0, ms: 0 };
      e.n += 1;
      e.ms += Number(process.hrtime.bigint() - t) / 1e6;
      sqlTimes.set(shape, e);
    };
    add(t0);
    for (const m of ['run', 'all', 'get']) {
      const orig = stmt[m];
      stmt[m] = (...a: unknown[]) => {
        const t = process.hrtime.bigint();
        try {
          return orig.apply(stmt, a);
        } finally {
          add(t);
        }
      };
    }
    return stmt;
  };
}
if (process.env.BENCH_SQL_TIMES) timeSqlite();

/**
 * The drain's statements by shape (and, with BENCH_QUERY_TRACE=<file>, each one with its
 * bindings); the SQL times start again from here, so that they are the drain's alone.
 */
function drainQueries() {
  sqlTimes.clear();
  const shapes = new Map<string, number>();
  const trace = process.env.BENCH_QUERY_TRACE;
  const onQuery = (q: { sql: string; bindings?: unknown[] }) => {
    if (trace) fs.appendFileSync(trace, `${q.sql} ${JSON.stringify(q.bindings ?? [])}\n`);
    const shape = queryShape(q.sql);
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
  };
  return { shapes, onQuery };
}

/** With BENCH_SQL_TIMES / BENCH_QUERY_SHAPES: where the drain's SQL time went, per pin (stderr). */
function printDrainQueries(shapes: Map<string, number>, pins: number) {
  if (process.env.BENCH_SQL_TIMES)
    for (const [k, v] of [...sqlTimes.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
      process.stderr.write(`${(v.ms / pins).toFixed(3).padStart(8)} ms per pin  ${v.n} × ${k}\n`);
  if (process.env.BENCH_QUERY_SHAPES)
    for (const [k, n] of [...shapes.entries()].sort((a, b) => b[1] - a[1]))
      process.stderr.write(`${(n / pins).toFixed(2).padStart(7)} per pin  ${k}\n`);
}

async function main() {
  const emulator = await startEmulatorProcess();
  const emulatorState = async () =>
    emulatorStateSchema.parse(await emulator.get('/_emulator/state'));
  const emulatorStats = async () =>
    emulatorStatsSchema.parse(await emulator.get('/_emulator/stats'));
  const dbFile = path.join(os.tmpdir(), `pinterest-bench-${process.pid}.db`);
  Object.assign(process.env, {
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: 'error',
    STRAPI_STARTUP_LOG: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_FILENAME: dbFile,
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    // several accounts: each connected through the emulator's OAuth app (no configured token)
    ...(phase === 'accounts' && {
      PINTEREST_OAUTH_URL: `${emulator.url}/oauth/`,
      PINTEREST_APP_ID: '1234567',
      PINTEREST_APP_SECRET: 'emulator-secret',
      PINTEREST_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    }),
    PINTEREST_WORKER_POLL_MS: '100',
  });
  if (phase === 'accounts') delete process.env.PINTEREST_ACCESS_TOKEN;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof StrapiModule;
  const strapi = createStrapi({
    appDir: path.join(root, 'playground'),
    distDir: path.join(root, 'playground', 'dist'),
  });
  await strapi.load();
  await strapi.listen();
  void (strapi.server.httpServer.address() as AddressInfo);

  const sharp = (await import('sharp')).default;
  const png = await sharp({
    create: { width: 600, height: 900, channels: 3, background: '#e60023' },
  })
    .png()
    .toBuffer();
  const file = path.join(os.tmpdir(), `bench-hero-${process.pid}.png`);
  fs.writeFileSync(file, png);
  const [hero] = await strapi
    .plugin('upload')
    .service<{ upload: (input: unknown) => Promise<Array<{ id: number }>> }>('upload')
    .upload({
      data: { fileInfo: { name: 'bench.png' } },
      files: {
        filepath: file,
        originalFilename: 'bench.png',
        mimetype: 'image/png',
        size: png.length,
      },
    });
  const boardId = (await emulatorState()).boards[0].id;
  const docs = strapi.documents('api::article.article');
  const data = (i: number) => ({
    title: `Bench ${i}`,
    excerpt: 'Benchmark article',
    hero: hero.id,
    canonicalUrl: `https://blog.example.com/bench-${i}`,
    pinterest: { boardId },
  });
  const queue = strapi.plugin('pinterest').service<BenchQueue>('queue');
  const settings = strapi.plugin('pinterest').service<BenchSettings>('settings');
  const pinnedCount = () =>
    strapi.db.query('plugin::pinterest.pin-record').count({ where: { status: 'pinned' } });

  let result: Record<string, unknown> = {};
  if (phase === 'analytics') {
    result = await benchAnalytics(strapi, emulator, N, process.env.BENCH_MULTI_PIN === '1');
  } else if (phase === 'campaign-plan' || phase === 'campaign-drain') {
    result = await benchCampaign(
      strapi,
      {
        heroId: hero.id,
        boardId,
        emulatorStats,
        writeLimit: Number(process.env.PINTEREST_RATE_ORG_WRITE ?? 0),
      },
      N,
      phase === 'campaign-plan' ? 'plan' : 'drain'
    );
  } else if (phase === 'accounts') {
    const drain = {
      cpu: process.cpuUsage(),
      profile: { stop: () => Promise.resolve() },
      ...drainQueries(),
    };
    const out = await benchAccounts(strapi, {
      emulatorUrl: emulator.url,
      heroId: hero.id,
      accounts: Number(process.env.BENCH_ACCOUNTS ?? 50),
      jobs: N,
      writeLimit: Number(process.env.PINTEREST_RATE_ORG_WRITE ?? 100),
      startDrain: async () => {
        drain.profile = await startCpuProfile(process.env.BENCH_CPU_PROFILE);
        Object.assign(drain, drainQueries());
        strapi.db.connection.on('query', drain.onQuery);
        drain.cpu = process.cpuUsage();
      },
    });
    const used = process.cpuUsage(drain.cpu);
    strapi.db.connection.off('query', drain.onQuery);
    await drain.profile.stop();
    printDrainQueries(drain.shapes, out.pins);
    const statements = [...drain.shapes.values()].reduce((a, b) => a + b, 0);
    result = {
      ...out,
      cpuMsPerPin: (used.user + used.system) / 1000 / out.pins,
      cpuUserMsPerPin: used.user / 1000 / out.pins,
      // the drain's own statements, without the bench's polling of the pinned count
      statementsPerPin: (statements - out.polls) / out.pins,
    };
  } else if (phase === 'reconcile') {
    const sizes = (process.env.BENCH_RECONCILE_SIZES ?? '1000,10000,100000').split(',').map(Number);
    const rows = await benchReconcile(strapi, { boardId, heroId: hero.id }, sizes);
    result = { rows: JSON.stringify(rows) };
  } else if (phase === 'publish') {
    // warm-up
    for (let i = 0; i < 10; i += 1) {
      const d = await docs.create({ data: data(-i) as never });
      await docs.publish({ documentId: d.documentId });
    }
    const times: number[] = [];
    // with BENCH_QUERY_SHAPES / BENCH_QUERY_TRACE: the publishes' own statements (not the creates')
    const queries = drainQueries();
    const watch = Boolean(process.env.BENCH_QUERY_SHAPES || process.env.BENCH_QUERY_TRACE);
    for (let i = 0; i < N; i += 1) {
      const d = await docs.create({ data: data(i) as never });
      if (watch) strapi.db.connection.on('query', queries.onQuery);
      const t = process.hrtime.bigint();
      await docs.publish({ documentId: d.documentId });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      strapi.db.connection.off('query', queries.onQuery);
    }
    printDrainQueries(queries.shapes, N);
    times.sort((a, b) => a - b);
    result = { p50: pct(times, 50), p95: pct(times, 95) };
  } else {
    // record N jobs with the worker stopped, then time the drain alone
    await queue.stop();
    for (let i = 0; i < N; i += 1) {
      const d = await docs.create({ data: data(i) as never });
      await docs.publish({ documentId: d.documentId });
    }
    const profile = await startCpuProfile(process.env.BENCH_CPU_PROFILE);
    const { shapes, onQuery } = drainQueries();
    strapi.db.connection.on('query', onQuery);
    const cpu = process.cpuUsage();
    const started = Date.now();
    settings.getConfig().worker.enabled = true;
    queue.start();
    let polls = 1;
    while ((await pinnedCount()) < N) {
      await new Promise((r) => setTimeout(r, 50));
      polls += 1;
    }
    const elapsed = Date.now() - started;
    const used = process.cpuUsage(cpu);
    strapi.db.connection.off('query', onQuery);
    await profile.stop();
    // the drain's own statements, without the bench's polling of the pinned count
    const polled = 'select pinterest_pin_records';
    shapes.set(polled, (shapes.get(polled) ?? 0) - polls);
    printDrainQueries(shapes, N);
    result = {
      elapsedMs: elapsed,
      pinsPerSecond: N / (elapsed / 1000),
      cpuMsPerPin: (used.user + used.system) / 1000 / N,
      cpuUserMsPerPin: used.user / 1000 / N,
      statementsPerPin: [...shapes.values()].reduce((a, b) => a + b, 0) / N,
      emulatorPins: (await emulatorState()).pins.length,
      maxWritesPerMinute: (await emulatorStats()).maxPerMinute.org_write ?? 0,
    };
  }
  clearInterval(rssTimer);
  process.stdout.write(
    `BENCH ${JSON.stringify({ phase, n: N, ...result, peakRssMb: Math.round(peakRss / 2 ** 20) })}\n`
  );
  await strapi.destroy();
  emulator.stop();
  for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(dbFile + s, { force: true });
  fs.rmSync(file, { force: true });
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
