/**
 * A 300 MB video is streamed from the upload folder to Pinterest's bucket (the emulator, in this
 * same
 * process, counts the bytes without keeping them): the process's resident memory must not grow with
 * the file. Peak RSS growth is sampled every 20 ms while the pin job runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { writeVideo } from '../helpers/video';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const SIZE = 300 * 1024 * 1024;
const MB = 1024 * 1024;

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let file: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_VIDEO_POLL_MS: '50',
  });
  strapi = booted.strapi;
  const name = `big-${process.pid}-${Date.now()}.mp4`;
  file = path.join(strapi.dirs.static.public, 'uploads', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
}, 120_000);

afterAll(async () => {
  fs.rmSync(file, { force: true });
  await booted?.destroy();
  await emulator?.close();
});

it('streams a 300 MB video with peak RSS growth under 100 MB', async () => {
  // moov after mdat: the header probe must jump over 300 MB instead of reading it
  const bytes = await writeVideo(file, { seconds: 90, mdatBytes: SIZE, moovAtEnd: true });
  expect(bytes).toBeGreaterThan(SIZE);
  // a media library row pointing at the file, as the local upload provider makes it
  const media = await strapi.db.query('plugin::upload.file').create({
    data: {
      name: path.basename(file),
      hash: path.basename(file, '.mp4'),
      ext: '.mp4',
      mime: 'video/mp4',
      size: bytes / 1024,
      url: `/uploads/${path.basename(file)}`,
      provider: 'local',
    },
  });
  const recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'A long video',
      canonicalUrl: 'https://blog.example.com/long',
      hero: media.id,
      pinterest: { boardId: recipes, cover: { keyFrameTime: 30 } },
    } as never,
  });

  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
    const job = await waitFor(
      async () => {
        const j = await strapi.db
          .query('plugin::pinterest.job')
          .findOne({ where: { key: { $contains: draft.documentId } } });
        return j && (j.state === 'done' || j.state === 'failed') ? j : null;
      },
      'the 300 MB video pin',
      120_000
    );
    expect(job.lastError).toBeNull();
  } finally {
    clearInterval(sampler);
  }
  const growthMb = (peak - baseline) / MB;

  console.log(
    `300 MB video: peak RSS growth ${growthMb.toFixed(1)} MB (baseline ${(baseline / MB).toFixed(0)} MB)`
  );
  expect(growthMb).toBeLessThan(100);

  const uploaded = [...emulator.state.media.values()].at(-1)!;
  expect(uploaded.uploadedBytes).toBe(bytes);
  const pin = [...emulator.state.pins.values()].find((p) => p.title === 'A long video');
  expect(pin?.video).toMatchObject({ media_id: uploaded.media_id, cover_image_key_frame_time: 30 });
}, 180_000);
