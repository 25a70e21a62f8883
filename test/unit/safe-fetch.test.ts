/**
 * The media downloader against a real local HTTP server: SSRF attempts are refused with a clear,
 * typed error (literal private addresses, names that resolve to one, redirects to one), size and
 * scheme are capped, and an allowlisted host (how the demo and tests reach the emulator) works.
 */
import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { checkMediaUrl, readAll, safeFetch } from '../../server/src/net/safe-fetch';
import { PinError } from '../../server/src/errors/pin-error';
import { redactUrl } from '../../server/src/net/redact';
import { checkPublicHost } from '../../server/src/posts/public-host';
import { checkRemoteImage } from '../../server/src/posts/remote-image';

let server: http.Server;
let port: number;
const BYTES = Buffer.alloc(4096, 7);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/file')
      return res
        .writeHead(200, { 'content-type': 'video/mp4', 'content-length': BYTES.length })
        .end(BYTES);
    if (url.pathname === '/chunked') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      for (let i = 0; i < 8; i += 1) res.write(BYTES);
      return res.end();
    }
    if (url.pathname === '/redirect')
      return res.writeHead(302, { location: url.searchParams.get('to') ?? '/file' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const base = { timeoutMs: 5_000, maxBytes: 1024 * 1024 };
const allowed = () => ({ ...base, allowlist: [`127.0.0.1:${port}`] });

/**
 * A DNS that answers like a hostile one: public-looking names that point into the private network.
 */
const hostileDns: LookupFunction = ((
  hostname: string,
  options: { all?: boolean },
  cb: (...a: unknown[]) => void
) => {
  const table: Record<string, string> = {
    'media.example.com': '127.0.0.1',
    'metadata.example.com': '169.254.169.254',
    'intranet.example.com': '10.0.0.5',
  };
  const address = table[hostname];
  if (!address)
    return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
  return options.all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4);
}) as unknown as LookupFunction;

async function refusal(p: Promise<unknown>): Promise<PinError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  );
  expect(e).toBeInstanceOf(PinError);
  return e as PinError;
}

describe('refused addresses', () => {
  it.each([
    ['loopback literal', () => `http://127.0.0.1:${port}/file`],
    ['cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', () => `http://[::1]:${port}/file`],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/file`],
    ['private range', () => 'http://192.168.1.10/video.mp4'],
    ['localhost by name', () => `http://localhost:${port}/file`],
  ])('%s', async (_label, url) => {
    const e = await refusal(safeFetch(url(), { ...base, allowlist: [] }));
    expect(e.code).toBe('MEDIA_URL_REFUSED');
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/refused/);
  });

  it.each([
    ['file://', 'file:///etc/passwd', /only http and https/],
    ['ftp://', 'ftp://example.com/x.mp4', /only http and https/],
    ['credentials', 'https://user:pw@example.com/x.mp4', /credentials/],
    ['not a URL', 'not a url', /not an absolute URL/],
  ])('%s', async (_label, url, why) => {
    const e = await refusal(safeFetch(url, { ...base, allowlist: [] }));
    expect(e.code).toBe('MEDIA_URL_REFUSED');
    expect(e.message).toMatch(why);
  });

  it('a public name that resolves to a private address is refused at connect time', async () => {
    const e = await refusal(
      safeFetch(`http://media.example.com:${port}/file`, {
        ...base,
        allowlist: [],
        lookup: hostileDns,
      })
    );
    expect(e.code).toBe('MEDIA_URL_REFUSED');
    expect(e.message).toContain('media.example.com resolves to a loopback, private');
    // what an internal name resolves to is not told
    expect(e.message).not.toContain('127.0.0.1');
  });

  it('a name resolving to the metadata address is refused', async () => {
    const e = await refusal(
      safeFetch('http://metadata.example.com/latest/meta-data/', {
        ...base,
        allowlist: [],
        lookup: hostileDns,
      })
    );
    expect(e.message).toContain('metadata.example.com');
    expect(e.message).not.toContain('169.254.169.254');
  });

  it('a redirect to a private address literal is refused', async () => {
    const e = await refusal(
      safeFetch(
        `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent('http://10.1.2.3/secret')}`,
        allowed()
      )
    );
    expect(e.code).toBe('MEDIA_URL_REFUSED');
    expect(e.message).toContain('10.1.2.3');
  });

  it('a redirect to a name resolving to a private address is refused', async () => {
    const to = encodeURIComponent('http://intranet.example.com/secret');
    const e = await refusal(
      safeFetch(`http://127.0.0.1:${port}/redirect?to=${to}`, { ...allowed(), lookup: hostileDns })
    );
    expect(e.code).toBe('MEDIA_URL_REFUSED');
    expect(e.message).toContain('intranet.example.com');
    expect(e.message).not.toContain('10.0.0.5');
  });

  it('too many redirects are refused', async () => {
    const self = `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/redirect?to=/redirect`)}`;
    const e = await refusal(safeFetch(self, { ...allowed(), maxRedirects: 1 }));
    expect(e.message).toMatch(/more than 1 redirects/);
  });
});

describe('allowed fetches', () => {
  it('an allowlisted host:port is fetched, with its type and length', async () => {
    const res = await safeFetch(`http://127.0.0.1:${port}/file`, allowed());
    expect(res.contentType).toBe('video/mp4');
    expect(res.length).toBe(BYTES.length);
    expect((await readAll(res)).equals(BYTES)).toBe(true);
  });

  it('a same-host redirect is followed', async () => {
    const res = await safeFetch(`http://127.0.0.1:${port}/redirect?to=/file`, allowed());
    expect(res.url.pathname).toBe('/file');
    expect((await readAll(res)).length).toBe(BYTES.length);
  });

  it('the allowlist entry for another port does not open this one', () => {
    expect(() => checkMediaUrl(`http://127.0.0.1:${port + 1}/file`, [`127.0.0.1:${port}`])).toThrow(
      /refused/
    );
  });

  it('public addresses pass the literal check', () => {
    expect(checkMediaUrl('https://i.pinimg.com/originals/x.jpg', []).host).toBe('i.pinimg.com');
    expect(checkMediaUrl('http://93.184.216.34/x.mp4', []).hostname).toBe('93.184.216.34');
  });
});

describe('size caps', () => {
  it('refuses by Content-Length before reading', async () => {
    const e = await refusal(
      safeFetch(`http://127.0.0.1:${port}/file`, { ...allowed(), maxBytes: 1000 })
    );
    expect(e.code).toBe('MEDIA_TOO_LARGE');
  });

  it('stops a chunked body once it passes the cap', async () => {
    const res = await safeFetch(`http://127.0.0.1:${port}/chunked`, {
      ...allowed(),
      maxBytes: 10_000,
    });
    expect(res.length).toBeNull();
    const e = await refusal(readAll(res));
    expect(e.code).toBe('MEDIA_TOO_LARGE');
  });

  it('a 404 is a clear unreachable error', async () => {
    const e = await refusal(safeFetch(`http://127.0.0.1:${port}/missing`, allowed()));
    expect(e.code).toBe('MEDIA_UNREACHABLE');
    expect(e.message).toContain('HTTP 404');
  });
});

describe('allowlist ports (a host:port entry opens that port only)', () => {
  let other: http.Server;
  let otherPort: number;
  beforeAll(async () => {
    other = http.createServer((_req, res) => res.writeHead(200).end('internal service'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherPort = (other.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => other.close(resolve)));

  const opts = () => ({ ...base, allowlist: [`media.example.com:${port}`], lookup: hostileDns });

  it('the named port of a name resolving to a private address is fetched', async () => {
    const res = await safeFetch(`http://media.example.com:${port}/file`, opts());
    expect((await readAll(res)).equals(BYTES)).toBe(true);
  });

  it('another port of the same name is refused at connect time', async () => {
    const e = await refusal(safeFetch(`http://media.example.com:${otherPort}/x`, opts()));
    expect(e.code).toBe('MEDIA_URL_REFUSED');
  });

  it('a redirect from the named port to another port of the same name is refused', async () => {
    const to = encodeURIComponent(`http://media.example.com:${otherPort}/x`);
    const e = await refusal(
      safeFetch(`http://media.example.com:${port}/redirect?to=${to}`, opts())
    );
    expect(e.code).toBe('MEDIA_URL_REFUSED');
  });

  it('the DNS check of the posts API honours the port too', async () => {
    const allowlist = ['intranet.example.com:9000'];
    const check = (url: string) => checkPublicHost(url, allowlist, { lookup: hostileDns });
    await expect(check('http://intranet.example.com:9000/a.jpg')).resolves.toEqual({ ok: true });
    const other = await check('http://intranet.example.com:22/a.jpg');
    expect(other).toMatchObject({ ok: false, reason: 'private' });
    // a bare host entry still allows every port
    await expect(
      checkPublicHost('http://intranet.example.com:22/a.jpg', ['intranet.example.com'], {
        lookup: hostileDns,
      })
    ).resolves.toEqual({ ok: true });
  });
});

describe('error messages are redacted', () => {
  const SECRET = 'Zm9vYmFyc2VjcmV0';
  const signed = (path: string) =>
    `${path}?X-Amz-Credential=AKIA%2F${SECRET}&X-Amz-Signature=${SECRET}&token=${SECRET}#${SECRET}`;

  it('an HTTP failure names the media without its signature', async () => {
    const e = await refusal(safeFetch(signed(`http://127.0.0.1:${port}/missing`), allowed()));
    expect(e.message).toContain(
      `http://127.0.0.1:${port}/missing?X-Amz-Credential=***&X-Amz-Signature=***&token=***`
    );
    expect(e.message).not.toContain(SECRET);
  });

  it('a refused address and a refused name keep their query secret', async () => {
    const literal = await refusal(
      safeFetch(signed('http://10.1.2.3/a.jpg'), { ...base, allowlist: [] })
    );
    expect(literal.message).not.toContain(SECRET);
    const named = await refusal(
      safeFetch(signed('http://intranet.example.com/a.jpg'), {
        ...base,
        allowlist: [],
        lookup: hostileDns,
      })
    );
    expect(named.message).not.toContain(SECRET);
    expect(named.message).not.toContain('10.0.0.5');
  });

  it('a connection failure is named by its code, without the query', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const e = await refusal(
      safeFetch(signed(`http://127.0.0.1:${closedPort}/a.jpg`), {
        ...base,
        allowlist: [`127.0.0.1:${closedPort}`],
      })
    );
    expect(e.code).toBe('MEDIA_UNREACHABLE');
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.message).not.toContain(SECRET);
  });

  it('the posts API DNS check neither tells the address nor the query', async () => {
    const check = await checkPublicHost(signed('http://intranet.example.com/a.jpg'), [], {
      lookup: hostileDns,
    });
    expect(check.ok).toBe(false);
    const message = check.ok ? '' : check.message;
    expect(message).toContain('intranet.example.com');
    expect(message).not.toContain('10.0.0.5');
    expect(message).not.toContain(SECRET);
  });

  it('an image check names the media without its signature', async () => {
    const e = await refusal(
      checkRemoteImage(signed(`http://127.0.0.1:${port}/file`), {
        allowlist: [`127.0.0.1:${port}`],
        timeoutMs: 5_000,
      })
    );
    expect(e.code).toBe('MEDIA_UNSUPPORTED');
    expect(e.message).not.toContain(SECRET);
  });

  it('redactUrl keeps scheme, host, port, path and the names of the query only', () => {
    expect(redactUrl('https://u:p@cdn.example.com:8443/a/b.jpg?sig=1&x#frag')).toBe(
      'https://cdn.example.com:8443/a/b.jpg?sig=***&x=***'
    );
    expect(redactUrl('https://cdn.example.com/a.jpg')).toBe('https://cdn.example.com/a.jpg');
    expect(redactUrl('not a url?token=1')).toBe('not a url');
  });
});
