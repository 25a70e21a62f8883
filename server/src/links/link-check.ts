import { isIP } from 'node:net';
import { PinError } from '../errors/pin-error';
import { MediaStatusError, safeFetch, type SafeResponse } from '../net/safe-fetch';
import { isAllowlisted, isNonPublicIp } from '../net/public-address';
import { redactUrl } from '../net/redact';
import { canonicalMatches, verdict, type LinkCheckResult, type LinkProblem } from './link-verdict';
import { readPageMeta, richPinReadiness } from './page-meta';

export interface LinkCheckOptions {
  /** Private hosts that may be fetched anyway (`mediaHostAllowlist`: the demo, tests). */
  allowlist: readonly string[];
  maxRedirects: number;
  timeoutMs: number;
  now?: () => Date;
}

/** The head of a page is enough: read at most this much of it. */
const HEAD_BYTES = 512 * 1024;
/** A page larger than this (by Content-Length) is not read at all, only its status counts. */
const MAX_PAGE_BYTES = 50 * 1024 * 1024;

/**
 * Answers that say "not you" rather than "no page" (a login wall, bot protection, rate limiting):
 * reported, never a reason to stop a pin.
 */
const REFUSING: ReadonlySet<number> = new Set([401, 403, 429]);

/** A literal local or private host (never fetched unless allowlisted); names are checked later. */
function isLocalLiteral(url: URL, allowlist: readonly string[]): boolean {
  if (isAllowlisted(url, allowlist)) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) return true;
  return isIP(host) !== 0 && isNonPublicIp(host);
}

/** Reads the page until its `</head>` (or HEAD_BYTES), then lets the rest go. */
async function readHead(res: SafeResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const piece of res.body) {
      const chunk = piece as Buffer;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= HEAD_BYTES || chunk.includes('</head>')) break;
    }
  } finally {
    res.body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES).toString('utf8');
}

/** A safeFetch failure as the link problem it means. */
function problemOf(e: unknown, url: URL): { code: LinkProblem; message: string; status?: number } {
  if (e instanceof MediaStatusError)
    return REFUSING.has(e.status)
      ? {
          code: 'CHECK_REFUSED',
          status: e.status,
          message: `The site refused the check (HTTP ${e.status}); browsers may still open the page.`,
        }
      : { code: 'HTTP_STATUS', status: e.status, message: `The page answered HTTP ${e.status}.` };
  const err = e instanceof PinError ? e : null;
  const message = err?.message ?? String((e as Error)?.message ?? e);
  if (err?.code === 'MEDIA_URL_REFUSED' && /more than \d+ redirects/.test(message))
    return { code: 'TOO_MANY_REDIRECTS', message: `The link redirects too many times.` };
  if (err?.code === 'MEDIA_URL_REFUSED' && /loopback|private|localhost/.test(message))
    return {
      code: 'PRIVATE_HOST',
      message: `${url.host} is a local or private address: not checked.`,
    };
  if (/TIMEOUT|within|too slowly|timed out/i.test(message))
    return { code: 'TIMEOUT', message: `${redactUrl(url)} did not answer in time.` };
  return {
    code: 'UNREACHABLE',
    message: `${redactUrl(url)} could not be reached${/\(([A-Z_]+)\)/.exec(message)?.[1] ? ` (${/\(([A-Z_]+)\)/.exec(message)![1]})` : ''}.`,
  };
}

/**
 * Checks a pin's link the way a Pinterest user's browser would meet it, through the plugin's
 * SSRF-safe fetch: it must answer 2xx after at most `maxRedirects` redirects; http and a
 * canonical URL naming another page are reported; the page's Rich Pin tags are read. A local or
 * private host is never fetched (state `skipped`, with a note), unless allowlisted.
 */
export async function checkLink(link: string, opts: LinkCheckOptions): Promise<LinkCheckResult> {
  const checkedAt = (opts.now ?? (() => new Date()))().toISOString();
  const problems: LinkCheckResult['problems'] = [];
  const base = {
    url: link,
    checkedAt,
    httpStatus: null,
    finalUrl: null,
    canonical: null,
    richPin: null,
  };
  let url: URL;
  try {
    url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    problems.push({ code: 'UNREACHABLE', message: 'The link is not a web address.' });
    return { ...base, https: false, problems, ...verdict(problems) };
  }
  const https = url.protocol === 'https:';
  if (isLocalLiteral(url, opts.allowlist)) {
    problems.push({
      code: 'PRIVATE_HOST',
      message: `${url.host} is a local or private address: not checked.`,
    });
    return { ...base, https, problems, ...verdict(problems) };
  }
  let res: SafeResponse;
  try {
    res = await safeFetch(url, {
      allowlist: opts.allowlist,
      maxRedirects: opts.maxRedirects,
      timeoutMs: opts.timeoutMs,
      deadlineMs: opts.timeoutMs,
      minBytesPerSecond: 0,
      maxBytes: MAX_PAGE_BYTES,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
    });
  } catch (e) {
    const p = problemOf(e, url);
    problems.push({ code: p.code, message: p.message });
    if (!https) problems.push({ code: 'NOT_HTTPS', message: 'The link uses http, not https.' });
    return { ...base, https, httpStatus: p.status ?? null, problems, ...verdict(problems) };
  }
  const finalUrl = res.url.href !== url.href ? res.url.href : null;
  const finalHttps = res.url.protocol === 'https:';
  if (!finalHttps)
    problems.push({ code: 'NOT_HTTPS', message: 'The page is served over http, not https.' });
  const html = res.contentType === 'text/html' || res.contentType === 'application/xhtml+xml';
  if (!html) {
    res.body.destroy();
    problems.push({
      code: 'NOT_HTML',
      message: `The link opens ${res.contentType ?? 'something'} rather than a web page.`,
    });
    return {
      ...base,
      https: finalHttps,
      httpStatus: res.status,
      finalUrl,
      problems,
      ...verdict(problems),
    };
  }
  let head = '';
  try {
    head = await readHead(res);
  } catch {
    // the status answered; a body cut short only means no tags to report
  }
  const meta = readPageMeta(head);
  let canonical: LinkCheckResult['canonical'] = null;
  if (meta.canonical) {
    const matches = canonicalMatches(link, meta.canonical, res.url.href);
    let resolved = meta.canonical;
    try {
      resolved = new URL(meta.canonical, res.url).href;
    } catch {
      // kept as written
    }
    canonical = { url: resolved, matches };
    if (!matches)
      problems.push({
        code: 'CANONICAL_ELSEWHERE',
        message: `The page names ${resolved} as its canonical address.`,
      });
  } else {
    problems.push({ code: 'NO_CANONICAL', message: 'The page does not name its canonical URL.' });
  }
  return {
    ...base,
    https: finalHttps,
    httpStatus: res.status,
    finalUrl,
    canonical,
    richPin: richPinReadiness(meta),
    problems,
    ...verdict(problems),
  };
}

/**
 * The pin job's check: throws LINK_UNREACHABLE when the link is broken — retryable while
 * `attempt` < `retries` (a page being deployed), final after. Skipped and warning states pass.
 */
export async function assertLinkAlive(
  link: string | null,
  opts: LinkCheckOptions & { attempt: number; retries: number }
): Promise<LinkCheckResult | null> {
  if (!link) return null;
  const result = await checkLink(link, opts);
  if (result.state !== 'broken') return result;
  const why = result.problems.find((p) => p.code !== 'NOT_HTTPS')?.message ?? 'It failed.';
  throw new PinError(
    'LINK_UNREACHABLE',
    `The pin's link ${redactUrl(link)} does not work: ${why}`,
    {
      ...(result.httpStatus !== null && { httpStatus: result.httpStatus }),
      advice: result.advice ?? undefined,
      retryable: opts.attempt < opts.retries,
    }
  );
}
