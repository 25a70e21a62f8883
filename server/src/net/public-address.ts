import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses count as "public". The IANA special-purpose address registries (IPv4 and
 * IPv6) are read through `ipaddr.js`'s `range()`: an address is public only when it falls in none
 * of them (`unicast`). On top of the registries:
 * - IPv6 outside 2000::/3, the only space IANA allocates for global unicast, is never public (this
 *   covers the deprecated IPv4-compatible ::/96 and site-local fec0::/10, and anything IANA has
 *   not allocated yet);
 * - addresses that carry an IPv4 address (IPv4-mapped ::ffff:0:0/96, and the NAT64 well-known
 *   prefix 64:ff9b::/96) are public only when the IPv4 address inside is;
 * - the other transition ranges (6to4 2002::/16, Teredo 2001::/32, local-use NAT64
 *   64:ff9b:1::/48, SIIT ::ffff:0:0:0/96) are refused outright.
 */
const EMBEDS_IPV4: ReadonlyArray<[ipaddr.IPv6, number]> = [
  [ipaddr.IPv6.parse('::ffff:0:0'), 96],
  [ipaddr.IPv6.parse('64:ff9b::'), 96],
];
const GLOBAL_UNICAST: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('2000::'), 3];

function isPublicIpv6(ip: ipaddr.IPv6): boolean {
  if (EMBEDS_IPV4.some((range) => ip.match(range))) {
    const [a, b, c, d] = ip.toByteArray().slice(12);
    return isPublicIpv4(new ipaddr.IPv4([a, b, c, d]));
  }
  return ip.match(GLOBAL_UNICAST) && ip.range() === 'unicast';
}

const isPublicIpv4 = (ip: ipaddr.IPv4): boolean => ip.range() === 'unicast';

/**
 * True for an IP literal in any non-public range (loopback, private, link-local, shared, reserved,
 * documentation, benchmarking, multicast, transition ranges…); false for a public address or for a
 * string that is not an IP literal. Brackets and an IPv6 zone (`%eth0`) are ignored.
 */
export function isNonPublicIp(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // node:net's parser first: ipaddr.js also reads legacy forms (`0x7f.1`) that are not literals
  // here
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 4) return !isPublicIpv4(ipaddr.IPv4.parse(bare));
  // the WHATWG form (hex only) first: ipaddr.js reads `::8.8.8.8` as IPv4-mapped, whereas the
  // socket connects to the IPv4-compatible ::808:808
  const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return !isPublicIpv6(ipaddr.IPv6.parse(canonical));
}

/** Whether `url`'s host and port are named in the allowlist (`host` alone allows every port). */
export function isAllowlisted(url: URL, allowlist: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return isAllowlistedHostPort(host, port, allowlist);
}

/** Whether `host` at `port` is named in the allowlist, as `host` or `host:port`. */
export function isAllowlistedHostPort(
  host: string,
  port: string | number,
  allowlist: readonly string[]
): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return allowlist.some((entry) => {
    const e = entry.toLowerCase();
    return e === h || e === `${h}:${port}` || e === `[${h}]:${port}`;
  });
}

/** The allowlist entries that name a host without a port (they allow every port of it). */
export const portlessHosts = (allowlist: readonly string[]): Set<string> =>
  new Set(
    allowlist
      .map((e) => e.toLowerCase())
      .filter((e) => !/:\d+$/.test(e) || isIP(e) === 6)
      .map((e) => e.replace(/^\[|\]$/g, ''))
  );

/**
 * Whether Pinterest can be expected to fetch `url` itself: http(s), and a host that is not a
 * loopback/private address or `localhost` — unless the allowlist names it.
 */
export function looksPubliclyReachable(url: URL, allowlist: readonly string[]): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (isAllowlisted(url, allowlist)) return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  )
    return false;
  if (isIP(host)) return !isNonPublicIp(host);
  return host.includes('.');
}
