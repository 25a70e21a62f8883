/**
 * Fetching faults (issue 15, items 18 and 19) on a real Strapi and the emulator: an entry's hero
 * stored at a signed, allowlisted media host (as with S3 or a CDN) is checked before Pinterest is
 * given its `image_url`.
 * - An address that answers a web page (a login page, say) stops the job with MEDIA_UNSUPPORTED
 *   before any write: the emulator sees no create and holds no pin for the entry.
 * - The reason kept on the job and the pin record names the media without its signature.
 * - An address that answers an image is pinned once, by `image_url`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../../emulator/src';
import { makeImage } from '../../helpers/images';
import { bootStrapi, type BootedStrapi } from '../../helpers/strapi';
import { waitFor } from '../../helpers/wait-for';

const ARTICLE = 'api::article.article';
const SECRET = 'c2lnbmVkLXNlY3JldA';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let media: http.Server;
let mediaBase: string;
let recipes: { id: string };

interface Lasting {
  state: string;
  lastError: { code: string; message: string } | null;
}
const jobOf = (documentId: string) =>
  strapi.db
    .query('plugin::pinterest.job')
    .findOne({ where: { key: { $contains: documentId } } }) as Promise<Lasting | null>;
const recordOf = (documentId: string) =>
  strapi.db
    .query('plugin::pinterest.pin-record')
    .findOne({ where: { entryDocumentId: documentId } }) as Promise<
    (Lasting & { status: string; mediaSource: string | null }) | null
  >;
const settled = (documentId: string) =>
  waitFor(
    async () => {
      const job = await jobOf(documentId);
      return job && (job.state === 'done' || job.state === 'failed') ? job : null;
    },
    `the job of ${documentId} to settle`,
    30_000,
    100
  );
const pinsTitled = (title: string) =>
  [...emulator.state.pins.values()].filter((p) => p.title === title);
const createsTitled = (title: string) =>
  emulator.requests.filter(
    (r) =>
      r.method === 'POST' &&
      r.path === '/v5/pins' &&
      (r.body as { title?: string } | null)?.title === title
  );

/** A media library file kept at the media host (as an S3 or CDN upload provider stores it). */
async function remoteFile(pathAndQuery: string): Promise<number> {
  const file = await strapi.db.query('plugin::upload.file').create({
    data: {
      name: 'hero.jpg',
      hash: `hero_${Math.random().toString(36).slice(2, 10)}`,
      ext: '.jpg',
      mime: 'image/jpeg',
      size: 120,
      width: 1000,
      height: 1500,
      url: `${mediaBase}${pathAndQuery}`,
      provider: 'aws-s3',
    },
  });
  return file.id as number;
}

async function publish(title: string, heroId: number): Promise<string> {
  const doc = await strapi.documents(ARTICLE).create({
    data: {
      title,
      hero: heroId,
      canonicalUrl: `https://blog.example.com/${encodeURIComponent(title)}`,
      pinterest: { boardId: recipes.id },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  return doc.documentId;
}

beforeAll(async () => {
  const jpeg = await makeImage(1000, 1500, 'jpeg');
  media = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/bucket/hero.jpg')
      return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    if (path === '/bucket/login.jpg')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Sign in</title><form>…</form>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  mediaBase = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(mediaBase).host,
  });
  strapi = booted.strapi;
  recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!;
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
  await new Promise((resolve) => media?.close(resolve));
});

it('a hero address that answers a web page stops the job before any write, its signature redacted', async () => {
  const signed = `/bucket/login.jpg?X-Amz-Credential=AKIA&X-Amz-Signature=${SECRET}`;
  const id = await publish('Login page hero', await remoteFile(signed));
  const job = await settled(id);
  expect(job).toMatchObject({ state: 'failed', lastError: { code: 'MEDIA_UNSUPPORTED' } });
  expect(job.lastError!.message).toMatch(/not an image \(text\/html\)/);
  expect(job.lastError!.message).toContain('/bucket/login.jpg?X-Amz-Credential=***');
  const record = await recordOf(id);
  expect(record).toMatchObject({ status: 'failed', lastError: { code: 'MEDIA_UNSUPPORTED' } });
  expect(JSON.stringify([job, record])).not.toContain(SECRET);
  expect(createsTitled('Login page hero')).toHaveLength(0);
  expect(pinsTitled('Login page hero')).toHaveLength(0);
});

it('a hero address that answers an image is pinned once by image_url', async () => {
  const id = await publish('Image hero', await remoteFile('/bucket/hero.jpg?X-Amz-Signature=abc'));
  expect(await settled(id)).toMatchObject({ state: 'done' });
  expect(pinsTitled('Image hero')).toHaveLength(1);
  expect(await recordOf(id)).toMatchObject({ status: 'pinned', mediaSource: 'image_url' });
});
