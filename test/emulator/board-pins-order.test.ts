/**
 * The order of a board's pin listing, which the spec does not document (nor whether pins in the
 * board's sections are listed): flags switch it, so a client can be shown to find its pin in any
 * order. Set through setFlags(), POST /_emulator/flags, or the seed.
 */
import { startEmulator, type Emulator } from '../../emulator/src';
import { call, makePng } from './kit';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());

const PNG = makePng(200, 200).toString('base64');
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

/** Recipes with 12 pins a day apart (oldest P01); P03, P06, P09 and P12 in Breakfast. */
const seed = {
  pins: Array.from({ length: 12 }, (_, i) => ({
    board: 'Recipes',
    ...((i + 1) % 3 === 0 && { section: 'Breakfast' }),
    title: `P${String(i + 1).padStart(2, '0')}`,
    created_at: new Date(START + i * DAY).toISOString(),
  })),
};
const OLDEST_FIRST = seed.pins.map((p) => p.title);
const NEWEST_FIRST = [...OLDEST_FIRST].reverse();
const IN_SECTION = ['P03', 'P06', 'P09', 'P12'];

const recipes = () => [...emu.state.boards.values()].find((b) => b.name === 'Recipes')!;
const breakfast = () => [...emu.state.sections.values()].find((s) => s.name === 'Breakfast')!;

/** Every title the listing gives, page by page; fails on a repeated pin. */
async function titles(path: string, pageSize = 5): Promise<string[]> {
  const out: string[] = [];
  let bookmark: string | null = null;
  do {
    const query: string = `page_size=${pageSize}${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`;
    const res = await call(emu.url, 'GET', `${path}?${query}`);
    expect(res.status).toBe(200);
    out.push(...res.json.items.map((p: { title: string }) => p.title));
    bookmark = res.json.bookmark as string | null;
  } while (bookmark);
  expect(new Set(out).size).toBe(out.length);
  return out;
}
const boardPins = () => titles(`/v5/boards/${recipes().id}/pins`);
const sectionPins = () => titles(`/v5/boards/${recipes().id}/sections/${breakfast().id}/pins`);
const control = (method: string, route: string, body?: unknown) =>
  call(emu.url, method, `/_emulator/${route}`, { token: null, body });

beforeEach(() => emu.reset(seed));
afterEach(() => expect(emu.specMismatches()).toEqual([]));

describe('board pins order', () => {
  it('is newest first, section pins included, by default', async () => {
    expect(emu.state.flags).toMatchObject({
      boardPinsOrder: 'newest-first',
      boardPinsIncludeSections: true,
    });
    expect(await boardPins()).toEqual(NEWEST_FIRST);
    expect(await sectionPins()).toEqual(['P12', 'P09', 'P06', 'P03']);
  });

  it('is oldest first with setFlags, for the board and its sections', async () => {
    expect(emu.setFlags({ boardPinsOrder: 'oldest-first' })).toMatchObject({
      boardPinsOrder: 'oldest-first',
    });
    expect(await boardPins()).toEqual(OLDEST_FIRST);
    expect(await sectionPins()).toEqual(IN_SECTION);
    expect(await titles(`/v5/boards/${recipes().id}/pins`, 250)).toEqual(OLDEST_FIRST);
  });

  it('is shuffled by a seed through POST /_emulator/flags: the same order every call and page, another seed another order', async () => {
    const set = await control('POST', 'flags', {
      boardPinsOrder: 'shuffled',
      boardPinsShuffleSeed: 7,
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ boardPinsOrder: 'shuffled', boardPinsShuffleSeed: 7 });
    const first = await boardPins();
    expect([...first].sort()).toEqual(OLDEST_FIRST);
    expect(first).not.toEqual(NEWEST_FIRST);
    expect(first).not.toEqual(OLDEST_FIRST);
    expect(await boardPins()).toEqual(first);
    expect(await titles(`/v5/boards/${recipes().id}/pins`, 250)).toEqual(first);
    expect(await titles(`/v5/boards/${recipes().id}/pins`, 1)).toEqual(first);
    // the section listing is the same order, restricted to the section
    expect(await sectionPins()).toEqual(first.filter((t) => IN_SECTION.includes(t)));

    await control('POST', 'flags', { boardPinsShuffleSeed: 8 });
    const other = await boardPins();
    expect([...other].sort()).toEqual(OLDEST_FIRST);
    expect(other).not.toEqual(first);

    // a pin made later takes its own place without moving the others
    const made = await call(emu.url, 'POST', '/v5/pins', {
      body: {
        board_id: recipes().id,
        title: 'P13',
        media_source: { source_type: 'image_base64', content_type: 'image/png', data: PNG },
      },
    });
    expect(made.status).toBe(201);
    const after = await boardPins();
    expect(after.filter((t) => t !== 'P13')).toEqual(other);
  });

  it('leaves section pins out with boardPinsIncludeSections: false (the section listing still has them)', async () => {
    emu.setFlags({ boardPinsIncludeSections: false });
    expect(await boardPins()).toEqual(NEWEST_FIRST.filter((t) => !IN_SECTION.includes(t)));
    expect(await sectionPins()).toEqual(['P12', 'P09', 'P06', 'P03']);
  });

  it('comes from the seed, and reset() goes back to the seed', async () => {
    emu.reset({ ...seed, boardPinsOrder: 'oldest-first' });
    expect(await boardPins()).toEqual(OLDEST_FIRST);
    emu.setFlags({ boardPinsOrder: 'newest-first' });
    expect(await boardPins()).toEqual(NEWEST_FIRST);
    emu.reset({ ...seed, flags: { boardPinsOrder: 'oldest-first' } });
    expect(await boardPins()).toEqual(OLDEST_FIRST);
    emu.reset(seed);
    expect(await boardPins()).toEqual(NEWEST_FIRST);
    expect((await control('GET', 'flags')).json.boardPinsOrder).toBe('newest-first');
  });

  it('refuses unknown orders and flags', async () => {
    const bad = await control('POST', 'flags', { boardPinsOrder: 'random' });
    expect([bad.status, bad.json.message]).toEqual([
      400,
      'flags: boardPinsOrder must be one of newest-first, oldest-first, shuffled',
    ]);
    expect((await control('POST', 'flags', { boardPinOrder: 'shuffled' })).json.message).toBe(
      'flags: unknown flag boardPinOrder'
    );
    expect((await control('POST', 'flags', { boardPinsShuffleSeed: -1 })).json.message).toBe(
      'flags: boardPinsShuffleSeed must be a whole number of at least 0'
    );
    expect((await control('POST', 'flags', { boardPinsIncludeSections: 'no' })).json.message).toBe(
      'flags: boardPinsIncludeSections must be a boolean'
    );
    expect((await control('POST', 'flags')).status).toBe(400);
    const seeded = await control('POST', 'seed', { flags: { boardPinsOrder: 'sideways' } });
    expect([seeded.status, seeded.json.message]).toEqual([
      400,
      'seed: flags: boardPinsOrder must be one of newest-first, oldest-first, shuffled',
    ]);
    expect(() => emu.setFlags({ boardPinsOrder: 'x' as 'shuffled' })).toThrow(
      'flags: boardPinsOrder must be one of'
    );
    expect(emu.state.flags.boardPinsOrder).toBe('newest-first');
  });
});
