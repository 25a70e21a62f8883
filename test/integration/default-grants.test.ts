/**
 * Editors can pin on day one: on a new install, Strapi's default Editor role gets the plugin's
 * read-pins, pin-entries and read-stats rights and the Author role read-pins and pin-entries, once.
 * An Editor then loads boards and reads an entry's pins; a right an administrator removes is not
 * given back at the next start.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { permission } from '../../common/permissions';
import { startEmulator, type Emulator } from '../../emulator/src';
import { adminWithRole, registerSuperAdmin } from '../helpers/admin';
import { bootStrapi, tempDbFile, type BootedStrapi } from '../helpers/strapi';

let emulator: Emulator;
let booted: BootedStrapi | null = null;
let strapi: Core.Strapi;
const dbFile = tempDbFile('grants');

const boot = async () => {
  booted = await bootStrapi(
    { PINTEREST_API_URL: emulator.apiUrl, PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token' },
    { dbFile }
  );
  strapi = booted.strapi;
};

/** The plugin actions a default role holds. */
const pluginRights = async (code: string): Promise<string[]> => {
  const role = await strapi.db.query('admin::role').findOne({ where: { code } });
  const rows: Array<{ action: string }> = await strapi.db.query('admin::permission').findMany({
    where: { role: role.id, action: { $startsWith: 'plugin::pinterest.' } },
  });
  return rows.map((r) => r.action).sort();
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  await boot();
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('grants the Editor and Author roles their everyday rights on the first start', async () => {
  expect(await pluginRights('strapi-editor')).toEqual(
    [permission('pinEntries'), permission('readPins'), permission('readStats')].sort()
  );
  expect(await pluginRights('strapi-author')).toEqual(
    [permission('pinEntries'), permission('readPins')].sort()
  );
});

it('an Editor loads boards and reads an entry’s pins without anyone granting anything', async () => {
  await registerSuperAdmin(strapi);
  const editor = await adminWithRole(strapi, 'strapi-editor', 'editor@example.com');
  const boards = await request(strapi.server.httpServer)
    .get('/pinterest/boards')
    .set('Authorization', `Bearer ${editor.token}`);
  expect(boards.status).toBe(200);
  expect(boards.body.boards.length).toBeGreaterThan(0);
  const doc = await strapi
    .documents('api::article.article')
    .create({ data: { title: 'Day one' } as never });
  const pins = await request(strapi.server.httpServer)
    .get(`/pinterest/entries/api::article.article/${doc.documentId}/pins`)
    .set('Authorization', `Bearer ${editor.token}`);
  expect(pins.status).toBe(200);
});

it('a right an administrator removed is not given back at the next start', async () => {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  await strapi.db
    .query('admin::permission')
    .deleteMany({ where: { role: role.id, action: permission('readStats') } });
  await booted!.destroy({ keepDb: true });
  booted = null;
  await boot();
  expect(await pluginRights('strapi-editor')).toEqual(
    [permission('pinEntries'), permission('readPins')].sort()
  );
});
