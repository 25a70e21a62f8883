/**
 * One short ranked list from Pinterest's three answers, without repeats: the two fastest-growing
 * trends first (what people start searching now), then the suggested searches (what people type,
 * each seed's best before any seed's second), then related terms, then the other trends. Pure.
 */
import type { KeywordSuggestion } from '../../../common/seo';
import { normalizePhrase } from './words';

export interface KeywordAnswers {
  /** Per seed term, Pinterest's suggested searches, most popular first. */
  suggested: string[][];
  /** Per seed term, related terms. */
  related: string[][];
  trending: { keyword: string; growth: number | null }[];
}

export const MAX_SUGGESTIONS = 10;

/** Round-robin over the lists, so every seed gets its best answer in before any gets its second. */
function interleave(lists: string[][]): string[] {
  const out: string[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i += 1) for (const l of lists) if (l[i]) out.push(l[i]);
  return out;
}

export function rankKeywords(
  answers: KeywordAnswers,
  limit = MAX_SUGGESTIONS
): KeywordSuggestion[] {
  const out: KeywordSuggestion[] = [];
  const seen = new Set<string>();
  const push = (keyword: string, source: KeywordSuggestion['source'], growth: number | null) => {
    const key = normalizePhrase(keyword);
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push({ keyword: keyword.trim(), source, growth });
  };
  const trending = [...answers.trending].sort((a, b) => (b.growth ?? 0) - (a.growth ?? 0));
  const suggested = interleave(answers.suggested);
  const related = interleave(answers.related);
  for (const t of trending.slice(0, 2)) push(t.keyword, 'trending', t.growth);
  for (const k of suggested) push(k, 'suggested', null);
  for (const k of related) push(k, 'related', null);
  for (const t of trending.slice(2)) push(t.keyword, 'trending', t.growth);
  return out.slice(0, limit);
}
