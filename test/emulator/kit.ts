/**
 * Shared by the emulator tests: HTTP calls with undici, a PNG built by hand, a tiny file server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { solidPng } from '../../emulator/src/png';

export const STATIC = 'pina_emulator_static_token';
export const BASIC = `Basic ${Buffer.from('1234567:emulator-secret').toString('base64')}`;

/**
 * A parsed answer as `JSON.parse` types it (any), like supertest's `body`: the tests read its
 * fields and their assertions check the shape.
 */
type ParsedJson = ReturnType<typeof JSON.parse>;

export interface Res<T = ParsedJson> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: T;
}

export async function call<T = ParsedJson>(
  base: string,
  method: string,
  path: string,
  opts: {
    token?: string | null;
    body?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {}
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== null) headers.authorization ??= `Bearer ${opts.token ?? STATIC}`;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await request(`${base}${path}`, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // the caller names the answer's type (JSON.parse's any by default); its assertions check it
  return { status: res.statusCode, headers: res.headers, text, json: json as T };
}

/** A real, valid PNG of the given size (the emulator's own encoder, grey). */
export const makePng = (width: number, height: number): Buffer =>
  solidPng(width, height, [128, 128, 128]);

/** A tiny HTTP server for media the emulator fetches; answers from a route table. */
export async function fileServer(routes: Record<string, (res: http.ServerResponse) => void>) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else {
      res.writeHead(404);
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
