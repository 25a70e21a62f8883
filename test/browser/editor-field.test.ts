/**
 * In real headless Chromium, the editor's side: open an article with a hero image, pick a board and
 * a
 * section in the Pinterest field, see the preview, publish, and watch the side panel turn to
 * "Pinned" with a link; then an article without a hero image shows the warning and a clear error.
 */
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { openAdmin, screenshot } from '../helpers/browser';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;

const editUrl = (documentId: string) =>
  `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: { extraBoards: 300 } });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  ({ browser, page } = await openAdmin(booted.url, { viewport: { width: 1440, height: 1100 } }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('picks a board and a section, previews the pin, publishes, and the panel shows it pinned', async () => {
  const hero = await uploadImage(strapi, {
    width: 1000,
    height: 1500,
    format: 'jpeg',
    alt: 'Tomato soup',
  });
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Tomato soup for cold evenings',
      excerpt: 'A warm soup.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/soup',
    } as never,
  });
  await page.goto(editUrl(draft.documentId));

  const board = page.getByRole('combobox', { name: 'Board' });
  await board.waitFor({ timeout: 30_000 });
  await page.getByText('303 boards').waitFor({ timeout: 15_000 });
  await board.click();
  await board.pressSequentially('Reci', { delay: 30 });
  await screenshot(page, 'editor-board-search');
  await page.getByRole('option', { name: 'Recipes' }).click();
  const section = page.getByRole('combobox', { name: 'Section (optional)' });
  await section.click();
  await page.getByRole('option', { name: 'Dinner' }).click();

  const preview = page.getByRole('img', { name: 'Pin preview' });
  await preview.getByText('Tomato soup for cold evenings').waitFor();
  await page.getByText('Title 29 / 100').waitFor();
  await screenshot(page, 'editor-field-preview');

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: /View the pin on Pinterest/ }).waitFor();
  // on a pinned entry the button says what it does
  await page.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 10_000 });
  await screenshot(page, 'editor-panel-pinned');

  const recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!;
  const dinner = [...emulator.state.sections.values()].find(
    (s) => s.boardId === recipes.id && s.name === 'Dinner'
  )!;
  const pin = [...emulator.state.pins.values()].find(
    (p) => p.title === 'Tomato soup for cold evenings'
  );
  expect(pin).toMatchObject({ board_id: recipes.id, board_section_id: dinner.id });
});

it('without a hero image: a warning in the field, then a clear error in the panel', async () => {
  const draft = await strapi.documents(ARTICLE).create({
    data: { title: 'Words only', canonicalUrl: 'https://blog.example.com/words' } as never,
  });
  await page.goto(editUrl(draft.documentId));
  const board = page.getByRole('combobox', { name: 'Board' });
  await board.waitFor({ timeout: 30_000 });
  await page.getByText('303 boards').waitFor({ timeout: 15_000 });
  await board.click();
  await board.pressSequentially('Trav', { delay: 30 });
  await page.getByRole('option', { name: 'Travel' }).click();
  await page
    .getByText(/Pinterest has no text-only pins/)
    .first()
    .waitFor();

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Failed', { exact: true }).first().waitFor({ timeout: 30_000 });
  await page
    .getByText('Add an image or a video to this entry, then publish again.')
    .first()
    .waitFor();
  // no image cannot succeed by trying again: the fix is offered, not Retry
  await page.getByRole('button', { name: 'Add an image' }).waitFor({ timeout: 10_000 });
  expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  await page.getByText('Code: MEDIA_REQUIRED', { exact: false }).first().waitFor();
  await screenshot(page, 'editor-panel-failed');
  // the fix brings the editor to the entry's media field
  await page.getByRole('button', { name: 'Add an image' }).click();
  expect(
    await page.evaluate(() =>
      Boolean(document.activeElement?.closest('[aria-roledescription="carousel"]'))
    )
  ).toBe(true);
  await waitFor(
    async () =>
      (
        await strapi
          .documents(ARTICLE)
          .findOne({ documentId: draft.documentId, status: 'published' })
      )?.title === 'Words only',
    'the entry to be published'
  );
  expect([...emulator.state.pins.values()].some((p) => p.title === 'Words only')).toBe(false);
});
