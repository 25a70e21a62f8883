/**
 * In real headless Chromium, a site set up without code (issue 14): a super admin opens Settings →
 * Pinterest → Content types, sets up Blog article (shaped like Strapi's example blog: a slug, no
 * URL attribute, no Pinterest field) with the selects and a URL pattern, sees the sample pin made
 * from its one published entry, saves; the list then counts that entry as never pinned and opens
 * the planner with it. A new entry published afterwards pins with the pattern's link, and its edit
 * view's side panel says "Pinned" with that link. The emulator stands in for Pinterest.
 */
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { openAdmin, screenshot, step, type PageLog } from '../helpers/browser';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const BLOG = 'api::blog-article.blog-article';
const PATTERN = 'https://blog.example.com/{locale}/articles/{slug}';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;
let coverId: number;

const publish = async (data: Record<string, unknown>) => {
  const doc = await strapi
    .documents(BLOG)
    .create({ locale: 'en', data: { cover: coverId, ...data } } as never);
  await strapi.documents(BLOG).publish({ documentId: doc.documentId, locale: 'en' } as never);
  return doc.documentId;
};
const pinTitled = (title: string) =>
  [...emulator.state.pins.values()].find((p) => p.title === title) ?? null;
/** The design system's select: open it by its label, pick an option by its name. */
const choose = async (label: string, option: string) => {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_WORKER_POLL_MS: '200',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  coverId = (await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' })).id;
  // published before the type pins: the archive, which the sample is made from
  await publish({
    title: 'Tomato soup',
    slug: 'tomato-soup',
    description: 'A warm soup for cold evenings.',
    blocks: [{ __component: 'shared.rich-text', body: 'Roast the **tomatoes** first.' }],
  });
  ({ browser, page, log } = await openAdmin(booted.url));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('sets up Blog article in Settings with the selects, sees the sample pin, saves; a new entry pins with the pattern link', async () => {
  await step(page, log, 'open the page from the settings menu', async () => {
    await page.goto(`${booted.url}/admin/settings`);
    await page.getByRole('link', { name: 'Content types', exact: true }).click();
    await page.getByRole('heading', { name: 'Pinterest content types' }).waitFor();
    await page.getByText('Configured in code — read-only').first().waitFor();
  });

  await step(page, log, 'choose what the pin is made of', async () => {
    await page.getByRole('link', { name: 'Set up Blog article' }).click();
    await page.getByRole('heading', { name: 'Blog article', level: 1 }).waitFor();
    // title: the title, else the SEO title
    await choose('Title: first choice', 'title (string)');
    await page.getByRole('button', { name: 'Add a fallback to Title' }).click();
    await choose('Title: fallback 1', 'seo.metaTitle (string)');
    await page.getByRole('button', { name: 'Choose an attribute for Description' }).click();
    await choose('Description: first choice', 'description (text)');
    await page.getByRole('button', { name: 'Choose an attribute for Content' }).click();
    await choose('Content: first choice', 'blocks (dynamiczone)');
    await choose('Image or video', 'cover (media)');
  });

  await step(page, log, 'a URL pattern from the slug, and a default board', async () => {
    await page.getByRole('radio', { name: 'A URL pattern' }).click();
    const pattern = page.getByRole('textbox', { name: 'URL pattern (all other locales)' });
    await pattern.fill('https://blog.example.com/{locale}/articles/');
    // a placeholder chip inserts itself where the cursor is
    await page
      .getByRole('button', { name: 'Insert {slug} into URL pattern (all other locales)' })
      .click();
    expect(await pattern.inputValue()).toBe(PATTERN);
    await choose('Default board', 'Recipes');
  });

  await step(page, log, 'the sample pin from the published entry', async () => {
    await page.getByText('From “Tomato soup” (en), as it would be pinned now').waitFor();
    const card = page.getByRole('img', { name: 'Pin preview' });
    await card.getByText('Tomato soup').waitFor();
    await page.getByText(/^https:\/\/blog\.example\.com\/en\/articles\/tomato-soup/).waitFor();
    await screenshot(page, 'content-types-setup');
    // the page scrolls inside the admin's layout: bring the link's choices into view too
    await page.getByRole('region', { name: 'Link', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'content-types-setup-link');
  });

  await step(
    page,
    log,
    'save: the list shows it set up, and its archive never pinned',
    async () => {
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Blog article is set up.').waitFor();
      await page.getByRole('heading', { name: 'Pinterest content types' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: BLOG });
      await row.getByText('Set up here').waitFor();
      await row.getByText('1 published entry was never pinned.').waitFor();
      await screenshot(page, 'content-types-list');
    }
  );

  await step(page, log, 'the never-pinned entries open the planner, pre-filled', async () => {
    await page.getByRole('link', { name: 'Plan a paced campaign for them' }).click();
    await page.getByRole('heading', { name: 'New re-pin campaign' }).waitFor();
    await page.getByRole('combobox', { name: 'Content type' }).getByText('Blog article').waitFor();
    expect(new URL(page.url()).searchParams.get('contentType')).toBe(BLOG);
    await screenshot(page, 'content-types-planner-prefilled');
  });

  // what the page saved is what the server keeps
  const saved = await strapi.plugin('pinterest').service('settings').listContentTypes();
  expect(saved.find((t: { uid: string }) => t.uid === BLOG)).toMatchObject({
    source: 'admin',
    enabled: true,
    mapping: {
      title: ['title', 'seo.metaTitle'],
      description: ['description'],
      content: ['blocks'],
      media: 'cover',
      link: { kind: 'pattern', patterns: { '*': PATTERN } },
      missingLink: 'refuse',
    },
  });
  // the archive stayed unpinned
  expect(emulator.state.pins.size).toBe(0);

  const documentId = await publish({ title: 'Lentil stew', slug: 'lentil-stew' });
  const pin = await waitFor(() => pinTitled('Lentil stew'), 'the new entry to pin', 30_000, 100);
  expect(pin.link).toMatch(/^https:\/\/blog\.example\.com\/en\/articles\/lentil-stew(\?|$)/);
  expect(pinTitled('Tomato soup')).toBeNull();

  await step(page, log, 'the side panel says Pinned, with the pattern link', async () => {
    await page.goto(
      `${booted.url}/admin/content-manager/collection-types/${BLOG}/${documentId}?plugins[i18n][locale]=en`
    );
    await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page
      .getByText(/^Links to https:\/\/blog\.example\.com\/en\/articles\/lentil-stew/)
      .waitFor();
    await page.getByRole('link', { name: /View the pin on Pinterest/ }).waitFor();
    await screenshot(page, 'content-types-panel-pinned');
  });
});
