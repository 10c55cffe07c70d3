import type { Page } from 'playwright-core';
import { type Browser, DEMO_PASSWORD, expectAccessible, openBrowser, openSignedIn, screenshots, signIn, watch } from './browser';
import { startHub, type RunningHub } from './hub';

/**
 * The web client in Debian's Chromium on the hub as `npm start` runs it: fictional users sign in at the development
 * identity provider and use their pages on the demo data, in Swedish and English, checked by axe on every page and
 * open dialog, with screenshots at 1280 and 390 px in .cache/screenshots/web/.
 */
/** Access tokens live 65 s here, so the client renews them (a minute before expiry) within each test. */
const ACCESS_TOKEN_TTL_SEC = 65;
jest.setTimeout(180_000);

let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  hub = await startHub({ accessTokenTtlSec: ACCESS_TOKEN_TTL_SEC });
  browser = await openBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
}, 60_000);

/**
 * The offering titles the page shows once the graph has answered the catalogue query that `change` sets off, after
 * checking the page shows as many as the graph sent.
 */
async function searchedOfferings(page: Page, change: () => Promise<unknown>, asked = ''): Promise<string[]> {
  // typing asks again as the text grows, and each request cancels the one before: the answer wanted carries `asked`
  const answered = page.waitForResponse((response) => {
    const request = response.request().postData() ?? '';
    return response.url() === hub.gatewayUrl && request.includes('"operationName":"Catalogue"') && request.includes(asked);
  });
  await change();
  const body = (await (await answered).json()) as { data: { offerings: { nodes: unknown[] } } };
  const count = body.data.offerings.nodes.length;
  await page.waitForFunction((expected) => document.querySelectorAll('.cards > li').length === expected, count);
  return page.locator('.cards h2').allInnerTexts();
}

describe('the web client', () => {
  it('is served with a policy that allows no inline script and talks only to the graph and the identity provider', async () => {
    const response = await fetch(hub.webUrl);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain(`connect-src 'self' ${new URL(hub.gatewayUrl).origin} ${hub.identityUrl}`);
    const bundle = await response.text();
    expect(bundle).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('is the only origin the gateway lets browsers call from', async () => {
    const preflight = (origin: string) =>
      fetch(hub.gatewayUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect((await preflight(hub.webUrl)).headers.get('access-control-allow-origin')).toBe(hub.webUrl);
    expect((await preflight('http://127.0.0.1:1')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a business-office adviser of Malå sign in, search the catalogue, read an offering and the directory, and sign out (Swedish)', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const { problems } = watch(page);
    await page.goto(hub.webUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Välkommen till Region 10:s samverkansnav');
    await expectAccessible(page);
    await screenshots(page, 'welcome');

    const all = await searchedOfferings(page, async () => {
      await page.getByRole('main').getByRole('button', { name: 'Logga in' }).click();
      await signIn(page, hub.webUrl, 'mala.naringsliv', DEMO_PASSWORD);
    });
    const banner = page.getByRole('banner');
    await banner.getByText(/Roll: näringslivskontor för Malå/).waitFor();
    await expect(banner.getByText(/Inloggad som/).innerText()).resolves.toContain('Malå');
    expect(all.length).toBeGreaterThan(3);
    await expectAccessible(page);
    await screenshots(page, 'catalogue');

    // å, ä and ö fold: "mala" finds Malå's own offering
    const found = await searchedOfferings(page, () => page.getByRole('searchbox', { name: 'Sök' }).fill('mala'));
    expect(page.url()).toContain('text=mala');
    expect(found).toContain('Steget vidare Malå');
    expect(found.length).toBeLessThan(all.length);

    // a municipality from the list, Åsele last of them in Swedish order; the list is checked while it is open
    await page.getByRole('searchbox', { name: 'Sök' }).fill('');
    await page.getByRole('button', { name: /Kommun/ }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options[0]).toBe('Alla');
    expect(options.at(-1)).toBe('Åsele');
    await expectAccessible(page);
    const inAsele = await searchedOfferings(page, () => page.getByRole('option', { name: 'Åsele' }).click());
    expect(page.url()).toContain('municipality=2463');
    expect(inAsele.length).toBeGreaterThan(0);
    expect(inAsele).not.toContain('Steget vidare Malå');

    const first = page.locator('.cards h2 a').first();
    const title = await first.innerText();
    await first.click();
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Så anmäler du dig' }).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'offering');

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Organisationer' }).click();
    await page.getByRole('searchbox', { name: 'Sök organisation' }).fill('almi');
    const almi = page.getByRole('link', { name: 'Almi Företagspartner Nord' });
    await almi.click();
    await page.getByRole('heading', { level: 1, name: 'Almi Företagspartner Nord', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Publicerade insatser' }).waitFor();
    expect(await page.locator('main ul li a').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshots(page, 'organisation');

    await banner.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: /Ja, logga ut/ }).click();
    await page.waitForURL((url) => url.href.startsWith(hub.webUrl));
    await page.getByRole('main').getByRole('button', { name: 'Logga in' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('speaks English to a partner adviser of Almi who chooses it, and keeps Swedish-only texts marked as Swedish', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'almi.radgivare');
    await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Support offerings', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('banner').getByText(/Role: support organisation for Almi Företagspartner Nord/).waitFor();
    await page.getByRole('status').filter({ hasText: /offerings? shown/ }).waitFor();
    expect(await page.locator('.cards h2').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshots(page, 'catalogue-en');

    const answered = page.waitForResponse((response) => response.url() === hub.gatewayUrl && (response.request().postData() ?? '').includes('"operationName":"OfferingPage"'));
    await page.locator('.cards h2 a').first().click();
    const { title } = ((await (await answered).json()) as { data: { offering: { title: { sv: string; en: string | null } } } }).data.offering;
    await page.getByRole('heading', { level: 2, name: 'How to enrol' }).waitFor();
    // the English title where there is one; else the Swedish one, marked so a screen reader pronounces it right
    const heading = page.getByRole('heading', { level: 1 });
    if (title.en) {
      await expect(heading.innerText()).resolves.toBe(title.en);
      expect(await heading.locator('[lang="sv"]').count()).toBe(0);
    } else {
      await expect(heading.locator('[lang="sv"]').innerText()).resolves.toBe(title.sv);
    }
    await expectAccessible(page);
    await screenshots(page, 'offering-en');

    // the choice is kept for the next visit
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(problems).toEqual([]);
  });

  it('can be used with the keyboard alone: a visitor signs in, searches and opens an offering', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const { problems } = watch(page);
    await page.goto(hub.webUrl);
    // in Swedish, whatever an earlier test chose in this browser
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent ?? ''} ${(document.activeElement as HTMLInputElement | null)?.type ?? ''}`);
    const tabTo = async (matches: (description: string) => boolean) => {
      for (let step = 0; step < 40; step += 1) {
        await page.keyboard.press('Tab');
        if (matches(await focused())) return;
      }
      throw new Error(`never reached by Tab; last: ${await focused()}`);
    };
    // the skip link comes first
    await page.keyboard.press('Tab');
    expect(await focused()).toContain('Hoppa till innehållet');
    await tabTo((description) => description.startsWith('BUTTON Logga in'));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.href.startsWith(hub.identityUrl));
    await page.keyboard.press('Tab');
    await page.keyboard.type('besokare');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.href.startsWith(hub.webUrl) && !url.pathname.startsWith('/callback'));
    await page.getByRole('banner').getByText(/Roll: besökare/).waitFor();

    await tabTo((description) => description.includes('search'));
    const titles = await searchedOfferings(page, () => page.keyboard.type('digital'), '"text":"digital"');
    expect(titles.length).toBeGreaterThan(0);
    await tabTo((description) => description.startsWith(`A ${titles[0]}`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: titles[0], exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  it('renews the access token with the refresh token before it expires, and asks the graph with the new one', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const { problems } = watch(page);
    const tokensSent: string[] = [];
    page.on('request', (request) => {
      if (request.url() === hub.gatewayUrl && request.method() === 'POST') tokensSent.push(request.headers().authorization ?? '');
    });
    await page.goto(hub.webUrl);
    const renewed = page.waitForResponse((response) => response.url() === `${hub.identityUrl}/token` && (response.request().postData() ?? '').includes('grant_type=refresh_token'));
    await page.getByRole('main').getByRole('button', { name: 'Logga in' }).click();
    await signIn(page, hub.webUrl, 'besokare', DEMO_PASSWORD);
    await page.getByRole('status').filter({ hasText: /visas/ }).waitFor();
    expect(tokensSent.length).toBeGreaterThan(0);
    const first = tokensSent[0];
    expect(first).toMatch(/^Bearer ey/);

    expect((await renewed).status()).toBe(200);
    const titles = await searchedOfferings(page, () => page.getByRole('searchbox', { name: 'Sök' }).fill('digital'), '"text":"digital"');
    expect(titles.length).toBeGreaterThan(0);
    expect(tokensSent.at(-1)).toMatch(/^Bearer ey/);
    expect(tokensSent.at(-1)).not.toBe(first);
    await page.getByRole('banner').getByText(/Roll: besökare/).waitFor();
    expect(problems).toEqual([]);
  });
});
