/**
 * In real headless Chromium: the Pinterest field's preview checks the pin's link (against local,
 * allowlisted pages) and shows whether it works and whether the page is ready for Rich Pins;
 * Settings → Pinterest lists the plugin's webhook events and ticks them for a webhook of
 * Settings → Webhooks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
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
let site: http.Server;
let base: string;
let jwt: string;
const gone = new Set<string>();

const TAGS =
  '<meta property="og:title" content="Tomato soup"><meta property="og:description" content="A warm soup"><meta property="og:site_name" content="Kitchen"><meta property="article:published_time" content="2026-11-01T09:00:00Z">';

beforeAll(async () => {
  site = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/gone' || gone.has(path)) return void res.writeHead(404).end('gone');
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<html><head><link rel="canonical" href="${base}${path}">${path === '/plain' ? '' : TAGS}</head><body>x</body></html>`
      );
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_LINK_CHECK: 'true',
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(base).host,
    PINTEREST_LINK_SCAN_RULE: '* * * * * *',
    PINTEREST_LINK_SCAN_RECHECK_HOURS: '0',
    PINTEREST_LINK_SCAN_SPACING_MS: '0',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  ({ browser, page } = await openAdmin(booted.url, { viewport: { width: 1440, height: 1400 } }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await booted?.destroy();
  await emulator?.close();
  site?.closeAllConnections();
  await new Promise((r) => site?.close(r));
});

async function openArticle(path: string) {
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Tomato soup',
      excerpt: 'Warm.',
      hero: hero.id,
      canonicalUrl: `${base}${path}`,
    } as never,
  });
  await page.goto(
    `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
  );
  const section = page.getByTestId('link-health');
  await section.waitFor({ timeout: 30_000 });
  return section;
}

it('the preview says the link works and the page is ready for Rich Pins', async () => {
  const section = await openArticle('/soup');
  await section.getByText('The link works, with notes').waitFor({ timeout: 15_000 });
  await section.getByText('The page is served over http, not https.').waitFor();
  await section.getByText('Ready for Rich Pins').waitFor();
  await section.getByText('Site name (og:site_name) — Open Graph').waitFor();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'link-check-preview-ready');
});

it('the preview says what a page without tags misses, and that a dead link is broken', async () => {
  const plain = await openArticle('/plain');
  await plain.getByText('Not ready for Rich Pins').waitFor({ timeout: 15_000 });
  await plain.getByText('Published time (article:published_time) — missing').waitFor();
  await plain.scrollIntoViewIfNeeded();
  await screenshot(page, 'link-check-preview-no-tags');
  const gone = await openArticle('/gone');
  await gone.getByText('The link is broken').waitFor({ timeout: 15_000 });
  await gone.getByText('The page answered HTTP 404.').waitFor();
  await gone.scrollIntoViewIfNeeded();
  await screenshot(page, 'link-check-preview-broken');
});

it('Settings → Pinterest lists the webhook events and ticks them for a webhook', async () => {
  const created = await request(strapi.server.httpServer)
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({
      name: 'Frontend',
      url: 'http://127.0.0.1:9999/hook',
      headers: {},
      events: ['entry.publish'],
    });
  expect(created.status).toBe(201);
  await page.goto(`${booted.url}/admin/settings/pinterest`);
  const section = page.getByTestId('webhook-events');
  await section.waitFor({ timeout: 30_000 });
  for (const event of [
    'pinterest.pin.created',
    'pinterest.pin.updated',
    'pinterest.pin.failed',
    'pinterest.pin.deleted',
    'pinterest.link.broken',
    'pinterest.campaign.finished',
    'pinterest.account.reconnect_required',
  ])
    await section.getByRole('list', { name: 'Events' }).getByText(event).waitFor();
  await section.getByText('Frontend').waitFor();
  await section.getByRole('checkbox', { name: /A pin failed/ }).click();
  await section.getByRole('checkbox', { name: /A live pin’s link broke/ }).click();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-webhook-events');
  await section.getByRole('button', { name: 'Save the events' }).click();
  const saved = await waitFor(async () => {
    const hook = await strapi.get('webhookStore').findWebhook(String(created.body.data.id));
    return hook?.events.includes('pinterest.pin.failed') ? hook : null;
  }, 'the webhook to be saved');
  // Strapi's own event of the webhook is kept
  expect([...saved.events].sort()).toEqual(
    ['entry.publish', 'pinterest.link.broken', 'pinterest.pin.failed'].sort()
  );
  // Strapi's webhook page shows the webhook (its form lists Strapi's built-in events only)
  await page.goto(`${booted.url}/admin/settings/webhooks`);
  await page.getByText('Frontend').waitFor({ timeout: 15_000 });
  await screenshot(page, 'settings-webhooks-list');
});

it('a live pin whose page starts answering 404 is flagged in the side panel and listed as broken', async () => {
  const hero = await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' });
  const boardId = [...emulator.state.boards.values()][0].id;
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: 'Flaky page',
      excerpt: 'Warm.',
      hero: hero.id,
      canonicalUrl: `${base}/flaky`,
      pinterest: { boardId },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
  const record = () =>
    strapi.db
      .query('plugin::pinterest.pin-record')
      .findOne({ where: { entryDocumentId: draft.documentId } });
  await waitFor(async () => {
    const r = await record();
    return r?.status === 'pinned' && r.linkStatus ? r : null;
  }, 'the pin, checked once');
  gone.add('/flaky');
  await waitFor(async () => ((await record())?.linkStatus === 'broken' ? true : null), 'the flag');

  await page.goto(
    `${booted.url}/admin/content-manager/collection-types/${ARTICLE}/${draft.documentId}`
  );
  const flag = page.getByTestId('entry-link-flag');
  await flag.waitFor({ timeout: 30_000 });
  await flag.getByText('The pin’s link is broken').waitFor();
  await flag.getByText(/The page answered HTTP 404\./).waitFor();
  await screenshot(page, 'link-check-panel-broken');

  await page.goto(`${booted.url}/admin/plugins/pinterest/analytics`);
  const list = page.getByTestId('broken-links');
  await list.waitFor({ timeout: 30_000 });
  await list.getByRole('link', { name: 'Flaky page' }).waitFor();
  await list.getByText(`${base}/flaky`, { exact: false }).waitFor();
  await list.scrollIntoViewIfNeeded();
  await screenshot(page, 'analytics-broken-links');
});
