import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '@hub/infra/testkit';
import type { RunningHub } from './hub';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Every fictional user's password at the development identity provider. */
export const DEMO_PASSWORD = 'region10-demo';
/** Screenshots for people to look at, in the ignored cache. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, '.cache', 'screenshots', 'web');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium on a fresh profile folder (Playwright passes it as --user-data-dir). */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'hub-web-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    headless: true,
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

export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
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

export interface SignedInPage {
  page: Page;
  /** What went wrong on the page so far (see watch). */
  problems: string[];
  /** The Authorization header the page last sent to the graph: the signed-in person's access token. */
  authorization(): string;
}

/** A new page signed in as the user, in Swedish whatever an earlier test chose, showing the catalogue. */
export async function openSignedIn(browser: Browser, hub: RunningHub, username: string): Promise<SignedInPage> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  const { problems } = watch(page);
  let authorization = '';
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (request.url() === hub.gatewayUrl && header) authorization = header;
  });
  await page.goto(hub.webUrl);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.getByRole('main').getByRole('button', { name: 'Logga in' }).click();
  await signIn(page, hub.webUrl, username, DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Stödinsatser' }).waitFor();
  return { page, problems, authorization: () => authorization };
}

/** Opens a page from the main menu and waits for its heading, which the menu entry is named after. */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Picks an option of a select (react-aria's button and list box); the button is named by its value and label. */
export async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Asks the graph as the signed-in person would, with the Authorization header their page sent; fails on errors. */
export async function askGraph<T>(hub: RunningHub, authorization: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`the graph refused ${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}
