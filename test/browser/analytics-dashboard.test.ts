/**
 * In real headless Chromium: the analytics dashboard (totals, chart, sortable top pins, board
 * filter,
 * CSV export) and the edit view's stats panel with its 90-day chart, after a real sync against the
 * emulator. Screenshots land in artifacts/screenshots/analytics-*.png.
 */
import fs from 'node:fs';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { metricsFor, startEmulator, type Emulator } from '../../emulator/src';
import { getService } from '../../server/src/utils/get-service';
import { registerSuperAdmin } from '../helpers/admin';
import { openAdmin, screenshot, step, type PageLog } from '../helpers/browser';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const DAY = 86_400_000;
const NOW = Date.now();
const day = (offset: number) => new Date(NOW + offset * DAY).toISOString().slice(0, 10);

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;

interface Seeded {
  title: string;
  documentId: string;
  pinId: string;
  board: string;
  created: string;
  video: boolean;
}
const seeded: Seeded[] = [];

async function pinnedArticle(title: string, daysAgo: number, board: string, video = false) {
  const doc = await strapi
    .documents(ARTICLE)
    .create({ data: { title, pinterest: { enabled: false } } as never });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  const before = new Set(emulator.state.pins.keys());
  const createdAt = new Date(NOW - daysAgo * DAY).toISOString();
  const res = await request(emulator.url)
    .post('/_emulator/seed')
    .send({
      pins: [{ board, title, created_at: createdAt, ...(video && { creative_type: 'VIDEO' }) }],
    });
  expect(res.status).toBe(200);
  const pinId = [...emulator.state.pins.keys()].find((k) => !before.has(k))!;
  const boardId = [...emulator.state.boards.values()].find((b) => b.name === board)!.id;
  await strapi.db.query('plugin::pinterest.pin-record').create({
    data: {
      contentType: ARTICLE,
      entryDocumentId: doc.documentId,
      entryLocale: 'default',
      boardId,
      marker: `m-${pinId}`,
      pinId,
      status: 'pinned',
      title,
      mediaSource: video ? 'video_id' : 'image_url',
      pinnedAt: new Date(createdAt),
    },
  });
  seeded.push({
    title,
    documentId: doc.documentId,
    pinId,
    board,
    created: createdAt.slice(0, 10),
    video,
  });
}

/**
 * A pin's sum of one metric over the READY days inside the dashboard's default period (30 days).
 */
function periodSum(s: Seeded, metric: string) {
  let n = 0;
  for (let o = -29; o <= -2; o += 1)
    if (day(o) >= s.created) n += metricsFor(s.pinId, day(o), s.video)[metric];
  return n;
}

// the top pins table (the chart's text alternative is a table too, with a caption)
const TOP_PINS = 'table:not(:has(caption))';
const TOP_PIN_ROWS = `${TOP_PINS} tbody tr`;

/** Waits until the top pins table's first row is the entry with this title. */
const firstRowIs = (title: string) =>
  page.waitForFunction(
    ([first, rows]) => document.querySelector(`${rows} td a`)?.textContent?.trim() === first,
    [title, TOP_PIN_ROWS] as const
  );

const rowTitles = async () =>
  page
    .locator(TOP_PIN_ROWS)
    .evaluateAll((rows) => rows.map((r) => (r.querySelector('td a')?.textContent ?? '').trim()));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_ANALYTICS_RULE: '0 0 0 1 1 *',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  await pinnedArticle('Tomato soup for cold evenings', 20, 'Recipes');
  await pinnedArticle('A weekend in Lisbon', 25, 'Travel', true);
  await pinnedArticle('Five summer salads', 12, 'Recipes');
  await pinnedArticle('Repotting a fig tree', 40, 'Home & Garden');
  const result = await getService(strapi, 'analytics').syncOnce();
  expect(result).toMatchObject({ state: 'ok', pins: 4 });
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1440, height: 1300 },
    acceptDownloads: true,
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('shows totals, a chart and the top pins; sorts, filters by board and exports CSV', async () => {
  await step(page, log, 'analytics-open', async () => {
    await page.goto(`${booted.url}/admin/plugins/pinterest/analytics`);
    await page.getByRole('heading', { name: 'Pinterest analytics' }).waitFor({ timeout: 30_000 });
    await page
      .getByRole('figure', { name: /Impressions per day/ })
      .locator('.recharts-surface')
      .waitFor({ timeout: 30_000 });
    await page.locator(TOP_PIN_ROWS).first().waitFor();
  });

  const totals = page.getByRole('region', { name: 'Totals for the period' });
  const impressions = seeded.reduce((n, s) => n + periodSum(s, 'IMPRESSION'), 0);
  await step(page, log, 'analytics-totals', async () => {
    await totals.getByText(impressions.toLocaleString('en-US'), { exact: true }).waitFor();
    await totals.getByText('Video views').waitFor();
  });
  // the chart draws one area over the 30 days
  expect(
    await page
      .getByRole('figure', { name: /Impressions per day/ })
      .locator('.recharts-area-area')
      .count()
  ).toBe(1);
  await screenshot(page, 'analytics-dashboard');

  // default: most saves first
  const bySaves = [...seeded]
    .sort((a, b) => periodSum(b, 'SAVE') - periodSum(a, 'SAVE'))
    .map((s) => s.title);
  await step(page, log, 'analytics-sorted-by-saves', async () => {
    await firstRowIs(bySaves[0]);
  });
  expect(await rowTitles()).toEqual(bySaves);
  expect(
    await page
      .locator(TOP_PINS)
      .getByRole('columnheader', { name: /Saves/ })
      .getAttribute('aria-sort')
  ).toBe('descending');

  // sort by impressions, then the other way
  const byImpressions = [...seeded]
    .sort((a, b) => periodSum(b, 'IMPRESSION') - periodSum(a, 'IMPRESSION'))
    .map((s) => s.title);
  await page.getByRole('button', { name: 'Sort by Impressions' }).click();
  await step(page, log, 'analytics-sorted-by-impressions', async () => {
    await firstRowIs(byImpressions[0]);
  });
  expect(await rowTitles()).toEqual(byImpressions);
  await page.getByRole('button', { name: 'Sort by Impressions' }).click();
  await step(page, log, 'analytics-sorted-ascending', async () => {
    await firstRowIs(byImpressions[3]);
  });
  expect(
    await page
      .locator(TOP_PINS)
      .getByRole('columnheader', { name: /Impressions/ })
      .getAttribute('aria-sort')
  ).toBe('ascending');
  const soup = seeded[0];
  expect(await page.getByRole('link', { name: soup.title, exact: true }).getAttribute('href')).toBe(
    `/admin/content-manager/collection-types/${ARTICLE}/${soup.documentId}`
  );
  expect(
    await page.getByRole('link', { name: `View pin ${soup.title}` }).getAttribute('href')
  ).toBe(`https://www.pinterest.com/pin/${soup.pinId}/`);

  // only the Recipes board
  await page.getByRole('combobox', { name: 'Board' }).click();
  await page.getByRole('option', { name: 'Recipes' }).click();
  const recipes = seeded.filter((s) => s.board === 'Recipes');
  await step(page, log, 'analytics-board-filter', async () => {
    await page.waitForFunction(([n, rows]) => document.querySelectorAll(rows).length === n, [
      recipes.length,
      TOP_PIN_ROWS,
    ] as const);
    await totals
      .getByText(
        recipes.reduce((n, s) => n + periodSum(s, 'IMPRESSION'), 0).toLocaleString('en-US'),
        { exact: true }
      )
      .waitFor();
  });
  expect((await rowTitles()).sort()).toEqual(recipes.map((s) => s.title).sort());
  await screenshot(page, 'analytics-dashboard-recipes');

  // CSV of what the table shows
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`pinterest-pins-${day(-29)}-to-${day(0)}.csv`);
  const csv = fs
    .readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe(
    'pin_id,pin_url,content_type,document_id,locale,account_id,account,title,board_id,board,impressions,saves,pin_clicks,outbound_clicks,save_rate,video_views,from,to'
  );
  expect(
    csv
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort()
  ).toEqual(recipes.map((s) => s.pinId).sort());
});

it('shows the entry’s totals and its last 90 days in the edit view’s side panel', async () => {
  const clip = seeded.find((s) => s.video)!;
  await step(page, log, 'stats-panel', async () => {
    await page.goto(
      `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${clip.documentId}`
    );
    await page.getByText('Pinterest stats', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page
      .getByRole('figure', { name: 'Impressions and saves, last 90 days' })
      .locator('.recharts-surface')
      .waitFor({ timeout: 30_000 });
  });
  const stats = (
    (await strapi
      .documents(ARTICLE)
      .findOne({ documentId: clip.documentId, status: 'published' })) as unknown as {
      pinterestStats: { impressions: number; videoViews: number };
    }
  ).pinterestStats;
  const panelChart = page.getByRole('figure', { name: 'Impressions and saves, last 90 days' });
  expect(await panelChart.locator('.recharts-area-area').count()).toBe(2);
  // the panel and the read-only stats field both show the totals
  expect(
    await page.getByText(stats.impressions.toLocaleString('en-US'), { exact: true }).count()
  ).toBeGreaterThanOrEqual(2);
  await page.getByText(stats.videoViews.toLocaleString('en-US'), { exact: true }).first().waitFor();
  await page.getByText('Written by the Pinterest analytics sync; read-only.').first().waitFor();
  await screenshot(page, 'analytics-side-panel');
});
