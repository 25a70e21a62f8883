/**
 * Without an encryption key the plugin refuses to store tokens, and says why (on the page and the
 * API).
 */
import request from 'supertest';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { oauthEnv } from '../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

let emulator: Emulator;
let booted: BootedStrapi;
let jwt: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({ ...oauthEnv(emulator), PINTEREST_ENCRYPTION_KEY: undefined });
  jwt = await registerSuperAdmin(booted.strapi);
});
afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('lists the missing key as a setup problem and refuses to start the OAuth flow', async () => {
  const http = request(booted.strapi.server.httpServer);
  const connection = await http.get('/pinterest/connection').set('Authorization', `Bearer ${jwt}`);
  expect(connection.body.setup.hasEncryptionKey).toBe(false);
  expect(connection.body.setup.problems.join(' ')).toMatch(
    /PINTEREST_ENCRYPTION_KEY.*refuses to store tokens/
  );
  const start = await http
    .post('/pinterest/connection/authorize')
    .set('Authorization', `Bearer ${jwt}`)
    .send({});
  expect(start.status).toBe(400);
  expect(start.body.error.message).toMatch(/No token encryption key/);
  expect(await booted.strapi.db.query('plugin::pinterest.oauth-state').count()).toBe(0);
});

it('refuses a key of the wrong size without echoing it', async () => {
  await booted.destroy();
  booted = await bootStrapi({ ...oauthEnv(emulator), PINTEREST_ENCRYPTION_KEY: 'dG9vLXNob3J0' });
  jwt = await registerSuperAdmin(booted.strapi);
  const connection = await request(booted.strapi.server.httpServer)
    .get('/pinterest/connection')
    .set('Authorization', `Bearer ${jwt}`);
  expect(connection.body.setup.problems.join(' ')).toMatch(/must be 32 bytes/);
  expect(JSON.stringify(connection.body)).not.toContain('dG9vLXNob3J0');
});
