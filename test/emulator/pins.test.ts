/**
 * Pins: create from an image URL (fetched), from base64, the Pinterest-only rules, then
 * get/list/update/delete/save.
 */
import { startEmulator, type Emulator } from '../../emulator/src';
import { call, deadPort, fileServer, makePng } from './kit';

let emu: Emulator;
let files: Awaited<ReturnType<typeof fileServer>>;
let recipes: string;
let travel: string;
let breakfast: string;
let europe: string;
const png = makePng(200, 300);

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  files = await fileServer({
    '/pin.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png),
    '/moved': (res) => res.writeHead(302, { location: '/pin.png' }).end(),
    '/tiny.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(makePng(50, 80)),
    '/page.html': (res) =>
      res.writeHead(200, { 'content-type': 'image/png' }).end('<html>not an image</html>'),
    '/gone.png': (res) => res.writeHead(410).end(),
  });
});
afterAll(async () => {
  await files.close();
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  const board = (name: string) => [...emu.state.boards.values()].find((b) => b.name === name)!.id;
  const section = (name: string) =>
    [...emu.state.sections.values()].find((s) => s.name === name)!.id;
  [recipes, travel, breakfast, europe] = [
    board('Recipes'),
    board('Travel'),
    section('Breakfast'),
    section('Europe'),
  ];
});
afterEach(() => {
  expect(
    emu.requests
      .filter((r) => r.specMismatch)
      .map((r) => `${r.method} ${r.path}: ${r.specMismatch}`)
  ).toEqual([]);
});

const create = (body: Record<string, unknown>) => call(emu.url, 'POST', '/v5/pins', { body });
const imagePin = (extra: Record<string, unknown> = {}) =>
  create({
    board_id: recipes,
    title: 'Tomato soup',
    link: 'https://blog.example.com/soup',
    media_source: { source_type: 'image_url', url: `${files.url}/pin.png` },
    ...extra,
  });

describe('POST /v5/pins', () => {
  it('fetches the image URL, reads its size and answers 201 with a Pinterest-shaped pin', async () => {
    const res = await imagePin({
      board_section_id: breakfast,
      description: 'Warm',
      alt_text: 'A bowl',
      dominant_color: '#aa0000',
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^\d{18,19}$/),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      link: 'https://blog.example.com/soup',
      title: 'Tomato soup',
      description: 'Warm',
      dominant_color: '#aa0000',
      alt_text: 'A bowl',
      creative_type: 'REGULAR',
      board_id: recipes,
      board_section_id: breakfast,
      board_owner: { username: 'strapi_demo' },
      is_owner: true,
      media: {
        media_type: 'image',
        images: {
          '150x150': { url: `${files.url}/pin.png`, width: 150, height: 150 },
          '400x300': { url: `${files.url}/pin.png`, width: 400, height: 300 },
          '600x': { url: `${files.url}/pin.png`, width: 200, height: 300 },
          '1200x': { url: `${files.url}/pin.png`, width: 200, height: 300 },
        },
      },
      parent_pin_id: null,
      is_standard: true,
      has_been_promoted: false,
      pin_metrics: null,
    });
    expect(files.hits).toContain('/pin.png');
    expect(emu.state.pins.get(res.json.id)?.image).toMatchObject({
      width: 200,
      height: 300,
      mime: 'image/png',
    });
  });

  it('follows redirects', async () => {
    const res = await create({
      board_id: recipes,
      media_source: { source_type: 'image_url', url: `${files.url}/moved` },
    });
    expect(res.status).toBe(201);
    expect(res.json.media.images['1200x']).toMatchObject({ width: 200, height: 300 });
  });

  it('answers 400 code 1 when the image cannot be fetched or is not an image', async () => {
    const port = await deadPort();
    for (const url of [
      `http://127.0.0.1:${port}/x.png`,
      `${files.url}/gone.png`,
      `${files.url}/page.html`,
    ]) {
      const res = await create({
        board_id: recipes,
        media_source: { source_type: 'image_url', url },
      });
      expect({ url, status: res.status, body: res.json }).toEqual({
        url,
        status: 400,
        body: { code: 1, message: 'Sorry we could not fetch the image.' },
      });
    }
    const notUrl = await create({
      board_id: recipes,
      media_source: { source_type: 'image_url', url: 'ftp://example.com/x.png' },
    });
    expect(notUrl.json).toEqual({
      code: 1,
      message:
        'Whoops! It looks like you entered an invalid URL. Try creating a Pin again with a valid URL.',
    });
    expect(emu.state.pins.size).toBe(0);
  });

  it('refuses images smaller than 100×100 with code 233', async () => {
    const res = await create({
      board_id: recipes,
      media_source: { source_type: 'image_url', url: `${files.url}/tiny.png` },
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe(233);
    expect(res.json.message).toMatch(/^Your image is too small/);
  });

  it('takes base64 images, checking the bytes against content_type, and serves them back', async () => {
    const res = await create({
      board_id: travel,
      board_section_id: europe,
      media_source: {
        source_type: 'image_base64',
        content_type: 'image/png',
        data: png.toString('base64'),
      },
    });
    expect(res.status).toBe(201);
    const original = res.json.media.images['1200x'];
    expect(original).toMatchObject({ width: 200, height: 300 });
    expect(original.url.startsWith(`${emu.url}/_media/`)).toBe(true);
    const served = await fetch(original.url);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    const mismatch = await create({
      board_id: travel,
      media_source: {
        source_type: 'image_base64',
        content_type: 'image/jpeg',
        data: png.toString('base64'),
      },
    });
    expect(mismatch.json).toEqual({
      code: 1,
      message:
        'Invalid request: media_source.content_type image/jpeg does not match the image data (image/png)',
    });
    const garbage = await create({
      board_id: travel,
      media_source: {
        source_type: 'image_base64',
        content_type: 'image/png',
        data: Buffer.from('hello').toString('base64'),
      },
    });
    expect(garbage.json).toEqual({
      code: 1,
      message: 'Invalid request: media_source.data is not a valid image',
    });
  });

  it('needs a board, an existing one, and a section of that board', async () => {
    const noBoard = await create({
      media_source: { source_type: 'image_url', url: `${files.url}/pin.png` },
    });
    expect([noBoard.status, noBoard.json]).toEqual([
      400,
      { code: 1, message: 'Invalid request: board_id is required' },
    ]);
    const unknown = await imagePin({ board_id: '999999999999999999' });
    expect([unknown.status, unknown.json]).toEqual([
      404,
      { code: 40, message: 'Board not found.' },
    ]);
    const wrongSection = await imagePin({ board_section_id: europe });
    expect([wrongSection.status, wrongSection.json]).toEqual([
      404,
      { code: 2031, message: 'Board section not found.' },
    ]);
    const noMedia = await create({ board_id: recipes, title: 'x' });
    expect(noMedia.json).toEqual({ code: 1, message: 'Invalid request: media_source is required' });
    expect(files.hits.filter((h) => h === '/pin.png').length).toBeGreaterThan(0);
    expect(emu.state.pins.size).toBe(0);
  });

  it('accepts carousels of 2–5 images as CAROUSEL pins', async () => {
    const items = [1, 2].map((i) => ({
      url: `https://cdn.example.com/${i}.jpg`,
      title: `Slide ${i}`,
    }));
    const res = await create({
      board_id: recipes,
      media_source: { source_type: 'multiple_image_urls', items },
    });
    expect(res.status).toBe(201);
    expect(res.json.creative_type).toBe('CAROUSEL');
    expect(res.json.media.media_type).toBe('multiple_images');
    expect(res.json.media.items.map((i: { title: string }) => i.title)).toEqual([
      'Slide 1',
      'Slide 2',
    ]);
    const one = await create({
      board_id: recipes,
      media_source: { source_type: 'multiple_image_urls', items: items.slice(0, 1) },
    });
    expect(one.json.code).toBe(1);
  });
});

describe('reading and changing pins', () => {
  it('gets a pin, with 90-day metrics on request', async () => {
    const { json: pin } = await imagePin();
    const got = await call(emu.url, 'GET', `/v5/pins/${pin.id}`);
    expect(got.json).toEqual(pin);
    const withMetrics = await call(emu.url, 'GET', `/v5/pins/${pin.id}?pin_metrics=true`);
    expect(withMetrics.json.pin_metrics).toEqual({
      '90d': expect.any(Object),
      lifetime_metrics: expect.any(Object),
    });
    expect((await call(emu.url, 'GET', '/v5/pins/123456789012345678')).json).toEqual({
      code: 50,
      message: 'Pin not found.',
    });
  });

  it('lists pins newest first, on the account, a board and a section', async () => {
    const a = (await imagePin({ title: 'A', board_section_id: breakfast })).json;
    const b = (await imagePin({ title: 'B' })).json;
    const c = (await imagePin({ title: 'C', board_id: travel })).json;
    const titles = (res: { json: { items: Array<{ title: string }> } }) =>
      res.json.items.map((p) => p.title);
    expect(titles(await call(emu.url, 'GET', '/v5/pins'))).toEqual(['C', 'B', 'A']);
    expect(titles(await call(emu.url, 'GET', `/v5/boards/${recipes}/pins`))).toEqual(['B', 'A']);
    expect(
      titles(await call(emu.url, 'GET', `/v5/boards/${recipes}/sections/${breakfast}/pins`))
    ).toEqual(['A']);
    const page = await call(emu.url, 'GET', '/v5/pins?page_size=2');
    expect(titles(page)).toEqual(['C', 'B']);
    expect(
      titles(await call(emu.url, 'GET', `/v5/pins?page_size=2&bookmark=${page.json.bookmark}`))
    ).toEqual(['A']);
    expect([a.id, b.id, c.id].every((id) => emu.state.pins.has(id))).toBe(true);
    const board = await call(emu.url, 'GET', `/v5/boards/${recipes}`);
    expect(board.json.pin_count).toBe(2);
  });

  it('updates fields and moves a pin to another board', async () => {
    const { json: pin } = await imagePin({ board_section_id: breakfast });
    const res = await call(emu.url, 'PATCH', `/v5/pins/${pin.id}`, {
      body: { title: 'Better soup', board_id: travel, board_section_id: europe, alt_text: null },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: pin.id,
      title: 'Better soup',
      board_id: travel,
      board_section_id: europe,
      alt_text: null,
      link: pin.link,
    });
    const badSection = await call(emu.url, 'PATCH', `/v5/pins/${pin.id}`, {
      body: { board_section_id: breakfast },
    });
    expect(badSection.json.code).toBe(2031);
    const tooLong = await call(emu.url, 'PATCH', `/v5/pins/${pin.id}`, {
      body: { description: 'd'.repeat(801) },
    });
    expect(tooLong.json.message).toBe(
      'Invalid request: description must NOT have more than 800 characters'
    );
  });

  it('answers 403 code 29 on PATCH when the app lacks the beta (patchPinsAllowed: false)', async () => {
    emu.reset({ patchPinsAllowed: false });
    const recipesId = [...emu.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
    const { json: pin } = await imagePin({ board_id: recipesId });
    const res = await call(emu.url, 'PATCH', `/v5/pins/${pin.id}`, { body: { title: 'Nope' } });
    expect([res.status, res.json]).toEqual([
      403,
      { code: 29, message: 'You are not permitted to access that resource.' },
    ]);
    expect(emu.state.pins.get(pin.id)?.title).toBe('Tomato soup');
  });

  it('deletes with 204, then 404 code 50', async () => {
    const { json: pin } = await imagePin();
    const del = await call(emu.url, 'DELETE', `/v5/pins/${pin.id}`);
    expect([del.status, del.text]).toEqual([204, '']);
    expect((await call(emu.url, 'DELETE', `/v5/pins/${pin.id}`)).json).toEqual({
      code: 50,
      message: 'Pin not found.',
    });
  });

  it('saves (re-pins) a pin to a board: a new 201 pin whose parent is the source', async () => {
    const { json: pin } = await imagePin();
    const res = await call(emu.url, 'POST', `/v5/pins/${pin.id}/save`, {
      body: { board_id: travel, board_section_id: europe },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      parent_pin_id: pin.id,
      board_id: travel,
      board_section_id: europe,
      title: 'Tomato soup',
      creative_type: 'REGULAR',
    });
    expect(res.json.id).not.toBe(pin.id);
    const badSection = await call(emu.url, 'POST', `/v5/pins/${pin.id}/save`, {
      body: { board_id: travel, board_section_id: breakfast },
    });
    expect(badSection.json.code).toBe(2031);
  });
});
