/**
 * In real headless Chromium: an administrator opens Settings → Pinterest, clicks Connect, approves
 * on the emulator's consent page, and comes back to a connected account. Screenshots are artefacts.
 */
import type { Browser, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { openAdmin, screenshot, step, type PageLog } from '../helpers/browser';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { oauthEnv } from '../helpers/oauth';
import { waitFor } from '../helpers/wait-for';

let emulator: Emulator;
let booted: BootedStrapi;
let browser: Browser;
let page: Page;
let log: PageLog;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi(oauthEnv(emulator));
  await registerSuperAdmin(booted.strapi);
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1366, height: 900 },
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('connects through the consent page and shows the connected account', async () => {
  await step(page, log, 'settings-page', async () => {
    await page.goto(`${booted.url}/admin/settings/pinterest`);
    await page
      .getByRole('button', { name: 'Connect a Pinterest account' })
      .waitFor({ timeout: 30_000 });
    await page.getByText('No Pinterest account connected').waitFor();
  });
  await screenshot(page, 'settings-not-connected');

  await step(page, log, 'consent-page', async () => {
    await page.getByRole('button', { name: 'Connect a Pinterest account' }).click();
    await page.waitForURL((url) => url.origin === emulator.url, { timeout: 15_000 });
    await page.getByText('wants to access your Pinterest account').waitFor();
  });
  await screenshot(page, 'emulator-consent');

  await step(page, log, 'back-connected', async () => {
    await page.getByRole('button', { name: 'Give access' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/admin/settings/pinterest' && url.searchParams.has('connected'),
      { timeout: 30_000 }
    );
    await page
      .getByText('Pinterest account @strapi_demo is connected.')
      .waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: '@strapi_demo' }).waitFor();
    await page.getByText('Business account').waitFor();
    await page.getByText('in 29 days').waitFor();
  });
  await screenshot(page, 'settings-connected');

  const account = await booted.strapi.db
    .query('plugin::pinterest.account')
    .findOne({ where: { environment: 'custom' } });
  expect(account).toMatchObject({ username: 'strapi_demo', status: 'connected' });
  expect(log.lines.filter((l) => l.includes(' pageerror '))).toEqual([]);
});

it('saves a default board for Article', async () => {
  await step(page, log, 'default-board', async () => {
    await page.getByRole('combobox', { name: 'Default board' }).click();
    await page.getByRole('option', { name: 'Travel' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
  });
  const travel = [...emulator.state.boards.values()].find((b) => b.name === 'Travel')!;
  const saved = await waitFor(async () => {
    const value = (await booted.strapi
      .store({ type: 'plugin', name: 'pinterest' })
      .get({ key: 'settings' })) as {
      contentTypes?: Record<string, { defaultBoardId?: string }>;
    } | null;
    return value?.contentTypes?.['api::article.article']?.defaultBoardId ? value : null;
  }, 'the saved settings');
  expect(saved.contentTypes!['api::article.article']).toMatchObject({
    defaultBoardId: travel.id,
    pinOnPublish: true,
  });
  await screenshot(page, 'settings-default-board');
});
