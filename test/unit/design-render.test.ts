import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { fontLibrary } from '../../server/src/designs/fonts';
import { fitDesignTexts, renderDesign, type RenderInput } from '../../server/src/designs/render';
import { TEMPLATES } from '../../server/src/designs/templates';

const fontFile = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file);

/** A site's own fonts, as config `designs.fonts` names them (Arabic and Hebrew here). */
const fonts = fontLibrary([
  {
    id: 'noto-sans-arabic',
    name: 'Noto Sans Arabic',
    fallback: true,
    files: [
      {
        path: fontFile('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-700-normal.woff'),
        weight: 700,
      },
    ],
  },
  {
    id: 'noto-sans-hebrew',
    name: 'Noto Sans Hebrew',
    fallback: true,
    files: [
      {
        path: fontFile('@fontsource/noto-sans-hebrew', 'noto-sans-hebrew-hebrew-700-normal.woff'),
        weight: 700,
      },
    ],
  },
]);

let image: Buffer;
beforeAll(async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#2a9d8f"/><circle cx="800" cy="450" r="260" fill="#e9c46a"/></svg>`;
  image = await sharp(Buffer.from(svg)).jpeg().toBuffer();
});

const base = (over: Partial<RenderInput> = {}): RenderInput => ({
  template: 'bold-band',
  title: 'Ten weeknight dinners',
  subtitle: 'Ready in 20 minutes.',
  image,
  brand: {
    name: 'Maison Verte',
    logo: null,
    primaryColour: '#E60023',
    secondaryColour: '#111111',
    font: 'inter',
  },
  ...over,
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const TITLES: Record<string, string> = {
  latin: 'Ten weeknight dinners that are ready in less than twenty minutes',
  latinExt: 'Łódź, Kraków i Gdańsk: przewodnik dla początkujących',
  cyrillic: 'Пять простых рецептов на каждый день недели',
  greek: 'Οι καλύτερες παραλίες της Κρήτης για οικογένειες',
  longWord: 'Pneumonoultramicroscopicsilicovolcanoconiosis explained',
  veryLong:
    'The complete beginner guide to sourdough bread at home, with a starter, a weekly schedule, common mistakes and how to fix every one of them, plus twelve variations',
  arabic: 'وصفات سهلة وسريعة للعشاء في أيام الأسبوع',
  hebrew: 'מתכונים קלים לארוחת ערב',
};

describe('templates', () => {
  it('has at least four, each with an id, a name and a description', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(4);
    for (const t of TEMPLATES) {
      expect(t.id).toMatch(/^[a-z0-9-]+$/);
      expect(t.name).toBeTruthy();
      expect(t.description).toBeTruthy();
    }
  });

  it.each(TEMPLATES.flatMap((t) => Object.keys(TITLES).map((k) => [t.id, k])))(
    '%s fits the %s title in its box without dropping a glyph',
    (template, key) => {
      const fitted = fitDesignTexts(base({ template, title: TITLES[key] }), fonts);
      const { title, titleBox, titleStack } = fitted;
      expect(title.lines.length).toBeGreaterThan(0);
      for (const line of title.lines)
        expect(titleStack.measure.width(line, title.size)).toBeLessThanOrEqual(titleBox.width);
      expect(title.lines.length * title.size * titleBox.lineHeight).toBeLessThanOrEqual(
        titleBox.height
      );
      // nothing dropped but spaces and break hyphens
      const letters = (s: string) => s.replace(/[\s-…]/g, '');
      if (!title.truncated) expect(letters(title.lines.join(''))).toBe(letters(TITLES[key]));
    }
  );
});

describe('renderDesign', () => {
  it.each(TEMPLATES.map((t) => t.id))('%s renders a 1000×1500 JPEG', async (template) => {
    const r = await renderDesign(base({ template, title: TITLES.cyrillic }), fonts);
    const meta = await sharp(r.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1000, 1500]);
    expect(r.bytes.length).toBeLessThan(20 * 1024 * 1024);
    expect(r.altText).toBe(TITLES.cyrillic);
  });

  it('gives the same bytes for the same input, other bytes for another template', async () => {
    const a = await renderDesign(base(), fonts);
    const b = await renderDesign(base(), fonts);
    expect(sha(a.bytes)).toBe(sha(b.bytes));
    const c = await renderDesign(base({ template: 'card' }), fonts);
    expect(sha(c.bytes)).not.toBe(sha(a.bytes));
  });

  it('moves the crop with the focal point', async () => {
    const left = await renderDesign(base({ template: 'overlay', focal: { x: 0, y: 0.5 } }), fonts);
    const right = await renderDesign(base({ template: 'overlay', focal: { x: 1, y: 0.5 } }), fonts);
    expect(sha(left.bytes)).not.toBe(sha(right.bytes));
  });

  it('renders at the preview width, keeping 2:3', async () => {
    const r = await renderDesign(base({ width: 400 }), fonts);
    const meta = await sharp(r.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([400, 600]);
  });

  it('renders right-to-left titles with the site font and an emoji title without it', async () => {
    for (const title of [TITLES.arabic, TITLES.hebrew, 'Party dinners 🎉🥳']) {
      const r = await renderDesign(base({ title, template: 'split-top' }), fonts);
      expect((await sharp(r.bytes).metadata()).height).toBe(1500);
    }
  });

  it('renders without an image and with a logo', async () => {
    const logo = await sharp({
      create: { width: 400, height: 100, channels: 4, background: '#ffffff' },
    })
      .png()
      .toBuffer();
    const r = await renderDesign(
      base({ image: null, brand: { ...base().brand, logo }, palette: 'secondary' }),
      fonts
    );
    expect((await sharp(r.bytes).metadata()).width).toBe(1000);
  });

  it('refuses an unknown template', async () => {
    await expect(renderDesign(base({ template: 'nope' }), fonts)).rejects.toThrow(
      /unknown template/
    );
  });
});
