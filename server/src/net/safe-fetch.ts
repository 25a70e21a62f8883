import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import { PinError } from '../errors/pin-error';
import {
  DOWNLOAD_DEFAULTS,
  startDownloadClock,
  type DownloadClock,
  type DownloadLimits,
} from './download-clock';
import { guardedLookup } from './guarded-lookup';
import { isAllowlisted, isAllowlistedHostPort, isNonPublicIp } from './public-address';
import { describeNetworkError, redactUrl } from './redact';

export { guardedLookup } from './guarded-lookup';

/**
 * Downloads media the plugin itself must read (video uploads, base64 fallbacks, URLs given to the
 * posts API) without becoming a proxy into the server's network:
 * - only http(s); at most `maxRedirects` redirects, each one checked like the first URL;
 * - loopback, private, link-local and other non-public addresses are refused after DNS resolution,
 *   at connect time (so a name that resolves to 127.0.0.1, or rebinds between check and connect,
 *   is refused too) — unless the allowlist names the host;
 * - size and time are capped: an idle timeout, a total deadline and a minimum rate (see
 *   `DownloadLimits`), and the caller checks the bytes are the media type claimed;
 * - error messages name the media without its query string and never say what a name resolved to.
 */
export interface SafeFetchOptions extends Partial<DownloadLimits> {
  /**
   * `host` or `host:port` entries allowed although they are not public (demo, tests, an intranet
   * CDN).
   */
  allowlist: readonly string[];
  /** Idle timeout: the longest wait for headers, or between two pieces of the body. */
  timeoutMs: number;
  /** Refuse bodies larger than this (by Content-Length, and while reading). */
  maxBytes: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  /** DNS lookup (tests inject one that maps a public-looking name to a private address). */
  lookup?: LookupFunction;
}

export interface SafeResponse {
  /** The final URL, after redirects. */
  url: URL;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Content-Length when the server sent one. */
  length: number | null;
  contentType: string | null;
  /**
   * The body; reading it past `maxBytes`, past the deadline or below the minimum rate fails with
   * a PinError.
   */
  body: Readable & AsyncIterable<Buffer>;
}

/** The media server answered with an error status: a definite answer, not a lost connection. */
export class MediaStatusError extends PinError {
  readonly status: number;
  constructor(status: number, url: URL) {
    super(
      'MEDIA_UNREACHABLE',
      `The media at ${redactUrl(url)} could not be downloaded (HTTP ${status}).`
    );
    this.status = status;
  }
}

const refused = (url: URL | string, why: string) =>
  new PinError('MEDIA_URL_REFUSED', `The media address ${redactUrl(url)} was refused: ${why}.`);

/** Throws unless `url` is http(s) and its literal host (if an IP) is public or allowlisted. */
export function checkMediaUrl(raw: string | URL, allowlist: readonly string[]): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new PinError('MEDIA_URL_REFUSED', `“${redactUrl(String(raw))}” is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refused(url, `only http and https are allowed, not ${url.protocol.replace(':', '')}`);
  if (url.username || url.password) throw refused(url, 'URLs with credentials are not allowed');
  if (isAllowlisted(url, allowlist)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost'))
    throw refused(url, 'it points at this server (localhost)');
  if (isIP(host) && isNonPublicIp(host))
    throw refused(url, `${host} is a loopback, private or link-local address`);
  return url;
}

const agents = new WeakMap<readonly string[], Map<LookupFunction | undefined, Agent>>();

/**
 * The connection pool for one allowlist (and test DNS): it connects through the guarded lookup,
 * except to a `host:port` the allowlist names — the port is known here, not in the lookup.
 */
function agentFor(opts: SafeFetchOptions): Agent {
  let byLookup = agents.get(opts.allowlist);
  if (!byLookup) {
    byLookup = new Map();
    agents.set(opts.allowlist, byLookup);
  }
  let agent = byLookup.get(opts.lookup);
  if (!agent) {
    const timeout = Math.min(opts.timeoutMs, 10_000);
    const guarded = buildConnector({ lookup: guardedLookup(opts.allowlist, opts.lookup), timeout });
    const trusted = buildConnector({ lookup: opts.lookup ?? dns.lookup, timeout });
    const allowlist = opts.allowlist;
    agent = new Agent({
      connect: (options, callback) => {
        const port = options.port || (options.protocol === 'https:' ? '443' : '80');
        const allowed = isAllowlistedHostPort(options.hostname, port, allowlist);
        return (allowed ? trusted : guarded)(options, callback);
      },
    });
    byLookup.set(opts.lookup, agent);
  }
  return agent;
}

const header = (
  h: Record<string, string | string[] | undefined>,
  name: string
): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The body as the caller reads it: capped at `maxBytes`, its rate watched by the clock, and every
 * failure a PinError that names the media (redacted).
 */
function watched(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  url: URL,
  clock: DownloadClock
): Readable & AsyncIterable<Buffer> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      count(chunk.length);
      if (seen > maxBytes)
        return done(
          new PinError(
            'MEDIA_TOO_LARGE',
            `The media at ${url.host} is larger than ${Math.round(maxBytes / 2 ** 20)} MB.`
          )
        );
      done(null, chunk);
    },
  });
  const count = clock.watchBody((e) => counter.destroy(e));
  body.on('error', (e) => {
    counter.destroy(
      clock.failure() ??
        (e instanceof PinError
          ? e
          : new PinError(
              'MEDIA_UNREACHABLE',
              `The media at ${redactUrl(url)} stopped downloading (${describeNetworkError(e)}).`
            ))
    );
  });
  counter.on('close', () => {
    clock.stop();
    if (!body.destroyed) body.destroy();
  });
  body.pipe(counter);
  return counter;
}

/** GET `url` safely (see the module comment). The caller must consume or destroy the body. */
export async function safeFetch(raw: string | URL, opts: SafeFetchOptions): Promise<SafeResponse> {
  const maxRedirects = opts.maxRedirects ?? 3;
  let url = checkMediaUrl(raw, opts.allowlist);
  const clock = startDownloadClock(
    {
      deadlineMs: opts.deadlineMs ?? DOWNLOAD_DEFAULTS.deadlineMs,
      minBytesPerSecond: opts.minBytesPerSecond ?? DOWNLOAD_DEFAULTS.minBytesPerSecond,
      rateWindowMs: opts.rateWindowMs ?? DOWNLOAD_DEFAULTS.rateWindowMs,
    },
    () => redactUrl(url)
  );
  try {
    for (let hop = 0; ; hop += 1) {
      const res = await get(url, opts, clock);
      if (res.statusCode >= 300 && res.statusCode < 400 && header(res.headers, 'location')) {
        await res.body.dump();
        if (hop >= maxRedirects) throw refused(url, `more than ${maxRedirects} redirects`);
        url = checkMediaUrl(new URL(header(res.headers, 'location')!, url), opts.allowlist);
        continue;
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        await res.body.dump();
        throw new MediaStatusError(res.statusCode, url);
      }
      const lengthHeader = header(res.headers, 'content-length');
      const length =
        lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
      if (length !== null && length > opts.maxBytes) {
        res.body.on('error', () => undefined).destroy();
        throw new PinError(
          'MEDIA_TOO_LARGE',
          `The media at ${url.host} is ${(length / 2 ** 20).toFixed(1)} MB; at most ${Math.round(opts.maxBytes / 2 ** 20)} MB is accepted.`
        );
      }
      return {
        url,
        status: res.statusCode,
        headers: res.headers,
        length,
        contentType:
          header(res.headers, 'content-type')?.split(';')[0].trim().toLowerCase() ?? null,
        body: watched(res.body, opts.maxBytes, url, clock),
      };
    }
  } catch (e) {
    clock.stop();
    throw clock.failure() ?? e;
  }
}

/** One request of `safeFetch`; connection failures become PinErrors. */
async function get(
  url: URL,
  opts: SafeFetchOptions,
  clock: DownloadClock
): Promise<Dispatcher.ResponseData> {
  try {
    return await request(url, {
      method: 'GET',
      dispatcher: agentFor(opts),
      headers: { 'user-agent': 'strapi-plugin-pinterest', ...opts.headers },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      signal: clock.signal,
    });
  } catch (e) {
    const err = e as { code?: string; message?: string; cause?: { code?: string } };
    if (err.code === 'EPRIVATEADDRESS' || err.cause?.code === 'EPRIVATEADDRESS') {
      throw refused(url, `${url.hostname} resolves to a loopback, private or link-local address`);
    }
    throw (
      clock.failure() ??
      new PinError(
        'MEDIA_UNREACHABLE',
        `The media at ${redactUrl(url)} could not be downloaded (${describeNetworkError(e)}).`
      )
    );
  }
}

/** Reads a whole (small) body into memory, within the response's size cap. */
export async function readAll(res: SafeResponse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
