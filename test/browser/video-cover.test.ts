/**
 * In real headless Chromium, a video article (issue 5): the editor opens an article whose hero is a
 * real, playable MP4, picks a board, scrubs the cover picker's video to 3 s with the keyboard, uses
 * that frame as the cover, publishes, and the side panel turns to "Pinned"; the emulator received
 * the video and a pin whose cover is the frame at 3 s.
 *
 * The video is made by this same Chromium (test/helpers/real-video.ts): a clock drawn on a canvas,
 * encoded as VP9 with WebCodecs and muxed into an MP4, so the picked frame reads “3.0” in the
 * screenshots.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { launchBrowser, openAdmin, screenshot, step, type PageLog } from '../helpers/browser';
import { uploadFile } from '../helpers/images';
import { makeClockVideo, type RealVideo } from '../helpers/real-video';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const TITLE = 'A clock counting to six';
const FRAME = 3;

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;
let clip: RealVideo;

const editUrl = (documentId: string) =>
  `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`;

/**
 * Starts watching a <video> for the moment it presents (hands to the compositor) the frame at
 * `seconds`, with requestVideoFrameCallback; the returned function waits for that moment. Start
 * watching before the action that seeks, so the frame cannot be presented unseen; a frame "decoded"
 * is not enough, a screenshot shows what was presented.
 */
async function watchForFrame(video: Locator, seconds: number): Promise<() => Promise<void>> {
  const key = `__frame_${Math.random().toString(36).slice(2)}`;
  await video.evaluate(
    (v: HTMLVideoElement, { key, seconds, fps }: { key: string; seconds: number; fps: number }) => {
      const seen: number[] = [];
      (window as unknown as Record<string, unknown>)[key] = new Promise<string | null>(
        (resolve) => {
          const timer = setTimeout(
            () => resolve(`presented ${seen.join(', ') || 'no frame'} s, never ${seconds} s`),
            15_000
          );
          const onFrame = (_now: number, meta: { mediaTime: number }) => {
            seen.push(meta.mediaTime);
            if (Math.abs(meta.mediaTime - seconds) < 0.5 / fps) {
              clearTimeout(timer);
              resolve(null);
            } else v.requestVideoFrameCallback(onFrame);
          };
          v.requestVideoFrameCallback(onFrame);
        }
      );
    },
    { key, seconds, fps: clip.fps }
  );
  return async () => {
    const failure = await page.evaluate(
      (k) => (window as unknown as Record<string, Promise<string | null>>)[k],
      key
    );
    if (failure) throw new Error(`The video ${failure}`);
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  emulator.state.flags.mediaProcessingPolls = 2;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_VIDEO_POLL_MS: '50',
    PINTEREST_VIDEO_POLL_MAX_MS: '200',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  browser = await launchBrowser();
  clip = await makeClockVideo(browser, { seconds: 6 });
  // tall enough for the whole field, from the cover picker down to the preview card, in one
  // screenshot
  ({ page, log } = await openAdmin(
    booted.url,
    { viewport: { width: 1440, height: 1400 } },
    browser
  ));
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('scrubs the hero video to 3 s, uses that frame as the cover, publishes, and the pin has that key frame', async () => {
  const hero = await uploadFile(strapi, clip.bytes, 'clock', 'mp4', 'A clock counting to six');
  expect(hero.mime).toBe('video/mp4');
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: TITLE,
      excerpt: 'Six seconds of a clock.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/clock',
    } as never,
  });

  await step(page, log, 'open-and-pick-board', async () => {
    await page.goto(editUrl(draft.documentId));
    const board = page.getByRole('combobox', { name: 'Board' });
    await board.waitFor({ timeout: 30_000 });
    await board.click();
    await board.pressSequentially('Reci', { delay: 30 });
    await page.getByRole('option', { name: 'Recipes' }).click();
  });

  const picker = page.getByRole('slider', { name: /^Frame at \d+ s$/ });
  const video = page.getByLabel('Hero video', { exact: true });
  const preview = page.getByRole('img', { name: 'Pin preview' });
  await step(page, log, 'cover-picker-loads-the-video', async () => {
    // the browser read the video: the picker knows its duration and lets the editor scrub
    await page
      .getByRole('slider', { name: 'Frame at 0 s', description: `Duration ${clip.seconds} s` })
      .waitFor({ timeout: 20_000 });
    expect(await picker.isEnabled()).toBe(true);
    expect(await video.evaluate((v: HTMLVideoElement) => v.error?.message ?? null)).toBeNull();
    // the field from the picker down to the preview card in view (as in the screenshot): both
    // videos on screen
    await preview.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  });

  await step(page, log, 'scrub-to-3s', async () => {
    const shown = await watchForFrame(video, FRAME);
    await picker.focus();
    for (let i = 0; i < FRAME; i += 1) await picker.press('ArrowRight');
    await page.getByRole('slider', { name: `Frame at ${FRAME} s` }).waitFor();
    expect(await picker.getAttribute('aria-valuetext')).toBe(`${FRAME} s`);
    await shown();
  });

  await step(page, log, 'use-this-frame', async () => {
    const shown = await watchForFrame(preview.locator('video'), FRAME);
    // the preview the server computes for the final values (board and cover), not one from before
    const previewed = page.waitForResponse((r) => {
      if (!r.url().endsWith('/pinterest/preview') || r.request().method() !== 'POST') return false;
      const pin = (
        r.request().postDataJSON() as {
          values?: { pinterest?: { boardId?: string; cover?: { keyFrameTime?: number } } };
        }
      ).values?.pinterest;
      return Boolean(pin?.boardId) && pin?.cover?.keyFrameTime === FRAME;
    });
    await page.getByRole('button', { name: 'Use this frame as the cover' }).click();
    await page.getByText(`Cover: frame at ${FRAME} s`, { exact: true }).waitFor();
    expect((await previewed).status()).toBe(200);
    // nothing left to fix: no "no board chosen" from an older preview, no other warning
    await page
      .getByRole('list', { name: 'Things to check before pinning' })
      .waitFor({ state: 'detached' });
    await preview.getByText(TITLE).waitFor();
    // the preview card shows the chosen frame
    await shown();
  });
  await screenshot(page, 'video-cover-picked');

  await step(page, log, 'publish-and-pinned', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 45_000 });
    await page.getByRole('link', { name: /View the pin on Pinterest/ }).waitFor();
  });
  await screenshot(page, 'video-cover-pinned');

  const published = await strapi
    .documents(ARTICLE)
    .findOne({ documentId: draft.documentId, status: 'published' });
  expect((published as { pinterest?: unknown } | null)?.pinterest).toMatchObject({
    cover: { keyFrameTime: FRAME },
  });

  // the emulator received the recorded file itself, and a video pin whose cover is the frame at 3 s
  const media = [...emulator.state.media.values()];
  expect(media).toHaveLength(1);
  expect(media[0]).toMatchObject({ status: 'succeeded', uploadedBytes: clip.bytes.length });
  const pin = [...emulator.state.pins.values()].find((p) => p.title === TITLE);
  expect(pin?.creative_type).toBe('VIDEO');
  expect(pin?.video).toMatchObject({
    media_id: media[0].media_id,
    cover_image_key_frame_time: FRAME,
  });
  const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');
  expect(creates).toHaveLength(1);
  expect((creates[0].body as { media_source: unknown }).media_source).toEqual({
    source_type: 'video_id',
    media_id: media[0].media_id,
    cover_image_key_frame_time: FRAME,
  });
});
