/**
 * Editors can pin on day one: on a new install, Strapi's default Editor role gets the plugin's
 * read-pins, pin-entries and read-stats rights and the Author role read-pins and pin-entries, once.
 * An Editor then loads boards, previews, publishes through the Content Manager and the entry
 * pins; an Author previews their own entry (Strapi's Author may not publish) and follows its pin;
 * a right an administrator removes is not given back at the next start.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { permission } from '../../common/permissions';
import { startEmulator, type Emulator } from '../../emulator/src';
import { adminWithRole, registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
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
  // the editor is told, in plain words, which permission is missing and who can grant it
  const login = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email: 'editor@example.com', password: 'Passw0rdPassw0rd' });
  const stats = await request(strapi.server.httpServer)
    .get('/pinterest/analytics/overview')
    .set('Authorization', `Bearer ${login.body.data.token}`);
  expect(stats.status).toBe(403);
  expect(stats.body.error.message).toBe(
    'Your role does not have the Pinterest permission “Read stats”. An administrator can grant it in Settings → Administration panel → Roles → your role → Plugins → Pinterest.'
  );
  expect(stats.body.error.message).not.toContain('Policy Failed');
});

/** Creates and publishes an article through the Content Manager, as its edit view does. */
async function publishThroughContentManager(token: string, title: string, boardId: string) {
  const cm = '/content-manager/collection-types/api::article.article';
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const created = await request(strapi.server.httpServer)
    .post(cm)
    .set('Authorization', `Bearer ${token}`)
    .send({
      title,
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/day-one',
      pinterest: { boardId },
    });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  const published = await request(strapi.server.httpServer)
    .post(`${cm}/${documentId}/actions/publish`)
    .set('Authorization', `Bearer ${token}`)
    .send({});
  return { documentId, published };
}

const pinTitled = (title: string) =>
  [...emulator.state.pins.values()].find((p) => p.title === title) ?? null;

it('an Editor previews and publishes an entry and it pins; an Author previews their own entry and follows its pin', async () => {
  const { waitFor } = await import('../helpers/wait-for');
  const boardId = [...emulator.state.boards.values()][0].id;
  const editor = await adminWithRole(strapi, 'strapi-editor', 'editor2@example.com');
  const author = await adminWithRole(strapi, 'strapi-author', 'author@example.com');
  for (const token of [editor.token, author.token]) {
    const preview = await request(strapi.server.httpServer)
      .post('/pinterest/preview')
      .set('Authorization', `Bearer ${token}`)
      .send({
        contentType: 'api::article.article',
        values: { title: 'Preview soup', pinterest: { boardId } },
      });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ title: 'Preview soup', boardId });
  }

  const byEditor = await publishThroughContentManager(editor.token, 'Editor soup', boardId);
  expect(byEditor.published.status).toBe(200);
  // Strapi's Author may not publish (its Content Manager rights); an Editor publishes their entry
  const byAuthor = await publishThroughContentManager(author.token, 'Author soup', boardId);
  expect(byAuthor.published.status).toBe(403);
  const published = await request(strapi.server.httpServer)
    .post(
      `/content-manager/collection-types/api::article.article/${byAuthor.documentId}/actions/publish`
    )
    .set('Authorization', `Bearer ${editor.token}`)
    .send({});
  expect(published.status).toBe(200);

  for (const [title, documentId, token] of [
    ['Editor soup', byEditor.documentId, editor.token],
    ['Author soup', byAuthor.documentId, author.token],
  ] as const) {
    await waitFor(() => pinTitled(title) !== null, `${title} to pin`, 30_000, 100);
    const pins = await request(strapi.server.httpServer)
      .get(`/pinterest/entries/api::article.article/${documentId}/pins`)
      .set('Authorization', `Bearer ${token}`);
    expect(pins.status).toBe(200);
    expect(pins.body.pins).toEqual([expect.objectContaining({ status: 'pinned' })]);
  }
});
