import { BlockList, isIP } from 'node:net';

/**
 * Address ranges that are never "public": loopback, private, link-local, CGNAT, unique-local,
 * unspecified.
 */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** True for an IP literal in a loopback, private, link-local or otherwise non-public range. */
export function isNonPublicIp(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 6 && bare.toLowerCase().startsWith('::ffff:')) {
    const rest = bare.slice(7);
    // WHATWG URLs write IPv4-mapped addresses in hex (::ffff:7f00:1): turn them back into dotted
    // form
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
      return isNonPublicIp(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return isNonPublicIp(rest);
  }
  return NOT_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether `url`'s host is named in the allowlist (`host` or `host:port`). */
export function isAllowlisted(url: URL, allowlist: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowlist.some((entry) => {
    const e = entry.toLowerCase();
    return e === host || e === `${host}:${port}` || e === url.host.toLowerCase();
  });
}

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
