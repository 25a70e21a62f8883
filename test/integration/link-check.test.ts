/**
 * Link health against local pages (allowlisted loopback servers): the preview's check and Rich Pin
 * readiness for 200, 301→200, 404, 5xx, a slow page and a page without tags; a dead link fails the
 * pin job with LINK_UNREACHABLE before anything reaches Pinterest; a slug edit PATCHes the pin with
 * the new link; the scheduled scan flags a pin whose page starts answering 404.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
let site: http.Server;
let base: string;
const gone = new Set<string>();

const head = (path: string, tags: boolean) =>
  `<!doctype html><html><head><title>Page</title><link rel="canonical" href="${base}${path}">${
    tags
      ? '<meta property="og:title" content="Tomato soup"><meta property="og:description" content="Warm"><meta property="og:site_name" content="Kitchen"><meta property="article:published_time" content="2026-11-01T09:00:00Z">'
      : ''
  }</head><body>hello</body></html>`;

beforeAll(async () => {
  site = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (gone.has(path)) return void res.writeHead(404).end('gone');
    if (path === '/moved') return void res.writeHead(301, { location: '/ok' }).end();
    if (path === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (path === '/gone') return void res.writeHead(404).end('not here');
    if (path === '/down') return void res.writeHead(503).end('deploying');
    if (path === '/members') return void res.writeHead(403).end('bots not welcome');
    if (path === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 4_000);
    if (path === '/plain')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(head('/plain', false));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(head(path, true));
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(base).host,
    PINTEREST_LINK_CHECK: 'true',
    PINTEREST_LINK_CHECK_TIMEOUT_MS: '1000',
    PINTEREST_LINK_CHECK_RETRIES: '2',
    PINTEREST_LINK_SCAN_RULE: '* * * * * *',
    PINTEREST_LINK_SCAN_RECHECK_HOURS: '0',
    PINTEREST_LINK_SCAN_SPACING_MS: '0',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
});
afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
  site?.closeAllConnections();
  await new Promise((r) => site?.close(r));
});

const preview = async (path: string) => {
  const res = await request(strapi.server.httpServer)
    .post('/pinterest/preview')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ contentType: ARTICLE, values: { title: 'Soup', canonicalUrl: `${base}${path}` } });
  expect(res.status).toBe(200);
  return res.body.linkCheck as {
    state: string;
    httpStatus: number | null;
    finalUrl: string | null;
    canonical: { url: string; matches: boolean } | null;
    richPin: { ready: boolean; missing: string[] } | null;
    problems: Array<{ code: string }>;
    advice: string | null;
  };
};
const codes = (c: { problems: Array<{ code: string }> }) => c.problems.map((p) => p.code);

describe('the preview checks the link and the Rich Pin tags', () => {
  it('200 with tags: works, names itself, Rich Pin ready (http reported)', async () => {
    const c = await preview('/ok');
    expect(c).toMatchObject({ state: 'warning', httpStatus: 200, finalUrl: null });
    expect(c.canonical).toEqual({ url: `${base}/ok`, matches: true });
    expect(c.richPin).toMatchObject({ ready: true, missing: [] });
    expect(codes(c)).toEqual(['NOT_HTTPS']);
  });

  it('301 → 200: works, ends on the page that names itself; the link is reported', async () => {
    const c = await preview('/moved');
    expect(c).toMatchObject({ state: 'warning', httpStatus: 200, finalUrl: `${base}/ok` });
    expect(c.canonical).toEqual({ url: `${base}/ok`, matches: false });
    expect(codes(c)).toContain('CANONICAL_ELSEWHERE');
  });

  it('404, 5xx, too many redirects and a slow page are broken, with advice', async () => {
    expect(await preview('/gone')).toMatchObject({ state: 'broken', httpStatus: 404 });
    expect(await preview('/down')).toMatchObject({ state: 'broken', httpStatus: 503 });
    expect(codes(await preview('/loop'))).toContain('TOO_MANY_REDIRECTS');
    const slow = await preview('/slow');
    expect(slow.state).toBe('broken');
    expect(codes(slow)).toContain('TIMEOUT');
    expect(slow.advice).toMatch(/site is up/);
  });

  it('a site that turns the check away (403) is reported, not broken', async () => {
    const c = await preview('/members');
    expect(c).toMatchObject({ state: 'warning', httpStatus: 403 });
    expect(codes(c)).toEqual(['CHECK_REFUSED', 'NOT_HTTPS']);
  });

  it('a page without Open Graph tags is not Rich Pin ready, and says what to add', async () => {
    const c = await preview('/plain');
    expect(c.state).toBe('warning');
    expect(c.richPin).toMatchObject({
      ready: false,
      missing: ['title', 'description', 'siteName', 'publishedTime'],
    });
  });

  it('a private host is skipped with a note, never fetched', async () => {
    const res = await request(strapi.server.httpServer)
      .post('/pinterest/preview')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ contentType: ARTICLE, values: { title: 'x', canonicalUrl: 'http://10.1.2.3/x' } });
    expect(res.body.linkCheck).toMatchObject({
      state: 'skipped',
      httpStatus: null,
      problems: [{ code: 'PRIVATE_HOST' }],
    });
  });
});

async function publish(documentId: string | null, data: Record<string, unknown>) {
  const doc = documentId
    ? await strapi.documents(ARTICLE).update({ documentId, data: data as never })
    : await strapi.documents(ARTICLE).create({ data: data as never });
  await strapi.documents(ARTICLE).publish({ documentId: doc!.documentId });
  return doc!.documentId;
}
const jobOf = (documentId: string) =>
  strapi.db.query('plugin::pinterest.job').findOne({ where: { key: { $contains: documentId } } });
const recordOf = (documentId: string) =>
  strapi.db
    .query('plugin::pinterest.pin-record')
    .findOne({ where: { entryDocumentId: documentId } });

describe('pins and links', () => {
  let hero: number;
  let boardId: string;
  beforeAll(async () => {
    hero = (await uploadImage(strapi, { width: 600, height: 900 })).id;
    boardId = [...emulator.state.boards.values()][0].id;
  });

  it('a dead link fails the pin job and its record with LINK_UNREACHABLE after its retries, nothing sent', async () => {
    emulator.requests.length = 0;
    const documentId = await publish(null, {
      title: 'Dead',
      canonicalUrl: `${base}/gone`,
      hero,
      pinterest: { boardId },
    });
    const job = await waitFor(async () => {
      const j = await jobOf(documentId);
      return j?.state === 'failed' ? j : null;
    }, 'the job to fail');
    expect(job.lastError).toMatchObject({
      code: 'LINK_UNREACHABLE',
      retryable: false,
      httpStatus: 404,
    });
    expect(job.attempts).toBe(2);
    expect(emulator.requests.filter((r) => r.path === '/v5/pins')).toHaveLength(0);
    // the entry's pin record says why (the side panel, and the pin.failed webhook, read it)
    expect(await recordOf(documentId)).toMatchObject({
      status: 'failed',
      pinId: null,
      lastError: expect.objectContaining({ code: 'LINK_UNREACHABLE' }),
    });
  });

  it('a slug edit updates the pin with the new link (PATCH), no second pin', async () => {
    const documentId = await publish(null, {
      title: 'Soup',
      canonicalUrl: `${base}/old-slug`,
      hero,
      pinterest: { boardId },
    });
    const pinned = await waitFor(async () => {
      const r = await recordOf(documentId);
      return r?.status === 'pinned' ? r : null;
    }, 'the pin');
    emulator.requests.length = 0;
    await publish(documentId, { canonicalUrl: `${base}/new-slug` });
    await waitFor(async () => {
      const r = await recordOf(documentId);
      return r?.link?.includes('/new-slug') ? r : null;
    }, 'the pin to follow the new link');
    const patches = emulator.requests.filter(
      (r) => r.method === 'PATCH' && r.path === `/v5/pins/${pinned.pinId}`
    );
    expect(patches).toHaveLength(1);
    expect((patches[0].body as { link: string }).link).toContain(`${base}/new-slug`);
    expect(
      emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins')
    ).toHaveLength(0);
  });

  it('the scan flags a live pin whose page starts answering 404, and lists it as broken', async () => {
    const documentId = await publish(null, {
      title: 'Flaky',
      canonicalUrl: `${base}/flaky`,
      hero,
      pinterest: { boardId },
    });
    await waitFor(async () => {
      const r = await recordOf(documentId);
      return r?.status === 'pinned' && r.linkStatus === 'warning' ? r : null;
    }, 'the pin, checked once');
    gone.add('/flaky');
    const flagged = await waitFor(async () => {
      const r = await recordOf(documentId);
      return r?.linkStatus === 'broken' ? r : null;
    }, 'the scan to flag the link');
    expect(flagged.linkCheck).toMatchObject({ state: 'broken', httpStatus: 404 });
    const list = await request(strapi.server.httpServer)
      .get('/pinterest/links/broken')
      .set('Authorization', `Bearer ${jwt}`);
    expect(list.status).toBe(200);
    const entry = list.body.links.find((l: { documentId: string }) => l.documentId === documentId);
    expect(entry).toMatchObject({ linkStatus: 'broken', fix: expect.stringMatching(/slug/) });
    const panel = await request(strapi.server.httpServer)
      .get(`/pinterest/links/entries/${ARTICLE}/${documentId}`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(panel.body.links[0]).toMatchObject({ linkStatus: 'broken' });
  });

  it('a broken link whose entry now links elsewhere is fixed: the pin is PATCHed with it', async () => {
    const documentId = await publish(null, {
      title: 'Moved',
      canonicalUrl: `${base}/moved-v1`,
      hero,
      pinterest: { boardId },
    });
    const pinned = await waitFor(async () => {
      const r = await recordOf(documentId);
      return r?.status === 'pinned' && r.linkStatus ? r : null;
    }, 'the pin, checked once');
    // the site moved the page and the entry's link changed without a publish reaching the pin
    // (a URL pattern edited in the settings, a bulk import): the old address now answers 404
    await strapi.db
      .query(ARTICLE)
      .updateMany({ where: { documentId }, data: { canonicalUrl: `${base}/moved-v2` } });
    emulator.requests.length = 0;
    gone.add('/moved-v1');
    await waitFor(async () => {
      const r = await recordOf(documentId);
      return r?.link?.includes('/moved-v2') && r.linkStatus !== 'broken' ? r : null;
    }, 'the pin to follow its entry');
    const patches = emulator.requests.filter(
      (r) => r.method === 'PATCH' && r.path === `/v5/pins/${pinned.pinId}`
    );
    expect(patches).toHaveLength(1);
    expect((patches[0].body as { link: string }).link).toContain(`${base}/moved-v2`);
  });
});
