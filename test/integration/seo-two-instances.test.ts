/**
 * Two Strapi processes on one database share the ads_read budget: with a budget of 2 calls a
 * minute (one every 30 s) and Pinterest (the emulator) enforcing the same limit, the first
 * instance's editor gets one call and the second instance's editor none — his turn would be
 * 30 s away, so he gets keywords from the site's own words, labelled busy — and Pinterest never
 * answers 429. With a budget per process, the second instance would have called at once.
 */
import request from 'supertest';
import { startEmulator, type Emulator } from '../../emulator/src';
import { SUPER_ADMIN } from '../helpers/admin';
import { adminAndApiToken, http } from '../helpers/http';
import { startInstances, type StrapiProcess } from '../helpers/strapi-process';
import { removeSqliteFiles, tempDbFile } from '../helpers/strapi';

const TOKEN = 'pina_seo_ads_token';
let emulator: Emulator;
const instances: StrapiProcess[] = [];
const dbFile = tempDbFile('seo-two-instances');

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      tokens: [
        {
          token: TOKEN,
          scope: 'user_accounts:read,boards:read,boards:write,pins:read,pins:write,ads:read',
        },
      ],
      rateLimits: { ads_read: 2 },
    },
  });
  const env = {
    DATABASE_FILENAME: dbFile,
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: TOKEN,
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ADS_READ: '2',
  };
  await startInstances(env, instances);
}, 180_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await emulator?.close();
  removeSqliteFiles(dbFile);
});

it('spends one shared ads_read budget: the second instance waits its turn instead of causing a 429', async () => {
  const [a, b] = instances;
  const { jwt: jwtA } = await adminAndApiToken(a.url, 'seo-a');
  const login = await http(`${b.url}/admin/login`, {
    method: 'POST',
    body: { email: SUPER_ADMIN.email, password: SUPER_ADMIN.password },
  });
  expect(login.status).toBe(200);
  const jwtB = login.body.data.token as string;
  const suggest = (url: string, jwt: string, title: string) =>
    request(url)
      .post('/pinterest/seo/suggestions')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ contentType: 'api::article.article', values: { title, excerpt: 'Weeknight food.' } });

  const first = await suggest(a.url, jwtA, 'Tomato soup');
  expect(first.status).toBe(200);
  // one call went; the next turn is 30 s away, more than a request waits: what came back is shown
  expect(first.body).toMatchObject({ source: 'pinterest', reason: 'busy' });
  expect(first.body.keywords[0]).toMatchObject({ keyword: 'tomato soup ideas' });

  const second = await suggest(b.url, jwtB, 'Lentil salad');
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({ source: 'content', reason: 'busy' });
  expect(second.body.keywords.map((k: { keyword: string }) => k.keyword)).toContain('lentil');

  const terms = emulator.requests.filter((r) => r.path.startsWith('/v5/terms/'));
  expect(terms.map((r) => [r.path, r.query.term, r.status])).toEqual([
    ['/v5/terms/suggested', 'tomato soup', 200],
  ]);
  expect(emulator.requests.filter((r) => r.status === 429)).toEqual([]);
});
