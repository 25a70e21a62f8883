/**
 * The plugin's events in Strapi's webhook store, through the admin API that Settings → Webhooks
 * uses: a webhook subscribing to them is accepted (an unknown `pinterest.*` event is refused), and
 * the plugin's settings page reads the list from GET /pinterest/webhooks/events.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { registerSuperAdmin } from '../helpers/admin';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const EVENTS = [
  'pinterest.pin.created',
  'pinterest.pin.updated',
  'pinterest.pin.failed',
  'pinterest.pin.deleted',
  'pinterest.link.broken',
  'pinterest.campaign.finished',
  'pinterest.account.reconnect_required',
];
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;

beforeAll(async () => {
  booted = await bootStrapi();
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
});
afterAll(async () => {
  await booted?.destroy();
});

const api = () => request(strapi.server.httpServer);

it('accepts a webhook on the Pinterest events and refuses an unknown one', async () => {
  const created = await api()
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ name: 'Pins', url: 'http://127.0.0.1:9999/hook', headers: {}, events: EVENTS });
  expect(created.status).toBe(201);
  expect(created.body.data.events).toEqual(EVENTS);
  const refused = await api()
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({
      name: 'x',
      url: 'http://127.0.0.1:9999/x',
      headers: {},
      events: ['pinterest.pin.exploded'],
    });
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toMatch(/pinterest\.pin\.exploded is not supported/);
});

it('lists the events for the settings page, to who may read the settings', async () => {
  const res = await api().get('/pinterest/webhooks/events').set('Authorization', `Bearer ${jwt}`);
  expect(res.status).toBe(200);
  expect(res.body.events).toEqual(EVENTS);
  expect((await api().get('/pinterest/webhooks/events')).status).toBe(401);
});
