/**
 * With @strapi/plugin-graphql in the playground: an article's stats attribute has the typed
 * `PinterestStats` type (not the JSON scalar), and `pinterestPins { pinId url status board }`
 * lists its live pins, for a token that may read articles (as through REST), not for others.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { registerSuperAdmin } from '../helpers/admin';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

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

async function token(type: 'full-access' | 'custom', permissions: string[] = []) {
  const res = await request(strapi.server.httpServer)
    .post('/admin/api-tokens')
    .set('Authorization', `Bearer ${jwt}`)
    .send({
      name: `t-${type}-${permissions.join(',') || 'all'}`,
      type,
      lifespan: null,
      description: '',
      permissions,
    });
  expect(res.status).toBe(201);
  return res.body.data.accessKey as string;
}

const gql = (accessKey: string, query: string) =>
  request(strapi.server.httpServer)
    .post('/graphql')
    .set('Authorization', `Bearer ${accessKey}`)
    .send({ query });

it('types the stats and exposes the entry’s pins, with the REST permission', async () => {
  const stats = {
    impressions: 1200,
    saves: 30,
    pinClicks: 12,
    outboundClicks: 8,
    saveRate: 0.025,
    videoViews: null,
    videoStarts: null,
    videoAvgWatchTime: null,
    pins: 1,
    from: '2026-11-01',
    through: '2026-11-30',
    lastSyncedAt: '2026-12-01T00:00:00.000Z',
  };
  const draft = await strapi.documents('api::article.article').create({
    data: { title: 'Soup', canonicalUrl: 'https://blog.example.com/soup' } as never,
  });
  await strapi.documents('api::article.article').publish({ documentId: draft.documentId });
  // the stats as the analytics sync writes them (on every row of the document)
  await strapi.db
    .query('api::article.article')
    .updateMany({ where: { documentId: draft.documentId }, data: { pinterestStats: stats } });
  await strapi.db.query('plugin::pinterest.pin-record').create({
    data: {
      contentType: 'api::article.article',
      entryDocumentId: draft.documentId,
      entryLocale: 'default',
      boardId: '100000000000000001',
      marker: 'm1',
      pinId: '990000000000000001',
      status: 'pinned',
      link: 'https://blog.example.com/soup',
    },
  });

  const types = await gql(
    await token('full-access'),
    '{ __type(name: "Article") { fields { name type { name kind ofType { name kind ofType { name } } } } } }'
  );
  const field = (name: string) =>
    types.body.data.__type.fields.find((f: { name: string }) => f.name === name);
  expect(field('pinterestStats').type).toMatchObject({ name: 'PinterestStats', kind: 'OBJECT' });
  expect(field('pinterestSaves').type.name).toBe('Float');

  const query = `{ articles { documentId pinterestStats { impressions saves saveRate videoViews through } pinterestPins { pinId url status board } } }`;
  const reader = await token('custom', ['api::article.article.find']);
  const res = await gql(reader, query);
  expect(res.body.errors).toBeUndefined();
  const article = res.body.data.articles.find(
    (a: { documentId: string }) => a.documentId === draft.documentId
  );
  expect(article).toEqual({
    documentId: draft.documentId,
    pinterestStats: {
      impressions: 1200,
      saves: 30,
      saveRate: 0.025,
      videoViews: null,
      through: '2026-11-30',
    },
    pinterestPins: [
      {
        pinId: '990000000000000001',
        url: 'https://www.pinterest.com/pin/990000000000000001/',
        status: 'pinned',
        board: '100000000000000001',
      },
    ],
  });

  // a token that may not read articles gets neither (as through REST: 403)
  const other = await token('custom', ['api::category.category.find']);
  const refused = await gql(other, query);
  expect(refused.body.data?.articles ?? null).toBeNull();
  expect(refused.body.errors[0].message).toMatch(/Forbidden/i);
});
