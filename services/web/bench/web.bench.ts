// The web client's figures (issue 14): the first page's JavaScript (gzip), first contentful paint in Chromium on
// localhost, and the company page fully loaded (its matches included), on the hub as `npm start` runs it.
// Prints a table and BENCH_RESULT json. Run: npm run build, then npm run bench -w @hub/web.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatLoadAverages, loadAverage, log, printTable, round, summarise } from '@hub/infra/bench';
import type { Page } from 'playwright-core';
import { openBrowser, signIn } from '../test/browser';
import { startHub } from '../test/hub';

const CLIENT_DIR = path.join(__dirname, '..', 'dist', 'client');
const PAINT_RUNS = 15;
const TARGETS = { initialJsGzipKB: 250, firstContentfulPaintMs: 1000, companyPageLoadedMs: 1500 };

/** The scripts index.html loads before anything is shown: its entry module and the chunks it preloads. */
function initialJavaScriptGzip(): { files: string[]; kB: number } {
  const html = readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"|<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => (match[1] ?? match[2])!);
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(CLIENT_DIR, file))).length, 0);
  return { files, kB: bytes / 1000 };
}

async function firstContentfulPaintMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const found = performance.getEntriesByName('first-contentful-paint')[0];
        if (found) return resolve(found.startTime);
        new PerformanceObserver((list) => resolve(list.getEntries()[0]!.startTime)).observe({ type: 'paint', buffered: true });
      }),
  );
}

/** From a click on a company in the list until its page says everything, matches included, has arrived. */
const COMPANY_LINKS = 'main table a[href^="/companies/"]';

async function companyPageLoadedMs(page: Page, index: number): Promise<number> {
  await page.getByRole('navigation').getByRole('link', { name: 'Företag' }).click();
  await page.locator(COMPANY_LINKS).nth(index).waitFor();
  // the clock starts in the page, so the time is the page's own, not the test process's round trips
  await page.evaluate(
    ({ i, selector }) => {
      (window as unknown as { clickedAt: number }).clickedAt = performance.now();
      document.querySelectorAll<HTMLAnchorElement>(selector)[i]!.click();
    },
    { i: index, selector: COMPANY_LINKS },
  );
  await page.locator('[data-loaded="true"]').waitFor();
  return page.evaluate(() => performance.now() - (window as unknown as { clickedAt: number }).clickedAt);
}

async function main(): Promise<number> {
  const loadBefore = loadAverage();
  const initial = initialJavaScriptGzip();
  log('starting the hub as npm start does');
  const hub = await startHub();
  const browser = await openBrowser();
  try {
    const paints: number[] = [];
    for (let run = 0; run < PAINT_RUNS; run += 1) {
      const page = await browser.context.newPage();
      paints.push(await firstContentfulPaintMs(page, hub.webUrl));
      await page.close();
    }
    const loadDuring = loadAverage();

    const page = await browser.context.newPage();
    await page.goto(hub.webUrl);
    await page.getByRole('main').getByRole('button', { name: 'Logga in' }).click();
    await signIn(page, hub.webUrl, 'mala.naringsliv', 'region10-demo');
    await page.getByRole('navigation').getByRole('link', { name: 'Företag' }).click();
    await page.locator(COMPANY_LINKS).first().waitFor();
    const companies = await page.locator(COMPANY_LINKS).count();
    // each company once: a second visit would be answered from the client's cache
    const companyTimes: number[] = [];
    for (let index = 0; index < companies; index += 1) companyTimes.push(await companyPageLoadedMs(page, index));
    const loadAfter = loadAverage();

    const paint = summarise(paints);
    const company = summarise(companyTimes);
    printTable('web client', [
      ['initial JavaScript (gzip)', `${round(initial.kB)} kB in ${initial.files.length} files (target < ${TARGETS.initialJsGzipKB} kB)`],
      ['first contentful paint', `p50 ${round(paint.p50)} ms, p95 ${round(paint.p95)} ms over ${PAINT_RUNS} loads (target < ${TARGETS.firstContentfulPaintMs} ms)`],
      ['company page loaded', `p50 ${round(company.p50)} ms, max ${round(company.max)} ms over ${companies} companies (target < ${TARGETS.companyPageLoadedMs} ms)`],
      ['load average', formatLoadAverages(loadBefore, loadDuring, loadAfter)],
    ]);
    const result = {
      cores: os.cpus().length,
      loadAverage: { before: loadBefore, during: loadDuring, after: loadAfter },
      initialJsGzipKB: round(initial.kB),
      firstContentfulPaintMs: { p50: round(paint.p50), p95: round(paint.p95), max: round(paint.max) },
      companyPageLoadedMs: { companies, p50: round(company.p50), max: round(company.max) },
      targets: {
        initialJs: initial.kB < TARGETS.initialJsGzipKB,
        firstContentfulPaint: paint.p95 < TARGETS.firstContentfulPaintMs,
        companyPage: companies > 0 && company.max < TARGETS.companyPageLoadedMs,
      },
    };
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
    return 0;
  } finally {
    await browser.close();
    await hub.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
