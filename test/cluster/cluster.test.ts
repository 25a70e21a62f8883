/**
 * Three Strapi processes on one PostgreSQL database, 500 articles published across them, the
 * emulator
 * failing 10 % of calls (some after the pin was made) and sending 429 bursts, one process killed
 * with
 * SIGKILL mid-run and restarted: exactly 500 pins, no duplicate, none lost, and never more writes
 * per
 * minute than the configured limit.
 */
import { getGlobalDispatcher, FormData } from 'undici';
import { startEmulator, type Emulator } from '../../emulator/src';
import { SUPER_ADMIN } from '../helpers/admin';
import { makeImage } from '../helpers/images';
import { createDatabase, dropDatabase, postgresEnv, query } from '../helpers/postgres';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import { http } from '../helpers/http';
import { waitFor } from '../helpers/wait-for';

const ENTRIES = Number(process.env.CLUSTER_ENTRIES ?? 500);
const WRITE_LIMIT = 300;
const DB = `pinterest_cluster_${process.pid}`;
let emulator: Emulator;
const nodes: Array<StrapiProcess | null> = [null, null, null];
let env: Record<string, string>;
let burstTimer: NodeJS.Timeout | undefined;

beforeAll(async () => {
  await createDatabase(DB);
  emulator = await startEmulator({ port: 0, seed: { rateLimits: { org_write: WRITE_LIMIT } } });
  env = {
    ...postgresEnv(DB),
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ORG_WRITE: String(WRITE_LIMIT),
    PINTEREST_RATE_ORG_READ: '3000',
    PINTEREST_WORKER_POLL_MS: '200',
    PINTEREST_WORKER_LEASE_MS: '5000',
    PINTEREST_RETRY_BASE_MS: '200',
    PINTEREST_RETRY_MAX_MS: '2000',
    PINTEREST_RETRY_MAX_ATTEMPTS: '50',
    PINTEREST_HTTP_TIMEOUT_MS: '3000',
  };
  // the first instance creates the schema; the others join it
  nodes[0] = await startStrapiProcess(env);
  [nodes[1], nodes[2]] = await Promise.all([startStrapiProcess(env), startStrapiProcess(env)]);
}, 300_000);

afterAll(async () => {
  if (burstTimer) clearInterval(burstTimer);
  await Promise.all(nodes.filter((n): n is StrapiProcess => n !== null).map((n) => n.stop()));
  await emulator?.close();
  await dropDatabase(DB);
  await getGlobalDispatcher().close();
});

it(`publishes ${ENTRIES} entries across 3 instances with faults and a SIGKILL: exactly ${ENTRIES} pins`, async () => {
  const [a] = nodes as StrapiProcess[];
  const reg = await http(`${a.url}/admin/register-admin`, { method: 'POST', body: SUPER_ADMIN });
  expect(reg.status).toBe(200);
  const token = await http(`${a.url}/admin/api-tokens`, {
    method: 'POST',
    token: reg.body.data.token,
    body: { name: 'cluster', type: 'full-access', lifespan: null, description: '' },
  });
  expect(token.status).toBe(201);
  const apiToken = token.body.data.accessKey as string;

  const form = new FormData();
  form.append(
    'files',
    new Blob([new Uint8Array(await makeImage(600, 900, 'png'))], { type: 'image/png' }),
    'cluster.png'
  );
  const upload = await http(`${a.url}/api/upload`, { method: 'POST', token: apiToken, form });
  expect(upload.status).toBe(201);
  const heroId = upload.body[0].id as number;
  const boardId = [...emulator.state.boards.values()][0].id;

  // faults: 10 % of API calls fail (a third of them after the write happened), and 429 bursts
  emulator.setFault({ path: '/v5/*', probability: 0.066, status: 503 });
  emulator.setFault({
    method: 'POST',
    path: '/v5/pins',
    probability: 0.034,
    after: 'handler',
    status: 500,
  });
  burstTimer = setInterval(
    () => emulator.setFault({ method: 'POST', path: '/v5/pins', status: 429, times: 5 }),
    7_000
  );

  /** Starts the killed instance again; a start that fails is reported and tried again. */
  const restart = async (slot: number): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        nodes[slot] = await startStrapiProcess(env);
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
        console.warn(
          `restarting instance ${slot} failed (attempt ${attempt}): ${(e as Error).message}`
        );
      }
    }
  };
  let killed = false;
  const publishOne = async (i: number) => {
    for (;;) {
      // its own instance, or while that one is down, any live one
      const node = nodes[i % 3] ?? nodes.find((n) => n !== null) ?? null;
      if (!node) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      try {
        const res = await http(`${node.url}/api/articles?status=published`, {
          method: 'POST',
          token: apiToken,
          body: {
            data: {
              title: `Cluster ${i}`,
              hero: heroId,
              canonicalUrl: `https://blog.example.com/cluster-${i}`,
              pinterest: { boardId },
            },
          },
        });
        if (res.status === 201) return;
      } catch {
        // the instance was killed under us: try again
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const queue = Array.from({ length: ENTRIES }, (_, i) => i);
  const publishers = Array.from({ length: 6 }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      await publishOne(i);
      if (!killed && i >= ENTRIES * 0.4) {
        killed = true;
        // SIGKILL one instance mid-run (jobs in its hands are taken up when their leases run out),
        // then restart it
        nodes[1]!.kill();
        nodes[1] = null;
        void restart(1);
      }
    }
  });
  await Promise.all(publishers);
  expect(killed).toBe(true);

  await waitFor(
    async () => {
      const [row] = await query<{ n: string }>(
        DB,
        "SELECT count(*) AS n FROM pinterest_pin_records WHERE status = 'pinned'"
      );
      return Number(row.n) === ENTRIES;
    },
    `${ENTRIES} pinned records`,
    10 * 60_000,
    1_000
  );
  clearInterval(burstTimer);

  const pins = [...emulator.state.pins.values()];
  const byTitle = new Map<string, number>();
  for (const p of pins) byTitle.set(p.title ?? '', (byTitle.get(p.title ?? '') ?? 0) + 1);
  const duplicates = [...byTitle.entries()].filter(([, n]) => n > 1);
  expect(duplicates).toEqual([]);
  expect(pins).toHaveLength(ENTRIES);
  for (let i = 0; i < ENTRIES; i += 1) expect(byTitle.get(`Cluster ${i}`)).toBe(1);

  const records = await query<{ n: string; distinct_pins: string }>(
    DB,
    'SELECT count(*) AS n, count(DISTINCT pin_id) AS distinct_pins FROM pinterest_pin_records'
  );
  expect(records[0]).toEqual({ n: String(ENTRIES), distinct_pins: String(ENTRIES) });
  const jobs = await query<{ state: string; n: string }>(
    DB,
    'SELECT state, count(*) AS n FROM pinterest_jobs GROUP BY state'
  );
  expect(jobs).toEqual([{ state: 'done', n: String(ENTRIES) }]);

  const stats = emulator.stats() as { maxPerMinute: Record<string, number> };
  expect(stats.maxPerMinute.org_write).toBeLessThanOrEqual(WRITE_LIMIT);
  // our limiter never tripped the emulator's own limit (the 429s seen were the injected bursts)
  const limited = emulator.requests.filter((r) => r.status === 429 && r.fault === undefined);
  expect(limited).toEqual([]);
});
