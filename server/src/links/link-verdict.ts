import type { RichPinReadiness } from './page-meta';

/**
 * What a link check found, as stored on the pin record, sent to the editor's preview and shown in
 * the admin. `broken` is the only state that stops a pin; `warning` is reported (http, canonical
 * elsewhere); `skipped` means the link was not fetched (a local or private host).
 */
export type LinkState = 'ok' | 'warning' | 'broken' | 'skipped';

export type LinkProblem =
  | 'HTTP_STATUS'
  | 'CHECK_REFUSED'
  | 'TOO_MANY_REDIRECTS'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'NOT_HTTPS'
  | 'CANONICAL_ELSEWHERE'
  | 'NO_CANONICAL'
  | 'NOT_HTML'
  | 'PRIVATE_HOST';

export interface LinkCheckResult {
  url: string;
  checkedAt: string;
  state: LinkState;
  /** The final answer's status (after redirects), when there was one. */
  httpStatus: number | null;
  /** Where the link ended up after redirects, when it moved. */
  finalUrl: string | null;
  https: boolean;
  canonical: { url: string; matches: boolean } | null;
  richPin: RichPinReadiness | null;
  problems: Array<{ code: LinkProblem; message: string }>;
  /** One sentence for the editor when the state is not `ok`. */
  advice: string | null;
}

/** Query parameters that only track (the plugin's own marker and UTM tags among them). */
const TRACKING = /^(utm_[a-z]+|pin_ref|fbclid|gclid|mc_[a-z]+)$/i;

/** A URL as pages name themselves: no fragment, no tracking tags, no default port or last slash. */
export function comparableUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  url.hash = '';
  for (const key of [...url.searchParams.keys()])
    if (TRACKING.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  return `${url.protocol}//${url.host.toLowerCase()}${path}${url.search}`;
}

/** Does the page's canonical name the link (ignoring tracking tags, fragment, last slash)? */
export function canonicalMatches(link: string, canonical: string, pageUrl: string): boolean {
  const a = comparableUrl(link);
  const b = comparableUrl(canonical, pageUrl);
  return a !== null && a === b;
}

const ADVICE: Partial<Record<LinkProblem, string>> = {
  HTTP_STATUS:
    'Open the link in a browser: fix the page, or the entry’s link (slug, URL pattern), then publish again.',
  CHECK_REFUSED:
    'The site turned the check away (a login wall or bot protection): open the link in a private browser window to be sure Pinterest users can see the page.',
  TOO_MANY_REDIRECTS:
    'Link the page where it lives now (the last address of the redirects), then publish again.',
  UNREACHABLE:
    'The site did not answer: check the link’s address and that the site is up, then publish again.',
  TIMEOUT: 'The page took too long to answer: check that the site is up, then publish again.',
  NOT_HTTPS: 'Serve the page over https and link it with https://: Pinterest prefers secure links.',
  CANONICAL_ELSEWHERE:
    'The page names another address as its canonical one: link that address, or fix the page’s canonical tag.',
  NO_CANONICAL:
    'Ask the site’s developers to add <link rel="canonical"> to the page so it names itself.',
  NOT_HTML: 'The link opens a file, not a web page: link the article’s page instead.',
  PRIVATE_HOST:
    'The link points at a local or private address that Pinterest users cannot open: link the public page.',
};

const BROKEN: ReadonlySet<LinkProblem> = new Set([
  'HTTP_STATUS',
  'TOO_MANY_REDIRECTS',
  'UNREACHABLE',
  'TIMEOUT',
]);

/** The state and the advice of the first problem that matters most. */
export function verdict(problems: LinkCheckResult['problems']): {
  state: LinkState;
  advice: string | null;
} {
  if (problems.some((p) => p.code === 'PRIVATE_HOST'))
    return { state: 'skipped', advice: ADVICE.PRIVATE_HOST! };
  const broken = problems.find((p) => BROKEN.has(p.code));
  if (broken) return { state: 'broken', advice: ADVICE[broken.code] ?? null };
  if (problems.length) return { state: 'warning', advice: ADVICE[problems[0].code] ?? null };
  return { state: 'ok', advice: null };
}
