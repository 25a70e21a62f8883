/**
 * A campaign survives its Strapi: the process is killed (SIGKILL) mid-campaign — just after
 * Pinterest
 * created a pin whose answer never arrived — and a new process on the same database takes the
 * campaign
 * up where it was: the tick's lease and the jobs' leases run out, the lost pin is found by its
 * marker
 * and adopted, and the campaign ends with exactly one pin per entry and one create per pin.
 */
import { getGlobalDispatcher } from 'undici';
import { startEmulator, type Emulator } from '../../emulator/src';
import { markerOfLink } from '../../server/src/mapping/link';
import { SUPER_ADMIN } from '../helpers/admin';
import { adminAndApiToken, http, uploadImageOverHttp } from '../helpers/http';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import { removeSqliteFiles, tempDbFile } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const N = 12;
let emulator: Emulator;
let first: StrapiProcess | null = null;
let second: StrapiProcess | null = null;
const dbFile = tempDbFile('campaign-restart');

const env = () => ({
  DATABASE_FILENAME: dbFile,
  PINTEREST_API_URL: emulator.apiUrl,
  PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  PINTEREST_RATE_PROFILE: 'off',
  PINTEREST_WORKER_POLL_MS: '200',
  PINTEREST_WORKER_LEASE_MS: '3000',
  PINTEREST_HTTP_TIMEOUT_MS: '30000',
  PINTEREST_CAMPAIGN_TICK_RULE: '* * * * * *',
  PINTEREST_CAMPAIGN_LOOKAHEAD_MS: '2000',
  PINTEREST_CAMPAIGN_LEASE_MS: '3000',
});

const campaignPins = () =>
  [...emulator.state.pins.values()].filter((p) => p.title?.startsWith('Again: '));
const creates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  first = await startStrapiProcess(env());
}, 120_000);

afterAll(async () => {
  first?.kill();
  await second?.stop();
  await emulator?.close();
  removeSqliteFiles(dbFile);
  await getGlobalDispatcher().close();
});

it('killed mid-campaign, a new process finishes it: every entry pinned once, the lost create adopted', async () => {
  const a = first!;
  const { jwt, apiToken: token } = await adminAndApiToken(a.url, 'restart');
  const heroId = await uploadImageOverHttp(a.url, token, 'restart');
  const boardId = [...emulator.state.boards.values()][0].id;
  const documentIds: string[] = [];
  for (let i = 0; i < N; i += 1) {
    const created = await http(`${a.url}/api/articles?status=published`, {
      method: 'POST',
      token,
      body: {
        data: {
          title: `Old post ${i}`,
          hero: heroId,
          canonicalUrl: `https://blog.example.com/old-${i}`,
          pinterest: { enabled: false },
        },
      },
    });
    expect(created.status).toBe(201);
    documentIds.push(created.body.data.documentId);
  }

  const started = await http(`${a.url}/pinterest/campaigns`, {
    method: 'POST',
    token: jwt,
    body: {
      name: 'Survivor',
      selection: { contentType: 'api::article.article', documentIds },
      boards: [{ boardId }],
      pacing: { intervalMinutes: 0.02, timeZone: 'UTC', minDaysBetweenSameLink: 0 },
      freshness: { titleTemplates: ['Again: {title}'] },
    },
  });
  expect(started.status).toBe(201);
  const id = started.body.campaign.id as number;

  await waitFor(() => campaignPins().length >= 4, 'four campaign pins', 60_000, 100);
  // the next pin is made on Pinterest, but its answer takes 8 s: the process dies in between
  emulator.setFault({
    method: 'POST',
    path: '/v5/pins',
    after: 'handler',
    delayMs: 8_000,
    times: 1,
  });
  const before = campaignPins().length;
  await waitFor(
    () => campaignPins().length > before,
    'Pinterest to make the pin whose answer is delayed',
    30_000,
    20
  );
  a.kill();
  first = null;
  const madeBeforeKill = campaignPins().length;
  expect(madeBeforeKill).toBeLessThan(N);

  second = await startStrapiProcess(env());
  const b = second;
  const login = await http(`${b.url}/admin/login`, {
    method: 'POST',
    body: { email: SUPER_ADMIN.email, password: SUPER_ADMIN.password },
  });
  const jwt2 = login.body.data.token as string;
  const done = await waitFor(
    async () => {
      const res = await http(`${b.url}/pinterest/campaigns/${id}`, { token: jwt2 });
      return res.body.campaign?.status === 'done' ? res.body.campaign : null;
    },
    'the new process to finish the campaign',
    90_000,
    250
  );

  expect(done.progress).toMatchObject({ total: N, done: N, failed: 0, remaining: 0 });
  const pins = campaignPins();
  expect(pins).toHaveLength(N);
  expect(new Set(pins.map((p) => p.title)).size).toBe(N);
  expect(new Set(pins.map((p) => markerOfLink(p.link))).size).toBe(N);
  expect(creates()).toHaveLength(N);

  const items = await http(`${b.url}/pinterest/campaigns/${id}/items?pageSize=100`, {
    token: jwt2,
  });
  const pinIds = items.body.items.map((i: { pinId: string }) => i.pinId).sort();
  expect(pinIds).toEqual(pins.map((p) => p.id).sort());
  // the planned slots stayed at the pace (1.2 s apart), across the restart too
  const runAts = items.body.items
    .map((i: { runAt: string }) => Date.parse(i.runAt))
    .sort((x: number, y: number) => x - y);
  for (let i = 1; i < runAts.length; i += 1)
    expect(runAts[i] - runAts[i - 1]).toBeGreaterThanOrEqual(1200);
}, 240_000);
