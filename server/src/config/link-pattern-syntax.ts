/**
 * The syntax of link patterns (`https://blog.example.com/{locale}/articles/{slug}`), checked where
 * the config is parsed; rendering them from an entry lives in mapping/link-pattern.ts.
 */

export const PLACEHOLDER = /\{([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\}/g;

/** The placeholders of a pattern, in order (`locale`, `slug`, `category.slug`). */
export function placeholdersOf(pattern: string): string[] {
  return [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Why a pattern cannot work, or null: it must give an absolute http(s) URL whatever the values,
 * and every brace must be a placeholder.
 */
export function patternProblem(pattern: string): string | null {
  const stripped = pattern.replace(PLACEHOLDER, 'x');
  if (/[{}]/.test(stripped))
    return `“${pattern}” has a brace that is not a placeholder such as {slug} or {category.slug}`;
  let url: URL;
  try {
    url = new URL(stripped);
  } catch {
    return `“${pattern}” is not an absolute URL (it must start with https://)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `“${pattern}” must be an http or https address`;
  return null;
}
