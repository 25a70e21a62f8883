/**
 * The plugin's webhook events, registered with Strapi's webhook store and sent by Strapi's webhook
 * runner: two Strapi processes on one database, both running the worker and the link scan; a
 * webhook subscribed to every Pinterest event receives each event exactly once, with the
 * documented payload (entry, pin, status, error code; never a token).
 */
import http from 'node:http';
import Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '../../emulator/src';
import { adminAndApiToken, http as call, uploadImageOverHttp } from '../helpers/http';
import { startInstances, startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import { removeSqliteFiles, tempDbFile } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const TOKEN = 'pina_emulator_static_token';
const EVENTS = [
  'pinterest.pin.created',
  'pinterest.pin.updated',
  'pinterest.pin.failed',
  'pinterest.pin.deleted',
  'pinterest.link.broken',
  'pinterest.campaign.finished',
  'pinterest.account.reconnect_required',
];
interface Delivery {
  event: string;
  header: string | undefined;
  body: Record<string, unknown> & {
    entry: { uid: string; documentId: string; locale: string | null } | null;
    pin: { id: string; url: string; boardId: string; link: string | null } | null;
    status: string;
    errorCode: string | null;
  };
}
const deliveries: Delivery[] = [];
let receiver: http.Server;
let site: http.Server;
let siteBase: string;
const gone = new Set<string>();
let emulator: Emulator;
const instances: StrapiProcess[] = [];
const dbFile = tempDbFile('webhooks');

const listen = async (server: http.Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as Delivery['body'];
      deliveries.push({
        event: String(body.event),
        header: req.headers['x-strapi-event'] as string | undefined,
        body,
      });
      res.writeHead(200).end('ok');
    });
  });
  site = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (gone.has(path)) return void res.writeHead(404).end('gone');
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<html><head><link rel="canonical" href="${siteBase}${path}"></head></html>`);
  });
  const receiverUrl = await listen(receiver);
  siteBase = await listen(site);
  emulator = await startEmulator({ port: 0 });
  const env = {
    DATABASE_FILENAME: dbFile,
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: TOKEN,
    PINTEREST_ON_UNPUBLISH: 'delete',
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(siteBase).host,
    PINTEREST_LINK_CHECK: 'true',
    PINTEREST_LINK_CHECK_RETRIES: '1',
    PINTEREST_LINK_SCAN_RULE: '* * * * * *',
    PINTEREST_LINK_SCAN_RECHECK_HOURS: '0',
    PINTEREST_LINK_SCAN_SPACING_MS: '0',
    PINTEREST_WORKER_POLL_MS: '100',
    PINTEREST_RATE_PROFILE: 'off',
  };
  const first = await startStrapiProcess(env);
  const { jwt, apiToken } = await adminAndApiToken(first.url, 'webhooks');
  await first.stop();
  // Strapi's admin API refuses loopback webhook URLs in production (test/integration/webhooks-
  // store.test.ts creates one through it): the row it would store, written directly
  const db = new Database(dbFile);
  db.prepare(
    'INSERT INTO strapi_webhooks (name, url, headers, events, enabled) VALUES (?, ?, ?, ?, 1)'
  ).run('Pinterest events', `${receiverUrl}/hook`, '{}', JSON.stringify(EVENTS));
  db.close();
  // both instances read the webhook from the database as they start
  await startInstances(env, instances);
  Object.assign(shared, { apiToken, jwt });
}, 240_000);

const shared: { apiToken?: string; jwt?: string } = {};

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await emulator?.close();
  for (const s of [receiver, site]) {
    s?.closeAllConnections();
    await new Promise((r) => s?.close(r));
  }
  removeSqliteFiles(dbFile);
});

/**
 * A write through an instance's REST API. Two processes on one SQLite file: a write transaction
 * that meets the other process's write lock can be refused at once (SQLITE_BUSY, a 500); that is
 * SQLite's, not what this suite tests, so such a write is sent again (at most twice).
 */
async function write(url: string, init: Parameters<typeof call>[1]) {
  let res = await call(url, init);
  for (let i = 0; i < 2 && res.status === 500; i += 1) {
    await new Promise((r) => setTimeout(r, 200));
    res = await call(url, init);
  }
  return res;
}

const of = (event: string, documentId: string) =>
  deliveries.filter((d) => d.event === event && d.body.entry?.documentId === documentId);

it('delivers created, updated, link broken, failed and deleted once each, with the payload', async () => {
  const [a, b] = instances;
  const apiToken = shared.apiToken!;
  const hero = await uploadImageOverHttp(a.url, apiToken, 'hero');
  const board = [...emulator.state.boards.values()][0].id;
  const created = await write(`${a.url}/api/articles?status=published`, {
    method: 'POST',
    token: apiToken,
    body: {
      data: {
        title: 'Soup',
        canonicalUrl: `${siteBase}/soup`,
        hero,
        pinterest: { boardId: board },
      },
    },
  });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  await waitFor(() => of('pinterest.pin.created', documentId).length > 0, 'pin.created', 60_000);
  const pinId = of('pinterest.pin.created', documentId)[0].body.pin!.id;

  // an edit reaches Pinterest (PATCH): pin.updated, sent from the other instance's API
  const edited = await write(`${b.url}/api/articles/${documentId}?status=published`, {
    method: 'PUT',
    token: apiToken,
    body: { data: { title: 'Tomato soup', canonicalUrl: `${siteBase}/tomato-soup` } },
  });
  expect(edited.status).toBe(200);
  await waitFor(() => of('pinterest.pin.updated', documentId).length > 0, 'pin.updated', 60_000);

  // the page starts answering 404: the scan (both instances schedule it) reports it
  gone.add('/tomato-soup');
  await waitFor(() => of('pinterest.link.broken', documentId).length > 0, 'link.broken', 60_000);

  // a board that does not exist: the pin of another entry fails for good
  const failing = await write(`${a.url}/api/articles?status=published`, {
    method: 'POST',
    token: apiToken,
    body: {
      data: {
        title: 'Lost',
        canonicalUrl: `${siteBase}/lost`,
        hero,
        pinterest: { boardId: '999999999999999999' },
      },
    },
  });
  const failedId = failing.body.data.documentId as string;
  await waitFor(() => of('pinterest.pin.failed', failedId).length > 0, 'pin.failed', 60_000);

  // deleting the entry deletes its pin (onUnpublish: delete)
  const del = await write(`${a.url}/api/articles/${documentId}`, {
    method: 'DELETE',
    token: apiToken,
  });
  expect(del.status).toBe(204);
  await waitFor(() => of('pinterest.pin.deleted', documentId).length > 0, 'pin.deleted', 60_000);

  // both instances run the worker and the scan: give a second delivery time to (wrongly) come
  await new Promise((r) => setTimeout(r, 3_000));
  for (const event of [
    'pinterest.pin.created',
    'pinterest.pin.updated',
    'pinterest.link.broken',
    'pinterest.pin.deleted',
  ])
    expect([event, of(event, documentId).length]).toEqual([event, 1]);
  expect(of('pinterest.pin.failed', failedId)).toHaveLength(1);

  const [createdEvent] = of('pinterest.pin.created', documentId);
  expect(createdEvent.header).toBe('pinterest.pin.created');
  expect(createdEvent.body).toEqual({
    event: 'pinterest.pin.created',
    createdAt: expect.any(String),
    entry: { uid: 'api::article.article', documentId, locale: null },
    pin: {
      id: pinId,
      url: `https://www.pinterest.com/pin/${pinId}/`,
      boardId: board,
      link: expect.stringContaining(`${siteBase}/soup`),
    },
    status: 'pinned',
    errorCode: null,
  });
  expect(of('pinterest.link.broken', documentId)[0].body).toMatchObject({
    status: 'pinned',
    errorCode: 'LINK_UNREACHABLE',
    pin: { id: pinId },
  });
  expect(of('pinterest.pin.failed', failedId)[0].body).toMatchObject({
    status: 'failed',
    pin: null,
    errorCode: 'BOARD_NOT_FOUND',
  });
  expect(of('pinterest.pin.deleted', documentId)[0].body).toMatchObject({ status: 'deleted' });
  // never a token in a delivery
  expect(JSON.stringify(deliveries)).not.toContain(TOKEN);
  expect(JSON.stringify(deliveries)).not.toContain(apiToken);
});
