/**
 * In real headless Chromium, an Editor whose role lost a Pinterest right (an administrator removed
 * "Read entries' pins" from Strapi's Editor role after install) opens an entry: the Pinterest field
 * and the side panel say, in a plain sentence, which permission is missing and who can grant it —
 * never Strapi's bare "Policy Failed", and the side panel stays instead of vanishing.
 */
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { permission } from '../../common/permissions';
import { startEmulator, type Emulator } from '../../emulator/src';
import { adminWithRole, registerSuperAdmin, SUPER_ADMIN } from '../helpers/admin';
import {
  launchBrowser,
  login,
  recordPage,
  screenshot,
  step,
  type PageLog,
} from '../helpers/browser';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const EDITOR_EMAIL = 'editor-without-read@example.com';
const SENTENCE =
  "Your role does not have the Pinterest permission “Read entries' pins”. An administrator can grant it";
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let browser: Browser;
let page: Page;
let log: PageLog;
let documentId: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  });
  strapi = booted.strapi;
  await registerSuperAdmin(strapi);
  const { roleId } = await adminWithRole(strapi, 'strapi-editor', EDITOR_EMAIL);
  // what an administrator does in Settings → Roles → Editor → Plugins → Pinterest
  const removed = await strapi.db
    .query('admin::permission')
    .deleteMany({ where: { role: roleId, action: permission('readPins') } });
  expect(removed.count).toBe(1);
  const doc = await strapi
    .documents(ARTICLE)
    .create({ data: { title: 'Lentil stew', excerpt: 'Cheap and warm.' } as never });
  documentId = doc.documentId;
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  page = await context.newPage();
  log = recordPage(page);
  await step(page, log, 'login as the Editor', () =>
    login(page, booted.url, { ...SUPER_ADMIN, email: EDITOR_EMAIL })
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
});

it('names the missing permission and who grants it in the field and the side panel, never "Policy Failed"', async () => {
  await step(page, log, 'open the entry in the Content Manager', async () => {
    await page.goto(
      `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`
    );
    await page.getByRole('heading', { name: 'Lentil stew' }).waitFor();
  });

  await step(page, log, 'the field and the side panel say which right is missing', async () => {
    const sentences = page.getByText(SENTENCE);
    // one where the boards load (the field), one in the side panel
    await sentences.nth(1).waitFor({ timeout: 30_000 });
    await page.getByText('Boards could not be loaded: Your role does not have').waitFor();
    const panel = page.locator('aside, [role="complementary"]').filter({ hasText: 'Pinterest' });
    await panel.getByText(SENTENCE).first().waitFor();
  });
  await screenshot(page, 'missing-right-editor');
  expect(await page.getByText('Policy Failed').count()).toBe(0);
});
