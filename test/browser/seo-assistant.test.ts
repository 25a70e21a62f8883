/**
 * In real headless Chromium: open an article, see Pinterest's keyword suggestions in the field,
 * put one into the Pinterest title with one click, watch the checklist's item turn to pass and the
 * score rise, publish, and find the checklist stored on the pin record.
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
const TOKEN = 'pina_seo_browser_token';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;

const scoreOf = async () => {
  const text = await page.getByTestId('seo-score').innerText();
  return Number(/Score (\d+) \/ 100/.exec(text)?.[1]);
};

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      tokens: [
        {
          token: TOKEN,
          scope: 'user_accounts:read,boards:read,boards:write,pins:read,pins:write,ads:read',
        },
      ],
    },
  });
  booted = await bootStrapi({ PINTEREST_API_URL: emulator.apiUrl, PINTEREST_ACCESS_TOKEN: TOKEN });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  ({ browser, page, log } = await openAdmin(booted.url, {
    viewport: { width: 1440, height: 1400 },
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('suggests keywords, inserts one into the title, the checklist and score follow, and publishing stores it', async () => {
  const hero = await uploadImage(strapi, {
    width: 1000,
    height: 1500,
    format: 'jpeg',
    alt: 'A bowl of tomato soup',
  });
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Tomato soup for cold evenings',
      excerpt:
        'A silky tomato soup with roasted garlic and basil, ready in twenty minutes from pantry staples.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/tomato-soup',
    } as never,
  });
  await page.goto(
    `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
  );

  const board = page.getByRole('combobox', { name: 'Board' });
  await board.waitFor({ timeout: 30_000 });
  await board.click();
  await board.pressSequentially('Reci', { delay: 30 });
  await page.getByRole('option', { name: 'Recipes' }).click();

  // Pinterest's searches for the entry's words, best first
  const keywords = page.getByRole('list', { name: 'Suggested keywords, best first' });
  await keywords.getByText('tomato soup ideas', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByText('Pinterest searches · US').waitFor();
  await page.getByTestId('seo-score').waitFor({ timeout: 15_000 });
  const titleRule = page.locator('li[data-rule="keywordInTitle"]');
  await page.locator('li[data-rule="keywordInTitle"][data-pass="false"]').waitFor();
  const before = await scoreOf();
  await page.getByRole('region', { name: 'Pinterest keywords' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'seo-suggestions');

  await page.getByRole('button', { name: 'Add “tomato soup ideas” to the title' }).click();
  const title = page.getByRole('textbox', { name: 'Pinterest title (optional)' });
  await waitFor(
    async () => (await title.inputValue()) === 'Tomato soup ideas – Tomato soup for cold evenings',
    'the keyword in the Pinterest title'
  );
  await page.getByText('Checked for “tomato soup ideas”').waitFor({ timeout: 15_000 });
  await page.locator('li[data-rule="keywordInTitle"][data-pass="true"]').waitFor();
  expect(await titleRule.getAttribute('data-pass')).toBe('true');
  expect(await scoreOf()).toBeGreaterThan(before);
  await page.getByText('“tomato soup ideas” opens the title.').waitFor();
  await page.getByRole('region', { name: 'Pin checklist' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'seo-checklist');

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
  const record = await waitFor(
    async () =>
      (await strapi.db.query('plugin::pinterest.pin-record').findOne({
        where: { entryDocumentId: draft.documentId, seoScore: { $notNull: true } },
      })) as { seoScore: number; title: string } | null,
    'the checklist on the pin record'
  );
  expect(record.title).toBe('Tomato soup ideas – Tomato soup for cold evenings');
  expect(record.seoScore).toBeGreaterThanOrEqual(before);
  const pin = [...emulator.state.pins.values()].find((p) => p.title === record.title);
  expect(pin).toBeDefined();

  // the dashboard lists the live pins by their checklist score, weakest first
  await page.goto(`${booted.url}/admin/plugins/pinterest/analytics`);
  const weakest = page.getByRole('heading', { name: 'Weakest live pins: fix these first' });
  await weakest.waitFor({ timeout: 30_000 });
  const row = page.getByRole('row', { name: /Tomato soup ideas – Tomato soup for cold evenings/ });
  await row.getByText(String(record.seoScore), { exact: true }).waitFor();
  await weakest.scrollIntoViewIfNeeded();
  await screenshot(page, 'seo-weakest-pins');
});

it('when Pinterest refuses its keyword data: words “from your content” in the field, and Settings says so once', async () => {
  // the token loses ads:read, as when an administrator unticked it or the app lost the access
  const token = emulator.state.tokens.get(TOKEN)!;
  token.scopes = token.scopes.filter((s) => s !== 'ads:read');
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Rosemary focaccia',
      excerpt: 'A soft focaccia with rosemary and sea salt, baked in one tray.',
      canonicalUrl: 'https://blog.example.com/focaccia',
    } as never,
  });
  await page.goto(
    `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
  );
  const keywords = page.getByRole('region', { name: 'Pinterest keywords' });
  await keywords.getByText('from your content', { exact: true }).waitFor({ timeout: 30_000 });
  await keywords
    .getByText(
      'Pinterest refused its keyword data to this app: these words come from your own entries.'
    )
    .waitFor();
  await keywords.getByRole('list').getByText('focaccia', { exact: true }).waitFor();
  expect(
    emulator.requests.filter((r) => r.path === '/v5/terms/suggested' && r.status === 403)
  ).toHaveLength(1);

  const notice = page.getByText('Keyword suggestions use your own content');
  await step(
    page,
    log,
    'seo-settings-notice',
    async () => {
      await page.goto(`${booted.url}/admin/settings/pinterest`);
      await notice.waitFor({ timeout: 30_000 });
      await page.getByText(/Pinterest refused its search terms to this app/).waitFor();
    },
    // a failure says what the status route answers and what the keyword cache holds
    async () => ({
      status: await strapi.plugin('pinterest').service('seo').status(),
      cache: await strapi.db
        .query('plugin::pinterest.keyword-cache')
        .findMany({ select: ['key', 'expiresAt'] }),
    })
  );
  await notice.scrollIntoViewIfNeeded();
  await screenshot(page, 'seo-settings-notice');
  await page.getByRole('button', { name: 'Got it' }).click();
  await notice.waitFor({ state: 'detached' });
  // once: it stays gone
  await page.reload();
  await page.getByRole('combobox', { name: 'Trends region when the locale names none' }).waitFor({
    timeout: 30_000,
  });
  expect(await page.getByText('Keyword suggestions use your own content').count()).toBe(0);
});
