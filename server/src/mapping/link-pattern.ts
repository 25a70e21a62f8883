/**
 * Pin links from URL patterns, for sites that keep a slug and build page URLs in the frontend:
 * `https://blog.example.com/{locale}/articles/{slug}`, `/{locale}/blog/{category.slug}/{slug}`.
 *
 * A placeholder names an attribute of the entry (`slug`), a field of a component or of a to-one
 * relation (`category.slug`, `seo.canonicalPath`), or `locale`. Values are URL-encoded as one path
 * segment each. A pattern may be given per locale (`{ fr: 'https://fr.example.com/{slug}', '*':
 * 'https://example.com/{locale}/{slug}' }`) for sites with one host per language. Pure.
 */

import { PLACEHOLDER, patternProblem, placeholdersOf } from '../config/link-pattern-syntax';

/** A pattern, or one per locale with `*` for the others. */
export type LinkPattern = string | Readonly<Record<string, string>>;

export { placeholdersOf, patternProblem };

/** The pattern that applies to a locale: its own, else `*`, else none. */
export function patternFor(pattern: LinkPattern, locale: string | null): string | null {
  if (typeof pattern === 'string') return pattern;
  return (locale && pattern[locale]) || pattern['*'] || null;
}

/** A value at a dotted path of an entry; a to-many relation or a list has no single value. */
export function valueAt(entry: Record<string, unknown> | null | undefined, path: string): unknown {
  let value: unknown = entry;
  for (const key of path.split('.')) {
    if (Array.isArray(value)) return undefined;
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A placeholder's text, or null when it is empty or not a scalar. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() ? value.trim() : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export type RenderedLink =
  | { ok: true; url: string }
  /** `missing`: the placeholders empty on this entry; `reason` says it in words. */
  | { ok: false; missing: string[]; reason: string };

/**
 * The entry's link from the pattern. Values are encoded as path segments (a slash in a value is
 * encoded, never a new segment); an empty placeholder is reported, never left blank.
 */
export function renderLinkPattern(
  pattern: LinkPattern,
  entry: Record<string, unknown>,
  locale: string | null
): RenderedLink {
  const template = patternFor(pattern, locale);
  if (!template)
    return {
      ok: false,
      missing: [],
      reason: `no link pattern is set for the locale “${locale ?? 'default'}”`,
    };
  const missing: string[] = [];
  const url = template.replace(PLACEHOLDER, (_, path: string) => {
    const text = path === 'locale' ? textOf(locale) : textOf(valueAt(entry, path));
    if (text === null) {
      missing.push(path);
      return '';
    }
    return encodeURIComponent(text);
  });
  if (missing.length)
    return {
      ok: false,
      missing,
      reason: `the link pattern ${template} needs ${missing
        .map((m) => `{${m}}`)
        .join(', ')}, empty on this entry`,
    };
  try {
    return { ok: true, url: new URL(url).toString() };
  } catch {
    return { ok: false, missing: [], reason: `the link pattern gives “${url}”, not a valid URL` };
  }
}

/**
 * What the entry must be read with for the pattern: the first segment of every dotted
 * placeholder (a component or relation to populate), `locale` left out.
 */
export function populateFor(pattern: LinkPattern): string[] {
  const templates = typeof pattern === 'string' ? [pattern] : Object.values(pattern);
  const roots = new Set<string>();
  for (const t of templates)
    for (const p of placeholdersOf(t)) if (p.includes('.')) roots.add(p.split('.')[0]);
  return [...roots];
}
