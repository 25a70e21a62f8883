import fs from 'node:fs';
import path from 'node:path';
import { PinError } from '../../server/src/errors/pin-error';

const adminSrc = path.resolve(__dirname, '../../admin/src');
const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : /\.tsx?$/.test(e.name)
          ? [path.join(dir, e.name)]
          : []
    );
const en = JSON.parse(
  fs.readFileSync(path.join(adminSrc, 'translations/en.json'), 'utf8')
) as Record<string, string>;
const fr = JSON.parse(
  fs.readFileSync(path.join(adminSrc, 'translations/fr.json'), 'utf8')
) as Record<string, string>;

describe('admin translations', () => {
  const used = new Set<string>();
  for (const file of files(adminSrc)) {
    const src = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''); // comments are not UI
    for (const m of src.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/getTranslation\('([^']+)'\)/g)) used.add(m[1]);
  }

  it('finds the strings the admin uses', () => {
    expect(used.size).toBeGreaterThan(80);
  });

  it('has every used string in English and French', () => {
    expect([...used].filter((k) => !(k in en))).toEqual([]);
    expect([...used].filter((k) => !(k in fr))).toEqual([]);
  });

  it('has the same keys and the same placeholders in both languages', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en))
      expect([key, placeholders(fr[key])]).toEqual([key, placeholders(en[key])]);
  });
});

describe('advice translations', () => {
  // every error code the server can give, read from its type, with the advice the server writes
  const source = fs.readFileSync(
    path.resolve(__dirname, '../../server/src/errors/pin-error.ts'),
    'utf8'
  );
  const union = source.slice(
    source.indexOf('export type PinErrorCode'),
    source.indexOf(';', source.indexOf('export type PinErrorCode'))
  );
  const codes = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);

  it('reads the error codes', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'BOARD_REQUIRED',
        'MEDIA_REQUIRED',
        'EDIT_UNSUPPORTED',
        'VIDEO_DURATION',
      ])
    );
  });

  it("has each code's standard advice in English exactly as the server writes it, and in French", () => {
    for (const code of codes) {
      const advice = new PinError(code as never, 'm').advice;
      expect([code, en[`advice.${code}`]]).toEqual([code, advice]);
      expect([code, typeof fr[`advice.${code}`]]).toEqual([code, 'string']);
      expect([code, fr[`advice.${code}`] === advice]).toEqual([code, false]);
    }
  });
});
