/**
 * Keyword data: `GET /terms/suggested`, `GET /terms/related` (scope `ads:read`, checked by the
 * pipeline like every scope) and `GET /trends/keywords/{region}/top/{trend_type}`, which Pinterest
 * keeps for partner apps: the `trendsAllowed` flag set to false answers it 403 code 29, as a
 * non-partner app is answered. Answers are deterministic: the same input gives the same words, in
 * the same order, so tests can name them.
 */
import { notPermitted } from '../api-error';
import { ok, type Handler } from './context';

/** Popular searches beginning with a term, most popular first. */
const SUGGESTED_ENDINGS = [
  'ideas',
  'recipes',
  'aesthetic',
  'for beginners',
  'easy',
  'diy',
  'inspiration',
  'tips',
  'healthy',
  'quotes',
];

/** Searches related to a term. */
const RELATED_FORMS = [
  (t: string) => `easy ${t}`,
  (t: string) => `${t} ideas`,
  (t: string) => `best ${t}`,
  (t: string) => `${t} inspiration`,
  (t: string) => `homemade ${t}`,
];

const TREND_ENDINGS: Record<string, string[]> = {
  growing: ['2026', 'trend', 'aesthetic'],
  monthly: ['ideas', 'recipes', 'outfit'],
  yearly: ['ideas', 'decor', 'inspo'],
  seasonal: ['christmas', 'winter', 'holiday'],
};

/** Trending searches when no keyword filter is given. */
const TRENDING = [
  'winter soup recipes',
  'christmas table decor',
  'cozy living room',
  'easy weeknight dinners',
  'holiday cookies',
  'capsule wardrobe',
  'indoor plants',
  'new year goals',
];

/** A small stable number from a text (growth percentages). */
const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 997, 7);

const clean = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export const termsHandlers: Record<string, Handler> = {
  'terms_suggested/list': (ctx) => {
    const term = clean(typeof ctx.query.term === 'string' ? ctx.query.term : '');
    const limit = typeof ctx.query.limit === 'number' ? ctx.query.limit : 4;
    if (!term) return ok([]);
    return ok(SUGGESTED_ENDINGS.slice(0, limit).map((e) => `${term} ${e}`));
  },
  'terms_related/list': (ctx) => {
    const terms = (Array.isArray(ctx.query.terms) ? ctx.query.terms : [])
      .map((t) => clean(String(t)))
      .filter(Boolean);
    const list = terms.map((term) => ({ term, related_terms: RELATED_FORMS.map((f) => f(term)) }));
    return ok({
      id: terms[0] ?? '',
      related_term_count: list.reduce((n, l) => n + l.related_terms.length, 0),
      related_terms_list: list,
    });
  },
  'trending_keywords/list': (ctx) => {
    if (!ctx.state.flags.trendsAllowed) throw notPermitted();
    const type = ctx.path.trend_type;
    const limit = typeof ctx.query.limit === 'number' ? ctx.query.limit : 50;
    const include = (Array.isArray(ctx.query.include_keywords) ? ctx.query.include_keywords : [])
      .map((k) => clean(String(k)))
      .filter(Boolean);
    const keywords = include.length
      ? include.flatMap((k) => (TREND_ENDINGS[type] ?? []).map((e) => `${k} ${e}`))
      : TRENDING;
    return ok({
      trends: keywords.slice(0, limit).map((keyword) => ({
        keyword,
        pct_growth_wow: (hash(keyword) % 60) - 10,
        pct_growth_mom: (hash(`${keyword}m`) % 300) + 5,
        pct_growth_yoy: (hash(`${keyword}y`) % 500) - 50,
      })),
    });
  },
};
