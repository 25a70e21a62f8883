/**
 * Connecting a Pinterest account with OAuth 2.0 against the emulator: the full round trip, state
 * checks, token exchange failures, tokens encrypted at rest, refresh ahead of expiry, 401 →
 * refresh,
 * and "reconnect required" with jobs that wait and then run by themselves.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { consent, followCallback, oauthEnv } from '../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const DAY = 86_400_000;
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
let logs: string[];

const http = () => request(strapi.server.httpServer);
const connection = async () =>
  (await http().get('/pinterest/connection').set('Authorization', `Bearer ${jwt}`)).body;
const accountRow = () =>
  strapi.db.query('plugin::pinterest.account').findOne({ where: { environment: 'custom' } });
const liveTokens = (kind: 'access' | 'refresh') =>
  [...emulator.state.tokens.values()].filter(
    (t) => t.kind === kind && !t.revoked && t.token !== 'pina_emulator_static_token'
  );
const connectionService = () => strapi.plugin('pinterest').service('connection');

async function connect() {
  const back = await followCallback(strapi, await consent(strapi, jwt));
  expect(back.location.searchParams.get('connected')).toBe('strapi_demo');
  return back;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi(oauthEnv(emulator));
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  logs = [];
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    const original = strapi.log[level].bind(strapi.log);
    (strapi.log as unknown as Record<string, (m: string) => void>)[level] = (m: string) => {
      logs.push(String(m));
      original(m);
    };
  }
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(async () => {
  await http().delete('/pinterest/connection').set('Authorization', `Bearer ${jwt}`);
  emulator.reset();
});

describe('connect round trip', () => {
  it('starts not connected, with the setup complete and the redirect URI to register', async () => {
    const c = await connection();
    expect(c).toMatchObject({
      environment: 'custom',
      source: 'none',
      status: 'not_connected',
      setup: { hasAppId: true, hasAppSecret: true, hasEncryptionKey: true, problems: [] },
    });
    expect(c.setup.redirectUri).toBe(`${booted.url}/pinterest/oauth/callback`);
  });

  it('builds the authorize URL exactly as Pinterest specifies', async () => {
    const res = await http()
      .post('/pinterest/connection/authorize')
      .set('Authorization', `Bearer ${jwt}`)
      .send({});
    const url = new URL(res.body.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${emulator.url}/oauth/`);
    expect(url.searchParams.get('client_id')).toBe('1234567');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(`${booted.url}/pinterest/oauth/callback`);
    expect(url.searchParams.get('scope')).toBe(
      'user_accounts:read,boards:read,boards:write,pins:read,pins:write,ads:read'
    );
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('connects: code exchanged with Basic auth and a form body, account read, tokens stored encrypted', async () => {
    const back = await connect();
    expect(back.status).toBe(302);
    expect(back.location.pathname).toBe('/admin/settings/pinterest');

    const exchange = emulator.requests.find((r) => r.path === '/v5/oauth/token')!;
    expect(exchange.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(exchange.headers.authorization).toMatch(/^Basic /);
    expect(exchange.body).toMatchObject({
      grant_type: 'authorization_code',
      redirect_uri: `${booted.url}/pinterest/oauth/callback`,
    });
    expect(exchange.body).not.toHaveProperty('client_secret');
    expect(emulator.requests.some((r) => r.path === '/v5/user_account')).toBe(true);

    const c = await connection();
    expect(c).toMatchObject({
      source: 'oauth',
      status: 'connected',
      account: { username: 'strapi_demo', accountType: 'BUSINESS', isBusiness: true },
      scopes: [
        'ads:read',
        'boards:read',
        'boards:write',
        'pins:read',
        'pins:write',
        'user_accounts:read',
      ],
      missingScopes: [],
    });
    expect(c.token.expiresInDays).toBe(29);

    const row = await accountRow();
    const [access] = liveTokens('access');
    const [refresh] = liveTokens('refresh');
    expect(row.accessToken).toMatch(/^v2\./);
    expect(row.accessToken).not.toContain(access.token);
    expect(row.refreshToken).not.toContain(refresh.token);
    const everything = JSON.stringify(c) + logs.join('\n');
    expect(everything).not.toContain(access.token);
    expect(everything).not.toContain(refresh.token);
  });

  it('pins with the connected account’s token', async () => {
    await connect();
    const [access] = liveTokens('access');
    const hero = await uploadImage(strapi);
    const board = [...emulator.state.boards.values()][0];
    const doc = await strapi.documents(ARTICLE).create({
      data: { title: 'OAuth pin', hero: hero.id, pinterest: { boardId: board.id } } as never,
    });
    await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
    await waitFor(
      () => [...emulator.state.pins.values()].find((p) => p.title === 'OAuth pin'),
      'the pin'
    );
    const post = emulator.requests.find((r) => r.path === '/v5/pins' && r.method === 'POST')!;
    expect(post.headers.authorization).toBe(`Bearer ${access.token.slice(0, 4)}…`);
  });

  it('shows scopes the user took away at consent', async () => {
    const back = await followCallback(
      strapi,
      await consent(strapi, jwt, { scopes: ['user_accounts:read', 'boards:read', 'pins:read'] })
    );
    expect(back.location.searchParams.get('missingScopes')).toBe('boards:write,pins:write');
    expect((await connection()).missingScopes).toEqual(['boards:write', 'pins:write']);
  });
});

describe('state checks', () => {
  it('refuses a replayed state', async () => {
    const callback = await consent(strapi, jwt);
    expect((await followCallback(strapi, callback)).location.searchParams.get('connected')).toBe(
      'strapi_demo'
    );
    const replay = await followCallback(strapi, callback);
    expect(replay.location.searchParams.get('error')).toBe('state-invalid');
  });

  it('refuses a made-up state, and a missing one', async () => {
    const forged = await followCallback(
      strapi,
      `${booted.url}/pinterest/oauth/callback?code=abc&state=forged`
    );
    expect(forged.location.searchParams.get('error')).toBe('state-invalid');
    const none = await followCallback(strapi, `${booted.url}/pinterest/oauth/callback?code=abc`);
    expect(none.location.searchParams.get('error')).toBe('state-invalid');
    expect((await connection()).status).toBe('not_connected');
  });

  it('refuses a state older than 10 minutes', async () => {
    const callback = await consent(strapi, jwt);
    await strapi.db
      .query('plugin::pinterest.oauth-state')
      .updateMany({ where: {}, data: { expiresAt: Date.now() - 1 } });
    const back = await followCallback(strapi, callback);
    expect(back.location.searchParams.get('error')).toBe('state-expired');
    expect(back.location.searchParams.get('message')).toMatch(/longer than 10 minutes/);
  });

  it('reports a denied consent', async () => {
    const back = await followCallback(strapi, await consent(strapi, jwt, { decision: 'deny' }));
    expect(back.location.searchParams.get('error')).toBe('denied');
  });
});

describe('token exchange failure', () => {
  it('comes back to the settings page with Pinterest’s message', async () => {
    emulator.setFault({
      path: '/v5/oauth/token',
      status: 401,
      body: { code: 2, message: 'Authentication failed.' },
      times: 1,
    });
    const back = await followCallback(strapi, await consent(strapi, jwt));
    expect(back.location.searchParams.get('error')).toBe('exchange-failed');
    expect(back.location.searchParams.get('message')).toMatch(/Authentication failed/);
    expect((await connection()).status).toBe('not_connected');
  });
});

describe('staying fresh', () => {
  it('refreshes when under 5 days are left, storing the new refresh token', async () => {
    emulator.reset({ flags: { accessTokenTtlSeconds: 4 * 86_400 } });
    await connect();
    const [oldRefresh] = liveTokens('refresh');
    const before = await accountRow();
    expect(await connectionService().refreshIfDue()).toBe('refreshed');
    const after = await accountRow();
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(emulator.state.tokens.get(oldRefresh.token)!.revoked).toBe(true);
    const refreshCall = emulator.requests.filter((r) => r.path === '/v5/oauth/token').pop()!;
    expect(refreshCall.body).toMatchObject({ grant_type: 'refresh_token' });
    // the new refresh token works: the next refresh succeeds too
    expect(await connectionService().refreshNow()).toBe('refreshed');
  });

  it('does nothing when the token has weeks left and was refreshed recently', async () => {
    await connect();
    expect(await connectionService().refreshIfDue()).toBe('not-needed');
  });

  it('refreshes at least every 30 days', async () => {
    await connect();
    await strapi.db.query('plugin::pinterest.account').updateMany({
      where: {},
      data: { lastRefreshAt: Date.now() - 31 * DAY, connectedAt: Date.now() - 31 * DAY },
    });
    expect(await connectionService().refreshIfDue()).toBe('refreshed');
  });

  it('one refresh at a time: concurrent refreshes from two token holders make one call', async () => {
    await connect();
    await strapi.db
      .query('plugin::pinterest.account')
      .updateMany({ where: {}, data: { lastRefreshAt: Date.now() - 31 * DAY } });
    const results = await Promise.all([
      connectionService().refreshIfDue(),
      connectionService().refreshIfDue(),
    ]);
    expect(results.sort()).toEqual(['other-instance', 'refreshed']);
    expect(
      emulator.requests.filter(
        (r) =>
          r.path === '/v5/oauth/token' &&
          (r.body as { grant_type?: string }).grant_type === 'refresh_token'
      )
    ).toHaveLength(1);
  });

  it('on a 401 code 2: refreshes once, then the pin goes through', async () => {
    await connect();
    emulator.requests.length = 0;
    for (const t of liveTokens('access')) emulator.state.tokens.get(t.token)!.revoked = true;
    const hero = await uploadImage(strapi);
    const board = [...emulator.state.boards.values()][0];
    const doc = await strapi.documents(ARTICLE).create({
      data: { title: 'After 401', hero: hero.id, pinterest: { boardId: board.id } } as never,
    });
    await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
    await waitFor(
      () => [...emulator.state.pins.values()].find((p) => p.title === 'After 401'),
      'the pin after a refresh'
    );
    const sequence = emulator.requests
      .filter((r) => ['/v5/pins', '/v5/oauth/token'].includes(r.path))
      .map((r) => `${r.path} ${r.status}`);
    expect(sequence).toEqual(['/v5/pins 401', '/v5/oauth/token 200', '/v5/pins 201']);
  });

  it('refresh refused → reconnect required → jobs wait → reconnect → the jobs complete by themselves', async () => {
    await connect();
    for (const t of [...liveTokens('access'), ...liveTokens('refresh')])
      emulator.state.tokens.get(t.token)!.revoked = true;
    const hero = await uploadImage(strapi);
    const board = [...emulator.state.boards.values()][0];
    const doc = await strapi.documents(ARTICLE).create({
      data: {
        title: 'Waits for reconnect',
        hero: hero.id,
        pinterest: { boardId: board.id },
      } as never,
    });
    await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });

    const job = await waitFor(async () => {
      const j = await strapi.db
        .query('plugin::pinterest.job')
        .findOne({ where: { key: { $contains: doc.documentId } } });
      return j?.state === 'waiting' && j.lastError?.code === 'UNAUTHORIZED' ? j : null;
    }, 'the job to wait for a reconnect');
    expect(job.lastError.advice).toMatch(/Reconnect the Pinterest account/);
    const c = await connection();
    expect(c).toMatchObject({ status: 'reconnect_required', waitingJobs: 1 });
    expect(c.lastError.message).toMatch(/Refreshing the token failed/);

    await connect();
    await waitFor(
      () => [...emulator.state.pins.values()].find((p) => p.title === 'Waits for reconnect'),
      'the waiting pin after the reconnect'
    );
    expect((await connection()).waitingJobs).toBe(0);
  });
});

describe('permissions and secrets', () => {
  it('guards every connection route: 401 without a session', async () => {
    for (const [method, path] of [
      ['get', '/pinterest/connection'],
      ['post', '/pinterest/connection/authorize'],
      ['post', '/pinterest/connection/refresh'],
      ['delete', '/pinterest/connection'],
      ['get', '/pinterest/settings'],
      ['put', '/pinterest/settings'],
      ['get', '/pinterest/boards'],
    ] as const) {
      expect((await http()[method](path)).status).toBe(401);
    }
  });

  it('disconnect deletes the stored tokens', async () => {
    await connect();
    await http().delete('/pinterest/connection').set('Authorization', `Bearer ${jwt}`).expect(200);
    // the row stays (its pins, stats and jobs name it), without its tokens
    expect(await accountRow()).toMatchObject({
      status: 'disconnected',
      accessToken: null,
      refreshToken: null,
    });
    expect((await connection()).status).toBe('not_connected');
  });
});

describe('the flow is bound to the browser that started it', () => {
  it('sets a short-lived httpOnly SameSite=Lax cookie scoped to the callback', async () => {
    const res = await http()
      .post('/pinterest/connection/authorize')
      .set('Authorization', `Bearer ${jwt}`)
      .send({});
    const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = raw.find((c) => c.startsWith('pinterest_oauth_flow='))!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; path=\/pinterest\/oauth\/callback/i);
    expect(cookie).toMatch(/; httponly/i);
    expect(cookie).toMatch(/; samesite=lax/i);
    const expires = Date.parse(/; expires=([^;]+)/i.exec(cookie)![1]);
    expect(expires - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 1000);
    // the secret is not the state and never appears in the consent URL
    const secret = cookie.split(';')[0].split('=')[1];
    expect(res.body.url).not.toContain(secret);
  });

  it('refuses a valid state coming back without the cookie, with a clear message', async () => {
    const back = await followCallback(strapi, await consent(strapi, jwt), { cookie: null });
    expect(back.location.searchParams.get('error')).toBe('state-other-browser');
    expect(back.location.searchParams.get('message')).toMatch(/not started in this browser/);
    expect((await connection()).status).toBe('not_connected');
    expect(emulator.requests.some((r) => r.path === '/v5/oauth/token')).toBe(false);
  });

  it('refuses a valid state coming back with another browser’s cookie', async () => {
    const mine = await consent(strapi, jwt);
    // another browser starts its own flow: its cookie is valid, but for its own state
    const other = await http()
      .post('/pinterest/connection/authorize')
      .set('Authorization', `Bearer ${jwt}`)
      .send({});
    const otherCookie = ([] as string[])
      .concat(other.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('pinterest_oauth_flow='))!;
    const crossed = await followCallback(strapi, mine, { cookie: otherCookie });
    expect(crossed.location.searchParams.get('error')).toBe('state-other-browser');
    expect(crossed.location.searchParams.get('message')).toMatch(/not started in this browser/);
    // the state is single use: the right cookie afterwards does not revive it
    const late = await followCallback(strapi, mine);
    expect(late.location.searchParams.get('error')).toBe('state-invalid');
    expect((await connection()).status).toBe('not_connected');
  });

  it('clears the cookie at the callback', async () => {
    const back = await followCallback(strapi, await consent(strapi, jwt));
    expect(back.location.searchParams.get('connected')).toBe('strapi_demo');
    expect(back.setCookie.some((c) => /^pinterest_oauth_flow=;?/.test(c))).toBe(true);
  });
});
