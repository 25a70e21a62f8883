/**
 * The crash the marker exists for: Pinterest has created the pin, the answer is still on its way,
 * and the Strapi process is killed (SIGKILL). A new process on the same database takes the job up
 * when its lease runs out, finds the pin on the board by its marker, and stores it: still one pin.
 */
import { getGlobalDispatcher } from 'undici';
import { startEmulator, type Emulator } from '../../emulator/src';
import { SUPER_ADMIN } from '../helpers/admin';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import { removeSqliteFiles, tempDbFile } from '../helpers/strapi';
import { adminAndApiToken, http, uploadImageOverHttp } from '../helpers/http';
import { waitFor } from '../helpers/wait-for';

let emulator: Emulator;
let first: StrapiProcess | null = null;
let second: StrapiProcess | null = null;
const dbFile = tempDbFile('crash');

const env = () => ({
  DATABASE_FILENAME: dbFile,
  PINTEREST_API_URL: emulator.apiUrl,
  PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  PINTEREST_RATE_PROFILE: 'off',
  PINTEREST_WORKER_POLL_MS: '200',
  PINTEREST_WORKER_LEASE_MS: '3000',
  // short: a taken-over job waits out the lost holder's last request (2 × this + 1 s)
  PINTEREST_HTTP_TIMEOUT_MS: '5000',
});

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

it('a process killed after Pinterest created the pin, before it was stored: the restarted instance adopts it', async () => {
  const a = first!;
  const { apiToken: token } = await adminAndApiToken(a.url, 'crash');
  const heroId = await uploadImageOverHttp(a.url, token, 'crash');
  const boardId = [...emulator.state.boards.values()][0].id;

  // Pinterest makes the pin, then its answer takes 20 s: the process dies in between
  emulator.setFault({
    method: 'POST',
    path: '/v5/pins',
    after: 'handler',
    delayMs: 20_000,
    times: 1,
  });
  const created = await http(`${a.url}/api/articles?status=published`, {
    method: 'POST',
    token,
    body: {
      data: {
        title: 'Crash survivor',
        hero: heroId,
        canonicalUrl: 'https://blog.example.com/crash',
        pinterest: { boardId },
      },
    },
  });
  expect(created.status).toBe(201);
  await waitFor(
    () => [...emulator.state.pins.values()].find((p) => p.title === 'Crash survivor'),
    'Pinterest to create the pin'
  );
  a.kill();
  first = null;

  second = await startStrapiProcess(env());
  // log in once: the admin login is rate-limited, and the adoption takes a while (the new holder
  // waits out the killed one's last request)
  const login = await http(`${second.url}/admin/login`, {
    method: 'POST',
    body: { email: SUPER_ADMIN.email, password: SUPER_ADMIN.password },
  });
  expect(login.status).toBe(200);
  const adminToken = login.body.data.token as string;
  const record = await waitFor(
    async () => {
      const pins = await http(
        `${second!.url}/pinterest/entries/api::article.article/${created.body.data.documentId}/pins`,
        { token: adminToken }
      );
      const pin = pins.body?.pins?.[0];
      // the job ends after the record is pinned (its SEO checklist is written with its end)
      return pin?.status === 'pinned' && pins.body.jobs?.[0]?.state === 'done'
        ? { pin, jobs: pins.body.jobs }
        : null;
    },
    'the new instance to adopt the pin',
    90_000,
    500
  );

  const pins = [...emulator.state.pins.values()].filter((p) => p.title === 'Crash survivor');
  expect(pins).toHaveLength(1);
  expect(record.pin.pinId).toBe(pins[0].id);
  expect(record.jobs[0]).toMatchObject({ state: 'done' });
  const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');
  expect(creates).toHaveLength(1);
}, 180_000);
