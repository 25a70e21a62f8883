/**
 * Fault injection (times, after the handler, dropped sockets, delays, spam, probability) and rate
 * limits.
 */
import { request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator/src';
import { call } from './kit';

let emu: Emulator;
let board: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  board = [...emu.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
});

const pinBody = (title: string) => ({
  board_id: board,
  title,
  media_source: { source_type: 'pin_url' },
});
const createPin = (title: string) => call(emu.url, 'POST', '/v5/pins', { body: pinBody(title) });
const pinsTitled = (title: string) => [...emu.state.pins.values()].filter((p) => p.title === title);

describe('faults', () => {
  it('answers the fault N times, then the real thing, recording each request', async () => {
    emu.setFault({ method: 'POST', path: '/v5/pins', status: 503, times: 2 });
    const answers = [await createPin('A'), await createPin('A'), await createPin('A')];
    expect(answers.map((a) => a.status)).toEqual([503, 503, 201]);
    expect(answers[0].json).toEqual({ code: 503, message: expect.any(String) });
    expect(pinsTitled('A')).toHaveLength(1);
    const posts = emu.requests.filter((r) => r.path === '/v5/pins');
    expect(posts.map((r) => [r.status, r.fault !== undefined])).toEqual([
      [503, true],
      [503, true],
      [201, false],
    ]);
    expect((posts[0].body as { title: string }).title).toBe('A');
  });

  it("with after: 'handler' the write happens but the client sees the fault", async () => {
    emu.setFault({ method: 'POST', path: '/v5/pins', status: 500, after: 'handler', times: 1 });
    const res = await createPin('Lost answer');
    expect(res.status).toBe(500);
    expect(pinsTitled('Lost answer')).toHaveLength(1);
  });

  it('drops the connection, before or after the handler', async () => {
    emu.setFault({ method: 'POST', path: '/v5/pins', destroySocket: true, times: 1 });
    await expect(createPin('Dropped')).rejects.toThrow();
    expect(pinsTitled('Dropped')).toHaveLength(0);
    emu.setFault({
      method: 'POST',
      path: '/v5/pins',
      destroySocket: true,
      after: 'handler',
      times: 1,
    });
    await expect(createPin('Dropped after')).rejects.toThrow();
    expect(pinsTitled('Dropped after')).toHaveLength(1);
    expect(emu.requests.filter((r) => r.path === '/v5/pins').map((r) => r.status)).toEqual([
      null,
      null,
    ]);
  });

  it('delays answers (a timeout for a client with a shorter one)', async () => {
    emu.setFault({ path: '/v5/user_account', delayMs: 300, times: 1 });
    const signal = AbortSignal.timeout(100);
    await expect(
      request(`${emu.apiUrl}/user_account`, {
        headers: { authorization: 'Bearer pina_emulator_static_token' },
        signal,
      })
    ).rejects.toThrow(/timeout|abort/i);
    const ok = await call(emu.url, 'GET', '/v5/user_account');
    expect(ok.status).toBe(200);
    // the rule was used up by the first call: only that one was delayed (read from the log, not a
    // stopwatch)
    const calls = emu.requests.filter((r) => r.path === '/v5/user_account');
    expect(calls.map((r) => r.fault !== undefined)).toEqual([true, false]);
  });

  it('matches globs and methods, and answers spam blocks with message_detail', async () => {
    emu.setFault({ path: '/v5/pins*', method: 'post', spam: true });
    const res = await createPin('Spam');
    expect(res.status).toBe(429);
    expect(res.json.code).toBe(8);
    expect(res.json.message_detail).toMatch(/spam/);
    expect((await call(emu.url, 'GET', '/v5/pins')).status).toBe(200);
    emu.clearFaults();
    expect((await createPin('Fine')).status).toBe(201);
  });

  it('applies probabilistic faults with a seeded PRNG: the same picks on every run', async () => {
    const run = async () => {
      emu.reset();
      emu.setFault({ path: '/v5/user_account', status: 500, probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1)
        statuses.push((await call(emu.url, 'GET', '/v5/user_account')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('is also driven over HTTP', async () => {
    const added = await call(emu.url, 'POST', '/_emulator/faults', {
      token: null,
      body: { path: '/v5/boards', status: 401, times: 1 },
    });
    expect(added.status).toBe(201);
    expect((await call(emu.url, 'GET', '/v5/boards')).json).toEqual({
      code: 2,
      message: 'Authentication failed.',
    });
    await call(emu.url, 'POST', '/_emulator/faults', {
      token: null,
      body: { path: '/v5/boards', status: 500 },
    });
    expect((await call(emu.url, 'DELETE', '/_emulator/faults', { token: null })).status).toBe(204);
    expect((await call(emu.url, 'GET', '/v5/boards')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 code 8 with X-RateLimit headers once a category is used up, per sliding minute', async () => {
    const t0 = new Date('2030-06-01T10:00:00Z');
    emu.reset({ rateLimits: { org_write: 3 } });
    emu.setClock(t0);
    board = [...emu.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await createPin(`P${i}`);
      statuses.push(res.status);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const over = await createPin('P3');
    expect(statuses).toEqual([201, 201, 201]);
    expect([over.status, over.json]).toEqual([
      429,
      { code: 8, message: 'You have exceeded your rate limit. Try again later.' },
    ]);
    expect(over.headers).toMatchObject({
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '60',
    });
    expect((await call(emu.url, 'GET', '/v5/boards')).status).toBe(200); // reads are another category
    emu.setClock(new Date(t0.getTime() + 30_000));
    expect((await createPin('P4')).headers['x-ratelimit-reset']).toBe('30');
    emu.setClock(new Date(t0.getTime() + 60_000));
    expect((await createPin('P5')).status).toBe(201);
    expect(pinsTitled('P3')).toHaveLength(0);
  });

  it('reports the most calls seen in any 60-second window, per category and per user', async () => {
    const t0 = new Date('2030-06-01T10:00:00Z');
    for (let i = 0; i < 4; i += 1) {
      emu.setClock(new Date(t0.getTime() + i * 20_000)); // 0, 20, 40, 60 s: at most 3 in any minute
      await createPin(`S${i}`);
    }
    emu.setClock(new Date(t0.getTime() + 200_000));
    await createPin('S4');
    const stats = (await call(emu.url, 'GET', '/_emulator/stats', { token: null })).json;
    expect(stats.windowMs).toBe(60_000);
    expect(stats.maxPerMinute.org_write).toBe(3);
    expect(stats.total.org_write).toBe(5);
    expect(stats.byUser[emu.state.user.id].org_write).toEqual({ maxPerMinute: 3, total: 5 });
    expect(emu.stats().maxPerMinute.org_write).toBe(3);
  });

  it('counts per user', async () => {
    emu.reset({
      rateLimits: { org_read: 1 },
      users: [{ username: 'second', account_type: 'BUSINESS' }],
      tokens: [{ token: 'pina_a' }, { token: 'pina_b', user: 'second' }],
    });
    expect(
      (await call(emu.url, 'GET', '/v5/user_account', { token: 'pina_a' })).json.username
    ).toBe('strapi_demo');
    expect(
      (await call(emu.url, 'GET', '/v5/user_account', { token: 'pina_b' })).json.username
    ).toBe('second');
    expect((await call(emu.url, 'GET', '/v5/user_account', { token: 'pina_a' })).status).toBe(429);
  });

  it('gives a user its own limits over the shared ones (accounts on different tiers)', async () => {
    emu.reset({
      rateLimits: { org_read: 5 },
      users: [{ username: 'small', account_type: 'BUSINESS', rateLimits: { org_read: 1 } }],
      tokens: [{ token: 'pina_a' }, { token: 'pina_small', user: 'small' }],
    });
    const read = (token: string) => call(emu.url, 'GET', '/v5/user_account', { token });
    const small = [await read('pina_small'), await read('pina_small')];
    expect(small.map((r) => r.status)).toEqual([200, 429]);
    expect(small[1].headers['x-ratelimit-limit']).toBe('1');
    // the other user keeps the shared limit, untouched by the small account's 429
    const shared = [];
    for (let i = 0; i < 5; i += 1) shared.push((await read('pina_a')).status);
    expect(shared).toEqual([200, 200, 200, 200, 200]);
    expect((await read('pina_a')).status).toBe(429);
  });
});
