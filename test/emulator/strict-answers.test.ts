/**
 * Strict answers: an answer of the emulator's own that breaks the spec is a 500 the client sees,
 * is listed by specMismatches() and GET /_emulator/spec-mismatches, and makes close() fail, so the
 * test that caused it fails instead of a warning scrolling by. The off-spec answers here are made
 * by putting values the spec does not allow straight into the emulator's state.
 */
import { startEmulator, type Emulator } from '../../emulator/src';
import { checkResponse, operations } from '../../emulator/src/spec-validator';
import { call } from './kit';

const board = (emu: Emulator, name: string) =>
  [...emu.state.boards.values()].find((b) => b.name === name)!;

/** A board whose privacy no Board schema allows: every answer naming it breaks the spec. */
function breakBoard(emu: Emulator, name: string) {
  const b = board(emu, name);
  Object.assign(b, { privacy: 'HIDDEN' });
  return b;
}

const op = (operationId: string) => operations.find((o) => o.operationId === operationId)!;

describe('strict answers', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    emu.clearSpecMismatches();
    await emu.close();
  });

  it('is on by default under Jest', () => {
    expect(emu.strictAnswers).toBe(true);
  });

  it('answers a 500 naming the problem instead of an answer that breaks the spec', async () => {
    const b = breakBoard(emu, 'Recipes');
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await call(emu.url, 'GET', `/v5/boards/${b.id}`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({
        code: 500,
        message: `[emulator] answer breaks the spec: privacy must be equal to one of the allowed values: PUBLIC, PROTECTED, SECRET (boards/get 200) (GET /v5/boards/${b.id})`,
      });
      expect(errors).toHaveBeenCalledWith(res.json.message);
    } finally {
      errors.mockRestore();
    }
    expect(emu.specMismatches()).toEqual([
      {
        method: 'GET',
        path: `/v5/boards/${b.id}`,
        operationId: 'boards/get',
        status: 200,
        problem:
          'privacy must be equal to one of the allowed values: PUBLIC, PROTECTED, SECRET (boards/get 200)',
        time: expect.any(String),
      },
    ]);
    const record = emu.requests.find((r) => r.path === `/v5/boards/${b.id}`)!;
    expect(record.status).toBe(500);
    expect(record.specMismatch).toMatch(/^privacy must be equal/);
    const listed = await call(emu.url, 'GET', '/_emulator/spec-mismatches', { token: null });
    expect(listed.json).toEqual(emu.specMismatches());
  });

  it('fails close() with every off-spec answer, and reset() does not hide them', async () => {
    const b = breakBoard(emu, 'Travel');
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined);
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined);
    expect((await call(emu.url, 'GET', '/v5/boards')).status).toBe(500);
    expect((await call(emu.url, 'GET', `/v5/boards/${b.id}`)).status).toBe(500);
    emu.reset();
    expect(emu.specMismatches().map((m) => m.operationId)).toEqual(['boards/list', 'boards/get']);
    const other = await startEmulator({ port: 0 });
    await other.close(); // an emulator without off-spec answers closes quietly
    const closing = emu.close();
    await expect(closing).rejects.toThrow(
      /^\[emulator\] 2 answer\(s\) broke the spec:\n {2}GET \/v5\/boards \(200\): items\[1\]\.privacy must be equal to one of the allowed values/
    );
    await expect(closing).rejects.toThrow(`GET /v5/boards/${b.id} (200): privacy must be equal`);
    // the afterEach closes it again: start a fresh one for it
    emu = await startEmulator({ port: 0 });
  });

  it('forgets provoked mismatches on clearSpecMismatches() and DELETE /_emulator/spec-mismatches', async () => {
    const b = breakBoard(emu, 'Recipes');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await call(emu.url, 'GET', `/v5/boards/${b.id}`);
      emu.clearSpecMismatches();
      expect(emu.specMismatches()).toEqual([]);
      await call(emu.url, 'GET', `/v5/boards/${b.id}`);
      expect(emu.specMismatches()).toHaveLength(1);
    } finally {
      jest.mocked(console.error).mockRestore();
    }
    const cleared = await call(emu.url, 'DELETE', '/_emulator/spec-mismatches', { token: null });
    expect(cleared.status).toBe(204);
    expect(emu.specMismatches()).toEqual([]);
    await expect(emu.close()).resolves.toBeUndefined();
    emu = await startEmulator({ port: 0 });
  });

  it('keeps the PATCH /boards exception narrow: the rest of that answer is still checked', async () => {
    const created = await call(emu.url, 'POST', '/v5/boards', {
      body: { name: 'Protected', privacy: 'PROTECTED' },
    });
    const fine = await call(emu.url, 'PATCH', `/v5/boards/${created.json.id}`, {
      body: { description: 'ok' },
    });
    expect([fine.status, fine.json.privacy]).toEqual([200, 'PROTECTED']);
    // another value the enum refuses is not excepted
    Object.assign(emu.state.boards.get(created.json.id)!, { privacy: 'HIDDEN' });
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined);
    const hidden = await call(emu.url, 'PATCH', `/v5/boards/${created.json.id}`, {
      body: { description: 'hidden' },
    });
    expect(hidden.status).toBe(500);
    // PROTECTED is let through, but a broken field beside it is not
    Object.assign(emu.state.boards.get(created.json.id)!, { privacy: 'PROTECTED', name: 42 });
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined);
    const badName = await call(emu.url, 'PATCH', `/v5/boards/${created.json.id}`, {
      body: { description: 'bad name' },
    });
    expect(badName.json.message).toMatch(/answer breaks the spec: name must be string/);
    expect(emu.specMismatches().map((m) => m.problem)).toEqual([
      'privacy must be equal to one of the allowed values: PUBLIC, SECRET (boards/update 200)',
      'name must be string (boards/update 200)',
    ]);
  });

  it('checks error answers against the spec too, and a success status the spec does not list', () => {
    expect(checkResponse(op('boards/get'), 404, { code: 40, message: 'Board not found.' })).toBe(
      null
    );
    expect(checkResponse(op('boards/get'), 404, { message: 'Board not found.' })).toBe(
      'code is required (boards/get 404)'
    );
    // a status the operation does not list is checked against its `default` (Error)
    expect(checkResponse(op('boards/list_pins'), 429, { code: '8', message: 'slow down' })).toBe(
      'code must be integer (boards/list_pins 429)'
    );
    expect(checkResponse(op('boards/get'), 201, {})).toBe(
      'status 201 is not a documented answer of boards/get'
    );
    expect(checkResponse(op('boards/get'), 200, undefined)).toBe(
      'the body is missing (boards/get 200)'
    );
    expect(checkResponse(op('boards/delete'), 204, undefined)).toBe(null);
  });

  it('leaves fault answers alone: a test that injects an off-spec answer gets exactly that', async () => {
    emu.setFault({ method: 'GET', path: '/v5/boards', status: 200, body: { items: 'nope' } });
    const res = await call(emu.url, 'GET', '/v5/boards');
    expect([res.status, res.json]).toEqual([200, { items: 'nope' }]);
    expect(emu.specMismatches()).toEqual([]);
  });
});

describe('lenient answers', () => {
  it('sends the off-spec answer with a warning when strictAnswers is false, and close() succeeds', async () => {
    const emu = await startEmulator({ port: 0, strictAnswers: false });
    expect(emu.strictAnswers).toBe(false);
    const b = breakBoard(emu, 'Recipes');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const res = await call(emu.url, 'GET', `/v5/boards/${b.id}`);
      expect([res.status, res.json.privacy]).toEqual([200, 'HIDDEN']);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^\[emulator\] answer does not match the spec: privacy must be/)
      );
    } finally {
      warn.mockRestore();
    }
    expect(emu.specMismatches()).toHaveLength(1);
    await expect(emu.close()).resolves.toBeUndefined();
  });

  it('is the default outside Jest (npm run emulator, the demo)', async () => {
    const worker = process.env.JEST_WORKER_ID;
    delete process.env.JEST_WORKER_ID;
    try {
      const emu = await startEmulator({ port: 0 });
      expect(emu.strictAnswers).toBe(false);
      await emu.close();
      const strict = await startEmulator({ port: 0, strictAnswers: true });
      expect(strict.strictAnswers).toBe(true);
      await strict.close();
    } finally {
      process.env.JEST_WORKER_ID = worker;
    }
  });

  it('does not check answers at all with validateResponses: false', async () => {
    const emu = await startEmulator({ port: 0, seed: { validateResponses: false } });
    const b = breakBoard(emu, 'Recipes');
    const res = await call(emu.url, 'GET', `/v5/boards/${b.id}`);
    expect([res.status, res.json.privacy]).toEqual([200, 'HIDDEN']);
    expect(emu.specMismatches()).toEqual([]);
    await emu.close();
  });
});
