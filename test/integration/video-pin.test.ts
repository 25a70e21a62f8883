/**
 * Video pins end to end: the hero video's header is read (container, duration), the upload is
 * registered with POST /v5/media, streamed to the emulator's S3-style bucket with every upload
 * parameter and the file last, polled until processed, then pinned with the editor's cover frame.
 */
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { uploadFile } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { videoBytes } from '../helpers/video';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let recipes: string;

type Job = {
  state: string;
  lastError: { code: string; message: string; advice: string } | null;
  result: Record<string, unknown> | null;
};

const pinJob = async (documentId: string) =>
  (await strapi.db
    .query('plugin::pinterest.job')
    .findOne({ where: { key: { $contains: documentId }, kind: 'pin.entry' } })) as Job | null;
const settled = (documentId: string) =>
  waitFor(
    async () => {
      const job = await pinJob(documentId);
      return job && (job.state === 'done' || job.state === 'failed') ? job : null;
    },
    `the video pin job of ${documentId}`,
    30_000
  );

async function publishVideoArticle(
  title: string,
  video: Buffer,
  ext: 'mp4' | 'mov',
  pinterest: Record<string, unknown> = {}
) {
  const file = await uploadFile(
    strapi,
    video,
    `clip-${Math.random().toString(36).slice(2, 8)}`,
    ext
  );
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title,
      canonicalUrl: 'https://blog.example.com/video',
      hero: file.id,
      pinterest: { boardId: recipes, ...pinterest },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
  return { documentId: draft.documentId, bytes: video.length };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  emulator.state.flags.mediaProcessingPolls = 2;
  recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_VIDEO_POLL_MS: '50',
    PINTEREST_VIDEO_POLL_MAX_MS: '200',
  });
  strapi = booted.strapi;
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(() => {
  emulator.requests.length = 0;
  emulator.state.flags.mediaProcessingFails = false;
});

const uploads = () => emulator.requests.filter((r) => r.path.startsWith('/_upload/'));
const mediaGets = () =>
  emulator.requests.filter((r) => r.method === 'GET' && /^\/v5\/media\/\d+$/.test(r.path));
const pinFor = (title: string) => [...emulator.state.pins.values()].find((p) => p.title === title);

it('uploads an MP4, waits for processing, and pins it with the chosen cover frame', async () => {
  const { documentId, bytes } = await publishVideoArticle(
    'Knife skills in 12 seconds',
    videoBytes({ seconds: 12, mdatBytes: 200_000 }),
    'mp4',
    {
      cover: { keyFrameTime: 7 },
    }
  );
  const job = await settled(documentId);
  expect(job.lastError).toBeNull();
  expect(job.state).toBe('done');

  const register = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/media');
  expect(register).toHaveLength(1);
  const [upload] = uploads();
  expect(upload.status).toBe(204);
  const media = [...emulator.state.media.values()].at(-1)!;
  expect(media).toMatchObject({ status: 'succeeded', uploadedBytes: bytes });
  expect(mediaGets().length).toBeGreaterThanOrEqual(3); // processing, processing, succeeded

  const pin = pinFor('Knife skills in 12 seconds');
  expect(pin?.creative_type).toBe('VIDEO');
  expect(pin?.video).toMatchObject({ media_id: media.media_id, cover_image_key_frame_time: 7 });
  const create = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v5/pins');
  expect((create!.body as { media_source: unknown }).media_source).toEqual({
    source_type: 'video_id',
    media_id: media.media_id,
    cover_image_key_frame_time: 7,
  });
});

it('a MOV without a chosen cover gets the default frame', async () => {
  const { documentId } = await publishVideoArticle(
    'Slow pour',
    videoBytes({ seconds: 20, quicktime: true, moovAtEnd: true }),
    'mov'
  );
  const job = await settled(documentId);
  expect(job.lastError).toBeNull();
  expect(pinFor('Slow pour')?.video).toMatchObject({ cover_image_key_frame_time: 1 });
});

it('a cover image URL is passed through instead of a frame', async () => {
  const { documentId } = await publishVideoArticle(
    'Cover from an image',
    videoBytes({ seconds: 9 }),
    'mp4',
    { cover: { imageUrl: 'https://images.example.com/cover.jpg' } }
  );
  const job = await settled(documentId);
  expect(job.lastError).toBeNull();
  const create = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v5/pins');
  expect((create!.body as { media_source: Record<string, unknown> }).media_source).toMatchObject({
    source_type: 'video_id',
    cover_image_url: 'https://images.example.com/cover.jpg',
  });
});

it('a video that fails processing ends with a clear error and no pin', async () => {
  emulator.state.flags.mediaProcessingFails = true;
  const { documentId } = await publishVideoArticle(
    'Broken encoding',
    videoBytes({ seconds: 10 }),
    'mp4'
  );
  const job = await settled(documentId);
  expect(job.state).toBe('failed');
  expect(job.lastError).toMatchObject({ code: 'VIDEO_PROCESSING_FAILED' });
  expect(job.lastError!.advice).toMatch(/could not process this video/);
  expect(pinFor('Broken encoding')).toBeUndefined();
  const record = await strapi.db
    .query('plugin::pinterest.pin-record')
    .findOne({ where: { entryDocumentId: documentId } });
  expect(record).toMatchObject({ status: 'failed', pinId: null });
});

it.each([
  ['too short', 2.5, /lasts 2.5 s; Pinterest needs at least 4 s/],
  ['too long', 16 * 60, /lasts 16 min 0 s; Pinterest accepts at most 15 minutes/],
])('a video %s is refused before anything is uploaded', async (_label, seconds, message) => {
  const { documentId } = await publishVideoArticle(
    `Duration ${seconds}`,
    videoBytes({ seconds }),
    'mp4'
  );
  const job = await settled(documentId);
  expect(job.state).toBe('failed');
  expect(job.lastError).toMatchObject({ code: 'VIDEO_DURATION' });
  expect(job.lastError!.message).toMatch(message);
  expect(emulator.requests.filter((r) => r.path === '/v5/media')).toHaveLength(0);
  expect(uploads()).toHaveLength(0);
});

it('a file that is not really an MP4 is refused with a clear error', async () => {
  const { documentId } = await publishVideoArticle(
    'Not a video',
    Buffer.from('this is plain text pretending to be a video file'.repeat(10)),
    'mp4'
  );
  const job = await settled(documentId);
  expect(job.state).toBe('failed');
  expect(job.lastError).toMatchObject({ code: 'MEDIA_UNSUPPORTED' });
  expect(job.lastError!.message).toMatch(/not an MP4 or MOV file/);
  expect(uploads()).toHaveLength(0);
});
