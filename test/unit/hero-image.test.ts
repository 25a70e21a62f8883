/**
 * An entry's hero at a public (or allowlisted) address goes to Pinterest as `image_url`. Its first
 * bytes are checked first, against a real loopback server: an address that answers a web page or
 * a definite error stops the job with a typed reason before any write; one that cannot be reached
 * from here is still left to Pinterest.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveImageSource, type MediaSourceContext } from '../../server/src/media/media-source';
import type { ChosenImage } from '../../server/src/mapping/media';
import { PinError } from '../../server/src/errors/pin-error';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 1)]);
const HTML = '<!doctype html><html><head><title>Sign in</title></head><body>…</body></html>';
const seen: string[] = [];
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${url.pathname} ${req.headers.range ?? ''}`);
    if (url.pathname === '/hero.jpg')
      return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (url.pathname === '/login.jpg')
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
    if (url.pathname === '/busy.jpg') return res.writeHead(503).end('busy');
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const ctx = (): MediaSourceContext => ({
  allowlist: [`127.0.0.1:${port}`],
  publicDir: '/nonexistent',
  timeoutMs: 5_000,
});
const hero = (url: string): ChosenImage => ({
  kind: 'image',
  url,
  mime: 'image/jpeg',
  width: 1000,
  height: 1500,
  bytes: 2052,
  variant: 'original',
});

async function refusal(p: Promise<unknown>): Promise<PinError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  );
  expect(e).toBeInstanceOf(PinError);
  return e as PinError;
}

it('an image answer goes to Pinterest as image_url, after a ranged read of its first bytes', async () => {
  seen.length = 0;
  const url = `http://127.0.0.1:${port}/hero.jpg?v=2`;
  await expect(resolveImageSource(hero(url), ctx())).resolves.toEqual({
    source_type: 'image_url',
    url,
  });
  expect(seen).toEqual(['/hero.jpg bytes=0-511']);
});

it('an address that answers a web page is refused before any write, with a typed reason', async () => {
  const e = await refusal(
    resolveImageSource(hero(`http://127.0.0.1:${port}/login.jpg?token=s3cr3t`), ctx())
  );
  expect(e.code).toBe('MEDIA_UNSUPPORTED');
  expect(e.retryable).toBe(false);
  expect(e.message).toMatch(/is not an image \(text\/html\)/);
  expect(e.message).not.toContain('s3cr3t');
  expect(e.advice).toMatch(/does not answer with the image itself/);
});

it('an address that answers 404 is refused before any write', async () => {
  const e = await refusal(resolveImageSource(hero(`http://127.0.0.1:${port}/gone.jpg`), ctx()));
  expect(e.code).toBe('MEDIA_UNREACHABLE');
  expect(e.message).toContain('HTTP 404');
});

it('an answer that is not now (503) or no answer leaves the address to Pinterest', async () => {
  const busy = `http://127.0.0.1:${port}/busy.jpg`;
  await expect(resolveImageSource(hero(busy), ctx())).resolves.toEqual({
    source_type: 'image_url',
    url: busy,
  });
  // a public-looking name this server cannot resolve (Pinterest may: split-horizon DNS)
  const unknown = 'https://cdn.does-not-exist.invalid/hero.jpg';
  await expect(resolveImageSource(hero(unknown), ctx())).resolves.toEqual({
    source_type: 'image_url',
    url: unknown,
  });
});
