/**
 * The pin checklist: each rule passes or warns with one reason, and the score is the sum of the
 * weights of the rules that pass (weights in common/seo.ts, adding up to 100). Pure: the same pin
 * gives the same checklist in the editor and on publish.
 */
import {
  SEO_RULE_WEIGHTS,
  SEO_RULES,
  type SeoChecklist,
  type SeoChecklistItem,
  type SeoRule,
} from '../../../common/seo';
import { containsPhrase, contentWords, stem } from './words';

/** The pin as it will be sent, and what the checks need to know about it. */
export interface ChecklistInput {
  title: string | null;
  description: string | null;
  altText: string | null;
  link: string | null;
  /** Redirects followed from the link to its page; null when not checked. */
  linkRedirects?: number | null;
  boardName: string | null;
  media: { width?: number | null; height?: number | null } | null;
  /** The main keyword (see `mainKeyword`); null when none is known. */
  keyword: string | null;
}

/** Where the title's keyword must start to show in a search result. */
export const TITLE_KEYWORD_WITHIN = 40;
export const DESCRIPTION_MIN = 100;
export const DESCRIPTION_MAX = 500;
/** More hashtags than this reads as spam (Pinterest no longer ranks by them). */
export const MAX_HASHTAGS = 3;
export const MIN_WIDTH = 1000;
export const MIN_HEIGHT = 1500;
/** How far from exactly 2:3 still counts as 2:3. */
const RATIO_TOLERANCE = 0.03;

type Verdict = { pass: boolean; reason: string | null; values?: Record<string, string | number> };
const ok = (values: Record<string, string | number> = {}): Verdict => ({
  pass: true,
  reason: null,
  values,
});
const warn = (reason: string, values: Record<string, string | number> = {}): Verdict => ({
  pass: false,
  reason,
  values,
});

const hashtagCount = (...texts: (string | null)[]) =>
  texts.reduce((n, t) => n + (t?.match(/(^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0), 0);

/** The first `n` characters (code points) of a text. */
const head = (text: string, n: number) => [...text].slice(0, n).join('');

const RULES: Record<SeoRule, (i: ChecklistInput) => Verdict> = {
  keywordInTitle: ({ title, keyword }) => {
    if (!keyword) return warn('noKeyword');
    if (!title) return warn('noTitle', { keyword });
    if (containsPhrase(head(title, TITLE_KEYWORD_WITHIN), keyword)) return ok({ keyword });
    return containsPhrase(title, keyword)
      ? warn('late', { keyword, within: TITLE_KEYWORD_WITHIN })
      : warn('missing', { keyword, within: TITLE_KEYWORD_WITHIN });
  },
  keywordInDescription: ({ description, keyword }) => {
    if (!keyword) return warn('noKeyword');
    return containsPhrase(description, keyword) ? ok({ keyword }) : warn('missing', { keyword });
  },
  descriptionLength: ({ description }) => {
    const length = [...(description ?? '')].length;
    const values = { length, min: DESCRIPTION_MIN, max: DESCRIPTION_MAX };
    if (length < DESCRIPTION_MIN) return warn(length ? 'tooShort' : 'missing', values);
    if (length > DESCRIPTION_MAX) return warn('tooLong', values);
    return ok(values);
  },
  boardRelated: ({ boardName, keyword }) => {
    if (!boardName) return warn('noBoard');
    if (!keyword) return warn('noKeyword', { board: boardName });
    const boardStems = new Set(contentWords(boardName).map(stem));
    const related = contentWords(keyword).some((w) => boardStems.has(stem(w)));
    return related
      ? ok({ board: boardName, keyword })
      : warn('unrelated', { board: boardName, keyword });
  },
  altText: ({ altText }) => (altText?.trim() ? ok() : warn('missing')),
  link: ({ link, linkRedirects }) => {
    if (!link) return warn('missing');
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return warn('invalid');
    }
    if (url.protocol !== 'https:') return warn('notHttps');
    if (linkRedirects != null && linkRedirects > 1)
      return warn('redirectChain', { redirects: linkRedirects });
    return ok();
  },
  image: ({ media }) => {
    if (!media) return warn('missing');
    const { width, height } = media;
    if (!width || !height) return warn('unknownSize');
    const values = { width, height, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT };
    if (Math.abs(width / height - 2 / 3) > (2 / 3) * RATIO_TOLERANCE) return warn('ratio', values);
    if (width < MIN_WIDTH || height < MIN_HEIGHT) return warn('small', values);
    return ok(values);
  },
  titleNotCaps: ({ title }) => {
    const letters = (title ?? '').replace(/[^\p{L}]/gu, '');
    return letters.length >= 4 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters)
      ? warn('allCaps')
      : ok();
  },
  hashtags: ({ title, description }) => {
    const count = hashtagCount(title, description);
    return count > MAX_HASHTAGS ? warn('tooMany', { count, max: MAX_HASHTAGS }) : ok({ count });
  },
};

/** Runs every rule. */
export function runChecklist(input: ChecklistInput): SeoChecklist {
  const items: SeoChecklistItem[] = SEO_RULES.map((rule) => {
    const v = RULES[rule](input);
    return {
      rule,
      pass: v.pass,
      weight: SEO_RULE_WEIGHTS[rule],
      reason: v.reason,
      values: v.values ?? {},
    };
  });
  return {
    score: items.reduce((n, i) => n + (i.pass ? i.weight : 0), 0),
    keyword: input.keyword,
    items,
  };
}

/**
 * The keyword the pin is checked for: the one the editor chose; else the best-ranked candidate
 * the title or description already uses; else the best-ranked candidate.
 */
export function mainKeyword(
  candidates: readonly string[],
  texts: { title: string | null; description: string | null },
  focus?: string | null
): string | null {
  if (focus?.trim()) return focus.trim();
  const used = candidates.find(
    (k) => containsPhrase(texts.title, k) || containsPhrase(texts.description, k)
  );
  return used ?? candidates[0] ?? null;
}
