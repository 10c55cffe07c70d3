import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '@hub/infra/testkit';
import { startIdentityProvider, TEST_PASSWORD, type TestIdentityProvider } from '../src/testkit';

/**
 * The provider's pages in a real browser (Debian's Chromium): each passes axe's WCAG 2.1 A and AA rules, in
 * Swedish with English marked as such, and a person can sign in with the keyboard alone.
 */
const WEB_CALLBACK = 'http://127.0.0.1:5173/callback';

let provider: TestIdentityProvider;
let browser: BrowserContext;
const profile = mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));

beforeAll(async () => {
  provider = await startIdentityProvider();
  // a fresh profile folder, passed the way Playwright takes it (it adds --user-data-dir itself)
  browser = await chromium.launchPersistentContext(profile, { ...CHROMIUM, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  rmSync(profile, { recursive: true, force: true });
});

async function axeViolations(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const scope = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } };
    const result = await scope.axe.run(scope.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
}

function authorizeUrl(): string {
  const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
  const query = new URLSearchParams({
    client_id: 'hub-web',
    response_type: 'code',
    redirect_uri: WEB_CALLBACK,
    scope: 'openid graph',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${provider.issuer}/auth?${query}`;
}

async function expectAccessibleAndBilingual(page: Page): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe('sv');
  expect(await page.locator('h1 [lang="en"]').count()).toBe(1);
  expect(await axeViolations(page)).toEqual([]);
}

describe('the identity provider in a browser', () => {
  it('serves an accessible sign-in page, and a keyboard user signs in and returns to the web client', async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    // the web client is not running here: its callback is answered by the test
    let callback: URL | undefined;
    await page.route(`${WEB_CALLBACK}**`, async (route) => {
      callback = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html lang="sv"><title>Klar</title></html>' });
    });
    await page.goto(authorizeUrl());
    await expectAccessibleAndBilingual(page);

    await page.keyboard.press('Tab');
    await page.keyboard.type('almi.radgivare');
    await page.keyboard.press('Tab');
    await page.keyboard.type('fel-losenord');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toContain('Fel användarnamn eller lösenord');
    await expectAccessibleAndBilingual(page);

    await page.fill('#password', TEST_PASSWORD);
    await page.press('#password', 'Enter');
    await page.waitForURL(`${WEB_CALLBACK}**`);
    expect(callback?.searchParams.get('code')).toBeTruthy();
    await page.close();
  });

  it('serves accessible pages for a terminal sign-in (code, confirmation) and for signing out', async () => {
    const started = await fetch(`${provider.issuer}/device/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'hub-cli', scope: 'openid graph' }),
    });
    const { user_code: userCode } = (await started.json()) as { user_code: string };
    await browser.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${provider.issuer}/device`);
    await expectAccessibleAndBilingual(page);
    await page.fill('#user_code', userCode);
    await page.click('button[form="op.deviceInputForm"]');
    await page.waitForSelector('.code');
    expect(await page.textContent('.code')).toBe(userCode);
    await expectAccessibleAndBilingual(page);

    await page.goto(`${provider.issuer}/session/end`);
    await expectAccessibleAndBilingual(page);
    await page.close();
  });
});
