/**
 * `BENCH_PHASE=accounts`: many Pinterest accounts drained at their write limits by one Strapi
 * instance (issue 18). The emulator seeds the users (each with a board and the write limit
 * enforced per user per sliding minute), each is connected through the plugin's OAuth flow, then
 * `jobs` articles per account are published in turn (account 1, 2, … 1, 2, …) with the worker
 * stopped, and the drain is timed from the worker's start. Each account's drain ratio is its
 * last pin's time against its floor: (jobs − 1) × the spacing its write limit allows.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';

/** What the phase uses of the plugin's `connection` service. */
type BenchConnection = {
  authorizeUrl: (adminUserId: number) => Promise<{ url: string; browserSecret: string }>;
  complete: (input: {
    code?: string;
    state?: string;
    browserSecret?: string;
  }) => Promise<{ username: string }>;
  accounts: () => Promise<Array<{ id: number; username: string | null }>>;
};
type BenchQueue = { stop: () => Promise<void>; start: () => void };
type BenchSettings = { getConfig: () => { worker: { enabled: boolean } } };

const stateSchema = z.object({
  users: z.array(z.object({ id: z.string(), username: z.string() })),
  boards: z.array(z.object({ id: z.string(), owner_id: z.string() })),
});
const statsSchema = z.object({
  byUser: z.record(
    z.string(),
    z.record(z.string(), z.object({ maxPerMinute: z.number(), total: z.number() }))
  ),
});
const pinnedRowSchema = z.object({
  accountId: z.number(),
  n: z.union([z.number(), z.string()]).transform(Number),
});

export interface AccountsBenchInput {
  emulatorUrl: string;
  heroId: number;
  accounts: number;
  jobs: number;
  /** Writes a minute each account may make (the plugin's and the emulator's limit). */
  writeLimit: number;
  /** Called once the jobs are recorded: starts timing (CPU, statements) and the worker. */
  startDrain: () => Promise<void>;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function benchAccounts(strapi: Core.Strapi, input: AccountsBenchInput) {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${input.emulatorUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${await res.text()}`);
  };
  const names = Array.from(
    { length: input.accounts },
    (_, i) => `bench_${String(i).padStart(3, '0')}`
  );
  await post('/_emulator/seed', {
    users: names.map((username) => ({
      username,
      account_type: 'BUSINESS',
      boards: [{ name: 'Bench' }],
    })),
    // Pinterest's own enforcement, per user per sliding minute: a write over it is a 429
    rateLimits: { org_write: input.writeLimit },
  });
  const state = stateSchema.parse(
    await (await fetch(`${input.emulatorUrl}/_emulator/state`)).json()
  );

  // connect every user through the plugin's OAuth flow, as an administrator would
  const plugin = strapi.plugin('pinterest');
  const connection = plugin.service<BenchConnection>('connection');
  for (const username of names) {
    await post('/_emulator/flags', { oauthUser: username });
    const { url, browserSecret } = await connection.authorizeUrl(1);
    const authorize = new URL(url);
    const scopes = (authorize.searchParams.get('scope') ?? '').split(',');
    const consent = await fetch(authorize, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['decision', 'allow'],
        ...scopes.map((s): [string, string] => ['scope', s]),
      ]).toString(),
      redirect: 'manual',
    });
    const back = new URL(consent.headers.get('location') ?? '');
    await connection.complete({
      code: back.searchParams.get('code') ?? undefined,
      state: back.searchParams.get('state') ?? undefined,
      browserSecret,
    });
  }
  const accounts = (await connection.accounts()).filter((a) => names.includes(a.username ?? ''));
  if (accounts.length !== input.accounts)
    throw new Error(`${accounts.length} of ${input.accounts} accounts connected`);
  const boardOf = (username: string) => {
    const user = state.users.find((u) => u.username === username);
    const board = state.boards.find((b) => b.owner_id === user?.id);
    if (!board) throw new Error(`no board for ${username}`);
    return board.id;
  };
  const targets = accounts.map((a) => ({ accountId: a.id, boardId: boardOf(a.username ?? '') }));

  // the jobs, recorded with the worker stopped: accounts in turn
  const queue = plugin.service<BenchQueue>('queue');
  const settings = plugin.service<BenchSettings>('settings');
  await queue.stop();
  const docs = strapi.documents('api::article.article');
  for (let j = 0; j < input.jobs; j += 1) {
    for (const [a, t] of targets.entries()) {
      // created published (one Document Service call; the publish hook records the job)
      await docs.create({
        status: 'published',
        data: {
          title: `Account ${a} pin ${j}`,
          excerpt: 'Benchmark article',
          hero: input.heroId,
          canonicalUrl: `https://blog.example.com/a${a}/p${j}`,
          pinterest: { accountId: t.accountId, boardId: t.boardId },
        } as never,
      } as never);
    }
  }

  const total = input.accounts * input.jobs;
  const records = () => strapi.db.query('plugin::pinterest.pin-record');
  await input.startDrain();
  const started = Date.now();
  settings.getConfig().worker.enabled = true;
  queue.start();
  let polls = 1;
  while ((await records().count({ where: { status: 'pinned' } })) < total) {
    await new Promise((r) => setTimeout(r, 250));
    polls += 1;
  }
  const elapsedMs = Date.now() - started;

  // each account's last pin, as Pinterest dated it
  const knex = strapi.db.connection;
  const lastRows: unknown[] = await knex('pinterest_pin_records')
    .select('account_id as accountId')
    .max('pinned_at as last')
    .count('* as n')
    .where({ status: 'pinned' })
    .groupBy('account_id');
  const floorMs = (input.jobs - 1) * (60_000 / input.writeLimit);
  const ratios: number[] = [];
  for (const raw of lastRows) {
    const row = pinnedRowSchema.parse(raw);
    const last = (raw as { last: unknown }).last;
    const lastMs = typeof last === 'number' ? last : new Date(String(last)).getTime();
    if (row.n !== input.jobs) throw new Error(`account ${row.accountId} has ${row.n} pins`);
    ratios.push((lastMs - started) / floorMs);
  }
  ratios.sort((a, b) => a - b);
  const stats = statsSchema.parse(
    await (await fetch(`${input.emulatorUrl}/_emulator/stats`)).json()
  );
  const ids = new Set(state.users.filter((u) => names.includes(u.username)).map((u) => u.id));
  const perAccount = Object.entries(stats.byUser)
    .filter(([id]) => ids.has(id))
    .map(([, c]) => c.org_write?.maxPerMinute ?? 0);
  return {
    pins: total,
    polls,
    elapsedMs,
    floorMs,
    ratioMin: ratios[0],
    ratioMedian: pct(ratios, 50),
    ratioMax: ratios[ratios.length - 1],
    maxWritesPerMinuteAnyAccount: Math.max(...perAccount),
  };
}
