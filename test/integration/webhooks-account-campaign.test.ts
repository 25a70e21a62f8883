/**
 * The two webhook events that do not concern one pin, delivered by Strapi's webhook runner to a
 * local receiver: `pinterest.campaign.finished` when a re-pin campaign is done, and
 * `pinterest.account.reconnect_required` when Pinterest refuses the OAuth refresh.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { ARTICLE, article } from '../helpers/campaigns';
import { uploadImage } from '../helpers/images';
import { consent, followCallback, oauthEnv } from '../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

interface Delivery {
  event: string;
  body: Record<string, unknown>;
}
const deliveries: Delivery[] = [];
let receiver: http.Server;
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      deliveries.push({ event: String(body.event), body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({ ...oauthEnv(emulator), PINTEREST_CAMPAIGN_TICK_RULE: '* * * * * *' });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  const hook = await request(strapi.server.httpServer)
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({
      name: 'Ops',
      url: receiverUrl,
      headers: {},
      events: ['pinterest.campaign.finished', 'pinterest.account.reconnect_required'],
    });
  expect(hook.status).toBe(201);
  const back = await followCallback(strapi, await consent(strapi, jwt));
  expect(back.location.searchParams.get('connected')).toBe('strapi_demo');
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

const of = (event: string) => deliveries.filter((d) => d.event === event);

it('sends campaign.finished once when a campaign is done', async () => {
  const hero = (await uploadImage(strapi)).id;
  const board = [...emulator.state.boards.values()][0].id;
  const doc = await article(strapi, 'archive', { hero, publishedAt: '2019-05-01T10:00:00Z' });
  const started = await request(strapi.server.httpServer)
    .post('/pinterest/campaigns')
    .set('Authorization', `Bearer ${jwt}`)
    .send({
      name: 'Archive',
      selection: { contentType: ARTICLE, documentIds: [doc] },
      boards: [{ boardId: board }],
      pacing: { intervalMinutes: 0, timeZone: 'UTC' },
    });
  expect(started.status).toBe(201);
  const id = started.body.campaign.id as number;
  await waitFor(() => of('pinterest.campaign.finished').length > 0, 'campaign.finished', 60_000);
  await new Promise((r) => setTimeout(r, 2_000));
  expect(of('pinterest.campaign.finished')).toHaveLength(1);
  expect(of('pinterest.campaign.finished')[0].body).toEqual({
    event: 'pinterest.campaign.finished',
    createdAt: expect.any(String),
    entry: null,
    pin: null,
    campaign: { id, name: 'Archive' },
    status: 'done',
    errorCode: null,
  });
});

it('sends account.reconnect_required once when Pinterest refuses the refresh', async () => {
  for (const t of emulator.state.tokens.values())
    if (t.token !== 'pina_emulator_static_token') t.revoked = true;
  const hero = (await uploadImage(strapi)).id;
  const board = [...emulator.state.boards.values()][0].id;
  const draft = await strapi.documents(ARTICLE).create({
    data: { title: 'Waits', hero, pinterest: { boardId: board } } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
  await waitFor(
    () => of('pinterest.account.reconnect_required').length > 0,
    'account.reconnect_required',
    60_000
  );
  await new Promise((r) => setTimeout(r, 2_000));
  expect(of('pinterest.account.reconnect_required')).toHaveLength(1);
  const { body } = of('pinterest.account.reconnect_required')[0];
  expect(body).toMatchObject({ entry: null, pin: null, status: 'reconnect_required' });
  expect(typeof body.errorCode).toBe('string');
  // no token, no secret in what was sent
  const sent = JSON.stringify(deliveries);
  for (const t of emulator.state.tokens.values()) expect(sent).not.toContain(t.token);
  expect(sent).not.toContain('emulator-secret');
});
