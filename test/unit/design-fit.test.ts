import { firstSentence } from '../../common/first-sentence';
import { coverCrop } from '../../server/src/designs/focal-crop';
import { fontLibrary } from '../../server/src/designs/fonts';
import {
  breakWord,
  drawableText,
  fitText,
  textDirection,
  wrapLines,
  type FitBox,
  type TextMeasure,
} from '../../server/src/designs/text-fit';

/** A monospace stand-in: every character 0.6 em wide. */
const mono: TextMeasure = {
  covers: (ch) => !/\p{Extended_Pictographic}/u.test(ch),
  width: (text, size) => Array.from(text).length * size * 0.6,
};

const box: FitBox = { width: 872, height: 390, maxSize: 104, minSize: 34, lineHeight: 1.12 };

const withinBox = (r: ReturnType<typeof fitText>, b: FitBox, m: TextMeasure) => {
  for (const line of r.lines) expect(m.width(line, r.size)).toBeLessThanOrEqual(b.width);
  expect(r.lines.length * r.size * b.lineHeight).toBeLessThanOrEqual(b.height);
};

describe('fitText', () => {
  it.each([
    ['5 characters', 'Soups'],
    ['60 characters', 'Ten weeknight dinners that are ready in less than 20 minutes'],
    [
      '100 characters',
      'The complete beginner guide to sourdough bread at home, with a starter, a schedule and common fixes!',
    ],
  ])('fits %s in the box, at a smaller size for a longer text', (_label, text) => {
    const r = fitText(text, box, mono);
    withinBox(r, box, mono);
    expect(r.truncated).toBe(false);
    expect(r.lines.join(' ')).toBe(text);
  });

  it('shrinks as the text grows', () => {
    const sizes = [
      'Soups',
      'Ten weeknight dinners that are ready in less than 20 minutes',
      'x '.repeat(60),
    ].map((t) => fitText(t, box, mono).size);
    expect(sizes[0]).toBeGreaterThan(sizes[1]);
    expect(sizes[1]).toBeGreaterThan(sizes[2]);
    expect(sizes[0]).toBe(104);
  });

  it('never cuts a word that fits on a line', () => {
    const text =
      'Anticonstitutionnellement parlant, les recettes de grand-mère restent les meilleures';
    const r = fitText(text, box, mono);
    const words = new Set(text.split(' '));
    for (const line of r.lines) for (const w of line.split(' ')) expect(words.has(w)).toBe(true);
  });

  it('breaks a 40-character word into hyphenated pieces that fit', () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoco'; // 39 + 1
    const long = `${word}s`;
    expect(long).toHaveLength(40);
    const narrow: FitBox = { width: 500, height: 600, maxSize: 80, minSize: 30, lineHeight: 1.1 };
    const r = fitText(`The ${long} story`, narrow, mono);
    withinBox(r, narrow, mono);
    expect(r.lines.join('').replace(/-/g, '').replace(/ /g, '')).toBe(`The${long}story`);
    const pieces = r.lines.filter((l) => l.endsWith('-'));
    expect(pieces.length).toBeGreaterThan(0);
    // no lonely one- or two-letter tail
    for (const line of r.lines) expect(line.replace(/-$/, '').length).toBeGreaterThanOrEqual(3);
  });

  it('prefers an existing hyphen when breaking a word', () => {
    const fits = (s: string) => s.length <= 12;
    expect(breakWord('state-of-the-art-kitchen', 0, fits)).toEqual([
      'state-of-',
      'the-art-',
      'kitchen',
    ]);
  });

  it('never starts a line with the hyphen of a word broken next to its own hyphen', () => {
    const fits = (s: string) => s.length <= 12;
    const pieces = breakWord('abcdefghijk-lmnopqrstuvwxyz', 0, fits);
    expect(pieces[0]).toBe('abcdefghijk-');
    for (const p of pieces) expect(p.startsWith('-')).toBe(false);
  });

  it('ends with an ellipsis after a whole word when even the smallest size is too big', () => {
    const tiny: FitBox = { width: 400, height: 100, maxSize: 40, minSize: 30, lineHeight: 1.1 };
    const r = fitText('word '.repeat(80).trim(), tiny, mono);
    expect(r.truncated).toBe(true);
    withinBox(r, tiny, mono);
    expect(r.lines[r.lines.length - 1]).toMatch(/word…$/);
  });

  it('drops emoji no font has instead of drawing boxes', () => {
    expect(drawableText('Party time 🎉🎉 now', mono)).toBe('Party time now');
    const r = fitText('🎉', box, mono);
    expect(r.lines).toEqual([]);
  });

  it('honours maxLines', () => {
    const b: FitBox = { ...box, maxLines: 2, minSize: 10 };
    const r = fitText('one two three four five six seven eight nine ten eleven twelve', b, mono);
    expect(r.lines.length).toBeLessThanOrEqual(2);
  });

  it('wraps greedily at spaces', () => {
    expect(wrapLines('aa bb cc dd', 10, 40, mono)).toEqual(['aa bb', 'cc dd']);
  });
});

describe('text helpers', () => {
  it('detects right-to-left titles by their first strong character', () => {
    expect(textDirection('مرحبا بالعالم')).toBe('rtl');
    expect(textDirection('2024 שלום')).toBe('rtl');
    expect(textDirection('Hello مرحبا')).toBe('ltr');
    expect(textDirection('Привет')).toBe('ltr');
  });
  it('takes the first sentence for the subtitle', () => {
    expect(firstSentence('Quick and cheap. Then more text.')).toBe('Quick and cheap.');
    expect(firstSentence('  No full stop here  ')).toBe('No full stop here');
    expect(firstSentence(null)).toBe('');
    expect(firstSentence(`${'word '.repeat(60)}.`, 40).length).toBeLessThanOrEqual(41);
  });
});

describe('coverCrop', () => {
  it('takes the centre of a landscape image by default', () => {
    expect(coverCrop({ width: 1600, height: 900 }, { width: 1000, height: 1500 })).toEqual({
      left: 500,
      top: 0,
      width: 600,
      height: 900,
    });
  });
  it('moves to the focal point, stopping at the edges', () => {
    const src = { width: 1600, height: 900 };
    const b = { width: 1000, height: 1500 };
    expect(coverCrop(src, b, { x: 0.25, y: 0.5 }).left).toBe(100);
    expect(coverCrop(src, b, { x: 0, y: 0.5 }).left).toBe(0);
    expect(coverCrop(src, b, { x: 1, y: 0.5 }).left).toBe(1000);
  });
  it('crops a tall image vertically', () => {
    const r = coverCrop(
      { width: 1000, height: 4000 },
      { width: 1000, height: 900 },
      { x: 0.5, y: 0.1 }
    );
    expect(r).toEqual({ left: 0, top: 0, width: 1000, height: 900 });
    const bottom = coverCrop(
      { width: 1000, height: 4000 },
      { width: 1000, height: 900 },
      { x: 0.5, y: 1 }
    );
    expect(bottom.top).toBe(3100);
  });
});

describe('bundled fonts measure', () => {
  const fonts = fontLibrary();
  const m = fonts.stack('inter', 'bold').measure;
  it('covers Latin, Latin Extended, Cyrillic and Greek', () => {
    for (const ch of 'AzŁőŞțЖяΩλ') expect(m.covers(ch)).toBe(true);
    expect(m.covers('🎉')).toBe(false);
    expect(m.covers('日')).toBe(false);
  });
  it('measures wider text as wider and scales with size', () => {
    expect(m.width('WWW', 100)).toBeGreaterThan(m.width('iii', 100));
    expect(m.width('Hello', 200)).toBeCloseTo(2 * m.width('Hello', 100), 5);
  });
});
