/**
 * Slow hosts against a real loopback HTTP server: the idle timeout alone lets a host that trickles
 * a byte at a time hold a worker lane for hours. Downloads also have a total deadline and a
 * minimum rate, and a failed download closes its connection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAll, safeFetch } from '../../server/src/net/safe-fetch';
import { PinError } from '../../server/src/errors/pin-error';
import { DOWNLOAD_DEFAULTS } from '../../server/src/net/download-clock';
import { parsePluginConfig } from '../../server/src/config/schema';

let server: http.Server;
let port: number;
/** Resolves when the server sees the client's connection of the last request close. */
let lastClosed: Promise<void> = Promise.resolve();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    lastClosed = new Promise((resolve) => req.socket.on('close', () => resolve()));
    const url = new URL(req.url ?? '/', 'http://x');
    const every = Number(url.searchParams.get('every') ?? 100);
    const chunk = Number(url.searchParams.get('chunk') ?? 1);
    const total = Number(url.searchParams.get('total') ?? 100);
    if (url.pathname === '/silent') return; // never answers
    if (url.pathname !== '/trickle') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': total });
    let sent = 0;
    const timer = setInterval(() => {
      const n = Math.min(chunk, total - sent);
      res.write(Buffer.alloc(n, 1));
      sent += n;
      if (sent >= total) {
        clearInterval(timer);
        res.end();
      }
    }, every);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const opts = (extra: object = {}) => ({
  allowlist: [`127.0.0.1:${port}`],
  timeoutMs: 5_000, // the idle timeout: never reached by these hosts
  maxBytes: 1024 * 1024,
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<{ error: PinError; ms: number }> {
  const started = Date.now();
  const error = await p.then(
    () => null,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(PinError);
  return { error: error as PinError, ms: Date.now() - started };
}

it('a host trickling a byte at a time is dropped at the minimum rate', async () => {
  // 1 byte every 100 ms (10 B/s) for 100 bytes: today it would take 10 s and succeed
  const res = await safeFetch(
    `http://127.0.0.1:${port}/trickle?every=100&chunk=1&total=100`,
    opts({ minBytesPerSecond: 100, rateWindowMs: 500 })
  );
  const { error, ms } = await failure(readAll(res));
  expect(error.code).toBe('MEDIA_UNREACHABLE');
  expect(error.message).toMatch(/sending too slowly/);
  expect(error.retryable).toBe(false);
  expect(ms).toBeLessThan(2_000);
  await lastClosed; // the connection is closed, not left open
});

it('a host above the minimum rate is still stopped at the total deadline', async () => {
  // 50 bytes every 50 ms (1 kB/s) for 4 kB: above the rate, but 4 s in all
  const res = await safeFetch(
    `http://127.0.0.1:${port}/trickle?every=50&chunk=50&total=4000`,
    opts({ minBytesPerSecond: 100, rateWindowMs: 300, deadlineMs: 800 })
  );
  const { error, ms } = await failure(readAll(res));
  expect(error.code).toBe('MEDIA_UNREACHABLE');
  expect(error.message).toMatch(/not downloaded within 0.8 s/);
  expect(ms).toBeLessThan(1_500);
  await lastClosed;
});

it('the deadline counts the wait for headers too', async () => {
  const { error, ms } = await failure(
    safeFetch(`http://127.0.0.1:${port}/silent`, opts({ deadlineMs: 400 }))
  );
  expect(error.code).toBe('MEDIA_UNREACHABLE');
  expect(error.message).toMatch(/not downloaded within 0.4 s/);
  expect(ms).toBeLessThan(1_500);
  await lastClosed;
});

it('a download that keeps the rate and ends in time is read whole', async () => {
  const res = await safeFetch(
    `http://127.0.0.1:${port}/trickle?every=20&chunk=100&total=1000`,
    opts({ minBytesPerSecond: 100, rateWindowMs: 300, deadlineMs: 3_000 })
  );
  expect((await readAll(res)).length).toBe(1000);
});

it('the defaults are sane: a trickler is dropped within a minute, a 2 GB video fits the deadline', () => {
  const droppedAfterMs = DOWNLOAD_DEFAULTS.rateWindowMs;
  expect(droppedAfterMs).toBeLessThanOrEqual(60_000);
  expect(DOWNLOAD_DEFAULTS.minBytesPerSecond).toBeGreaterThan(1);
  // 2 GB at 2 MB/s
  expect(DOWNLOAD_DEFAULTS.deadlineMs).toBeGreaterThanOrEqual(((2 * 1024) / 2) * 1000);
});

it('the configuration defaults are the downloader defaults', () => {
  const { downloads } = parsePluginConfig({});
  expect(downloads).toEqual({
    deadlineMs: DOWNLOAD_DEFAULTS.deadlineMs,
    minBytesPerSecond: DOWNLOAD_DEFAULTS.minBytesPerSecond,
  });
  expect(() => parsePluginConfig({ downloads: { minBytesPerSecond: -1 } })).toThrow(
    /downloads\.minBytesPerSecond/
  );
});
