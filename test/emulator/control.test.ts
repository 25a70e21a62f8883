/** The /_emulator/ control API, the default seed, and the command-line entry point. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_SEED, startEmulator, type Emulator } from '../../emulator/src';
import { call, STATIC } from './kit';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const control = (method: string, route: string, body?: unknown) =>
  call(emu.url, method, `/_emulator/${route}`, { token: null, body });

describe('default seed', () => {
  it('has the demo account, its boards and sections, the app and the static token', async () => {
    expect(DEFAULT_SEED.app).toMatchObject({
      client_id: '1234567',
      client_secret: 'emulator-secret',
      redirect_uris: [],
    });
    const me = await call(emu.url, 'GET', '/v5/user_account');
    expect(me.json).toMatchObject({
      username: 'strapi_demo',
      account_type: 'BUSINESS',
      board_count: 3,
      pin_count: 0,
    });
    const boards = (await call(emu.url, 'GET', '/v5/boards')).json.items as Array<{
      id: string;
      name: string;
    }>;
    expect(boards.map((b) => b.name)).toEqual(['Recipes', 'Travel', 'Home & Garden']);
    const sections = async (id: string) =>
      (await call(emu.url, 'GET', `/v5/boards/${id}/sections`)).json.items.map(
        (s: { name: string }) => s.name
      );
    expect(await sections(boards[0].id)).toEqual(['Breakfast', 'Dinner']);
    expect(await sections(boards[1].id)).toEqual(['Europe']);
    expect(await sections(boards[2].id)).toEqual([]);
  });
});

describe('control API', () => {
  it('shows the state without whole tokens', async () => {
    const res = await control('GET', 'state');
    expect(res.status).toBe(200);
    expect(res.json.user.username).toBe('strapi_demo');
    expect(res.json.users).toHaveLength(1);
    expect(
      res.json.boards.map((b: { name: string; sections: unknown[] }) => [b.name, b.sections.length])
    ).toEqual([
      ['Recipes', 2],
      ['Travel', 1],
      ['Home & Garden', 0],
    ]);
    expect(res.json.tokens).toEqual([
      expect.objectContaining({
        token: 'pina…',
        kind: 'access',
        scope: 'boards:read boards:write pins:read pins:write user_accounts:read',
      }),
    ]);
    expect(res.text).not.toContain(STATIC);
    expect(res.text).not.toContain('emulator-secret');
  });

  it('resets to a given seed and adds to the state with /seed', async () => {
    expect(
      (await control('POST', 'reset', { boards: [{ name: 'Only', sections: ['One'] }] })).status
    ).toBe(200);
    expect(
      (await call(emu.url, 'GET', '/v5/boards')).json.items.map((b: { name: string }) => b.name)
    ).toEqual(['Only']);
    const added = await control('POST', 'seed', {
      boards: [{ name: 'Added' }],
      tokens: [{ token: 'pina_second', scope: 'boards:read' }],
    });
    expect(added.json).toMatchObject({ ok: true, boards: 2 });
    expect(
      (await call(emu.url, 'GET', '/v5/boards', { token: 'pina_second' })).json.items.map(
        (b: { name: string }) => b.name
      )
    ).toEqual(['Only', 'Added']);
    const dup = await control('POST', 'seed', { boards: [{ name: 'Added' }] });
    expect([dup.status, dup.json.code]).toEqual([400, 1]);
    await control('POST', 'reset');
    expect((await call(emu.url, 'GET', '/v5/boards')).json.items).toHaveLength(3);
  });

  it('lists, filters and clears recorded requests', async () => {
    await call(emu.url, 'GET', '/v5/boards');
    await call(emu.url, 'POST', '/v5/pins', { body: { title: 'no board' } });
    const all = await control('GET', 'requests');
    expect(all.json.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual([
      'GET /v5/boards',
      'POST /v5/pins',
    ]);
    const posts = await call(emu.url, 'GET', '/_emulator/requests?path=/v5/pins&method=POST', {
      token: null,
    });
    expect(posts.json).toHaveLength(1);
    expect(posts.json[0]).toMatchObject({
      status: 400,
      body: { title: 'no board' },
      headers: { authorization: 'Bearer pina…' },
    });
    expect((await control('DELETE', 'requests')).status).toBe(204);
    expect((await control('GET', 'requests')).json).toEqual([]);
    expect(emu.requests).toHaveLength(0);
  });

  it('sets the clock', async () => {
    const res = await control('POST', 'clock', { now: '2031-02-03T04:05:06.000Z' });
    expect(res.json).toEqual({ now: '2031-02-03T04:05:06.000Z', frozen: true });
    const board = await call(emu.url, 'POST', '/v5/boards', { body: { name: 'Dated' } });
    expect(board.json.created_at).toBe('2031-02-03T04:05:06.000Z');
    expect((await control('POST', 'clock', { now: null })).json.frozen).toBe(false);
    expect((await control('POST', 'clock', { now: 'soon' })).status).toBe(400);
  });

  it('issues tokens directly, for a chosen user, value and lifetime', async () => {
    await control('POST', 'seed', { users: [{ username: 'other_user' }] });
    const res = await control('POST', 'tokens', {
      access_token: 'pina_chosen',
      expires_in: 120,
      scope: 'user_accounts:read',
      user: 'other_user',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      access_token: 'pina_chosen',
      token_type: 'bearer',
      expires_in: 120,
      scope: 'user_accounts:read',
      refresh_token: expect.stringMatching(/^pinr/),
    });
    const me = await call(emu.url, 'GET', '/v5/user_account', { token: 'pina_chosen' });
    expect(me.json).toMatchObject({
      username: 'other_user',
      account_type: 'PINNER',
      board_count: 0,
    });
    expect((await control('POST', 'tokens', { user: 'nobody' })).status).toBe(400);
  });

  it('answers unknown control routes with 404', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
  });
});

describe('command line', () => {
  it('prints one line with its URL, serves the default seed, and stops on SIGTERM', async () => {
    const root = path.resolve(__dirname, '../..');
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'emulator/src/main.ts', '--port', '0'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let out = '';
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^Pinterest emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const me = await call(line, 'GET', '/v5/user_account');
    expect(me.json.username).toBe('strapi_demo');
    const exit = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code))
    );
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  }, 40_000);
});
