/**
 * The fallback keyword extractor, when Pinterest's keyword data is not available: TF-IDF over the
 * site's own published entries. A word (or pair of adjacent words) scores by how often this entry
 * uses it, title words counting double, times how rare it is across the corpus — so “soup” stands
 * out on a soup recipe of a food blog less than “gazpacho” does, and words every entry uses sink.
 * Pure.
 */
import { isStopword, stem, words } from './words';

export interface Doc {
  title: string | null;
  description: string | null;
}

/** Terms of a text: meaningful single words and adjacent pairs of them, stemmed for counting. */
function terms(text: string | null): { key: string; shown: string }[] {
  const all = words(text);
  const out: { key: string; shown: string }[] = [];
  all.forEach((w, i) => {
    if (isStopword(w)) return;
    out.push({ key: stem(w), shown: w });
    const next = all[i + 1];
    if (next && !isStopword(next))
      out.push({ key: `${stem(w)} ${stem(next)}`, shown: `${w} ${next}` });
  });
  return out;
}

/** How many documents use each term: the corpus side of TF-IDF. */
export interface Corpus {
  size: number;
  df: Map<string, number>;
  /** How each counted term was first written (“cookies” for the stem “cooky”). */
  shown: Map<string, string>;
}

export function buildCorpus(docs: readonly Doc[]): Corpus {
  const df = new Map<string, number>();
  const shown = new Map<string, string>();
  for (const d of docs) {
    const all = [...terms(d.title), ...terms(d.description)];
    for (const t of all) if (!shown.has(t.key)) shown.set(t.key, t.shown);
    for (const k of new Set(all.map((t) => t.key))) df.set(k, (df.get(k) ?? 0) + 1);
  }
  return { size: docs.length, df, shown };
}

export interface ScoredTerm {
  keyword: string;
  score: number;
}

/** The entry's best terms, best first; pairs get a small bonus (Pinterest searches are phrases). */
export function topTerms(doc: Doc, corpus: Corpus, limit = 8): ScoredTerm[] {
  const tf = new Map<string, { n: number; shown: string; first: number }>();
  let position = 0;
  const add = (list: { key: string; shown: string }[], weight: number) => {
    for (const t of list) {
      const c = tf.get(t.key) ?? { n: 0, shown: t.shown, first: position };
      c.n += weight;
      tf.set(t.key, c);
      position += 1;
    }
  };
  add(terms(doc.title), 2);
  add(terms(doc.description), 1);
  const scored = [...tf.entries()].map(([key, c]) => {
    // smoothed IDF: never zero or negative, even for a word of every entry or a tiny corpus
    const idf = Math.log((1 + corpus.size) / (1 + (corpus.df.get(key) ?? 0))) + 1;
    const pair = key.includes(' ') ? 1.2 : 1;
    return { keyword: c.shown, score: c.n * idf * pair, first: c.first };
  });
  return scored
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .slice(0, limit)
    .map(({ keyword, score }) => ({ keyword, score: Math.round(score * 1000) / 1000 }));
}
