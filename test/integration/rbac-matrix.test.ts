/**
 * The plugin's admin routes against the Content Manager's rights (issue 15, item 13): Strapi's
 * Editor, its Author (Read and Update on the entries they created, no Publish) and a custom role
 * with every Pinterest permission but no Content Manager right on Article (and Read/Publish on
 * Blog article in English only). The playground's default roles got their Blog article rights
 * with no locale (Strapi's i18n then allows none), so only the custom role reads Blog articles.
 * Each row of the matrix is one call and the roles it must let through; every other role gets a
 * 403. Every route of server/src/routes/admin must have a row, so
 * a route added later without a decision fails here.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { permission, type ActionKey } from '../../common/permissions';
import { startEmulator, type Emulator } from '../../emulator/src';
import adminRoutes from '../../server/src/routes/admin';
import { adminWithRole, registerSuperAdmin, SUPER_ADMIN } from '../helpers/admin';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

type Role = 'editor' | 'author' | 'noArticle';
const ROLES: Role[] = ['editor', 'author', 'noArticle'];
const ARTICLE = 'api::article.article';
const BLOG = 'api::blog-article.blog-article';
const JOB_UID = 'plugin::pinterest.job';

/** The Pinterest permissions each role holds (the Author keeps its default ones, plus stats). */
const PLUGIN_RIGHTS: Record<Role, ActionKey[]> = {
  editor: ['readSettings', 'manageSettings', 'readPins', 'pinEntries', 'bulkRepin', 'readStats'],
  author: ['readPins', 'pinEntries', 'readStats'],
  noArticle: ['readSettings', 'manageSettings', 'readPins', 'pinEntries', 'bulkRepin', 'readStats'],
};

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
const jwt: Partial<Record<Role, string>> = {};
/** Fixtures: entries and jobs, filled in beforeAll. */
const fx = {
  byEditor: '',
  byAuthor: '',
  blog: '',
  jobByEditor: 0,
  jobByAuthor: 0,
  campaignJob: 0,
  postJob: 0,
  boardId: '',
};

interface Row {
  /** `METHOD /path` exactly as in the routes file. */
  route: string;
  /** The call: its path under /pinterest and its body. */
  call: () => { path: string; body?: object };
  /** The roles let through (anything but 401/403); every other role gets 403. */
  ok: Role[];
  /** What the 403 says when the role holds the route's Pinterest permission. */
  says?: RegExp;
}

const READ = /Content Manager's “Read” permission/;
const PUBLISH = /Content Manager's “Publish” permission/;
const PLUGIN_RIGHT = /Pinterest permission “/;
const ALL: Role[] = ['editor', 'author', 'noArticle'];
const SETTINGS: Role[] = ['editor', 'noArticle'];
const entry = (uid: string, id: () => string, rest = '') => `/entries/${uid}/${id()}${rest}`;
const campaignInput = (contentType: string, documentIds: string[], locale?: string) => ({
  name: 'Matrix',
  selection: { contentType, documentIds, ...(locale && { locale }) },
  boards: [{ boardId: fx.boardId }],
  pacing: { intervalMinutes: 0, timeZone: 'UTC' },
});

const MATRIX: Row[] = [
  { route: 'GET /status', call: () => ({ path: '/status' }), ok: SETTINGS },
  // an entry's pins: the Content Manager's Read on that entry, conditions and locale included
  {
    route: 'GET /entries/:contentType/:documentId/pins',
    call: () => ({ path: entry(ARTICLE, () => fx.byEditor, '/pins') }),
    ok: ['editor'],
    says: READ,
  },
  {
    route: 'GET /entries/:contentType/:documentId/pins',
    call: () => ({ path: entry(ARTICLE, () => fx.byAuthor, '/pins') }),
    ok: ['editor', 'author'],
    says: READ,
  },
  {
    route: 'GET /entries/:contentType/:documentId/pins',
    call: () => ({ path: entry(BLOG, () => fx.blog, '/pins?locale=en') }),
    ok: ['noArticle'],
    says: READ,
  },
  {
    route: 'GET /entries/:contentType/:documentId/pins',
    call: () => ({ path: entry(BLOG, () => fx.blog, '/pins?locale=fr') }),
    ok: [],
    says: /“Read” permission on this entry in locale fr/,
  },
  // pinning is publishing: the Content Manager's Publish on the entry
  {
    route: 'POST /entries/:contentType/:documentId/pin',
    call: () => ({ path: entry(ARTICLE, () => fx.byAuthor, '/pin'), body: {} }),
    ok: ['editor'],
    says: PUBLISH,
  },
  {
    route: 'POST /entries/:contentType/:documentId/repin',
    call: () => ({ path: entry(ARTICLE, () => fx.byEditor, '/repin'), body: {} }),
    ok: ['editor'],
    says: PUBLISH,
  },
  // jobs: an entry's needs Publish on it; a campaign's “Bulk re-pin”; a posts-API one the settings
  ...(['retry', 'cancel', 'reschedule'] as const).flatMap((verb): Row[] => {
    const body = verb === 'reschedule' ? { runAt: '2031-01-01T09:00:00Z' } : {};
    const route = `POST /jobs/:id/${verb}`;
    return [
      {
        route,
        call: () => ({ path: `/jobs/${fx.jobByEditor}/${verb}`, body }),
        ok: ['editor'],
        says: PUBLISH,
      },
      {
        route,
        call: () => ({ path: `/jobs/${fx.jobByAuthor}/${verb}`, body }),
        ok: ['editor'],
        says: PUBLISH,
      },
      {
        route,
        call: () => ({ path: `/jobs/${fx.campaignJob}/${verb}`, body }),
        ok: SETTINGS,
        says: PLUGIN_RIGHT,
      },
      {
        route,
        call: () => ({ path: `/jobs/${fx.postJob}/${verb}`, body }),
        ok: SETTINGS,
        says: PLUGIN_RIGHT,
      },
    ];
  }),

  // the account and the plugin's settings: Pinterest permissions only
  { route: 'GET /connection', call: () => ({ path: '/connection' }), ok: SETTINGS },
  {
    route: 'POST /connection/authorize',
    call: () => ({ path: '/connection/authorize', body: {} }),
    ok: SETTINGS,
  },
  {
    route: 'POST /connection/refresh',
    call: () => ({ path: '/connection/refresh', body: {} }),
    ok: SETTINGS,
  },
  {
    route: 'POST /connection/resume-writes',
    call: () => ({ path: '/connection/resume-writes', body: {} }),
    ok: SETTINGS,
  },
  { route: 'GET /accounts', call: () => ({ path: '/accounts' }), ok: ALL },
  {
    route: 'POST /accounts/:id/default',
    call: () => ({ path: '/accounts/999999/default', body: {} }),
    ok: SETTINGS,
  },
  {
    route: 'DELETE /accounts/:id',
    call: () => ({ path: '/accounts/999999' }),
    ok: SETTINGS,
  },
  { route: 'GET /settings', call: () => ({ path: '/settings' }), ok: SETTINGS },
  {
    route: 'PUT /settings',
    call: () => ({ path: '/settings', body: { nothing: true } }),
    ok: SETTINGS,
  },
  {
    route: 'GET /settings/content-types',
    call: () => ({ path: '/settings/content-types' }),
    ok: SETTINGS,
  },
  {
    route: 'PUT /settings/content-types/:uid',
    call: () => ({ path: `/settings/content-types/${BLOG}`, body: { nothing: true } }),
    ok: SETTINGS,
  },
  // a sample pin is made from one of the type's published entries: Read on the type
  {
    route: 'POST /settings/content-types/:uid/sample',
    call: () => ({ path: `/settings/content-types/${ARTICLE}/sample`, body: {} }),
    ok: ['editor'],
    says: READ,
  },
  {
    route: 'POST /settings/content-types/:uid/sample',
    call: () => ({ path: `/settings/content-types/${BLOG}/sample`, body: {} }),
    ok: SETTINGS,
  },

  { route: 'GET /boards', call: () => ({ path: '/boards' }), ok: ALL },
  {
    route: 'GET /boards/:boardId/sections',
    call: () => ({ path: `/boards/${fx.boardId}/sections` }),
    ok: ALL,
  },
  { route: 'POST /boards', call: () => ({ path: '/boards', body: {} }), ok: ALL },
  { route: 'GET /content-types', call: () => ({ path: '/content-types' }), ok: ALL },
  // a preview of a stored entry reads it; a new entry's needs Read or Create on its type
  {
    route: 'POST /preview',
    call: () => ({ path: '/preview', body: { contentType: ARTICLE, values: { title: 'x' } } }),
    ok: ['editor', 'author'],
    says: /“Read” or “Create” permission/,
  },
  {
    route: 'POST /preview',
    call: () => ({
      path: '/preview',
      body: { contentType: ARTICLE, documentId: fx.byEditor, values: { title: 'x' } },
    }),
    ok: ['editor'],
    says: READ,
  },
  {
    route: 'POST /preview',
    call: () => ({
      path: '/preview',
      body: { contentType: ARTICLE, documentId: fx.byAuthor, values: { title: 'x' } },
    }),
    ok: ['editor', 'author'],
    says: READ,
  },
  // designed pins (issue 16): the templates are readPins; a design preview reads the entry like
  // the preview; the brand is a setting
  { route: 'GET /designs/templates', call: () => ({ path: '/designs/templates' }), ok: ALL },
  {
    route: 'POST /designs/preview',
    call: () => ({
      path: '/designs/preview',
      body: { contentType: ARTICLE, design: { template: 'card' }, values: { title: 'x' } },
    }),
    ok: ['editor', 'author'],
    says: /“Read” or “Create” permission/,
  },
  {
    route: 'POST /designs/preview',
    call: () => ({
      path: '/designs/preview',
      body: { contentType: ARTICLE, documentId: fx.byEditor, design: { template: 'card' } },
    }),
    ok: ['editor'],
    says: READ,
  },
  { route: 'GET /settings/brand', call: () => ({ path: '/settings/brand' }), ok: SETTINGS },
  {
    route: 'PUT /settings/brand',
    call: () => ({ path: '/settings/brand', body: { nothing: true } }),
    ok: SETTINGS,
  },
  // Pinterest SEO (issue 17): keywords and the checklist read the entry like the preview
  ...(['suggestions', 'checklist'] as const).flatMap((what): Row[] => [
    {
      route: `POST /seo/${what}`,
      call: () => ({
        path: `/seo/${what}`,
        body: { contentType: ARTICLE, values: { title: 'x' } },
      }),
      ok: ['editor', 'author'],
      says: /“Read” or “Create” permission/,
    },
    {
      route: `POST /seo/${what}`,
      call: () => ({
        path: `/seo/${what}`,
        body: { contentType: ARTICLE, documentId: fx.byEditor, values: { title: 'x' } },
      }),
      ok: ['editor'],
      says: READ,
    },
  ]),
  { route: 'GET /seo/status', call: () => ({ path: '/seo/status' }), ok: SETTINGS },
  {
    route: 'PUT /seo/settings',
    call: () => ({ path: '/seo/settings', body: { nothing: true } }),
    ok: SETTINGS,
  },
  { route: 'GET /seo/weakest', call: () => ({ path: '/seo/weakest' }), ok: ALL },
  {
    route: 'POST /seo/variants',
    call: () => ({ path: '/seo/variants', body: { contentType: ARTICLE } }),
    ok: ['editor'],
    says: READ,
  },

  // stats name entries: Read on the types they cover
  { route: 'GET /analytics/status', call: () => ({ path: '/analytics/status' }), ok: ALL },
  ...(['overview', 'pins', 'export'] as const).flatMap((view): Row[] => [
    {
      route: `GET /analytics/${view}`,
      call: () => ({ path: `/analytics/${view}` }),
      ok: ['editor', 'author'],
      says: READ,
    },
    {
      route: `GET /analytics/${view}`,
      call: () => ({ path: `/analytics/${view}?contentType=${BLOG}` }),
      ok: ALL,
    },
  ]),
  {
    route: 'GET /analytics/entries/:contentType/:documentId',
    call: () => ({ path: `/analytics/entries/${ARTICLE}/${fx.byEditor}` }),
    ok: ['editor'],
    says: READ,
  },
  {
    route: 'GET /analytics/entries/:contentType/:documentId',
    call: () => ({ path: `/analytics/entries/${ARTICLE}/${fx.byAuthor}` }),
    ok: ['editor', 'author'],
    says: READ,
  },
  {
    route: 'POST /analytics/sync',
    call: () => ({ path: '/analytics/sync', body: {} }),
    ok: SETTINGS,
  },
  // link health and webhook events (issue 19): lists name entries, as the stats do
  ...(['broken', 'rich-pins'] as const).flatMap((list): Row[] => [
    {
      route: `GET /links/${list}`,
      call: () => ({ path: `/links/${list}` }),
      ok: list === 'broken' ? ['editor', 'author'] : ['editor'],
      says: READ,
    },
    {
      route: `GET /links/${list}`,
      call: () => ({ path: `/links/${list}?contentType=${BLOG}` }),
      ok: list === 'broken' ? ALL : SETTINGS,
    },
  ]),
  {
    route: 'GET /links/entries/:contentType/:documentId',
    call: () => ({ path: `/links/entries/${ARTICLE}/${fx.byEditor}` }),
    ok: ['editor'],
    says: READ,
  },
  {
    route: 'GET /links/entries/:contentType/:documentId',
    call: () => ({ path: `/links/entries/${ARTICLE}/${fx.byAuthor}` }),
    ok: ['editor', 'author'],
    says: READ,
  },
  {
    route: 'POST /links/check',
    call: () => ({
      path: '/links/check',
      body: { contentType: ARTICLE, link: 'https://blog.example.com/x' },
    }),
    ok: ['editor', 'author'],
    says: /“Read” or “Create” permission/,
  },
  { route: 'GET /webhooks/events', call: () => ({ path: '/webhooks/events' }), ok: SETTINGS },

  // campaigns pin their entries again: Publish on the chosen entries
  { route: 'GET /campaigns/options', call: () => ({ path: '/campaigns/options' }), ok: SETTINGS },
  {
    route: 'POST /campaigns/preview',
    call: () => ({ path: '/campaigns/preview', body: campaignInput(ARTICLE, [fx.byEditor]) }),
    ok: ['editor'],
    says: PUBLISH,
  },
  {
    route: 'POST /campaigns/preview',
    call: () => ({ path: '/campaigns/preview', body: campaignInput(BLOG, [fx.blog], 'en') }),
    ok: ['noArticle'],
    says: PUBLISH,
  },
  {
    route: 'POST /campaigns/preview',
    call: () => ({ path: '/campaigns/preview', body: campaignInput(BLOG, [fx.blog], 'fr') }),
    ok: [],
    says: PUBLISH,
  },
  {
    route: 'POST /campaigns',
    call: () => ({ path: '/campaigns', body: campaignInput(ARTICLE, [fx.byAuthor]) }),
    ok: ['editor'],
    says: PUBLISH,
  },
  { route: 'GET /campaigns', call: () => ({ path: '/campaigns' }), ok: SETTINGS },
  ...(['', '/items'] as const).map((rest): Row => ({
    route: `GET /campaigns/:id${rest}`,
    call: () => ({ path: `/campaigns/999999${rest}` }),
    ok: SETTINGS,
  })),
  ...(['pause', 'resume', 'cancel', 'retry', 'items/:itemId/retry'] as const).map((verb): Row => ({
    route: `POST /campaigns/:id/${verb}`,
    call: () => ({ path: `/campaigns/999999/${verb.replace(':itemId', '1')}`, body: {} }),
    ok: SETTINGS,
  })),
  // disconnecting last: the calls above use the account
  { route: 'DELETE /connection', call: () => ({ path: '/connection' }), ok: SETTINGS },
];

/** Routes that need no admin session at all (the browser comes back from Pinterest). */
const PUBLIC_ROUTES = ['GET /oauth/callback'];

type RouteDef = {
  method: string;
  path: string;
  config?: { auth?: boolean; policies?: Array<{ config?: { actions?: string[] } }> };
};
const routes = (adminRoutes as { routes: RouteDef[] }).routes;
const keyOf = (r: RouteDef) => `${r.method} ${r.path}`;
const guardOf = (route: string): string | undefined =>
  routes.find((r) => keyOf(r) === route)?.config?.policies?.[0]?.config?.actions?.[0];

async function userWithRole(roleId: number, email: string): Promise<string> {
  await strapi.service('admin::user').create({
    email,
    firstname: 'T',
    lastname: 'User',
    password: SUPER_ADMIN.password,
    isActive: true,
    roles: [roleId],
  });
  const login = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email, password: SUPER_ADMIN.password });
  return login.body.data.token as string;
}

const grant = (roleId: number, keys: ActionKey[]) =>
  strapi.service('admin::role').addPermissions(
    roleId,
    keys.map((k) => ({ action: permission(k), subject: null, properties: {}, conditions: [] }))
  );

/** Creates an article through the Content Manager, as the given admin (its creator). */
async function articleBy(token: string, title: string): Promise<string> {
  const res = await request(strapi.server.httpServer)
    .post(`/content-manager/collection-types/${ARTICLE}`)
    .set('Authorization', `Bearer ${token}`)
    .send({ title });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

const waitingJob = async (key: string, kind: string, payload: object): Promise<number> => {
  const row = await strapi.db.query(JOB_UID).create({
    data: {
      key,
      kind,
      payload,
      state: 'waiting',
      attempts: 0,
      runAt: Date.now() + 365 * 24 * 3_600_000,
      requeue: false,
    },
  });
  return row.id as number;
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  fx.boardId = [...emulator.state.boards.values()][0].id;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  await strapi.plugin('i18n').service('locales').create({ code: 'fr', name: 'French (fr)' });

  const editor = await adminWithRole(strapi, 'strapi-editor', 'matrix-editor@example.com');
  const author = await adminWithRole(strapi, 'strapi-author', 'matrix-author@example.com');
  await grant(editor.roleId, ['readSettings', 'manageSettings', 'bulkRepin']);
  await grant(author.roleId, ['readStats']);
  const custom = await strapi
    .service('admin::role')
    .create({ name: 'Blog (English) only', description: 'No Content Manager right on Article' });
  await grant(custom.id as number, PLUGIN_RIGHTS.noArticle);
  await strapi.service('admin::role').addPermissions(
    custom.id,
    ['read', 'create', 'update', 'publish'].map((a) => ({
      action: `plugin::content-manager.explorer.${a}`,
      subject: BLOG,
      properties: { locales: ['en'] },
      conditions: [],
    }))
  );
  jwt.editor = editor.token;
  jwt.author = author.token;
  jwt.noArticle = await userWithRole(custom.id as number, 'matrix-custom@example.com');

  fx.byEditor = await articleBy(jwt.editor, 'Written by the editor');
  fx.byAuthor = await articleBy(jwt.author, 'Written by the author');
  const editorsOther = await articleBy(jwt.editor, 'Another by the editor');
  const authorsOther = await articleBy(jwt.author, 'Another by the author');
  const blog = await strapi
    .documents(BLOG)
    .create({ data: { title: 'Soup', slug: 'soup' }, locale: 'en' } as never);
  fx.blog = blog.documentId;
  await strapi.documents(BLOG).update({
    documentId: fx.blog,
    locale: 'fr',
    data: { title: 'Soupe', slug: 'soupe' },
  } as never);

  const entryJob = (documentId: string) =>
    waitingJob(`pin.entry:${ARTICLE}:${documentId}:default`, 'pin.entry', {
      contentType: ARTICLE,
      documentId,
      locale: 'default',
    });
  fx.jobByEditor = await entryJob(editorsOther);
  fx.jobByAuthor = await entryJob(authorsOther);
  fx.campaignJob = await waitingJob('pin.campaign:424242:matrix', 'pin.campaign', {
    campaignId: 424242,
    itemId: 1,
  });
  fx.postJob = await waitingJob('pin.post:post_000000000000000000000000', 'pin.post', {
    postId: 'post_000000000000000000000000',
  });
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('has a row for every admin route, and no row for a route that does not exist', () => {
  const decided = new Set([...MATRIX.map((r) => r.route), ...PUBLIC_ROUTES]);
  const missing = routes.map(keyOf).filter((k) => !decided.has(k));
  expect(missing).toEqual([]);
  const existing = new Set(routes.map(keyOf));
  expect([...decided].filter((k) => !existing.has(k))).toEqual([]);
  for (const key of PUBLIC_ROUTES)
    expect(routes.find((r) => keyOf(r) === key)?.config?.auth).toBe(false);
});

describe.each(MATRIX.map((row, i) => ({ ...row, i })))('$route (row $i)', (row) => {
  it.each(ROLES)('%s', async (role) => {
    const { path, body } = row.call();
    const method = row.route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    let req = request(strapi.server.httpServer)
      [method](`/pinterest${path}`)
      .set('Authorization', `Bearer ${jwt[role]}`);
    if (body) req = req.send(body);
    const res = await req;
    const seen = `${role} ${row.route} ${path}: ${res.status} ${res.body?.error?.message ?? ''}`;
    if (row.ok.includes(role)) {
      expect(seen).not.toMatch(/: (401|403|500) /);
      return;
    }
    expect(seen).toMatch(/: 403 /);
    const guard = guardOf(row.route);
    const holdsGuard = PLUGIN_RIGHTS[role].some((k) => permission(k) === guard);
    if (holdsGuard && row.says) expect(res.body.error.message).toMatch(row.says);
  });
});
