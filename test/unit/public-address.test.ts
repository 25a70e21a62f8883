import {
  isAllowlisted,
  isNonPublicIp,
  looksPubliclyReachable,
} from '../../server/src/net/public-address';

/**
 * Every range of the IANA special-purpose registries (plus the deprecated IPv6 ranges the plugin
 * also refuses): one address inside, and the nearest public address just outside where there is
 * one.
 */
const IPV4: Array<[range: string, inside: string[], outside: string[]]> = [
  ['0.0.0.0/8 "this network"', ['0.0.0.0', '0.255.255.255'], ['1.0.0.0']],
  ['10.0.0.0/8 private', ['10.0.0.1', '10.255.255.255'], ['9.255.255.255', '11.0.0.0']],
  [
    '100.64.0.0/10 shared (CGNAT)',
    ['100.64.0.1', '100.127.255.255'],
    ['100.63.255.255', '100.128.0.0'],
  ],
  ['127.0.0.0/8 loopback', ['127.0.0.1', '127.255.255.254'], ['126.255.255.255', '128.0.0.0']],
  ['169.254.0.0/16 link-local', ['169.254.169.254'], ['169.253.255.255', '169.255.0.0']],
  ['172.16.0.0/12 private', ['172.16.0.9', '172.31.255.255'], ['172.15.255.255', '172.32.0.0']],
  ['192.0.0.0/24 IETF protocol assignments', ['192.0.0.8', '192.0.0.170'], ['192.0.1.0']],
  ['192.0.2.0/24 TEST-NET-1', ['192.0.2.1'], ['192.0.3.0']],
  ['192.31.196.0/24 AS112-v4', ['192.31.196.1'], ['192.31.197.0']],
  ['192.52.193.0/24 AMT', ['192.52.193.1'], ['192.52.194.0']],
  ['192.88.99.0/24 6to4 relay anycast', ['192.88.99.1'], ['192.88.100.0']],
  ['192.168.0.0/16 private', ['192.168.1.1'], ['192.167.255.255', '192.169.0.0']],
  ['192.175.48.0/24 AS112 direct delegation', ['192.175.48.1'], ['192.175.49.0']],
  [
    '198.18.0.0/15 benchmarking',
    ['198.18.0.1', '198.19.255.255'],
    ['198.17.255.255', '198.20.0.0'],
  ],
  ['198.51.100.0/24 TEST-NET-2', ['198.51.100.7'], ['198.51.101.0']],
  ['203.0.113.0/24 TEST-NET-3', ['203.0.113.9'], ['203.0.114.0']],
  ['224.0.0.0/4 multicast', ['224.0.0.1', '239.255.255.255'], ['223.255.255.255']],
  ['240.0.0.0/4 reserved', ['240.0.0.1', '254.255.255.255'], []],
  ['255.255.255.255/32 broadcast', ['255.255.255.255'], []],
];

const IPV6: Array<[range: string, inside: string[], outside: string[]]> = [
  ['::/128 unspecified', ['::'], []],
  ['::1/128 loopback', ['::1'], []],
  ['::/96 IPv4-compatible (deprecated)', ['::7f00:1', '::8.8.8.8'], []],
  [
    '::ffff:0:0/96 IPv4-mapped: judged by the IPv4 inside',
    ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:198.18.0.1'],
    ['::ffff:8.8.8.8', '::ffff:808:808'],
  ],
  ['::ffff:0:0:0/96 IPv4-translated (SIIT)', ['::ffff:0:808:808'], []],
  [
    '64:ff9b::/96 NAT64 well-known prefix: judged by the IPv4 inside',
    ['64:ff9b::7f00:1', '64:ff9b::a00:5', '64:ff9b::a9fe:a9fe', '64:ff9b::c612:1'],
    ['64:ff9b::808:808'],
  ],
  ['64:ff9b:1::/48 local-use NAT64', ['64:ff9b:1::808:808'], []],
  ['100::/64 discard-only', ['100::1'], []],
  ['100:0:0:1::/64 dummy prefix', ['100:0:0:1::1'], []],
  ['2001::/23 IETF protocol assignments', ['2001:1::1', '2001:1ff::1'], ['2001:200::1']],
  ['2001::/32 Teredo', ['2001:0:4136:e378:8000:63bf:3fff:fdd2'], []],
  ['2001:2::/48 benchmarking', ['2001:2::1'], []],
  ['2001:3::/32 AMT', ['2001:3::1'], []],
  ['2001:4:112::/48 AS112-v6', ['2001:4:112::1'], []],
  ['2001:10::/28 ORCHID (deprecated)', ['2001:10::1'], []],
  ['2001:20::/28 ORCHIDv2', ['2001:20::1'], []],
  ['2001:30::/28 drone remote ID', ['2001:30::1'], []],
  ['2001:db8::/32 documentation', ['2001:db8::1'], ['2001:db7:ffff::1', '2001:db9::1']],
  ['2002::/16 6to4', ['2002:7f00:1::1', '2002:a00:1::1', '2002:808:808::1'], ['2003::1']],
  ['2620:4f:8000::/48 AS112 direct delegation', ['2620:4f:8000::1'], ['2620:4f:8001::1']],
  ['3fff::/20 documentation', ['3fff::1', '3fff:fff::1'], ['3fff:1000::1']],
  ['5f00::/16 SRv6 SIDs', ['5f00::1'], []],
  ['fc00::/7 unique local', ['fc00::1', 'fd00::1'], []],
  ['fe80::/10 link-local', ['fe80::1', 'fe80::1%eth0'], []],
  ['fec0::/10 site-local (deprecated)', ['fec0::1', 'feff::1'], []],
  ['ff00::/8 multicast', ['ff02::1'], []],
  ['outside 2000::/3 (not allocated for global unicast)', ['4000::1', '1fff::1', 'e000::1'], []],
];

describe.each([...IPV4, ...IPV6])('%s', (_range, inside, outside) => {
  it.each(inside)('%s is not public', (ip) => expect(isNonPublicIp(ip)).toBe(true));
  if (outside.length) {
    it.each(outside)('%s (just outside) is public', (ip) => expect(isNonPublicIp(ip)).toBe(false));
  }
});

describe('public addresses', () => {
  it.each(['8.8.8.8', '151.101.1.1', '2606:4700::1111', '2000::1', '3fff:ffff::1', '[2a00::1]'])(
    '%s is public',
    (ip) => expect(isNonPublicIp(ip)).toBe(false)
  );

  it.each(['example.com', '0x7f.1', '2130706433', ''])('%s is not an IP literal', (s) =>
    expect(isNonPublicIp(s)).toBe(false)
  );

  it('treats localhost and private literals as unreachable for Pinterest unless allowlisted', () => {
    expect(looksPubliclyReachable(new URL('http://localhost:1337/uploads/a.jpg'), [])).toBe(false);
    expect(looksPubliclyReachable(new URL('http://127.0.0.1:1337/uploads/a.jpg'), [])).toBe(false);
    expect(
      looksPubliclyReachable(new URL('http://127.0.0.1:1337/uploads/a.jpg'), ['127.0.0.1:1337'])
    ).toBe(true);
    expect(looksPubliclyReachable(new URL('https://cdn.example.com/a.jpg'), [])).toBe(true);
    expect(looksPubliclyReachable(new URL('file:///etc/passwd'), [])).toBe(false);
  });

  it('treats the newly covered literals as unreachable for Pinterest', () => {
    for (const host of ['198.18.0.1', '[64:ff9b::a00:1]', '[2002:a00:1::1]', '[fec0::1]'])
      expect(looksPubliclyReachable(new URL(`http://${host}/a.jpg`), [])).toBe(false);
  });
});

describe('allowlist', () => {
  it('host:port allows that port only; a bare host allows every port', () => {
    expect(isAllowlisted(new URL('http://minio:9000/a.jpg'), ['minio:9000'])).toBe(true);
    expect(isAllowlisted(new URL('http://minio:22/a.jpg'), ['minio:9000'])).toBe(false);
    expect(isAllowlisted(new URL('http://minio/a.jpg'), ['minio:80'])).toBe(true);
    expect(isAllowlisted(new URL('http://minio:22/a.jpg'), ['minio'])).toBe(true);
    expect(isAllowlisted(new URL('http://[::1]:9000/a.jpg'), ['[::1]:9000'])).toBe(true);
  });
});
