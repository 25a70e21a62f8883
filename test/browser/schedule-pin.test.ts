/**
 * In real headless Chromium: an editor schedules a pin with the field's "Pin at", publishes, sees
 * it
 * scheduled in the side panel, cancels it there, then reschedules it from the panel to a time
 * already
 * past — and the panel turns to "Pinned". Screenshots are artefacts.
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

const pad = (n: number) => String(n).padStart(2, '0');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  // the browser and the test agree on the time zone, so "tomorrow 09:00" means the same to both
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1440, height: 1300 },
    timezoneId: 'UTC',
    locale: 'en-US',
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('schedules a pin with "Pin at", cancels it from the side panel, then reschedules it', async () => {
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!;
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Pumpkin bread',
      excerpt: 'Autumn baking.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/pumpkin',
      pinterest: { boardId: recipes.id },
    } as never,
  });
  const jobOf = () =>
    strapi.db
      .query('plugin::pinterest.job')
      .findOne({ where: { key: { $contains: draft.documentId } } });

  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  const dateText = `${pad(tomorrow.getUTCMonth() + 1)}/${pad(tomorrow.getUTCDate())}/${tomorrow.getUTCFullYear()}`;
  await step(page, log, 'set-pin-at', async () => {
    await page.goto(
      `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
    );
    const date = page.getByRole('combobox', { name: 'Pin date' }).first();
    await date.waitFor({ timeout: 30_000 });
    await date.fill(dateText);
    await date.press('Enter');
    const time = page.getByRole('combobox', { name: 'Pin time' }).first();
    await time.click();
    await page.getByRole('option', { name: '09:00' }).click();
  });
  await screenshot(page, 'schedule-field-pin-at');

  await step(page, log, 'publish-scheduled', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Scheduled', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText(/^Scheduled for /).waitFor();
  });
  const expected = Date.UTC(
    tomorrow.getUTCFullYear(),
    tomorrow.getUTCMonth(),
    tomorrow.getUTCDate(),
    9,
    0,
    0
  );
  const scheduled = await jobOf();
  expect(scheduled).toMatchObject({ state: 'waiting' });
  expect(Number(scheduled.runAt)).toBe(expected);
  await screenshot(page, 'schedule-panel-scheduled');

  await step(page, log, 'cancel', async () => {
    await page.getByRole('button', { name: 'Cancel the scheduled pin' }).click();
    await page.getByText('Cancelled', { exact: true }).first().waitFor({ timeout: 15_000 });
  });
  expect((await jobOf()).state).toBe('cancelled');
  expect(
    emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins')
  ).toHaveLength(0);
  await screenshot(page, 'schedule-panel-cancelled');

  // reschedule from the panel to a time already past: it goes out at once
  const today = new Date();
  const todayText = `${pad(today.getUTCMonth() + 1)}/${pad(today.getUTCDate())}/${today.getUTCFullYear()}`;
  const state = async () => ({
    job: await jobOf(),
    pinsOnEmulator: [...emulator.state.pins.values()].map((p) => p.title),
    at: new Date().toISOString(),
  });
  await step(
    page,
    log,
    'reschedule-pick',
    async () => {
      const panelDate = page.getByRole('combobox', { name: 'Pin date' }).last();
      // the box still shows the cancelled time: clear it first, as an editor does (the date
      // picker keeps its value when text is typed over a date it holds)
      await page
        .getByRole('button', { name: /^Clear the .*date$/ })
        .last()
        .click();
      // Enter commits the typed date, as in the field above: without it, the picker may still
      // hold the cancelled date when the time is chosen, and the time keeps that one (CI saw
      // 12/05 after 12/04 was typed)
      await panelDate.fill(todayText);
      await panelDate.press('Enter');
      await page.getByRole('combobox', { name: 'Pin time' }).last().click();
      await page.getByRole('option', { name: '00:00' }).click();
      // what the editor sees is what will be sent: the panel shows today's date at 00:00
      await waitFor(
        async () => (await panelDate.inputValue()) === todayText || undefined,
        `the panel's date box to show ${todayText}`
      );
      await waitFor(
        async () =>
          (await page.getByRole('combobox', { name: 'Pin time' }).last().inputValue()) ===
            '00:00' || undefined,
        "the panel's time box to show 00:00"
      );
    },
    state
  );
  await step(
    page,
    log,
    'reschedule',
    async () => {
      await page.getByRole('button', { name: 'Reschedule' }).click();
      await page.getByText('The pin was rescheduled.').first().waitFor({ timeout: 15_000 });
      await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: /View the pin on Pinterest/ }).waitFor();
    },
    state
  );
  await screenshot(page, 'schedule-panel-pinned');
  const pin = await waitFor(
    () => [...emulator.state.pins.values()].find((p) => p.title === 'Pumpkin bread'),
    'the pin on the emulator'
  );
  expect(pin.board_id).toBe(recipes.id);
});
