/** Requests are checked against the trimmed Pinterest spec and refused in Pinterest's words. */
import { startEmulator, type Emulator } from '../../emulator/src';
import { call } from './kit';

let emu: Emulator;
let board: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  board = [...emu.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
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

const pin = (extra: Record<string, unknown>) => ({
  board_id: board,
  media_source: { source_type: 'image_url', url: 'http://127.0.0.1:9/never-fetched.png' },
  ...extra,
});

describe('spec validation', () => {
  it('refuses a 101-character title with code 1 naming the field', async () => {
    const res = await call(emu.url, 'POST', '/v5/pins', { body: pin({ title: 'x'.repeat(101) }) });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: 1,
      message: 'Invalid request: title must NOT have more than 100 characters',
    });
    expect(emu.state.pins.size).toBe(0);
  });

  it('accepts exactly 100 characters as far as validation goes (the fetch fails next, not the title)', async () => {
    const res = await call(emu.url, 'POST', '/v5/pins', { body: pin({ title: 'x'.repeat(100) }) });
    expect(res.status).toBe(400);
    expect(res.json.message).not.toContain('title');
  });

  it('names nested fields: description, link, alt_text limits and media_source variants', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ description: 'd'.repeat(801) }, 'description must NOT have more than 800 characters'],
      [
        { link: `https://e.com/${'l'.repeat(2048)}` },
        'link must NOT have more than 2048 characters',
      ],
      [{ alt_text: 'a'.repeat(501) }, 'alt_text must NOT have more than 500 characters'],
      [{ board_id: 'abc' }, 'board_id must match pattern'],
      [
        { media_source: { source_type: 'image_link', url: 'x' } },
        'media_source.source_type must be equal to one of the allowed values',
      ],
      [{ media_source: { url: 'x' } }, 'media_source.source_type is required'],
      [{ media_source: { source_type: 'image_url' } }, 'media_source.url is required'],
      [
        { media_source: { source_type: 'image_base64', content_type: 'image/gif', data: 'AAAA' } },
        'media_source.content_type must be equal to one of the allowed values',
      ],
      [
        {
          media_source: {
            source_type: 'image_base64',
            content_type: 'image/png',
            data: 'data:image/png;base64,AAAA',
          },
        },
        'media_source.data must match pattern',
      ],
      [
        { media_source: { source_type: 'multiple_image_urls', items: [{ url: 'a' }, {}] } },
        'media_source.items[1].url is required',
      ],
      [
        {
          media_source: { source_type: 'video_id', media_id: '1', cover_image_key_frame_time: -1 },
        },
        'media_source.cover_image_key_frame_time must be >= 0',
      ],
      [{ title: 5 }, 'title must be string'],
    ];
    for (const [extra, message] of cases) {
      const res = await call(emu.url, 'POST', '/v5/pins', { body: pin(extra) });
      expect({ extra, status: res.status, code: res.json.code }).toEqual({
        extra,
        status: 400,
        code: 1,
      });
      expect(res.json.message).toContain(`Invalid request: ${message}`);
    }
  });

  it('accepts a null title (nullable) and lists the allowed source types', async () => {
    const res = await call(emu.url, 'POST', '/v5/pins', {
      body: pin({ title: null, media_source: { source_type: 'nope' } }),
    });
    expect(res.json.message).toBe(
      'Invalid request: media_source.source_type must be equal to one of the allowed values: image_base64, image_url, video_id, multiple_image_base64, multiple_image_urls, pin_url'
    );
  });

  it('checks query parameters: integer limits, enums, required, comma lists, booleans', async () => {
    expect((await call(emu.url, 'GET', '/v5/boards?page_size=251')).json).toEqual({
      code: 1,
      message: 'Invalid request: page_size must be <= 250',
    });
    expect((await call(emu.url, 'GET', '/v5/boards?page_size=0')).json.message).toBe(
      'Invalid request: page_size must be >= 1'
    );
    expect((await call(emu.url, 'GET', '/v5/boards?page_size=ten')).json.message).toBe(
      'Invalid request: page_size must be integer'
    );
    expect((await call(emu.url, 'GET', '/v5/boards?privacy=HIDDEN')).json.message).toMatch(
      /^Invalid request: privacy must be equal to one of the allowed values: ALL, PUBLIC/
    );
    expect((await call(emu.url, 'GET', '/v5/pins?pin_metrics=maybe')).json.message).toBe(
      'Invalid request: pin_metrics must be boolean'
    );
    const noDates = await call(emu.url, 'GET', '/v5/user_account/analytics');
    expect(noDates.json).toEqual({ code: 1, message: 'Invalid request: start_date is required' });
    const badList = await call(
      emu.url,
      'GET',
      '/v5/pins/123/analytics?start_date=2020-01-01&end_date=2020-01-02&metric_types=IMPRESSION,CLICKS'
    );
    expect(badList.json.message).toMatch(
      /^Invalid request: metric_types\[1\] must be equal to one of the allowed values/
    );
    const badDate = await call(
      emu.url,
      'GET',
      '/v5/user_account/analytics?start_date=01/02/2020&end_date=2020-01-02'
    );
    expect(badDate.json.message).toBe('Invalid request: start_date must match format "date"');
  });

  it('checks path parameters', async () => {
    const res = await call(emu.url, 'GET', '/v5/pins/not-a-number');
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('Invalid request: pin_id must match pattern "^\\d+$"');
  });

  it('refuses bodies that are not JSON or not the declared content type', async () => {
    const broken = await call(emu.url, 'POST', '/v5/boards', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.json).toEqual({ code: 1, message: 'Invalid request: body is not valid JSON' });
    const form = await call(emu.url, 'POST', '/v5/boards', { form: { name: 'Form board' } });
    expect(form.json).toEqual({
      code: 1,
      message: 'Invalid request: Content-Type must be application/json',
    });
    const empty = await call(emu.url, 'POST', '/v5/boards', {});
    expect(empty.json).toEqual({ code: 1, message: 'Invalid request: body is required' });
  });

  it('answers unknown routes with 404 and a wrong method with 405, both {code, message}', async () => {
    const unknown = await call(emu.url, 'GET', '/v5/ad_accounts');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ code: 404, message: 'Endpoint not found: GET /v5/ad_accounts' });
    const wrong = await call(emu.url, 'PUT', '/v5/pins', { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.json.code).toBe(405);
    const outside = await call(emu.url, 'GET', '/v4/pins');
    expect(outside.status).toBe(404);
  });

  it('puts x-pinterest-rid on every answer, errors included', async () => {
    for (const path of [
      '/v5/user_account',
      '/v5/nothing',
      '/v5/boards?page_size=999',
      '/_emulator/state',
    ]) {
      const res = await call(emu.url, 'GET', path);
      expect(res.headers['x-pinterest-rid']).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('records every request, with the parsed body, the status and a redacted Authorization header', async () => {
    emu.requests.length = 0;
    await call(emu.url, 'POST', '/v5/pins', { body: pin({ title: 'y'.repeat(101) }) });
    const [rec] = emu.requests;
    expect(rec).toMatchObject({
      method: 'POST',
      path: '/v5/pins',
      status: 400,
      operationId: 'pins/create',
    });
    expect((rec.body as { board_id: string }).board_id).toBe(board);
    expect(rec.headers.authorization).toBe('Bearer pina…');
    expect(JSON.stringify(emu.requests)).not.toContain('pina_emulator_static_token');
  });
});
