/**
 * In real headless Chromium, the tour a newcomer takes after `npm run demo`: the demo's own seeding
 * (scripts/lib/demo-seed.ts) runs against a booted playground and emulator, then the test walks
 * each seeded feature as the demo's admin: the articles, the video entry's cover picker, the
 * scheduled pin, a pinned entry's stats, the analytics dashboard, the campaigns (one done, one
 * running), the settings, and the admin in French. One screenshot per screen, in
 * artifacts/screenshots/demo-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { metricsFor, startEmulator, type Emulator } from '../../emulator/src';
import {
  ARTICLE,
  demoEnv,
  seedDemo,
  type DemoPin,
  type DemoSeed,
} from '../../scripts/lib/demo-seed';
import {
  launchBrowser,
  login,
  recordPage,
  screenshot,
  step,
  type PageLog,
} from '../helpers/browser';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const DAY = 86_400_000;

let emulator: Emulator;
let booted: BootedStrapi;
let seed: DemoSeed;
let browser: Browser;
let page: Page;
let log: PageLog;
let seededAt: number;

const editUrl = (documentId: string) =>
  `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`;
const day = (offset: number) => new Date(seededAt + offset * DAY).toISOString().slice(0, 10);

/** A pin's impressions over the READY days of the dashboard's default period (30 days). */
function periodImpressions(pin: DemoPin) {
  const created = pin.pinnedAt.slice(0, 10);
  let n = 0;
  for (let o = -29; o <= -2; o += 1)
    if (day(o) >= created) n += metricsFor(pin.pinId, day(o)).IMPRESSION;
  return n;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi(demoEnv(emulator));
  seededAt = Date.now();
  seed = await seedDemo(booted.strapi, { emulatorUrl: emulator.url });
  browser = await launchBrowser();
  // the browser and the test agree on the time zone and the language
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1400 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  page = await context.newPage();
  log = recordPage(page);
  await step(page, log, 'login-as-the-demo-admin', async () => {
    await login(page, booted.url, seed.admin);
    // Strapi's own news banner (about its media library) would sit on top of every screenshot
    const closeBanner = page.getByRole('button', { name: 'Close the banner.' });
    if (await closeBanner.isVisible()) await closeBanner.click();
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('seeds pins with history, two drafts, a scheduled pin, two campaigns and a sync', () => {
  expect(seed.pinned).toHaveLength(3);
  // each pin was made on its day in the past, on the emulator as in Strapi
  for (const pin of seed.pinned) {
    expect(emulator.state.pins.get(pin.pinId)?.created_at).toBe(pin.pinnedAt);
    expect(Date.parse(pin.pinnedAt)).toBeLessThan(seededAt - 14 * DAY);
  }
  expect(seed.campaigns.finished).toMatchObject({
    status: 'done',
    progress: { done: 3, failed: 0 },
  });
  expect(seed.campaigns.running).toMatchObject({
    status: 'running',
    progress: { done: 1, remaining: 2, failed: 0 },
  });
  expect(seed.analytics).toMatchObject({ state: 'ok' });
  expect(seed.analytics.pins).toBeGreaterThanOrEqual(3);
  expect(Date.parse(seed.scheduled.pinAt)).toBeGreaterThan(Date.now() + DAY);
});

it('lists the demo’s articles', async () => {
  const titles = [
    ...seed.pinned.map((p) => p.title),
    seed.herbs.title,
    seed.video.title,
    seed.scheduled.title,
  ];
  await step(page, log, 'articles-list', async () => {
    await page.goto(
      `${booted.url}/admin/content-manager/collection-types/${ARTICLE}?page=1&pageSize=20&sort=title:ASC`
    );
    for (const title of titles)
      await page.getByRole('gridcell', { name: title }).first().waitFor({ timeout: 30_000 });
  });
  // three pinned, two drafts, one scheduled, six older posts
  expect(await page.locator('tbody tr').count()).toBe(12);
  await screenshot(page, 'demo-articles');
});

it('opens the video entry with its cover picker ready', async () => {
  await step(page, log, 'video-cover-picker', async () => {
    await page.goto(editUrl(seed.video.documentId));
    await page
      .getByRole('slider', { name: 'Frame at 0 s', description: 'Duration 6 s' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Use this frame as the cover' }).waitFor();
  });
  const video = page.getByLabel('Hero video', { exact: true });
  // the field, from the picker down to the preview card, in view as the editor scrolls to it
  await page.getByRole('img', { name: 'Pin preview' }).scrollIntoViewIfNeeded();
  expect(await video.evaluate((v: HTMLVideoElement) => v.error?.message ?? null)).toBeNull();
  expect(await page.getByRole('slider', { name: 'Frame at 0 s' }).isEnabled()).toBe(true);
  await screenshot(page, 'demo-video-cover');
});

it('shows the scheduled pin in the side panel', async () => {
  await step(page, log, 'scheduled-pin', async () => {
    await page.goto(editUrl(seed.scheduled.documentId));
    await page.getByText('Scheduled', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel the scheduled pin' }).waitFor();
  });
  const when = new Date(seed.scheduled.pinAt);
  const text = await page.getByText(/^Scheduled for /).innerText();
  expect(text).toContain(String(when.getUTCDate()));
  expect(text).toContain('9:00');
  await screenshot(page, 'demo-scheduled-pin');
});

it('shows a pinned entry’s stats with its curve in the side panel', async () => {
  const soup = seed.pinned[0];
  const chart = page.getByRole('figure', { name: 'Impressions and saves, last 90 days' });
  await step(page, log, 'pinned-stats', async () => {
    await page.goto(editUrl(soup.documentId));
    await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
    await chart.locator('.recharts-area-area').first().waitFor({ timeout: 30_000 });
  });
  expect(await chart.locator('.recharts-area-area').count()).toBe(2);
  expect(
    await page.getByRole('link', { name: /View the pin on Pinterest/ }).getAttribute('href')
  ).toContain(soup.pinId);
  await screenshot(page, 'demo-pinned-stats');
});

it('shows the analytics dashboard with the pins’ curves', async () => {
  const chart = page.getByRole('figure', { name: /Impressions per day/ });
  await step(page, log, 'analytics', async () => {
    await page.goto(`${booted.url}/admin/plugins/pinterest/analytics`);
    await page.getByRole('heading', { name: 'Pinterest analytics' }).waitFor({ timeout: 30_000 });
    await chart.locator('.recharts-area-area').waitFor({ timeout: 30_000 });
    const impressions = seed.pinned.reduce((n, p) => n + periodImpressions(p), 0);
    await page
      .getByRole('region', { name: 'Totals for the period' })
      .getByText(impressions.toLocaleString('en-US'), { exact: true })
      .waitFor();
  });
  // the Top pins table (the weakest-pins list below it names pins too)
  const topPins = page
    .locator('table')
    .filter({ has: page.getByRole('columnheader', { name: /Pin on Pinterest/ }) });
  for (const pin of seed.pinned)
    await topPins.locator('tbody').getByRole('link', { name: pin.title, exact: true }).waitFor();
  await screenshot(page, 'demo-analytics');
});

it('lists a finished and a running campaign', async () => {
  const { finished, running } = seed.campaigns;
  const row = (name: string) => page.getByRole('row').filter({ hasText: name });
  await step(page, log, 'campaigns', async () => {
    await page.goto(`${booted.url}/admin/plugins/pinterest/campaigns`);
    await page.getByRole('heading', { name: 'Re-pin campaigns' }).waitFor({ timeout: 30_000 });
    await row(finished.name).getByText('Done', { exact: true }).waitFor();
    await row(running.name).getByText('Running', { exact: true }).waitFor();
  });
  expect(await row(finished.name).innerText()).toContain('3/3 pinned, 0 failed');
  expect(await row(running.name).innerText()).toContain('1/3 pinned, 0 failed');
  await screenshot(page, 'demo-campaigns');
});

it('shows the settings with the account connected', async () => {
  await step(page, log, 'settings', async () => {
    await page.goto(`${booted.url}/admin/settings/pinterest`);
    await page.getByRole('heading', { name: 'Pinterest', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByText('Connected', { exact: true }).first().waitFor({ timeout: 30_000 });
  });
  // the demo sets up the OAuth app too: nothing left to finish, and connecting is offered
  await page
    .getByRole('button', { name: /Connect/ })
    .first()
    .waitFor();
  expect(await page.getByText(/PINTEREST_APP_ID|PINTEREST_ENCRYPTION_KEY/).count()).toBe(0);
  await screenshot(page, 'demo-settings');
});

it('switches the admin to French', async () => {
  await step(page, log, 'french', async () => {
    await page.goto(`${booted.url}/admin/me`);
    const language = page.getByRole('combobox', { name: 'Interface language' });
    await language.waitFor({ timeout: 30_000 });
    await language.click();
    await page.getByRole('option', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('link', { name: 'Paramètres' }).first().waitFor({ timeout: 15_000 });
    await page.goto(`${booted.url}/admin/plugins/pinterest/campaigns`);
    await page
      .getByRole('heading', { name: 'Campagnes de ré-épinglage' })
      .waitFor({ timeout: 30_000 });
  });
  const row = (name: string) => page.getByRole('row').filter({ hasText: name });
  await row(seed.campaigns.finished.name).getByText('Terminée', { exact: true }).waitFor();
  await row(seed.campaigns.running.name).getByText('En cours', { exact: true }).waitFor();
  await screenshot(page, 'demo-french');
});
