import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { guardedLookup } from '../net/guarded-lookup';
import { redactUrl } from '../net/redact';
import { isAllowlisted } from '../net/public-address';
import { PinError } from '../errors/pin-error';

export type HostCheck =
  { ok: true } | { ok: false; reason: 'private' | 'not-found'; message: string };

/**
 * The DNS half of the media-address check (the literal half is `checkMediaUrl`): a public-looking
 * name must not resolve to a loopback, private or link-local address, unless the allowlist names
 * it with this URL's port (or with no port). Messages never say what the name resolved to.
 * Uses the same guarded lookup the downloader connects with. A name that does not exist is
 * reported;
 * a DNS that is slow or failing otherwise lets the address through (the worker checks again when it
 * sends, and its downloads connect only to public addresses).
 */
export async function checkPublicHost(
  raw: string,
  allowlist: readonly string[],
  opts: { lookup?: LookupFunction; timeoutMs?: number } = {}
): Promise<HostCheck> {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) || isAllowlisted(url, allowlist)) return { ok: true };
  const lookup = guardedLookup(allowlist, opts.lookup ?? dns.lookup);
  const outcome = await new Promise<HostCheck>((resolve) => {
    const timer = setTimeout(() => resolve({ ok: true }), opts.timeoutMs ?? 5_000);
    timer.unref?.();
    lookup(host, { all: true }, (err: (NodeJS.ErrnoException & { code?: string }) | null) => {
      clearTimeout(timer);
      if (!err) return resolve({ ok: true });
      if (err.code === 'EPRIVATEADDRESS') {
        return resolve({
          ok: false,
          reason: 'private',
          message: `The media address ${redactUrl(url)} was refused: ${err.message}.`,
        });
      }
      if (err.code === 'ENOTFOUND') {
        return resolve({
          ok: false,
          reason: 'not-found',
          message: `The media address ${redactUrl(url)} cannot be fetched: the host ${host} does not exist (DNS).`,
        });
      }
      resolve({ ok: true });
    });
  });
  return outcome;
}

/** Throws `MEDIA_URL_REFUSED` when `raw` names a host that resolves to a non-public address. */
export async function assertPublicHost(
  raw: string,
  allowlist: readonly string[],
  lookup?: LookupFunction
): Promise<void> {
  const check = await checkPublicHost(raw, allowlist, { lookup });
  if (!check.ok && check.reason === 'private')
    throw new PinError('MEDIA_URL_REFUSED', check.message);
}
