import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, Transform, type Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { PinError } from '../errors/pin-error';
import { isAllowlisted, isNonPublicIp } from './public-address';

/**
 * Downloads media the plugin itself must read (video uploads, base64 fallbacks, URLs given to the
 * posts API) without becoming a proxy into the server's network:
 * - only http(s); at most `maxRedirects` redirects, each one checked like the first URL;
 * - loopback, private, link-local and other non-public addresses are refused after DNS resolution,
 *   at connect time (so a name that resolves to 127.0.0.1, or rebinds between check and connect,
 *   is refused too) — unless the allowlist names the host;
 * - size and time are capped, and the caller checks the bytes are the media type claimed.
 */
export interface SafeFetchOptions {
  /**
   * `host` or `host:port` entries allowed although they are not public (demo, tests, an intranet
   * CDN).
   */
  allowlist: readonly string[];
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
  /** The body; reading it past `maxBytes` fails with MEDIA_TOO_LARGE. */
  body: Readable & AsyncIterable<Buffer>;
}

const refused = (url: URL | string, why: string) =>
  new PinError('MEDIA_URL_REFUSED', `The media address ${String(url)} was refused: ${why}.`);

/** Throws unless `url` is http(s) and its literal host (if an IP) is public or allowlisted. */
export function checkMediaUrl(raw: string | URL, allowlist: readonly string[]): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new PinError(
      'MEDIA_URL_REFUSED',
      `“${String(raw).slice(0, 200)}” is not an absolute URL.`
    );
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

/** A DNS lookup that fails for names resolving to non-public addresses (unless allowlisted). */
export function guardedLookup(
  allowlist: readonly string[],
  base: LookupFunction = dns.lookup
): LookupFunction {
  const allowedHosts = new Set(allowlist.map((e) => e.toLowerCase().replace(/:\d+$/, '')));
  return ((
    hostname: string,
    options: dns.LookupOptions,
    callback: (...args: unknown[]) => void
  ) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }];
      if (!allowedHosts.has(hostname.toLowerCase())) {
        const bad = list.find((a) => isNonPublicIp(a.address));
        if (bad) {
          const e = Object.assign(
            new Error(
              `${hostname} resolves to ${bad.address}, a loopback, private or link-local address`
            ),
            { code: 'EPRIVATEADDRESS' }
          );
          return callback(e);
        }
      }
      if (options?.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  }) as LookupFunction;
}

const agents = new WeakMap<readonly string[], Map<LookupFunction | undefined, Agent>>();

function agentFor(opts: SafeFetchOptions): Agent {
  let byLookup = agents.get(opts.allowlist);
  if (!byLookup) {
    byLookup = new Map();
    agents.set(opts.allowlist, byLookup);
  }
  let agent = byLookup.get(opts.lookup);
  if (!agent) {
    agent = new Agent({
      connect: {
        lookup: guardedLookup(opts.allowlist, opts.lookup),
        timeout: Math.min(opts.timeoutMs, 10_000),
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

function capped(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  url: URL
): Readable & AsyncIterable<Buffer> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
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
  // errors either side end both; the caller sees them on the returned stream
  pipeline(body, counter, () => undefined);
  return counter;
}

/** GET `url` safely (see the module comment). The caller must consume or destroy the body. */
export async function safeFetch(raw: string | URL, opts: SafeFetchOptions): Promise<SafeResponse> {
  const maxRedirects = opts.maxRedirects ?? 3;
  let url = checkMediaUrl(raw, opts.allowlist);
  for (let hop = 0; ; hop += 1) {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'GET',
        dispatcher: agentFor(opts),
        headers: { 'user-agent': 'strapi-plugin-pinterest', ...opts.headers },
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
      });
    } catch (e) {
      const err = e as {
        code?: string;
        message?: string;
        cause?: { code?: string; message?: string };
      };
      if (err.code === 'EPRIVATEADDRESS' || err.cause?.code === 'EPRIVATEADDRESS') {
        throw refused(url, err.cause?.message ?? err.message ?? 'private address');
      }
      throw new PinError(
        'MEDIA_UNREACHABLE',
        `The media at ${url.toString()} could not be downloaded (${err.code ?? err.cause?.code ?? err.message ?? 'network error'}).`
      );
    }
    if (res.statusCode >= 300 && res.statusCode < 400 && header(res.headers, 'location')) {
      await res.body.dump();
      if (hop >= maxRedirects) throw refused(url, `more than ${maxRedirects} redirects`);
      url = checkMediaUrl(new URL(header(res.headers, 'location')!, url), opts.allowlist);
      continue;
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump();
      throw new PinError(
        'MEDIA_UNREACHABLE',
        `The media at ${url.toString()} could not be downloaded (HTTP ${res.statusCode}).`
      );
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
      contentType: header(res.headers, 'content-type')?.split(';')[0].trim().toLowerCase() ?? null,
      body: capped(res.body, opts.maxBytes, url),
    };
  }
}

/** Reads a whole (small) body into memory, within the response's size cap. */
export async function readAll(res: SafeResponse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
