import { useCallback } from 'react';
import { useT } from '../../utils/useT';
import type { LinkCheck } from './links-api';

const STATE: Record<LinkCheck['state'], [string, string]> = {
  ok: ['links.state.ok', 'The link works'],
  warning: ['links.state.warning', 'The link works, with notes'],
  broken: ['links.state.broken', 'The link is broken'],
  skipped: ['links.state.skipped', 'The link was not checked'],
};

const PROBLEM: Record<string, [string, string]> = {
  HTTP_STATUS: ['links.problem.HTTP_STATUS', 'The page answered HTTP {status}.'],
  CHECK_REFUSED: [
    'links.problem.CHECK_REFUSED',
    'The site refused the check (HTTP {status}); browsers may still open the page.',
  ],
  TOO_MANY_REDIRECTS: ['links.problem.TOO_MANY_REDIRECTS', 'The link redirects too many times.'],
  UNREACHABLE: ['links.problem.UNREACHABLE', 'The site could not be reached.'],
  TIMEOUT: ['links.problem.TIMEOUT', 'The page did not answer in time.'],
  NOT_HTTPS: ['links.problem.NOT_HTTPS', 'The page is served over http, not https.'],
  CANONICAL_ELSEWHERE: [
    'links.problem.CANONICAL_ELSEWHERE',
    'The page names another address as its canonical one: {url}',
  ],
  NO_CANONICAL: ['links.problem.NO_CANONICAL', 'The page does not name its canonical address.'],
  NOT_HTML: ['links.problem.NOT_HTML', 'The link opens a file, not a web page.'],
  PRIVATE_HOST: [
    'links.problem.PRIVATE_HOST',
    'The link points at a local or private address: not checked.',
  ],
};

const ADVICE: Record<string, [string, string]> = {
  HTTP_STATUS: [
    'links.advice.HTTP_STATUS',
    'Open the link in a browser: fix the page, or the entry’s link (slug, URL pattern), then publish again.',
  ],
  CHECK_REFUSED: [
    'links.advice.CHECK_REFUSED',
    'Open the link in a private browser window to be sure Pinterest users can see the page.',
  ],
  TOO_MANY_REDIRECTS: [
    'links.advice.TOO_MANY_REDIRECTS',
    'Link the page where it lives now (the last address of the redirects), then publish again.',
  ],
  UNREACHABLE: [
    'links.advice.UNREACHABLE',
    'Check the link’s address and that the site is up, then publish again.',
  ],
  TIMEOUT: ['links.advice.TIMEOUT', 'Check that the site is up, then publish again.'],
  NOT_HTTPS: [
    'links.advice.NOT_HTTPS',
    'Serve the page over https and link it with https://: Pinterest prefers secure links.',
  ],
  CANONICAL_ELSEWHERE: [
    'links.advice.CANONICAL_ELSEWHERE',
    'Link the canonical address, or fix the page’s canonical tag.',
  ],
  NO_CANONICAL: [
    'links.advice.NO_CANONICAL',
    'Ask the site’s developers to add <link rel="canonical"> to the page.',
  ],
  NOT_HTML: ['links.advice.NOT_HTML', 'Link the article’s page instead.'],
  PRIVATE_HOST: [
    'links.advice.PRIVATE_HOST',
    'Pinterest users cannot open a local address: link the public page.',
  ],
};

/** Plain, translated words for a link check's state, problems and advice. */
export function useLinkText() {
  const t = useT();
  const state = useCallback((s: LinkCheck['state']) => t(STATE[s][0], STATE[s][1]), [t]);
  const problem = useCallback(
    (check: LinkCheck, p: LinkCheck['problems'][number]) =>
      PROBLEM[p.code]
        ? t(PROBLEM[p.code][0], PROBLEM[p.code][1], {
            status: check.httpStatus ?? '',
            url: check.canonical?.url ?? '',
          })
        : p.message,
    [t]
  );
  const advice = useCallback(
    (check: LinkCheck) => {
      const first =
        check.problems.find((p) =>
          ['HTTP_STATUS', 'TOO_MANY_REDIRECTS', 'UNREACHABLE', 'TIMEOUT', 'PRIVATE_HOST'].includes(
            p.code
          )
        ) ?? check.problems[0];
      if (!first) return null;
      return ADVICE[first.code] ? t(ADVICE[first.code][0], ADVICE[first.code][1]) : check.advice;
    },
    [t]
  );
  return { state, problem, advice };
}
