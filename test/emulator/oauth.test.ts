/**
 * Bearer auth, scopes, the authorize/consent pages and the token endpoint (codes, refresh rotation,
 * lifetimes).
 */
import { request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator/src';
import { BASIC, call, STATIC } from './kit';

let emu: Emulator;
const REDIRECT = 'http://localhost:1337/api/pinterest/oauth/callback';
const SCOPE = 'user_accounts:read,boards:read,boards:write,pins:read,pins:write';

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterEach(() => {
  // every 2xx answer the emulator gave fit the spec's response schemas
  expect(
    emu.requests
      .filter((r) => r.specMismatch)
      .map((r) => `${r.method} ${r.path}: ${r.specMismatch}`)
  ).toEqual([]);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const authorizeQuery = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    client_id: '1234567',
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: SCOPE,
    state: 'st-42',
    ...extra,
  }).toString();

async function page(method: 'GET' | 'POST', query: string, form?: URLSearchParams) {
  const res = await request(`${emu.url}/oauth/?${query}`, {
    method,
    body: form?.toString(),
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
  });
  return {
    status: res.statusCode,
    location: res.headers.location as string | undefined,
    html: await res.body.text(),
    headers: res.headers,
  };
}

/** Approves every scope on the consent page; returns the code from the redirect. */
async function authorize(scopes = SCOPE.split(',')): Promise<string> {
  const form = new URLSearchParams({ decision: 'allow' });
  for (const s of scopes) form.append('scope', s);
  const res = await page('POST', authorizeQuery(), form);
  expect(res.status).toBe(302);
  const target = new URL(res.location!);
  expect(`${target.origin}${target.pathname}`).toBe(REDIRECT);
  expect(target.searchParams.get('state')).toBe('st-42');
  return target.searchParams.get('code')!;
}

const token = (
  form: Record<string, string>,
  headers: Record<string, string> = { authorization: BASIC }
) => call(emu.url, 'POST', '/v5/oauth/token', { token: null, form, headers });

describe('bearer authentication', () => {
  it('answers 401 code 2 without a token, with an unknown one, or a refresh token', async () => {
    const expected = { code: 2, message: 'Authentication failed.' };
    const none = await call(emu.url, 'GET', '/v5/user_account', { token: null });
    expect([none.status, none.json]).toEqual([401, expected]);
    const unknown = await call(emu.url, 'GET', '/v5/user_account', { token: 'pina_nope' });
    expect([unknown.status, unknown.json]).toEqual([401, expected]);
    const issued = (await call(emu.url, 'POST', '/_emulator/tokens', { body: {} })).json;
    const refresh = await call(emu.url, 'GET', '/v5/user_account', { token: issued.refresh_token });
    expect([refresh.status, refresh.json]).toEqual([401, expected]);
  });

  it('lets the static seed token in', async () => {
    const res = await call(emu.url, 'GET', '/v5/user_account');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      username: 'strapi_demo',
      account_type: 'BUSINESS',
      id: expect.stringMatching(/^\d+$/),
    });
  });

  it('answers 403 code 29 when the token lacks a scope the operation needs', async () => {
    const readOnly = (
      await call(emu.url, 'POST', '/_emulator/tokens', {
        body: { scope: 'boards:read user_accounts:read' },
      })
    ).json;
    expect(readOnly.scope).toBe('boards:read user_accounts:read');
    expect(
      (await call(emu.url, 'GET', '/v5/boards', { token: readOnly.access_token })).status
    ).toBe(200);
    const write = await call(emu.url, 'POST', '/v5/boards', {
      token: readOnly.access_token,
      body: { name: 'Nope' },
    });
    expect([write.status, write.json]).toEqual([
      403,
      { code: 29, message: 'You are not permitted to access that resource.' },
    ]);
  });

  it('expires tokens on the emulator clock', async () => {
    const short = (await call(emu.url, 'POST', '/_emulator/tokens', { body: { expires_in: 60 } }))
      .json;
    expect(short.expires_in).toBe(60);
    expect(
      (await call(emu.url, 'GET', '/v5/user_account', { token: short.access_token })).status
    ).toBe(200);
    emu.setClock(new Date(Date.now() + 61_000));
    expect(
      (await call(emu.url, 'GET', '/v5/user_account', { token: short.access_token })).json
    ).toEqual({ code: 2, message: 'Authentication failed.' });
    expect((await call(emu.url, 'GET', '/v5/user_account')).status).toBe(200); // the static token never expires
  });

  it('honours accessTokenTtlSeconds from the seed and a seeded expiry', async () => {
    const t0 = new Date('2030-01-01T00:00:00Z');
    emu.reset({
      accessTokenTtlSeconds: 5,
      tokens: [{ token: 'pina_old', expiresAt: '2029-12-31T00:00:00Z' }, { token: STATIC }],
    });
    emu.setClock(t0);
    expect((await call(emu.url, 'GET', '/v5/user_account', { token: 'pina_old' })).status).toBe(
      401
    );
    const issued = (
      await token({
        grant_type: 'authorization_code',
        code: await authorize(),
        redirect_uri: REDIRECT,
      })
    ).json;
    expect(issued.expires_in).toBe(5);
    expect(
      (await call(emu.url, 'GET', '/v5/user_account', { token: issued.access_token })).status
    ).toBe(200);
    emu.setClock(new Date(t0.getTime() + 5_000));
    expect(
      (await call(emu.url, 'GET', '/v5/user_account', { token: issued.access_token })).status
    ).toBe(401);
  });
});

describe('authorize page', () => {
  it('shows a consent page naming the app, with every scope checked and two buttons', async () => {
    const res = await page('GET', authorizeQuery());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.html).toContain('Strapi Pinterest plugin wants to access your Pinterest account');
    for (const s of SCOPE.split(','))
      expect(res.html).toContain(`<input type="checkbox" name="scope" value="${s}" checked>`);
    expect(res.html).toMatch(/<button[^>]*>Give access<\/button>/);
    expect(res.html).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(res.html).toContain('<form method="post" action="/oauth/?');
  });

  it('refuses unknown clients, a wrong response_type, unregistered redirect URIs and no scope with an HTML error page', async () => {
    const bad = [
      [{ client_id: '999' }, 'Unknown client_id 999'],
      [{ response_type: 'token' }, 'response_type must be &#34;code&#34;'],
      [{ redirect_uri: 'not a url' }, 'redirect_uri must be an absolute URL'],
      [{ scope: '' }, 'scope is missing'],
    ] as const;
    for (const [extra, text] of bad) {
      const res = await page('GET', authorizeQuery(extra));
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
      expect(res.html).toContain(text);
    }
    emu.reset({ app: { redirect_uris: ['https://cms.example.com/callback'] } });
    const unregistered = await page('GET', authorizeQuery());
    expect(unregistered.status).toBe(400);
    expect(unregistered.html).toContain('does not match a redirect URI registered for this app');
  });

  it('redirects with access_denied when the user cancels', async () => {
    const res = await page('POST', authorizeQuery(), new URLSearchParams({ decision: 'deny' }));
    expect(res.status).toBe(302);
    const target = new URL(res.location!);
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('state')).toBe('st-42');
    expect(target.searchParams.has('code')).toBe(false);
  });

  it('lets the user pick which of several accounts signs in (an account switcher)', async () => {
    emu.reset({ users: [{ username: 'maison_fr', business_name: 'Maison FR' }] });
    const shown = await page('GET', authorizeQuery());
    const fr = [...emu.state.users.values()].find((u) => u.username === 'maison_fr')!;
    expect(shown.html).toContain('<select name="user">');
    expect(shown.html).toContain(`<option value="${fr.id}">@maison_fr (Maison FR)</option>`);
    expect(shown.html).toMatch(/<option value="\d+" selected>@strapi_demo/);
    const form = new URLSearchParams({ decision: 'allow', user: fr.id });
    for (const sc of SCOPE.split(',')) form.append('scope', sc);
    const res = await page('POST', authorizeQuery(), form);
    const code = new URL(res.location!).searchParams.get('code')!;
    const issued = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    const me = await call(emu.url, 'GET', '/v5/user_account', { token: issued.json.access_token });
    expect(me.json.username).toBe('maison_fr');
    // one user: no switcher, the page names the account
    emu.reset();
    expect((await page('GET', authorizeQuery())).html).not.toContain('<select');
  });

  it('grants only the scopes left checked', async () => {
    const code = await authorize(['boards:read', 'user_accounts:read']);
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(res.json.scope).toBe('boards:read user_accounts:read');
  });

  it('approves at once with the autoApprove seed flag', async () => {
    emu.reset({ autoApprove: true });
    const res = await page('GET', authorizeQuery());
    expect(res.status).toBe(302);
    expect(new URL(res.location!).searchParams.get('code')).toMatch(/\S{16,}/);
  });
});

describe('POST /v5/oauth/token', () => {
  it('exchanges a code once: tokens shaped like Pinterest, then 401 code 2 on reuse', async () => {
    const code = await authorize();
    const res = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      continuous_refresh: 'true',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      access_token: expect.stringMatching(/^pina/),
      refresh_token: expect.stringMatching(/^pinr/),
      response_type: 'authorization_code',
      token_type: 'bearer',
      expires_in: 2592000,
      refresh_token_expires_in: 5184000,
      refresh_token_expires_at: expect.any(Number),
      scope: 'user_accounts:read boards:read boards:write pins:read pins:write',
    });
    expect(
      Math.abs(res.json.refresh_token_expires_at - (Date.now() / 1000 + 5184000))
    ).toBeLessThan(10);
    const me = await call(emu.url, 'GET', '/v5/user_account', { token: res.json.access_token });
    expect(me.json.username).toBe('strapi_demo');
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect([again.status, again.json]).toEqual([
      401,
      { code: 2, message: 'Authentication failed.' },
    ]);
  });

  it('binds the code to the redirect URI byte for byte', async () => {
    const code = await authorize();
    const res = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${REDIRECT}/`,
    });
    expect([res.status, res.json.code]).toEqual([401, 2]);
  });

  it('lets codes expire after 10 minutes', async () => {
    const t0 = new Date('2031-03-01T12:00:00Z');
    emu.setClock(t0);
    const code = await authorize();
    emu.setClock(new Date(t0.getTime() + 10 * 60_000 + 1));
    expect(
      (await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).status
    ).toBe(401);
  });

  it('requires HTTP Basic client auth and refuses credentials in the body', async () => {
    const code = await authorize();
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    expect((await token(form, {})).json).toEqual({ code: 2, message: 'Authentication failed.' });
    const wrongSecret = `Basic ${Buffer.from('1234567:wrong').toString('base64')}`;
    expect((await token(form, { authorization: wrongSecret })).status).toBe(401);
    const inBody = await token(
      { ...form, client_id: '1234567', client_secret: 'emulator-secret' },
      {}
    );
    expect(inBody.status).toBe(401);
    const both = await token({ ...form, client_id: '1234567', client_secret: 'emulator-secret' });
    expect(both.status).toBe(401);
    // the code was not spent by the refused attempts
    expect((await token(form)).status).toBe(200);
  });

  it('refuses JSON bodies and malformed forms with 400 code 1', async () => {
    const code = await authorize();
    const json = await call(emu.url, 'POST', '/v5/oauth/token', {
      token: null,
      headers: { authorization: BASIC },
      body: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
    });
    expect([json.status, json.json]).toEqual([
      400,
      {
        code: 1,
        message: 'Invalid request: Content-Type must be application/x-www-form-urlencoded',
      },
    ]);
    expect((await token({ grant_type: 'authorization_code', code })).json).toEqual({
      code: 1,
      message: 'Invalid request: redirect_uri is required',
    });
    expect((await token({ grant_type: 'password' })).json.message).toMatch(
      /^Invalid request: grant_type must be equal to one of the allowed values/
    );
  });

  it('rotates refresh tokens: each refresh returns a new one and the old one stops working', async () => {
    const first = (
      await token({
        grant_type: 'authorization_code',
        code: await authorize(),
        redirect_uri: REDIRECT,
      })
    ).json;
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({
      response_type: 'refresh_token',
      token_type: 'bearer',
      refresh_token_expires_in: 5184000,
    });
    expect(second.json.refresh_token).toMatch(/^pinr/);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect(second.json.access_token).not.toBe(first.access_token);
    const reused = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect([reused.status, reused.json.code]).toEqual([401, 2]);
    const third = await token({
      grant_type: 'refresh_token',
      refresh_token: second.json.refresh_token,
      scope: 'boards:read',
    });
    expect(third.json.scope).toBe('boards:read');
    const wider = await token({
      grant_type: 'refresh_token',
      refresh_token: third.json.refresh_token,
      scope: 'boards:read,ads:read',
    });
    expect([wider.status, wider.json.code]).toEqual([400, 1]);
    // the earlier access token still works until it expires (Pinterest does not revoke it on
    // refresh)
    expect(
      (await call(emu.url, 'GET', '/v5/user_account', { token: first.access_token })).status
    ).toBe(200);
  });

  it('lets refresh tokens expire after their 60 days', async () => {
    const t0 = new Date('2032-01-01T00:00:00Z');
    emu.setClock(t0);
    const first = (
      await token({
        grant_type: 'authorization_code',
        code: await authorize(),
        redirect_uri: REDIRECT,
      })
    ).json;
    emu.setClock(new Date(t0.getTime() + 5184000 * 1000));
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).status
    ).toBe(401);
  });

  it('issues client-credentials tokens (pinc…) acting as the app owner', async () => {
    const res = await token({ grant_type: 'client_credentials', scope: 'boards:read' });
    expect(res.json).toEqual({
      access_token: expect.stringMatching(/^pinc/),
      token_type: 'bearer',
      expires_in: 2592000,
      scope: 'boards:read',
      response_type: 'client_credentials',
    });
    expect(
      (await call(emu.url, 'GET', '/v5/boards', { token: res.json.access_token })).json.items
    ).toHaveLength(3);
  });

  it('revokes only system-user (client credentials) tokens', async () => {
    const system = (await token({ grant_type: 'client_credentials', scope: 'boards:read' })).json
      .access_token;
    const revoke = (t: string) =>
      call(emu.url, 'POST', '/v5/oauth/token/revoke', {
        token: null,
        headers: { authorization: BASIC },
        form: { token: t, token_type_hint: 'access_token' },
      });
    expect((await revoke(system)).status).toBe(200);
    expect((await call(emu.url, 'GET', '/v5/boards', { token: system })).status).toBe(401);
    const user = (
      await token({
        grant_type: 'authorization_code',
        code: await authorize(),
        redirect_uri: REDIRECT,
      })
    ).json.access_token;
    expect((await revoke(user)).json).toEqual({
      code: 29,
      message: 'You are not permitted to access that resource.',
    });
  });
});
