import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type Font } from '@shuding/opentype.js';
import type { DesignFontConfig } from '../config/designs';
import type { TextMeasure } from './text-fit';

/**
 * Fonts of the designs: bundled OFL fonts from npm (@fontsource: WOFF files per Unicode subset)
 * plus the files a site names in config (`designs.fonts`). No system font is ever read: satori
 * draws text as paths from these files, and resvg is told not to load system fonts.
 */

/** Weights the templates use: body text and titles. */
export type FontWeight = 400 | 700 | 800;

export interface BundledFamily {
  id: string;
  name: string;
  pkg: string;
  /** file prefix inside the package's files/ folder */
  prefix: string;
  weights: { regular: number; bold: number };
}

const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext'] as const;

export const BUNDLED_FAMILIES: readonly BundledFamily[] = [
  {
    id: 'inter',
    name: 'Inter (sans-serif)',
    pkg: '@fontsource/inter',
    prefix: 'inter',
    weights: { regular: 400, bold: 800 },
  },
  {
    id: 'noto-serif',
    name: 'Noto Serif (serif)',
    pkg: '@fontsource/noto-serif',
    prefix: 'noto-serif',
    weights: { regular: 400, bold: 700 },
  },
];

/** One face as satori takes it, with its parsed font for measuring. */
export interface LoadedFace {
  /** Satori's family name: unique per file group, so fallback goes through every subset. */
  name: string;
  weight: number;
  data: Buffer;
  font: Font;
}

/** A family: its faces, in the order glyphs are looked for. */
export interface LoadedFamily {
  id: string;
  name: string;
  /** Satori family names (one per subset or file), in order. */
  names: string[];
  faces: LoadedFace[];
  fallback: boolean;
}

const parseFont = (data: Buffer): Font =>
  parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);

function loadBundled(family: BundledFamily): LoadedFamily {
  const dir = path.join(path.dirname(require.resolve(`${family.pkg}/package.json`)), 'files');
  const faces: LoadedFace[] = [];
  const names: string[] = [];
  for (const subset of SUBSETS) {
    const name = `${family.id}-${subset}`;
    names.push(name);
    for (const weight of [family.weights.regular, family.weights.bold]) {
      const data = readFileSync(path.join(dir, `${family.prefix}-${subset}-${weight}-normal.woff`));
      faces.push({ name, weight, data, font: parseFont(data) });
    }
  }
  return { id: family.id, name: family.name, names, faces, fallback: false };
}

function loadSite(def: DesignFontConfig): LoadedFamily {
  const name = `site-${def.id}`;
  const faces = def.files.map((f) => {
    let data: Buffer;
    try {
      data = readFileSync(f.path);
    } catch (e) {
      throw new Error(
        `designs.fonts ${def.id}: cannot read ${f.path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`
      );
    }
    return { name, weight: f.weight, data, font: parseFont(data) };
  });
  return { id: def.id, name: def.name, names: [name], faces, fallback: def.fallback };
}

/** Every font the designs can use, loaded once per process (per config). */
export interface FontLibrary {
  families: LoadedFamily[];
  /** Every face, in satori's fallback order (bundled, then the site's). */
  satoriFonts: Array<{ name: string; weight: FontWeight; style: 'normal'; data: Buffer }>;
  /** The family list for CSS `fontFamily` and the measure of the text of one family and weight. */
  stack(familyId: string, weight: 'regular' | 'bold'): { css: string; measure: TextMeasure };
  has(familyId: string): boolean;
}

const cache = new Map<string, FontLibrary>();

export function fontLibrary(site: readonly DesignFontConfig[] = []): FontLibrary {
  const key = JSON.stringify(site);
  let lib = cache.get(key);
  if (!lib) {
    lib = buildLibrary(site);
    cache.set(key, lib);
  }
  return lib;
}

function buildLibrary(site: readonly DesignFontConfig[]): FontLibrary {
  const families = [...BUNDLED_FAMILIES.map(loadBundled), ...site.map(loadSite)];
  const satoriFonts = families.flatMap((f) =>
    f.faces.map((face) => ({
      name: face.name,
      weight: face.weight as FontWeight,
      style: 'normal' as const,
      data: face.data,
    }))
  );
  const stacks = new Map<string, { css: string; measure: TextMeasure }>();

  const stack = (familyId: string, weight: 'regular' | 'bold') => {
    const k = `${familyId}:${weight}`;
    let s = stacks.get(k);
    if (!s) {
      const first = families.find((f) => f.id === familyId) ?? families[0];
      // the chosen family, then the site's fallbacks (CJK, Arabic…), then the other bundled ones:
      // satori looks for a glyph in the same order
      const order = [
        first,
        ...families.filter((f) => f !== first && f.fallback),
        ...families.filter((f) => f !== first && !f.fallback),
      ];
      const wanted = weight === 'bold' ? 750 : 400;
      const faces = order.flatMap((fam) =>
        fam.names.map((name) =>
          closestWeight(
            fam.faces.filter((f) => f.name === name),
            wanted
          )
        )
      );
      s = { css: order.flatMap((f) => f.names).join(', '), measure: measureOf(faces) };
      stacks.set(k, s);
    }
    return s;
  };
  return {
    families,
    satoriFonts,
    stack,
    has: (id) => families.some((f) => f.id === id),
  };
}

function closestWeight(faces: LoadedFace[], wanted: number): LoadedFace {
  return faces.reduce((best, f) =>
    Math.abs(f.weight - wanted) < Math.abs(best.weight - wanted) ? f : best
  );
}

/**
 * A conservative width measure: the sum of each character's advance in the first face that has
 * it (kerning and ligatures, which only narrow text, are left out; Arabic's joined forms are no
 * wider than the isolated ones measured here).
 */
function measureOf(faces: LoadedFace[]): TextMeasure {
  const advance = new Map<string, { units: number; upm: number } | null>();
  const lookup = (ch: string) => {
    let a = advance.get(ch);
    if (a === undefined) {
      a = null;
      for (const face of faces) {
        if (face.font.charToGlyphIndex(ch) > 0) {
          a = { units: face.font.charToGlyph(ch).advanceWidth ?? 0, upm: face.font.unitsPerEm };
          break;
        }
      }
      advance.set(ch, a);
    }
    return a;
  };
  return {
    covers: (ch) => /\s/.test(ch) || isJoiner(ch) || lookup(ch) !== null,
    width(text, size) {
      let w = 0;
      for (const ch of text) {
        const a = lookup(ch);
        if (a) w += (a.units / a.upm) * size;
        else if (ch === ' ') w += size * 0.28;
      }
      return w;
    },
  };
}

const isJoiner = (ch: string) => ch === '\u200d' || ch === '\u200c';
