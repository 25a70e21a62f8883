/**
 * Two Strapi processes on one database: the scheduled token refresh (every second here) runs in
 * both,
 * and exactly one refresh reaches Pinterest — the lease lives in the database, not in a process.
 */
import Database from 'better-sqlite3';
import { request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator/src';
import { SUPER_ADMIN } from '../helpers/admin';
import { startInstances, type StrapiProcess } from '../helpers/strapi-process';
import { removeSqliteFiles, tempDbFile } from '../helpers/strapi';
import { http } from '../helpers/http';
import { oauthEnv } from '../helpers/oauth';
import { waitFor } from '../helpers/wait-for';

const DAY = 86_400_000;
let emulator: Emulator;
const instances: StrapiProcess[] = [];
const dbFile = tempDbFile('two-instances');

const refreshCalls = () =>
  emulator.requests.filter(
    (r) =>
      r.path === '/v5/oauth/token' &&
      (r.body as { grant_type?: string })?.grant_type === 'refresh_token'
  );

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const env = {
    DATABASE_FILENAME: dbFile,
    ...oauthEnv(emulator),
    PINTEREST_ACCESS_TOKEN: '',
    PINTEREST_PUBLIC_URL: 'http://127.0.0.1:1',
    PINTEREST_TOKEN_REFRESH_RULE: '* * * * * *',
  };
  await startInstances(env, instances);
}, 180_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await emulator?.close();
  removeSqliteFiles(dbFile);
});

it('refreshes once although both instances run the refresh schedule', async () => {
  const [a] = instances;
  const reg = await http(`${a.url}/admin/register-admin`, { method: 'POST', body: SUPER_ADMIN });
  expect(reg.status).toBe(200);
  const jwt = reg.body.data.token as string;

  const start = await http(`${a.url}/pinterest/connection/authorize`, {
    method: 'POST',
    token: jwt,
    body: {},
  });
  const authorizeUrl = new URL(start.body.url);
  const scopes = (authorizeUrl.searchParams.get('scope') ?? '').split(',');
  const form = new URLSearchParams([
    ['decision', 'allow'],
    ...scopes.map((s) => ['scope', s] as [string, string]),
  ]);
  const consent = await request(authorizeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await consent.body.dump();
  const callback = new URL(String(consent.headers.location));
  // the flow cookie of the browser that started the flow (the callback refuses a flow without it)
  const setCookie = start.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const back = await request(`${a.url}${callback.pathname}${callback.search}`, {
    headers: { cookie },
  });
  await back.body.dump();
  expect(String(back.headers.location)).toContain('connected=strapi_demo');
  expect(refreshCalls()).toHaveLength(0);

  // make the account due for its 30-day refresh, from outside both processes
  const db = new Database(dbFile);
  db.prepare('UPDATE pinterest_accounts SET last_refresh_at = ?, connected_at = ?').run(
    Date.now() - 31 * DAY,
    Date.now() - 31 * DAY
  );
  db.close();

  await waitFor(() => refreshCalls().length >= 1, 'a scheduled refresh', 20_000);
  // both schedules keep ticking every second: give them time to (wrongly) refresh again
  await new Promise((r) => setTimeout(r, 3_500));
  expect(refreshCalls()).toHaveLength(1);
  const connection = await http(`${a.url}/pinterest/connection`, { token: jwt });
  expect(connection.body).toMatchObject({ status: 'connected', source: 'oauth' });
  expect(Date.parse(connection.body.token.lastRefreshAt)).toBeGreaterThan(Date.now() - 60_000);
  for (const i of instances) expect(i.output()).not.toMatch(/SQLITE_BUSY|Error/);
});
