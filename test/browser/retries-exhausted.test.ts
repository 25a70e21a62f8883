/**
 * In real headless Chromium: Pinterest answers every create with a 503. The job is tried as many
 * times as configured, then ends `failed` with its reason; the side panel says Failed, that it will
 * not be tried again by itself, and offers Retry. Once Pinterest is back, Retry pins it — one pin.
 */
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { openAdmin, screenshot, step, type PageLog } from '../helpers/browser';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const MAX_ATTEMPTS = 3;
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_RETRY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    PINTEREST_RETRY_BASE_MS: '100',
    PINTEREST_RETRY_MAX_MS: '200',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1440, height: 1100 },
    locale: 'en-US',
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('a job past its last retry ends failed with its reason in the panel; Retry pins it once', async () => {
  const creates = () =>
    emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');
  // Pinterest fails every create, for as long as the rule stands
  emulator.setFault({ method: 'POST', path: '/v5/pins', status: 503 });
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const board = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!;
  const doc = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Lentil stew',
      excerpt: 'Slow and warm.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/lentils',
      pinterest: { boardId: board.id },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  const jobOf = () =>
    strapi.db
      .query('plugin::pinterest.job')
      .findOne({ where: { key: { $contains: doc.documentId } } });

  const failed = await waitFor(
    async () => {
      const job = await jobOf();
      return job?.state === 'failed' ? job : null;
    },
    'the job to end failed',
    60_000,
    100
  );
  expect(failed.attempts).toBe(MAX_ATTEMPTS);
  expect(failed.lastError).toMatchObject({ code: 'PINTEREST_ERROR', retryable: true });
  expect(creates()).toHaveLength(MAX_ATTEMPTS);

  const state = async () => ({ job: await jobOf(), creates: creates().length });
  await step(
    page,
    log,
    'the panel says failed, why, and that nothing more happens by itself',
    async () => {
      await page.goto(
        `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${doc.documentId}`
      );
      await page.getByText('Failed', { exact: true }).first().waitFor({ timeout: 30_000 });
      await page
        .getByText(
          `Tried ${MAX_ATTEMPTS} times without success: it will not be tried again by itself.`,
          { exact: false }
        )
        .waitFor();
      await page.getByText('Code: PINTEREST_ERROR', { exact: false }).first().waitFor();
      const panel = await page.locator('main').innerText();
      expect(panel).not.toMatch(/will be tried again automatically/);
      await screenshot(page, 'retries-exhausted-failed');
    },
    state
  );

  // nothing happens by itself: still failed, still three creates, after the retry delays passed
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await jobOf()).state).toBe('failed');
  expect(creates()).toHaveLength(MAX_ATTEMPTS);

  emulator.clearFaults();
  await step(
    page,
    log,
    'Retry once Pinterest is back: pinned',
    async () => {
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: /View the pin on Pinterest/ }).waitFor();
      await screenshot(page, 'retries-exhausted-retried');
    },
    state
  );
  const pins = [...emulator.state.pins.values()].filter((p) => p.title === 'Lentil stew');
  expect(pins).toHaveLength(1);
  expect(pins[0].board_id).toBe(board.id);
});
