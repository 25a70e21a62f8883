/**
 * Keyword data: suggested and related terms (scope ads:read, rate category ads_read), trending
 * keywords (user_accounts:read, trends_read, refused like a non-partner app when the flag says so),
 * deterministic answers validated against the trimmed spec.
 */
import { startEmulator, type Emulator } from '../../emulator/src';
import { call } from './kit';

let emu: Emulator;
let adsToken: string;
let plainToken: string;

const issue = async (scope: string) =>
  (await call<{ access_token: string }>(emu.url, 'POST', '/_emulator/tokens', { body: { scope } }))
    .json.access_token;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  adsToken = await issue('user_accounts:read,boards:read,ads:read');
  plainToken = await issue('user_accounts:read,boards:read');
});
afterEach(() => {
  expect(
    emu.requests
      .filter((r) => r.specMismatch)
      .map((r) => `${r.method} ${r.path}: ${r.specMismatch}`)
  ).toEqual([]);
});

describe('GET /v5/terms/suggested', () => {
  it('answers popular searches beginning with the term, as many as asked', async () => {
    const res = await call(emu.url, 'GET', '/v5/terms/suggested?term=Soup&limit=3', {
      token: adsToken,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(['soup ideas', 'soup recipes', 'soup aesthetic']);
    const again = await call(emu.url, 'GET', '/v5/terms/suggested?term=soup&limit=3', {
      token: adsToken,
    });
    expect(again.json).toEqual(res.json);
  });

  it('answers 4 by default and checks the limit and the term against the spec', async () => {
    const res = await call(emu.url, 'GET', '/v5/terms/suggested?term=bread', { token: adsToken });
    expect(res.json).toHaveLength(4);
    const over = await call(emu.url, 'GET', '/v5/terms/suggested?term=bread&limit=11', {
      token: adsToken,
    });
    expect(over.status).toBe(400);
    expect(over.json.message).toMatch(/limit/);
    const none = await call(emu.url, 'GET', '/v5/terms/suggested', { token: adsToken });
    expect(none.status).toBe(400);
    expect(none.json.message).toMatch(/term is required/);
  });

  it('refuses a token without ads:read (403 code 29)', async () => {
    const res = await call(emu.url, 'GET', '/v5/terms/suggested?term=soup', { token: plainToken });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe(29);
  });
});

describe('GET /v5/terms/related', () => {
  it('answers related terms for each input term (repeated parameter)', async () => {
    const res = await call(emu.url, 'GET', '/v5/terms/related?terms=soup&terms=bread', {
      token: adsToken,
    });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe('soup');
    expect(res.json.related_terms_list.map((l: { term: string }) => l.term)).toEqual([
      'soup',
      'bread',
    ]);
    expect(res.json.related_terms_list[0].related_terms).toContain('easy soup');
    expect(res.json.related_term_count).toBe(10);
  });

  it('needs terms, and ads:read', async () => {
    expect((await call(emu.url, 'GET', '/v5/terms/related', { token: adsToken })).status).toBe(400);
    const res = await call(emu.url, 'GET', '/v5/terms/related?terms=soup', { token: plainToken });
    expect(res.status).toBe(403);
  });
});

describe('GET /v5/trends/keywords/{region}/top/{trend_type}', () => {
  it('answers trends filtered by keywords, with user_accounts:read only', async () => {
    const res = await call(
      emu.url,
      'GET',
      '/v5/trends/keywords/FR/top/growing?include_keywords=soup&limit=2',
      { token: plainToken }
    );
    expect(res.status).toBe(200);
    expect(res.json.trends.map((t: { keyword: string }) => t.keyword)).toEqual([
      'soup 2026',
      'soup trend',
    ]);
    expect(typeof res.json.trends[0].pct_growth_mom).toBe('number');
  });

  it('takes a group region written with + (encoded), and checks region and trend type', async () => {
    const ok = await call(emu.url, 'GET', '/v5/trends/keywords/DE%2BAT%2BCH/top/monthly', {
      token: plainToken,
    });
    expect(ok.status).toBe(200);
    expect(ok.json.trends.length).toBeGreaterThan(0);
    const badRegion = await call(emu.url, 'GET', '/v5/trends/keywords/ZZ/top/monthly', {
      token: plainToken,
    });
    expect(badRegion.status).toBe(400);
    const badType = await call(emu.url, 'GET', '/v5/trends/keywords/US/top/weekly', {
      token: plainToken,
    });
    expect(badType.status).toBe(400);
  });

  it('refuses an app without partner access when trendsAllowed is false', async () => {
    await call(emu.url, 'POST', '/_emulator/flags', { body: { trendsAllowed: false } });
    const res = await call(emu.url, 'GET', '/v5/trends/keywords/US/top/growing', {
      token: adsToken,
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe(29);
  });
});

describe('rate categories', () => {
  it('counts terms under ads_read and trends under trends_read, limits each on its own', async () => {
    emu.reset({ rateLimits: { ads_read: 2 } });
    adsToken = await issue('user_accounts:read,ads:read');
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push(
        (await call(emu.url, 'GET', '/v5/terms/suggested?term=soup', { token: adsToken })).status
      );
    expect(statuses).toEqual([200, 200, 429]);
    const trend = await call(emu.url, 'GET', '/v5/trends/keywords/US/top/yearly', {
      token: adsToken,
    });
    expect(trend.status).toBe(200);
    const stats = (await call(emu.url, 'GET', '/_emulator/stats')).json;
    expect(stats.total).toEqual(expect.objectContaining({ ads_read: 3, trends_read: 1 }));
  });
});
