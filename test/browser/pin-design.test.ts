/**
 * Designed pins in real headless Chromium (issue 16): open an article with a landscape hero,
 * choose a 2:3 design from a template in the Pinterest field, see the server-rendered preview
 * load, move the focal point (drag, then keys) and see the preview change, save, publish, and the
 * side panel says "Pinned" and shows the design — the pin Pinterest got is the design from the
 * Media Library.
 * Strapi listens on a known port so the design's upload URL is an address the emulator fetches.
 */
import net, { type AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
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
let base: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The preview's current image, once it has loaded (a decoded image, not a broken one). */
async function loadedSrc(image: Locator, other?: string): Promise<string> {
  await waitFor(
    () =>
      image.evaluate(
        (img: HTMLImageElement, previous) =>
          img.complete && img.naturalWidth > 0 && img.src !== previous,
        other ?? ''
      ),
    'the design preview to load'
  );
  return image.evaluate((img: HTMLImageElement) => img.src);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  booted = await bootStrapi({
    PORT: String(port),
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_PUBLIC_URL: base,
    PINTEREST_MEDIA_HOST_ALLOWLIST: `127.0.0.1:${port},${new URL(emulator.url).host}`,
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

it('chooses a template, moves the focal point, publishes the designed pin', async () => {
  const recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!;
  const hero = await uploadImage(strapi, { width: 1600, height: 900, format: 'jpeg' });
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Tomato soup for cold evenings',
      excerpt: 'A warm soup in twenty minutes. Then a nap.',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/soup',
      pinterest: { boardId: recipes.id },
    } as never,
  });
  await page.goto(
    `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
  );

  // no default template for articles: the field says what "default" means here
  const byDefault = page.getByRole('radio', {
    name: 'Content type default: the original image',
  });
  await byDefault.waitFor({ timeout: 30_000 });
  expect(await byDefault.getAttribute('aria-checked')).toBe('true');

  await page.getByRole('radio', { name: 'A 2:3 design from a template' }).click();
  const templates = page.getByRole('group', { name: 'Templates' });
  await templates.getByRole('button', { name: 'Card' }).click();
  const preview = page.getByTestId('design-preview-image');
  await preview.scrollIntoViewIfNeeded();
  const first = await loadedSrc(preview);
  // every template's thumbnail renders too
  for (const id of ['bold-band', 'split-top', 'overlay', 'card'])
    await loadedSrc(page.getByTestId(`design-thumb-${id}`));
  await screenshot(page, 'pin-design-template');

  // drag the focal point to the left edge of the hero: the preview renders again
  const marker = page.getByRole('slider', { name: 'Focal point' });
  await marker.scrollIntoViewIfNeeded();
  await screenshot(page, 'pin-design-before-drag');
  const box = (await marker.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = await loadedSrc(preview, first);
  expect(await marker.getAttribute('aria-valuetext')).toMatch(/^0% from the left/);
  // then by keyboard: a step to the right
  await marker.focus();
  await page.keyboard.press('ArrowRight');
  expect(await marker.getAttribute('aria-valuetext')).toMatch(/^5% from the left/);
  await loadedSrc(preview, dragged);
  // the pin preview card shows the design, not the landscape hero
  const cardImage = page.getByRole('img', { name: 'Pin preview' }).locator('img');
  expect(await cardImage.getAttribute('src')).toMatch(/^blob:/);
  await page.getByText('The image is far from 2:3').waitFor({ state: 'detached' });
  await screenshot(page, 'pin-design-focal');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitFor(async () => {
    const saved = (await strapi.documents(ARTICLE).findOne({ documentId: draft.documentId })) as {
      pinterest?: { design?: { template?: string; focal?: { x: number; y: number } } };
    } | null;
    return saved?.pinterest?.design?.template === 'card' && saved.pinterest.design.focal?.x === 0.05
      ? saved
      : null;
  }, 'the design to be saved');

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Pinned', { exact: true }).first().waitFor({ timeout: 60_000 });
  // the side panel shows the design the pin was made with, loaded from the Media Library
  const pinnedDesign = page.getByRole('img', { name: 'The design this pin was made with' });
  await pinnedDesign.waitFor({ timeout: 30_000 });
  await waitFor(
    async () =>
      (await pinnedDesign.evaluate((img: HTMLImageElement) => img.naturalWidth)) > 0 ? true : null,
    'the pinned design to load in the side panel'
  );
  await screenshot(page, 'pin-design-pinned');

  const pin = [...emulator.state.pins.values()].find(
    (p) => p.title === 'Tomato soup for cold evenings'
  );
  expect(pin).toMatchObject({ board_id: recipes.id });
  const sent = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v5/pins')!;
  const source = (sent.body as { media_source: { source_type: string; url: string } }).media_source;
  expect(source.source_type).toBe('image_url');
  expect(source.url.startsWith(`${base}/uploads/`)).toBe(true);
}, 240_000);

it('Settings → Pinterest: the brand and a default design per content type', async () => {
  await page.goto(`${booted.url}/admin/settings/pinterest`);
  const brand = page.getByRole('region', { name: 'Brand' });
  await brand.waitFor({ timeout: 30_000 });
  const name = brand.getByRole('textbox', { name: 'Brand name' });
  await name.fill('Soup Blog');
  await brand.getByRole('button', { name: 'Choose from the Media Library' }).waitFor();
  await brand.getByRole('button', { name: 'Save the brand' }).click();
  await page.getByText('Brand saved.').waitFor();
  await page.getByRole('combobox', { name: 'Default design' }).first().scrollIntoViewIfNeeded();
  await screenshot(page, 'pin-design-settings');
});
