/**
 * `npm run bench`: figures for the pin pipeline (a benchmark, not a test: it prints, it never fails
 * on a number). Each phase runs in its own process so memory and CPU figures are its own.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { ensurePlaygroundCompiled, ensurePluginBuilt } from '../scripts/lib/ensure-built';
import { designSection } from './design-render';

const root = path.resolve(__dirname, '..');

/** The child's `BENCH {…}` line: its figures (a campaign preview's `lastAt` may be null). */
const phaseResultSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
type PhaseResult = z.infer<typeof phaseResultSchema>;

function phase(env: Record<string, string>): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'bench-child.ts')],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      }
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH '));
      if (code !== 0 || !line)
        return reject(new Error(`bench phase ${JSON.stringify(env)} failed (${code}):\n${out}`));
      const parsed = phaseResultSchema.safeParse(JSON.parse(line.slice(6)));
      if (!parsed.success)
        return reject(
          new Error(`bench phase ${JSON.stringify(env)} printed ${line}: ${parsed.error.message}`)
        );
      resolve(parsed.data);
    });
  });
}

const f = (n: unknown, digits = 1) => (typeof n === 'number' ? n.toFixed(digits) : String(n));

/**
 * One analytics sync of many pins, batched and one call per pin (`BENCH_ONLY=analytics` runs only
 * this).
 */
async function analyticsSection() {
  const A = Number(process.env.BENCH_ANALYTICS_PINS ?? 10_000);
  const analyticsLimit = Number(process.env.BENCH_ANALYTICS_LIMIT ?? 100_000);
  const analyticsEnv = {
    BENCH_PHASE: 'analytics',
    BENCH_N: String(A),
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ORG_ANALYTICS: String(analyticsLimit),
    PINTEREST_RATE_ORG_READ: '100000',
    PINTEREST_ANALYTICS_MAX_CALLS_PER_RUN: '1000000',
    PINTEREST_ANALYTICS_RULE: '0 0 0 1 1 *',
    // so the phase can tell garbage from what the run keeps
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
  };
  console.log(
    `analytics sync (${A} pins made over the last 90 days, one run, org_analytics raised to ${analyticsLimit}/min)`
  );
  for (const multi of [true, false]) {
    const a = await phase({ ...analyticsEnv, BENCH_MULTI_PIN: multi ? '1' : '0' });
    const calls = Number(a.calls);
    const atDefault = calls / 60; // minutes at Pinterest's 60 calls a minute
    const runs = Math.ceil(calls / 600); // default maxCallsPerRun, hourly runs
    console.log(
      `  ${multi ? 'multi-pin endpoint, batches of 100' : 'one call per pin (multi-pin refused)  '}: ${f(Number(a.elapsedMs) / 1000)} s, ${calls} calls, ${a.dailyRows} daily rows in ${a.writeStatements} write statements, ${a.entryRows} entry rows, CPU ${f(Number(a.cpuMs) / 1000)} s, RSS ${a.rssBeforeSyncMb} → peak ${a.syncPeakRssMb} MB during the sync (${a.rssAfterGcMb} MB after, heap ${a.heapUsedAfterGcMb} MB)`
    );
    console.log(
      `    at the default 60 calls/min: ${f(atDefault)} min of budget; with the default 600 calls per hourly run: ${runs} run(s)`
    );
  }
}

/**
 * A re-pin campaign over many entries: planning it, then draining it under the write limit
 * (`BENCH_ONLY=campaign`).
 */
async function campaignSection() {
  const C = Number(process.env.BENCH_CAMPAIGN_ENTRIES ?? 10_000);
  const plan = await phase({
    BENCH_PHASE: 'campaign-plan',
    BENCH_N: String(C),
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_RATE_PROFILE: 'off',
    PINTEREST_CAMPAIGN_TICK_RULE: '0 0 0 1 1 *',
    PINTEREST_CAMPAIGN_PLAN_BUDGET_MS: '600000',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
  });
  console.log(
    `re-pin campaign planning (${C} published articles, pages of 200, 1 board, 100 a day in a 14 h window, 7 days per link)`
  );
  console.log(
    `  preview (nothing written): ${f(Number(plan.previewMs) / 1000, 2)} s for ${plan.previewPins} pins, RSS growth at peak ${plan.previewPeakGrowthMb} MB; last pin ${plan.lastAt}`
  );
  console.log(
    `  planning (every item written): ${f(Number(plan.planMs) / 1000, 2)} s for ${plan.planned} pins (+${plan.skipped} skipped), RSS ${plan.rssBeforePlanMb} → peak ${plan.planPeakRssMb} MB (growth ${plan.planPeakGrowthMb} MB), heap ${plan.heapBeforePlanMb} → peak ${plan.planPeakHeapMb} MB (targets < 10 s, < 150 MB growth)`
  );
  if (process.env.BENCH_CAMPAIGN_DRAIN === '0') return;
  const limit = Number(process.env.BENCH_CAMPAIGN_WRITE_LIMIT ?? 3000);
  const drain = await phase({
    BENCH_PHASE: 'campaign-drain',
    BENCH_N: String(C),
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ORG_WRITE: String(limit),
    PINTEREST_RATE_ORG_READ: '100000',
    PINTEREST_CAMPAIGN_TICK_RULE: process.env.BENCH_CAMPAIGN_TICK_RULE ?? '*/5 * * * * *',
    PINTEREST_CAMPAIGN_PLAN_BUDGET_MS: '600000',
  });
  console.log(
    `re-pin campaign drain (${drain.pins} pins, no pacing of its own, org_write ${limit}/min)`
  );
  console.log(
    `  ${f(Number(drain.elapsedMs) / 1000)} s against a floor of ${f(Number(drain.floorMs) / 1000)} s: ratio ${f(Number(drain.elapsedMs) / Number(drain.floorMs), 3)}; ${drain.failed} failed; ${f(drain.cpuMsPerPin, 2)} ms CPU per pin`
  );
  console.log(
    `  max writes seen by the emulator in any minute: ${drain.maxWritesPerMinute}; peak RSS ${drain.peakRssMb} MB\n`
  );
}

/** One size's figures, as bench/reconcile-bench.ts returns them. */
const reconcileRowSchema = z.object({
  n: z.number(),
  seedMs: z.number(),
  queries: z.number(),
  articleQueries: z.number(),
  medianMs: z.number(),
  minMs: z.number(),
  maxMs: z.number(),
  scanned: z.number(),
  jobsCreated: z.number(),
  plan: z.string(),
  readMs: z.number(),
  newQueries: z.number(),
  newArticleQueries: z.number(),
  newMs: z.number(),
  newScanned: z.number(),
  newEnqueued: z.number(),
  newJobsCreated: z.number(),
});

/**
 * Reconcile passes on a site of 1k / 10k / 100k published articles (`BENCH_ONLY=reconcile`;
 * `BENCH_RECONCILE_SIZES=1000,10000` to choose the sizes).
 */
async function reconcileSection() {
  const sizes = process.env.BENCH_RECONCILE_SIZES ?? '1000,10000,100000';
  const out = await phase({
    BENCH_PHASE: 'reconcile',
    BENCH_RECONCILE_SIZES: sizes,
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_RATE_PROFILE: 'off',
    PINTEREST_RECONCILE_RULE: '0 0 0 1 1 *',
  });
  const rows = z.array(reconcileRowSchema).parse(JSON.parse(String(out.rows)));
  console.log(
    `reconcile pass (N published articles, Article mapped after they were published; worker stopped)`
  );
  for (const r of rows) {
    // the first version (before 7db5ad4) read every published entry, 200 a page, and looked up
    // jobs and pin records entry by entry: not run here, its count follows from its code
    const before = Math.floor(r.n / 200) + 1 + 2 * r.n;
    console.log(
      `  ${String(r.n).padStart(6)} entries, nothing new: ${r.queries} queries (${r.articleQueries} on articles), ${f(r.medianMs, 2)} ms median of 5 (${f(r.minMs, 2)}–${f(r.maxMs, 2)}), ${r.scanned} read, ${r.jobsCreated} jobs; first version: ${before} queries`
    );
    console.log(
      `  ${' '.repeat(6)}  the articles read alone: ${f(r.readMs, 3)} ms; SQLite's plan: ${r.plan}`
    );
    console.log(
      `  ${' '.repeat(6)}  1 new entry (job lost): ${r.newQueries} queries (${r.newArticleQueries} on articles), ${f(r.newMs, 2)} ms, ${r.newScanned} read, ${r.newEnqueued} enqueued, ${r.newJobsCreated} job (seeded in ${f(r.seedMs / 1000)} s)`
    );
  }
  console.log('');
}

/**
 * Many accounts drained at their write limits on one instance (`BENCH_ONLY=accounts`;
 * `BENCH_ACCOUNTS`, `BENCH_ACCOUNT_JOBS`, `BENCH_ACCOUNT_WRITE_LIMIT` per minute,
 * `BENCH_ACCOUNT_LANES` the worker's concurrency).
 */
async function accountsSection() {
  const A = Number(process.env.BENCH_ACCOUNTS ?? 50);
  const J = Number(process.env.BENCH_ACCOUNT_JOBS ?? 200);
  const limit = Number(process.env.BENCH_ACCOUNT_WRITE_LIMIT ?? 100);
  const lanes = process.env.BENCH_ACCOUNT_LANES ?? '64';
  console.log(
    `${A} accounts × ${J} jobs on one instance, org_write ${limit}/min per account (enforced by the emulator per user), ${lanes} worker lanes`
  );
  // SQLite as Strapi sets it up (a rollback journal synced at each commit), then in WAL mode as
  // the README advises for many accounts (BENCH_ACCOUNT_JOURNALS=delete or wal for one of them)
  const journals = (process.env.BENCH_ACCOUNT_JOURNALS ?? 'delete,wal').split(',');
  for (const journal of journals) {
    const out = await phase({
      BENCH_PHASE: 'accounts',
      BENCH_N: String(J),
      BENCH_ACCOUNTS: String(A),
      PINTEREST_RATE_PROFILE: 'standard',
      PINTEREST_RATE_ORG_WRITE: String(limit),
      PINTEREST_WORKER_CONCURRENCY: lanes,
      DATABASE_SQLITE_WAL: journal === 'wal' ? 'true' : 'false',
    });
    console.log(
      `  SQLite ${journal === 'wal' ? 'WAL (journal_mode=WAL, synchronous=NORMAL)' : 'rollback journal (Strapi default)'}: drain ${f(Number(out.elapsedMs) / 1000)} s; per account, last pin against its floor of ${f(Number(out.floorMs) / 1000)} s: ratio min ${f(out.ratioMin, 3)}, median ${f(out.ratioMedian, 3)}, max ${f(out.ratioMax, 3)} (target ≤ 1.05)`
    );
    console.log(
      `    ${f(out.cpuMsPerPin, 2)} ms CPU per pin in the Strapi process (user ${f(out.cpuUserMsPerPin, 2)}), ${f(out.statementsPerPin)} SQL statements per pin; max writes of one account in any minute: ${out.maxWritesPerMinuteAnyAccount} (limit ${limit}); peak RSS ${out.peakRssMb} MB`
    );
  }
  console.log('');
}

async function main() {
  ensurePluginBuilt();
  await ensurePlaygroundCompiled();
  console.log(
    `node ${process.version}, ${process.platform}/${process.arch}, SQLite, emulator on loopback\n`
  );
  if (process.env.BENCH_ONLY === 'analytics') return analyticsSection();
  if (process.env.BENCH_ONLY === 'campaign') return campaignSection();
  if (process.env.BENCH_ONLY === 'reconcile') return reconcileSection();
  if (process.env.BENCH_ONLY === 'design') return designSection();
  if (process.env.BENCH_ONLY === 'accounts') return accountsSection();
  await coreSection();
  if (process.env.BENCH_ONLY === 'core') return;
  await analyticsSection();
  await campaignSection();
  await reconcileSection();
  await designSection();
  await accountsSection();
}

/**
 * Publish latency with the plugin off, idle and busy; the worker's own cost per pin against a
 * zero-latency emulator; a drain under a write limit (`BENCH_ONLY=core` runs only these).
 */
async function coreSection() {
  const N = Number(process.env.BENCH_PUBLISHES ?? 200);

  // the three publish phases in turn, several rounds: the disk's noise (each publish commits and
  // syncs SQLite's journal) moves a phase's latency by ±20 % from one run to the next, so each
  // figure is the median of its rounds and each ratio is taken within a round
  const rounds = Math.max(1, Number(process.env.BENCH_PUBLISH_ROUNDS ?? 3));
  const runs: Array<Record<'off' | 'idle' | 'busy', Record<string, unknown>>> = [];
  for (let r = 0; r < rounds; r += 1)
    runs.push({
      off: await phase({
        BENCH_PHASE: 'publish',
        BENCH_N: String(N),
        PINTEREST_MAP_ARTICLES: 'false',
        PINTEREST_RATE_PROFILE: 'off',
      }),
      idle: await phase({
        BENCH_PHASE: 'publish',
        BENCH_N: String(N),
        PINTEREST_RATE_PROFILE: 'off',
        PINTEREST_WORKER_ENABLED: 'false',
      }),
      busy: await phase({
        BENCH_PHASE: 'publish',
        BENCH_N: String(N),
        PINTEREST_RATE_PROFILE: 'off',
      }),
    });
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  const fig = (which: 'off' | 'idle' | 'busy', k: 'p50' | 'p95') =>
    f(median(runs.map((r) => Number(r[which][k]))), 2);
  const ratios = (which: 'idle' | 'busy', k: 'p50' | 'p95') => {
    const each = runs.map((r) => Number(r[which][k]) / Number(r.off[k]));
    return `${f(median(each), 2)} (rounds ${each.map((x) => f(x, 2)).join(', ')})`;
  };
  console.log(
    `publish latency (${N} publishes in a row, Document Service; medians of ${rounds} rounds)`
  );
  console.log(
    `  plugin off (articles unmapped):          p50 ${fig('off', 'p50')} ms  p95 ${fig('off', 'p95')} ms`
  );
  console.log(
    `  plugin on, publish path (worker idle):   p50 ${fig('idle', 'p50')} ms  p95 ${fig('idle', 'p95')} ms  ratio p50 ${ratios('idle', 'p50')}  p95 ${ratios('idle', 'p95')}  (target ≤ 1.10)`
  );
  console.log(
    `  plugin on, worker pinning meanwhile:     p50 ${fig('busy', 'p50')} ms  p95 ${fig('busy', 'p95')} ms  ratio p50 ${ratios('busy', 'p50')}  p95 ${ratios('busy', 'p95')}  (peak RSS ${Math.max(...runs.map((r) => Number(r.busy.peakRssMb)))} MB)\n`
  );

  const W = Number(process.env.BENCH_PINS ?? 500);
  const worker = await phase({
    BENCH_PHASE: 'worker',
    BENCH_N: String(W),
    PINTEREST_RATE_PROFILE: 'off',
  });
  console.log(`worker overhead (${W} pins, zero-latency emulator, limits off)`);
  console.log(
    `  ${f(worker.pinsPerSecond)} pins/s, ${f(worker.cpuMsPerPin, 2)} ms CPU per pin in the Strapi process (the emulator runs in its own), ${f(worker.statementsPerPin)} SQL statements per pin, peak RSS ${worker.peakRssMb} MB\n`
  );

  const D = Number(process.env.BENCH_DRAIN ?? 1000);
  const limit = Number(process.env.BENCH_WRITE_LIMIT ?? 3000);
  const drain = await phase({
    BENCH_PHASE: 'drain',
    BENCH_N: String(D),
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ORG_WRITE: String(limit),
    PINTEREST_RATE_ORG_READ: '100000',
  });
  const floor = (D - 1) * (60_000 / limit);
  console.log(`drain under a limit (${D} jobs, org_write ${limit}/min)`);
  console.log(
    `  ${f(Number(drain.elapsedMs) / 1000)} s against a floor of ${f(floor / 1000)} s: ratio ${f(Number(drain.elapsedMs) / floor, 3)} (target ≤ 1.05)`
  );
  console.log(
    `  max writes seen by the emulator in any minute: ${drain.maxWritesPerMinute}; peak RSS ${drain.peakRssMb} MB\n`
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
