import { request } from 'undici';
import supertest from 'supertest';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Emulator } from '../../emulator/src';

/**
 * The flow cookie the authorize route set, per state: what the browser that started the flow would
 * send back to the callback.
 */
const flowCookies = new Map<string, string>();

/** The `name=value` pairs of a response's Set-Cookie headers (attributes dropped). */
const cookiePairs = (setCookie: string | string[] | undefined): string[] =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(';')[0]);

/** A booted Strapi, or the base URL of one running in another process. */
type Target = Core.Strapi | string;
const agent = (target: Target) =>
  supertest(typeof target === 'string' ? target : target.server.httpServer);

/**
 * Asks the plugin for the consent URL, approves it on the emulator's page, and returns the redirect
 * back (the browser's flow cookie is remembered for `followCallback`).
 */
export async function consent(
  strapi: Target,
  jwt: string,
  opts: { scopes?: string[]; decision?: 'allow' | 'deny' } = {}
): Promise<string> {
  const start = await agent(strapi)
    .post('/pinterest/connection/authorize')
    .set('Authorization', `Bearer ${jwt}`)
    .send({});
  if (start.status !== 200)
    throw new Error(`authorize answered ${start.status}: ${JSON.stringify(start.body)}`);
  const authorizeUrl = new URL(start.body.url as string);
  const cookie = cookiePairs(start.headers['set-cookie']).join('; ');
  if (cookie) flowCookies.set(authorizeUrl.searchParams.get('state') ?? '', cookie);
  const scopes = opts.scopes ?? (authorizeUrl.searchParams.get('scope') ?? '').split(',');
  const form = new URLSearchParams([
    ['decision', opts.decision ?? 'allow'],
    ...scopes.map((s) => ['scope', s] as [string, string]),
  ]);
  const res = await request(authorizeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await res.body.dump();
  if (res.statusCode !== 302) throw new Error(`the consent page answered ${res.statusCode}`);
  return String(res.headers.location);
}

/**
 * Follows the redirect back to Strapi's callback (as the browser would, without admin headers,
 * with the cookie of the browser that started the flow, or `opts.cookie`: null for none).
 */
export async function followCallback(
  strapi: Target,
  callbackUrl: string,
  opts: { cookie?: string | null } = {}
) {
  const url = new URL(callbackUrl);
  const cookie =
    opts.cookie === undefined ? flowCookies.get(url.searchParams.get('state') ?? '') : opts.cookie;
  const req = agent(strapi).get(`${url.pathname}${url.search}`);
  const res = await (cookie ? req.set('Cookie', cookie) : req);
  return {
    status: res.status,
    location: new URL(String(res.headers.location), 'http://admin.local'),
    setCookie: cookiePairs(res.headers['set-cookie']),
  };
}

/**
 * The environment of a Strapi set up to connect through the emulator's OAuth app (no static token).
 */
export const oauthEnv = (emulator: Emulator): Record<string, string | undefined> => ({
  PINTEREST_API_URL: emulator.apiUrl,
  PINTEREST_OAUTH_URL: `${emulator.url}/oauth/`,
  PINTEREST_APP_ID: '1234567',
  PINTEREST_APP_SECRET: 'emulator-secret',
  PINTEREST_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  PINTEREST_ACCESS_TOKEN: undefined,
});
