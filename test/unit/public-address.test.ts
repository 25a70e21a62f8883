import { isNonPublicIp, looksPubliclyReachable } from '../../server/src/net/public-address';

describe('public addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.9',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '0.0.0.0',
  ])('%s is not public', (ip) => expect(isNonPublicIp(ip)).toBe(true));

  it.each(['8.8.8.8', '151.101.1.1', '2606:4700::1111'])('%s is public', (ip) =>
    expect(isNonPublicIp(ip)).toBe(false)
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
});
