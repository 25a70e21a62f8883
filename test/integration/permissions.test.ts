/**
 * Every admin route: 401 without a session, 403 for a role without the route's action, and allowed
 * once the role has it. Then the secrets scan: no token, app secret or key in any answer or log
 * line,
 * and none of them read by the admin bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { permission, type ActionKey } from '../../common/permissions';
import { startEmulator, type Emulator } from '../../emulator/src';
import { adminWithRole, registerSuperAdmin } from '../helpers/admin';
import { bootStrapi, repoRoot, type BootedStrapi } from '../helpers/strapi';

const SECRET = 'emulator-secret';
const STATIC_TOKEN = 'pina_emulator_static_token';
const KEY = randomBytes(32).toString('base64');
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let editor: { token: string; roleId: number };
let superJwt: string;
const answers: string[] = [];
const logs: string[] = [];

interface RouteCase {
  method: 'get' | 'post' | 'put' | 'delete';
  path: () => string;
  action: ActionKey;
  /** The JSON body, or a function that makes it when the case runs. */
  body?: object | (() => object);
  /**
   * Status expected once allowed (a 404 for an unknown id still proves the guard let it through).
   */
  allowed: number;
}

let boardId = '';
const ROUTES: RouteCase[] = [
  { method: 'get', path: () => '/pinterest/status', action: 'readSettings', allowed: 200 },
  { method: 'get', path: () => '/pinterest/connection', action: 'readSettings', allowed: 200 },
  { method: 'get', path: () => '/pinterest/settings', action: 'readSettings', allowed: 200 },
  {
    method: 'put',
    path: () => '/pinterest/settings',
    action: 'manageSettings',
    body: { contentTypes: {} },
    allowed: 200,
  },
  {
    method: 'post',
    path: () => '/pinterest/connection/authorize',
    action: 'manageSettings',
    body: {},
    allowed: 200,
  },
  {
    method: 'post',
    path: () => '/pinterest/connection/refresh',
    action: 'manageSettings',
    body: {},
    allowed: 200,
  },
  { method: 'delete', path: () => '/pinterest/connection', action: 'manageSettings', allowed: 200 },
  {
    method: 'get',
    path: () => '/pinterest/entries/api::article.article/abc123/pins',
    action: 'readPins',
    allowed: 200,
  },
  {
    method: 'post',
    path: () => '/pinterest/entries/api::article.article/abc123/pin',
    action: 'pinEntries',
    body: {},
    allowed: 200,
  },
  {
    method: 'post',
    path: () => '/pinterest/jobs/999999/retry',
    action: 'pinEntries',
    body: {},
    allowed: 404,
  },
  { method: 'get', path: () => '/pinterest/boards', action: 'readPins', allowed: 200 },
  {
    method: 'get',
    path: () => `/pinterest/boards/${boardId}/sections`,
    action: 'readPins',
    allowed: 200,
  },
  {
    method: 'post',
    path: () => '/pinterest/boards',
    action: 'pinEntries',
    body: () => ({ name: `Board ${Math.random().toString(36).slice(2)}` }),
    allowed: 201,
  },
  {
    method: 'post',
    path: () => '/pinterest/preview',
    action: 'readPins',
    body: { contentType: 'api::article.article', values: { title: 'x' } },
    allowed: 200,
  },
  { method: 'get', path: () => '/pinterest/content-types', action: 'readPins', allowed: 200 },
  {
    method: 'post',
    path: () => '/pinterest/connection/resume-writes',
    action: 'manageSettings',
    body: {},
    allowed: 200,
  },
];

const call = (r: RouteCase, jwt?: string) => {
  let req = request(strapi.server.httpServer)[r.method](r.path());
  if (jwt) req = req.set('Authorization', `Bearer ${jwt}`);
  const body = typeof r.body === 'function' ? (r.body as () => object)() : r.body;
  return body !== undefined ? req.send(body) : req;
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  boardId = [...emulator.state.boards.values()][0].id;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_OAUTH_URL: `${emulator.url}/oauth/`,
    PINTEREST_APP_ID: '1234567',
    PINTEREST_APP_SECRET: SECRET,
    PINTEREST_ENCRYPTION_KEY: KEY,
    PINTEREST_ACCESS_TOKEN: STATIC_TOKEN,
    STRAPI_LOG_LEVEL: 'debug',
  });
  strapi = booted.strapi;
  for (const level of ['info', 'warn', 'error', 'debug', 'http'] as const) {
    const original = (strapi.log as unknown as Record<string, (m: unknown) => void>)[level].bind(
      strapi.log
    );
    (strapi.log as unknown as Record<string, (m: unknown) => void>)[level] = (m: unknown) => {
      logs.push(typeof m === 'string' ? m : JSON.stringify(m));
      original(m);
    };
  }
  superJwt = await registerSuperAdmin(strapi);
  editor = await adminWithRole(strapi, 'strapi-editor', 'editor@example.com');
  // the Editor role starts with the plugin's everyday rights (default-grants.test.ts); this matrix
  // grants one action at a time, so it starts from none
  await strapi.db
    .query('admin::permission')
    .deleteMany({ where: { role: editor.roleId, action: { $startsWith: 'plugin::pinterest.' } } });
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

describe.each(ROUTES)('$method $action route', (route) => {
  it(`${route.method.toUpperCase()} ${route.path()}: 401 without a session`, async () => {
    expect((await call(route)).status).toBe(401);
  });

  it(`${route.method.toUpperCase()} ${route.path()}: 403 for a role without ${permission(route.action)}`, async () => {
    const res = await call(route, editor.token);
    expect(res.status).toBe(403);
  });

  it(`${route.method.toUpperCase()} ${route.path()}: allowed with ${permission(route.action)}`, async () => {
    await strapi
      .service('admin::role')
      .addPermissions(editor.roleId, [
        { action: permission(route.action), subject: null, properties: {}, conditions: [] },
      ]);
    const res = await call(route, editor.token);
    answers.push(res.text);
    expect(res.status).toBe(route.allowed);
    await strapi.db
      .query('admin::permission')
      .deleteMany({ where: { action: permission(route.action), role: editor.roleId } });
  });
});

describe('Super Admin', () => {
  it('has every plugin action by default', async () => {
    for (const route of ROUTES) {
      const res = await call(route, superJwt);
      answers.push(res.text);
      expect(res.status).toBe(route.allowed);
    }
  });
});

describe('secrets', () => {
  it('never appear in an answer or a log line', () => {
    const everything = answers.join('\n') + logs.join('\n');
    expect(answers.length).toBeGreaterThan(ROUTES.length);
    for (const secret of [
      SECRET,
      STATIC_TOKEN,
      KEY,
      Buffer.from(`1234567:${SECRET}`).toString('base64'),
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('are not read by the admin bundle', () => {
    const dir = path.join(repoRoot, 'dist', 'admin');
    const files = fs.readdirSync(dir).filter((f) => /\.(m?js)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(code).not.toMatch(
        /PINTEREST_(APP_SECRET|ACCESS_TOKEN|ENCRYPTION_KEY)|\bappSecret\b|\bencryptionKey\b|\brefreshToken\b|\baccessToken\b/
      );
    }
  });
});
