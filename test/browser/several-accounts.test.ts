/**
 * In real headless Chromium, several Pinterest accounts (issue 18): with one account connected,
 * an administrator connects a second one from Settings → Pinterest through the emulator's consent
 * page and sees both listed; an editor then chooses the second account in an article's Pinterest
 * field, one of its boards, publishes, and the side panel says the pin went to that account.
 * Screenshots are artefacts.
 */
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { openAdmin, screenshot, step, type PageLog } from '../helpers/browser';
import { uploadImage } from '../helpers/images';
import { connectAs, emulatorUserId, seedMaisonFr } from '../helpers/accounts';
import { oauthEnv } from '../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;

const userId = (username: string) => emulatorUserId(emulator, username);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  // a second Pinterest user with boards of its own
  await seedMaisonFr(emulator);
  booted = await bootStrapi(oauthEnv(emulator));
  strapi = booted.strapi;
  const jwt = await registerSuperAdmin(strapi);
  // the first account, as an existing install has it (its own browser test: connect-account)
  await connectAs(strapi, jwt, emulator, 'strapi_demo');
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1366, height: 1000 },
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('connects a second account in Settings and lists both', async () => {
  await step(page, log, 'settings-one-account', async () => {
    await page.goto(`${booted.url}/admin/settings/pinterest`);
    await page.getByRole('heading', { name: '@strapi_demo' }).waitFor({ timeout: 30_000 });
    // one account: the page as before, plus connecting another one
    await page.getByRole('button', { name: 'Connect another account' }).waitFor();
    expect(await page.getByRole('region', { name: 'Accounts' }).count()).toBe(0);
  });
  await screenshot(page, 'accounts-one');

  await step(page, log, 'consent-second', async () => {
    emulator.state.flags.oauthUser = 'maison_fr';
    await page.getByRole('button', { name: 'Connect another account' }).click();
    await page.waitForURL((url) => url.origin === emulator.url, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Give access' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/admin/settings/pinterest' && url.searchParams.has('connected'),
      { timeout: 30_000 }
    );
    await page.getByText('Pinterest account @maison_fr is connected.').waitFor({ timeout: 30_000 });
  });

  const accounts = page.getByRole('region', { name: 'Accounts' });
  await step(page, log, 'both-listed', async () => {
    await accounts.waitFor({ timeout: 15_000 });
    const demo = accounts.getByRole('listitem', { name: '@strapi_demo' });
    const maison = accounts.getByRole('listitem', { name: '@maison_fr' });
    await demo.getByText('Default', { exact: true }).waitFor();
    await maison.getByText('Maison FR · @maison_fr').waitFor();
    await maison.getByText('Connected', { exact: true }).waitFor();
    await maison.getByRole('button', { name: 'Make default' }).waitFor();
    expect(await demo.getByRole('button', { name: 'Make default' }).count()).toBe(0);
  });
  await screenshot(page, 'accounts-two');

  const rows = await strapi.db
    .query('plugin::pinterest.account')
    .findMany({ orderBy: { id: 'asc' } });
  expect(rows.map((r: { username: string; status: string }) => [r.username, r.status])).toEqual([
    ['strapi_demo', 'connected'],
    ['maison_fr', 'connected'],
  ]);
  expect(log.lines.filter((l) => l.includes(' pageerror '))).toEqual([]);
});

it('chooses the second account in the field, one of its boards, and the panel names it', async () => {
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Soupe à la tomate',
      excerpt: 'Une soupe chaude.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/soupe',
    } as never,
  });

  const accountSelect = page.getByRole('combobox', { name: 'Pinterest account' });
  const board = page.getByRole('combobox', { name: 'Board' });
  await step(page, log, 'field-account', async () => {
    await page.goto(
      `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
    );
    await accountSelect.waitFor({ timeout: 30_000 });
    await accountSelect.getByText('Default account (@strapi_demo)').waitFor({ timeout: 15_000 });
    await accountSelect.click();
    await page.getByRole('option', { name: '@maison_fr' }).click();
    await accountSelect.getByText('@maison_fr').waitFor();
  });

  await step(page, log, 'field-board', async () => {
    // the second account's boards: its two, not the first account's
    await page.getByText('2 boards', { exact: true }).waitFor({ timeout: 15_000 });
    await board.click();
    await board.pressSequentially('Rec', { delay: 30 });
    await page.getByRole('option', { name: 'Recettes' }).click();
    await page
      .getByRole('img', { name: 'Pin preview' })
      .getByText('Soupe à la tomate')
      .waitFor({ timeout: 15_000 });
  });
  await screenshot(page, 'accounts-field');

  await step(page, log, 'publish', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText('Account: @maison_fr').waitFor({ timeout: 10_000 });
    // the board's name, from that account's boards
    await page.getByText('Recettes', { exact: true }).first().waitFor();
  });
  await screenshot(page, 'accounts-panel');

  const pin = await waitFor(
    () => [...emulator.state.pins.values()].find((p) => p.title === 'Soupe à la tomate') ?? null,
    'the pin on the emulator'
  );
  const recettes = [...emulator.state.boards.values()].find(
    (b) => b.name === 'Recettes' && b.ownerId === userId('maison_fr')
  )!;
  expect(pin.ownerId).toBe(userId('maison_fr'));
  expect(pin.board_id).toBe(recettes.id);
  const entry = await strapi
    .documents(ARTICLE)
    .findOne({ documentId: draft.documentId, status: 'draft' });
  const maisonRow = await strapi.db
    .query('plugin::pinterest.account')
    .findOne({ where: { username: 'maison_fr' } });
  expect((entry as { pinterest?: unknown } | null)?.pinterest).toMatchObject({
    accountId: maisonRow.id,
    boardId: recettes.id,
  });
  expect(log.lines.filter((l) => l.includes(' pageerror '))).toEqual([]);
});

it('gives Article its own account and board in the defaults; a new entry’s field names it', async () => {
  const maisonRow = await strapi.db
    .query('plugin::pinterest.account')
    .findOne({ where: { username: 'maison_fr' } });
  const voyages = [...emulator.state.boards.values()].find(
    (b) => b.name === 'Voyages' && b.ownerId === userId('maison_fr')
  )!;
  await step(page, log, 'defaults-account', async () => {
    await page.goto(`${booted.url}/admin/settings/pinterest`);
    const account = page.getByRole('combobox', { name: 'Account', exact: true });
    await account.waitFor({ timeout: 30_000 });
    await account.getByText('Default account (@strapi_demo)').waitFor();
    await account.click();
    await page.getByRole('option', { name: '@maison_fr' }).click();
    // the board list is now Maison FR's
    await page.getByRole('combobox', { name: 'Default board' }).click();
    await page.getByRole('option', { name: 'Voyages' }).click();
    await account.scrollIntoViewIfNeeded();
  });
  await screenshot(page, 'accounts-defaults');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  const saved = await waitFor(async () => {
    const value = (await strapi.store({ type: 'plugin', name: 'pinterest' }).get({
      key: 'settings',
    })) as { contentTypes?: Record<string, { defaultAccountId?: number }> } | null;
    const article = value?.contentTypes?.[ARTICLE];
    return article?.defaultAccountId ? article : null;
  }, 'the saved defaults');
  expect(saved).toMatchObject({ defaultAccountId: maisonRow.id, defaultBoardId: voyages.id });

  // the content type's own page says so, and its board list is that account's
  await step(page, log, 'content-type-page', async () => {
    await page.goto(
      `${booted.url}/admin/settings/pinterest-content-types/${encodeURIComponent(ARTICLE)}`
    );
    await page.getByText('Pins to @maison_fr').waitFor({ timeout: 30_000 });
  });
  await screenshot(page, 'accounts-content-type');

  const draft = await strapi.documents(ARTICLE).create({
    data: { title: 'Carnet de voyage', canonicalUrl: 'https://blog.example.com/carnet' } as never,
  });
  await step(page, log, 'field-routed', async () => {
    await page.goto(
      `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
    );
    // the empty choice is the account routing picks: the type's, with its board as the default
    await page
      .getByRole('combobox', { name: 'Pinterest account' })
      .getByText('Default for this entry (@maison_fr)')
      .waitFor({ timeout: 30_000 });
    await page.getByText('2 boards', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('combobox', { name: 'Board' }).getAttribute('placeholder')).toBe(
      'Default: Voyages (search to choose another)'
    );
    await page.getByRole('combobox', { name: 'Pinterest account' }).scrollIntoViewIfNeeded();
  });
  await screenshot(page, 'accounts-field-routed');
});

it('disconnects the second account after a confirmation; its pin and record stay', async () => {
  const accounts = page.getByRole('region', { name: 'Accounts' });
  const maison = accounts.getByRole('listitem', { name: '@maison_fr' });
  await step(page, log, 'disconnect-dialog', async () => {
    await page.goto(`${booted.url}/admin/settings/pinterest`);
    await maison.getByRole('button', { name: 'Disconnect' }).click({ timeout: 30_000 });
    const dialog = page.getByRole('alertdialog', { name: 'Disconnect @maison_fr?' });
    await dialog.getByText(/Its pins stay on Pinterest and their stats are kept\./).waitFor();
  });
  await screenshot(page, 'accounts-disconnect-dialog');
  await step(page, log, 'disconnected', async () => {
    await page.getByRole('button', { name: 'Disconnect the account' }).click();
    await maison.getByText('Disconnected', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await maison.getByRole('button', { name: 'Disconnect' }).count()).toBe(0);
  });
  await screenshot(page, 'accounts-disconnected');

  const row = await strapi.db
    .query('plugin::pinterest.account')
    .findOne({ where: { username: 'maison_fr' } });
  expect(row).toMatchObject({ status: 'disconnected', accessToken: null });
  expect(
    [...emulator.state.pins.values()].filter((p) => p.title === 'Soupe à la tomate')
  ).toHaveLength(1);
  const records = await strapi.db
    .query('plugin::pinterest.pin-record')
    .findMany({ where: { accountId: row.id } });
  expect(records.map((r: { status: string }) => r.status)).toEqual(['pinned']);
  expect(log.lines.filter((l) => l.includes(' pageerror '))).toEqual([]);
});
