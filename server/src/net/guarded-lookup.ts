import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isNonPublicIp, portlessHosts } from './public-address';

/**
 * A DNS lookup that fails (code `EPRIVATEADDRESS`) for a name resolving to a non-public address.
 * It knows the name but not the port, so only allowlist entries without a port (`minio`) let a
 * name through here; a `host:port` entry is honoured where the port is known (the downloader's
 * connector, `checkPublicHost`). The error names the host, never the address it resolved to.
 */
export function guardedLookup(
  allowlist: readonly string[],
  base: LookupFunction = dns.lookup
): LookupFunction {
  const allowedHosts = portlessHosts(allowlist);
  return ((
    hostname: string,
    options: dns.LookupOptions,
    callback: (...args: unknown[]) => void
  ) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }];
      if (!allowedHosts.has(hostname.toLowerCase()) && list.some((a) => isNonPublicIp(a.address))) {
        const e = Object.assign(
          new Error(`${hostname} resolves to a loopback, private or link-local address`),
          { code: 'EPRIVATEADDRESS' }
        );
        return callback(e);
      }
      if (options?.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  }) as LookupFunction;
}
