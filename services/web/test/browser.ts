import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Screenshots for people to look at, in the ignored cache. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, '.cache', 'screenshots', 'web');

/** The flags the project runs Debian's Chromium with: without the networking ones it floods a closed network. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium on a fresh profile folder (Playwright passes it as --user-data-dir). */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'hub-web-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did wrong while a test used it: script errors, console errors, blocked by its own policy. */
export function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // failed loads are reported with their address by the response handler below
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    // browsers ask every origin for a favicon; the identity provider's pages have none, which is no fault of a page
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return { problems };
}

/** Every WCAG 2.1 A and AA rule axe has, on the page as it is now (dialogs and popovers included when open). */
export async function accessibilityViolations(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** The page at a laptop's and a phone's width, as PNGs named `<name>-1280.png` and `<name>-390.png`. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

/** Signs in at the identity provider's own page, as the person would, and waits to be back in the client. */
export async function signIn(page: Page, webUrl: string, username: string, password: string): Promise<void> {
  await page.getByLabel(/Användarnamn/).fill(username);
  await page.getByLabel(/Lösenord/).fill(password);
  await page.getByRole('button', { name: /Logga in/ }).click();
  await page.waitForURL((url) => url.href.startsWith(webUrl) && !url.pathname.startsWith('/callback'));
}
