/**
 * Every message and piece of advice an editor reads is in their words: no API field names
 * (board_id, image_url, media_source, utm_content…), no error codes, no configuration keys. The
 * code stays available, on its own "Code: …" line (problem.details), for support.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PinError, type PinErrorCode } from '../../server/src/errors/pin-error';
import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';

const LOCALES = { en, fr } as const;

const JARGON =
  /\b\w+_id\b|image_url|media_source|board_id|utm_|\bboardId\b|\b[A-Z]{2,}_[A-Z_]{2,}\b|\b[a-z]+\.[a-z]+[A-Z]\w*|config\/|mediaHostAllowlist|PUBLIC_URL|\bcron\b/;

// every code the server can give, read from its type
const source = fs.readFileSync(
  path.resolve(__dirname, '../../server/src/errors/pin-error.ts'),
  'utf8'
);
const union = source.slice(
  source.indexOf('export type PinErrorCode'),
  source.indexOf(';', source.indexOf('export type PinErrorCode'))
);
const CODES = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1] as PinErrorCode);

/** The details line is the one place a code may appear: it is there for support. */
const FOR_SUPPORT = new Set(['problem.code', 'problem.details']);

describe('plain words', () => {
  it('reads the codes', () => {
    expect(CODES.length).toBeGreaterThan(25);
  });

  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])(
    'no %s admin text names an API field, a code or a configuration key',
    (locale) => {
      const texts = LOCALES[locale] as Record<string, string>;
      const found = Object.entries(texts).filter(
        ([key, text]) => !FOR_SUPPORT.has(key) && JARGON.test(text)
      );
      expect(found).toEqual([]);
    }
  );

  it('no server advice names an API field, a code or a configuration key', () => {
    const found = CODES.map((code) => [code, new PinError(code, 'm').advice]).filter(([, a]) =>
      JARGON.test(a)
    );
    expect(found).toEqual([]);
  });

  it('every code has a headline and advice in both languages', () => {
    for (const locale of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
      const texts = LOCALES[locale] as Record<string, string>;
      expect(CODES.filter((c) => !texts[`problem.${c}`] || !texts[`advice.${c}`])).toEqual([]);
    }
  });

  it('the missing-board advice says what to do in editors’ terms', () => {
    expect(new PinError('BOARD_REQUIRED', 'm').advice).toMatch(
      /^Choose a board for this pin .*or ask an administrator for a default board/
    );
  });

  it('the no-image headline and advice say "no text-only pins" once, not twice', () => {
    for (const locale of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
      const texts = LOCALES[locale] as Record<string, string>;
      const said = `${texts['problem.MEDIA_REQUIRED']} ${texts['advice.MEDIA_REQUIRED']}`;
      expect([locale, said.match(/text-only|sans image/g)?.length]).toEqual([locale, 1]);
    }
  });

  it("the server's messages for a missing board or image name no field", () => {
    const messages = ['../../server/src/mapping/pin-draft.ts', '../../server/src/mapping/media.ts']
      .map((f) => fs.readFileSync(path.resolve(__dirname, f), 'utf8'))
      .flatMap((src) => [
        ...src.matchAll(/new PinError\(\s*'(?:BOARD_REQUIRED|MEDIA_REQUIRED)',\s*'([^']+)'/g),
      ])
      .map((m) => m[1]);
    expect(messages).toHaveLength(2);
    expect(messages.filter((m) => JARGON.test(m) || /text-only/.test(m))).toEqual([]);
  });
});
