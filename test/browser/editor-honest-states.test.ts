/**
 * In real headless Chromium, what an editor is told is true: a Pinterest title typed past 100
 * characters says what will be sent (nothing stops mid-word), the board picker opened with a board
 * chosen lists every board, a new entry's preview asks to choose a board in plain words, publish
 * turns the panel to "Pinned" with "Sync now", and an edit published later shows "Updated on
 * Pinterest".
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
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;

const editUrl = (documentId: string) =>
  `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: { extraBoards: 20 } });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1440, height: 1100 },
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('plain words, the override warning, every board listed, Pinned, then Updated on Pinterest', async () => {
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Tomato soup',
      excerpt: 'A warm soup.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/soup',
    } as never,
  });
  await page.goto(editUrl(draft.documentId));

  await step(page, log, 'a new entry: choose a board, in plain words', async () => {
    await page.getByText('No board chosen').first().waitFor({ timeout: 30_000 });
    await page
      .getByText(/Choose a board for this pin .* or ask an administrator for a default board/)
      .first()
      .waitFor();
    await page.getByText('Code: BOARD_REQUIRED', { exact: false }).first().waitFor();
    const body = await page.locator('main').innerText();
    expect(body).not.toMatch(/board_id|boardId|Requires/);
    await screenshot(page, 'honest-no-board');
  });

  await step(page, log, 'the board picker lists every board, the chosen one marked', async () => {
    const board = page.getByRole('combobox', { name: 'Board' });
    await page.getByText('23 boards').waitFor({ timeout: 15_000 });
    await board.click();
    await board.pressSequentially('Reci', { delay: 30 });
    await page.getByRole('option', { name: 'Recipes' }).click();
    await page.keyboard.press('Escape');
    await board.click();
    await page.getByRole('option', { name: 'Recipes (chosen)' }).waitFor();
    expect(await page.getByRole('option').count()).toBeGreaterThan(5);
    await screenshot(page, 'honest-board-list');
    await page.keyboard.press('Escape');
  });

  const long =
    'A very long Pinterest title that an editor keeps typing well past the limit of one hundred characters here';
  await step(page, log, 'a title past 100 characters: red counter and what is sent', async () => {
    const title = page.getByRole('textbox', { name: 'Pinterest title (optional)' });
    await title.fill(long);
    expect(await title.inputValue()).toBe(long);
    await page
      .getByText(/^106 \/ 100: too long\. Pinterest gets the title cut at a word: “A very long/)
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'honest-title-too-long');
  });

  await step(page, log, 'publish: Pinned, and the button is Sync now', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Pin now' }).count()).toBe(0);
    await screenshot(page, 'honest-pinned');
  });
  const pin = [...emulator.state.pins.values()].find((p) => p.title?.startsWith('A very long'));
  expect(pin?.title?.length).toBeLessThanOrEqual(100);
  expect(pin?.title).toMatch(/…$/);

  await step(page, log, 'an edit published: Updated on Pinterest', async () => {
    const title = page.getByRole('textbox', { name: 'Pinterest title (optional)' });
    await title.fill('Tomato soup, the short title');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/^Updated on Pinterest · /).waitFor({ timeout: 30_000 });
    await screenshot(page, 'honest-updated');
  });
  await waitFor(
    () => [...emulator.state.pins.values()].some((p) => p.title === 'Tomato soup, the short title'),
    'the pin to be updated on Pinterest'
  );
});
