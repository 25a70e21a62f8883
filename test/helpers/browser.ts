import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot } from './strapi';
import { SUPER_ADMIN } from './admin';
import { findChromium } from './chromium';

export const SCREENSHOTS = path.join(repoRoot, 'artifacts', 'screenshots');

let announced = false;

/** A headless Chromium (see findChromium), with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  const found = findChromium();
  if (!announced) {
    announced = true;
    process.stdout.write(`[browser] Chromium from ${found.source}: ${found.executablePath}\n`);
  }
  if (!fs.existsSync(path.join(repoRoot, 'playground', 'dist', 'build', 'index.html'))) {
    throw new Error(
      'The admin panel is not built: run `npm test` (its pretest builds it) or `npx tsx scripts/prepare-test.ts`.'
    );
  }
  return chromium.launch({
    executablePath: found.executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...found.extraArgs,
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Logs in through the admin's login form. */
export async function login(page: Page, baseUrl: string, credentials = SUPER_ADMIN): Promise<void> {
  // Strapi's guided tour opens for a new admin at a moment of its choosing (over the home page or
  // the
  // Content Manager) and hides the page behind it: start as an admin who already skipped it.
  await page.addInitScript(() => {
    if (!window.localStorage.getItem('STRAPI_GUIDED_TOUR'))
      window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
  });
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
  // the admin shell has rendered for the logged-in user (its token stored, its permissions loaded)
  await page.getByRole('link', { name: 'Settings' }).first().waitFor({ timeout: 30_000 });
}

/**
 * What a page did: console errors, page errors, failed and refused requests, for a failure message.
 */
export interface PageLog {
  lines: string[];
}

/** Records what a page does, so a failing browser test can say what the page saw. */
export function recordPage(page: Page): PageLog {
  const log: PageLog = { lines: [] };
  const push = (line: string) => {
    log.lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (log.lines.length > 200) log.lines.shift();
  };
  page.on('pageerror', (e) => push(`pageerror ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      push(`console.${m.type()} ${m.text().slice(0, 300)}`);
  });
  page.on('requestfailed', (r) =>
    push(`requestfailed ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`)
  );
  page.on('response', (r) => {
    if (r.status() >= 400) push(`response ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) push(`navigated ${f.url()}`);
  });
  return log;
}

/** What a test knows about its own state when a step fails (a job row, the emulator's pins). */
export type Diagnose = () => Promise<unknown>;

/**
 * Runs one step of a browser test; when it fails, saves a FAILED-<name> screenshot and rethrows
 * with, in this order: what `diagnose` reports (the test's own state), the page log, the URL, and
 * the page's visible text folded onto a few lines — so a CI failure explains itself even when only
 * the first lines of it are kept.
 */
export async function step<T>(
  page: Page,
  log: PageLog,
  name: string,
  fn: () => Promise<T>,
  diagnose?: Diagnose
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const shot = await screenshot(page, `FAILED-${name}`).catch(() => 'no screenshot');
    const text = await page
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch(() => '(no body text)');
    const state = diagnose
      ? await diagnose().then(
          (v) => JSON.stringify(v),
          (d: unknown) => `(diagnose failed: ${String(d)})`
        )
      : '(none)';
    const original = e as Error;
    const err = new Error('', { cause: original });
    err.message = [
      `${original.message.split('\n')[0]}`,
      `--- step "${name}" failed at ${page.url()} (screenshot ${shot})`,
      `--- state: ${state.slice(0, 1500)}`,
      `--- page log: ${log.lines.slice(-25).join(' | ') || '(empty)'}`,
      `--- visible text: ${foldText(text)}`,
      `--- ${original.message}`,
    ].join('\n');
    err.stack = `${err.message}\n${(original.stack ?? '')
      .split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .join('\n')}`;
    throw err;
  }
}

/** A page's visible text on one line: its lines joined by " | ", the admin's menu left out. */
export function foldText(text: string, max = 1500): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // the main content starts after the admin's left menu, which ends with the user's name block
  const settings = lines.indexOf('Settings');
  const body = settings >= 0 && settings < 30 ? lines.slice(settings + 1) : lines;
  return body.join(' | ').slice(0, max);
}

/** A logged-in admin tab: the browser (launched unless given), the page, and what the page logs. */
export interface AdminTab {
  browser: Browser;
  page: Page;
  log: PageLog;
}

/**
 * Opens the admin of a booted Strapi in a new tab of its own context (viewport, time zone, locale,
 * downloads as given) and logs in as the super admin, as one self-explaining step.
 */
export async function openAdmin(
  baseUrl: string,
  options: BrowserContextOptions = {},
  browser?: Browser
): Promise<AdminTab> {
  const b = browser ?? (await launchBrowser());
  const context = await b.newContext({ viewport: { width: 1440, height: 1100 }, ...options });
  const page = await context.newPage();
  const log = recordPage(page);
  await step(page, log, 'login', () => login(page, baseUrl));
  return { browser: b, page, log };
}
