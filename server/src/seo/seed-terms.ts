/**
 * The terms to ask Pinterest about, taken from the entry itself: its tags or category (when the
 * content type maps them), the board's name, the title's meaningful words (and its first pair of
 * adjacent ones), and the words its description repeats. Pure.
 */
import { contentWords, normalizePhrase, stem, words, isStopword } from './words';

export interface SeedInput {
  title: string | null;
  description: string | null;
  /** Tag or category names (already read from the entry's mapped attributes). */
  tags?: readonly string[];
  boardName?: string | null;
}

/** Seeds asked about at most (each costs calls; answers are cached). */
export const MAX_SEEDS = 4;

/** The title's first two adjacent meaningful words (“tomato soup” in “The best tomato soup”). */
function firstPair(text: string | null): string | null {
  const all = words(text);
  for (let i = 0; i + 1 < all.length; i += 1)
    if (!isStopword(all[i]) && !isStopword(all[i + 1])) return `${all[i]} ${all[i + 1]}`;
  return null;
}

/** Description words used at least twice, most used first (first use breaks ties). */
function repeated(text: string | null): string[] {
  const counts = new Map<string, { n: number; first: number }>();
  contentWords(text).forEach((w, i) => {
    const c = counts.get(stem(w)) ?? { n: 0, first: i };
    c.n += 1;
    counts.set(stem(w), c);
  });
  return [...counts.entries()]
    .filter(([, c]) => c.n >= 2)
    .sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first)
    .map(([w]) => w);
}

export function seedTerms(input: SeedInput, max = MAX_SEEDS): string[] {
  const candidates = [
    ...(input.tags ?? []).map(normalizePhrase),
    firstPair(input.title),
    ...contentWords(input.title),
    ...repeated(input.description),
    ...contentWords(input.boardName),
  ];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!c || c.length < 3 || c.length > 60) continue;
    const key = c.split(' ').map(stem).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
    if (out.length >= max) break;
  }
  return out;
}
