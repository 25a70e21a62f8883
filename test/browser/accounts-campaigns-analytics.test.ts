/**
 * In real headless Chromium, with two Pinterest accounts connected (emulator users strapi_demo and
 * maison_fr): the analytics dashboard's totals per account and its account filter, then a re-pin
 * campaign planned on the second account — its account chosen in the planner, its board picked
 * from that account's boards — which pins with that account. Screenshots in artifacts/screenshots/
 * (accounts-analytics*.png, accounts-campaign*.png).
 */
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { getService } from '../../server/src/utils/get-service';
import { registerSuperAdmin } from '../helpers/admin';
import { openAdmin, screenshot, step, type PageLog } from '../helpers/browser';
import { uploadImage } from '../helpers/images';
import {
  boardOf as boardOfUser,
  connectAs as connect,
  emulatorUserId,
  seedMaisonFr,
} from '../helpers/accounts';
import { oauthEnv } from '../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const DAY = 86_400_000;
const NOW = Date.now();

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;
let jwt: string;
const accountIds: Record<string, number> = {};

const userId = (username: string) => emulatorUserId(emulator, username);
const boardOf = (username: string, name: string) => boardOfUser(emulator, username, name);
const connectAs = (username: string) => connect(strapi, jwt, emulator, username);

/**
 * A published article whose pin was made `daysAgo` on `board` of `username`'s account (the pin
 * seeded in the emulator, its record written as the pin job would).
 */
async function pinnedArticle(title: string, daysAgo: number, username: string, board: string) {
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const doc = await strapi.documents(ARTICLE).create({
    data: {
      title,
      hero: hero.id,
      canonicalUrl: `https://blog.example.com/${encodeURIComponent(title)}`,
      pinterest: { enabled: false },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  const before = new Set(emulator.state.pins.keys());
  const createdAt = new Date(NOW - daysAgo * DAY).toISOString();
  await request(emulator.url)
    .post('/_emulator/seed')
    .send({
      pins: [{ board: boardOf(username, board).id, user: username, title, created_at: createdAt }],
    })
    .expect((r) => {
      if (r.status !== 200) throw new Error(`seed: ${r.status} ${JSON.stringify(r.body)}`);
    });
  const pinId = [...emulator.state.pins.keys()].find((k) => !before.has(k))!;
  expect(emulator.state.pins.get(pinId)!.ownerId).toBe(userId(username));
  await strapi.db.query('plugin::pinterest.pin-record').create({
    data: {
      contentType: ARTICLE,
      entryDocumentId: doc.documentId,
      entryLocale: 'default',
      accountId: accountIds[username],
      boardId: boardOf(username, board).id,
      marker: `m-${pinId}`,
      pinId,
      status: 'pinned',
      title,
      mediaSource: 'image_url',
      pinnedAt: new Date(createdAt),
    },
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  await seedMaisonFr(emulator);
  booted = await bootStrapi({
    ...oauthEnv(emulator),
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(emulator.url).host,
    PINTEREST_CAMPAIGN_TICK_RULE: '* * * * * *',
    PINTEREST_ANALYTICS_RULE: '0 0 0 1 1 *',
    PINTEREST_ANALYTICS_MULTI_PIN: 'never',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  await connectAs('strapi_demo');
  await connectAs('maison_fr');
  for (const a of await getService(strapi, 'connection').accounts())
    if (a.username) accountIds[a.username] = a.id;
  await pinnedArticle('Tomato soup for cold evenings', 20, 'strapi_demo', 'Recipes');
  await pinnedArticle('Soupe à la tomate', 15, 'maison_fr', 'Recettes');
  const result = await getService(strapi, 'analytics').syncOnce();
  expect(result).toMatchObject({ state: 'ok', pins: 2 });
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1440, height: 1300 },
  }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

// the top pins table (the chart's text alternative is a table too, with a caption)
const TOP_PIN_ROWS = 'table:not(:has(caption)) tbody tr';

it('the dashboard gives the totals per account and filters on one account', async () => {
  await step(page, log, 'accounts-analytics-open', async () => {
    await page.goto(`${booted.url}/admin/plugins/pinterest/analytics`);
    await page.getByRole('heading', { name: 'Pinterest analytics' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'By account' }).waitFor({ timeout: 30_000 });
  });
  const byAccount = page.getByRole('grid').filter({ hasText: 'Maison FR (@maison_fr)' });
  await step(page, log, 'accounts-analytics-table', async () => {
    await byAccount.getByRole('button', { name: 'Maison FR (@maison_fr)' }).waitFor();
    await byAccount.getByRole('button', { name: 'Strapi Demo Kitchen (@strapi_demo)' }).waitFor();
  });
  await screenshot(page, 'accounts-analytics');

  await step(page, log, 'accounts-analytics-filter', async () => {
    await page.getByRole('combobox', { name: 'Pinterest account' }).click();
    await page.getByRole('option', { name: 'Maison FR (@maison_fr)' }).click();
    // the top pins: Maison FR's only
    await page.waitForFunction(
      ([rows, title]) => {
        const titles = [...document.querySelectorAll(rows)].map((r) =>
          (r.querySelector('td a')?.textContent ?? '').trim()
        );
        return titles.length === 1 && titles[0] === title;
      },
      [TOP_PIN_ROWS, 'Soupe à la tomate'] as const,
      { timeout: 15_000 }
    );
    // filtered on one account, the table per account gives way
    await page.getByRole('heading', { name: 'By account' }).waitFor({ state: 'detached' });
  });
  await screenshot(page, 'accounts-analytics-filtered');
});

it('the planner pins a campaign with the account chosen, on that account’s board', async () => {
  await step(page, log, 'accounts-campaign-open', async () => {
    await page.goto(`${booted.url}/admin/plugins/pinterest/campaigns`);
    await page.getByRole('heading', { name: 'Re-pin campaigns' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'New campaign' }).first().click();
    await page.getByRole('heading', { name: 'New re-pin campaign' }).waitFor();
  });

  await step(page, log, 'accounts-campaign-plan', async () => {
    await page.getByRole('combobox', { name: 'Pinterest account' }).click();
    await page.getByRole('option', { name: 'Maison FR (@maison_fr)' }).click();
    // the board picker now lists Maison FR's two boards
    const board = page.getByRole('combobox', { name: 'Board', exact: true });
    await page.getByText('2 boards').waitFor({ timeout: 15_000 });
    await board.click();
    await board.pressSequentially('Voy', { delay: 30 });
    await page.getByRole('option', { name: 'Voyages' }).click();
    await page.getByRole('textbox', { name: 'Not pinned in the last (days)' }).fill('');
    await page.getByRole('textbox', { name: 'One pin every (minutes)' }).fill('0.05');
    await page.getByRole('textbox', { name: 'At most per day' }).fill('');
    await page.getByRole('textbox', { name: 'Days between pins of a link' }).fill('0');
    await page.getByRole('checkbox', { name: 'Only pin between these times' }).click();
    await page
      .getByTestId('plan-summary')
      .filter({ hasText: /^2 pins, the first at/ })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'accounts-campaign-planner');
  });

  await step(page, log, 'accounts-campaign-run', async () => {
    await page.getByRole('button', { name: 'Start: 2 pins' }).click();
    await page.getByText('Pinterest account: Maison FR (@maison_fr)').waitFor({ timeout: 15_000 });
    await page.getByText('Done', { exact: true }).first().waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Pins made (2)' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'accounts-campaign-done');
  });
  const voyages = boardOf('maison_fr', 'Voyages').id;
  const pins = await waitFor(() => {
    const made = [...emulator.state.pins.values()].filter((p) => p.board_id === voyages);
    return made.length === 2 ? made : null;
  }, 'the two campaign pins on Voyages');
  expect(pins.map((p) => [p.title, p.ownerId]).sort()).toEqual([
    ['Soupe à la tomate', userId('maison_fr')],
    ['Tomato soup for cold evenings', userId('maison_fr')],
  ]);
  const creates = emulator.requests.filter(
    (r) =>
      r.method === 'POST' &&
      r.path === '/v5/pins' &&
      (r.body as { board_id?: string }).board_id === voyages
  );
  expect(creates.map((r) => r.userId)).toEqual([userId('maison_fr'), userId('maison_fr')]);
});
