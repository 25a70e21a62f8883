/**
 * The editor's field talks to two routes: a preview computed by the worker's own rules, and board
 * creation.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
const post = (path: string, body: object) =>
  request(strapi.server.httpServer).post(path).set('Authorization', `Bearer ${jwt}`).send(body);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: { extraBoards: 320 } });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
});
afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

describe('POST /pinterest/preview', () => {
  it('shows the title and description exactly as they will be sent, with warnings and problems', async () => {
    const title =
      'A very long title about tomato soup that keeps going and going well past the hundred characters Pinterest allows for a pin';
    const res = await post('/pinterest/preview', {
      contentType: 'api::article.article',
      values: { title, excerpt: 'Warm.', canonicalUrl: 'http://blog.example.com/soup' },
    });
    expect(res.status).toBe(200);
    expect([...res.body.title].length).toBeLessThanOrEqual(100);
    expect(res.body.title.endsWith('…')).toBe(true);
    expect(res.body.description).toBe('Warm.');
    expect(res.body.warnings).toEqual(
      expect.arrayContaining(['TITLE_TRUNCATED', 'LINK_NOT_HTTPS'])
    );
    expect(res.body.problems.map((p: { code: string }) => p.code)).toEqual([
      'BOARD_REQUIRED',
      'MEDIA_REQUIRED',
    ]);
    expect(res.body.pinOnPublish).toBe(true);
  });

  it('uses the field’s board and overrides, and the hero media as chosen for the pin', async () => {
    const hero = await uploadImage(strapi, { width: 1000, height: 500 });
    const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id: hero.id } });
    const res = await post('/pinterest/preview', {
      contentType: 'api::article.article',
      values: {
        title: 'Entry title',
        hero: file,
        pinterest: { boardId: '100000000000000001', title: 'Pin title', enabled: false },
      },
    });
    expect(res.body).toMatchObject({
      boardId: '100000000000000001',
      title: 'Pin title',
      problems: [],
      pinOnPublish: false,
      media: { kind: 'image', width: 1000, height: 500 },
    });
    expect(res.body.warnings).toContain('ASPECT_RATIO');
  });

  it('names an unsupported format', async () => {
    const res = await post('/pinterest/preview', {
      contentType: 'api::article.article',
      values: { title: 't', hero: { url: '/uploads/a.svg', mime: 'image/svg+xml' } },
    });
    expect(res.body.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'MEDIA_UNSUPPORTED' })])
    );
  });

  it('refuses malformed input with a 400 naming the field', async () => {
    const res = await post('/pinterest/preview', { contentType: 'article', values: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/contentType: must be a content type uid/);
  });
});

describe('boards', () => {
  it('lists every board across bookmark pages (323), and a new board appears at once', async () => {
    const list = async () =>
      (
        await request(strapi.server.httpServer)
          .get('/pinterest/boards')
          .set('Authorization', `Bearer ${jwt}`)
      ).body.boards as Array<{ name: string }>;
    expect(await list()).toHaveLength(323);
    const created = await post('/pinterest/boards', { name: 'Weeknight dinners' });
    expect(created.status).toBe(201);
    expect(created.body.board).toMatchObject({ name: 'Weeknight dinners', privacy: 'PUBLIC' });
    expect((await list()).map((b) => b.name)).toContain('Weeknight dinners');
  });

  it('explains a refused board name', async () => {
    const res = await post('/pinterest/boards', { name: 'Recipes' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/invalid or duplicated/);
  });
});
