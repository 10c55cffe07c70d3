import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { freePort } from '@hub/infra/testkit';
import { type Browser, choose, expectAccessible, openBrowser, openSignedIn, screenshots } from './browser';
import { startHub, type RunningHub } from './hub';

/**
 * The dashboards and the job runs page in Debian's Chromium on the hub as `npm start` runs it. The demo data has no
 * funnel positions and no job runs, so the test makes them as the README does: three of Malå's demo companies moved
 * through the funnel of Malå's 1,76 project through the graph, an organisation import from a local CSV file with
 * one row the hub refuses, and a funding-calls run pointed at a source that does not answer (the real one is on the
 * internet), both with the `hub` command. The funding-calls run fails before it asks the source: the demo data has no
 * organisation with Vinnova's organisation number to import the calls under.
 */
const HUB_COMMAND = path.resolve(__dirname, '..', '..', 'jobs', 'bin', 'hub.cjs');
// a schedule npm start takes from the environment, far enough ahead not to run during the test
const SCHEDULES = 'funder-report=0 6 1 1 *';
jest.setTimeout(180_000);

let hub: RunningHub;
let browser: Browser;
let scratch: string;
let adminToken: string;
let project: { id: string; name: string };

async function hubCommand(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [HUB_COMMAND, ...args], { env: { ...process.env, ...hub.hubCommandEnv, ...env }, cwd: scratch });
  return stdout;
}

async function graph<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`the graph refused ${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

beforeAll(async () => {
  process.env.JOB_SCHEDULES = SCHEDULES;
  hub = await startHub();
  browser = await openBrowser();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'hub-web-dashboards-'));
  adminToken = (await hubCommand(['token', 'admin'])).trim();

  const { projects } = await graph<{ projects: { nodes: Array<{ id: string; name: string }> } }>(
    '{ projects(filter: { municipalityCode: "2418" }, first: 50) { nodes { id name } } }',
  );
  const found = projects.nodes.find((candidate) => candidate.name.includes('1,76-projektet'));
  if (!found) throw new Error(`no 1,76 project among ${projects.nodes.map((candidate) => candidate.name).join(', ')}`);
  project = found;
  const { organisations } = await graph<{ organisations: { nodes: Array<{ id: string }> } }>(
    '{ organisations(filter: { municipalityCode: "2418", kind: COMPANY }, first: 3) { nodes { id } } }',
  );
  expect(organisations.nodes).toHaveLength(3);
  for (const [index, stage] of (['CONTACT', 'ENGAGED', 'DEEP_DIVE'] as const).entries()) {
    await graph('mutation ($company: ID!, $project: ID!, $stage: FunnelStage!) { setFunnelStage(companyId: $company, projectId: $project, stage: $stage) { stage } }', {
      company: organisations.nodes[index]?.id,
      project: project.id,
      stage,
    });
  }

  const file = path.join(scratch, 'orgs.csv');
  writeFileSync(file, 'orgnr;namn;sni;kommunkod;typ\n559970-0019;Myrberget Snickeri AB (demo);16230;2418;company\n559970-0027;Utanför Kartan AB (demo);16230;9999;company\n');
  await hubCommand(['run', 'organisation-import', '--file', file]);
  // a port nobody listens on: were the run to ask its source, it would fail at once instead of reaching the internet
  const closed = await freePort(new Set());
  await expect(hubCommand(['run', 'funding-calls'], { VINNOVA_BASE_URL: `http://127.0.0.1:${closed}`, SOURCE_RETRIES: '0' })).rejects.toMatchObject({ code: 1 });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/** A table's body as rows of cell texts, the row header first. */
async function tableRows(page: Page, tableId: string): Promise<string[][]> {
  return page.locator(`#${tableId} tbody tr`).evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())));
}

/** The figures printed on a chart's bars, series after series, as the chart draws them. */
async function chartLabels(page: Page, chart: string): Promise<string[]> {
  return page.locator(`[data-chart="${chart}"] .recharts-label-list text`).allTextContents();
}

interface GraphAnswer {
  errors?: Array<{ extensions?: { code?: string; field?: string } }>;
}

/** The graph's answers to each of the dashboard's queries for what `asked` names (a project id, a date), once both came. */
function dashboardAnswered(page: Page, asked: string): Promise<GraphAnswer[]> {
  const answered = async (operation: string) => {
    const response = await page.waitForResponse((candidate) => {
      const request = candidate.request().postData() ?? '';
      return request.includes(`"operationName":"${operation}"`) && request.includes(asked);
    });
    return (await response.json()) as GraphAnswer;
  };
  return Promise.all([answered('ProjectFunnel'), answered('ProjectIndicators')]);
}

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

describe('the dashboards', () => {
  it("show a business-office adviser of Malå the 1,76 project's funnel and indicators as charts and tables, and save them as CSV (Swedish)", async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'mala.naringsliv');
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await navigation.getByRole('link', { name: 'Jobbkörningar' }).count()).toBe(0);
    await navigation.getByRole('link', { name: 'Uppföljning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uppföljning' }).waitFor();

    const projectAnswered = dashboardAnswered(page, `"projectId":"${project.id}"`);
    await choose(page, /Projekt/, project.name);
    expect(page.url()).toContain(`project=${project.id}`);
    await projectAnswered;
    await page.getByRole('heading', { level: 2, name: 'Tratten' }).waitFor();
    await page.locator('#funnel-table tbody tr').first().waitFor();
    // cumulative: the company at deep dive has reached all three stages, the engaged one two
    expect(await tableRows(page, 'funnel-table')).toEqual([
      ['Kontakt', '3', '1'],
      ['Bearbetas', '2', '1'],
      ['Fördjupning', '1', '1'],
    ]);
    expect(await page.locator('#funnel-table caption').innerText()).toBe('Företag per steg i tratten (tabell)');
    expect(await page.locator('#funnel-table thead th').allInnerTexts()).toEqual(['Steg', 'Har nått steget', 'Står i steget nu']);
    expect(await page.locator('[data-chart="funnel"]').getAttribute('aria-hidden')).toBe('true');
    expect(await page.locator('[data-chart="funnel"] .recharts-bar-rectangle').count()).toBe(6);
    expect(await chartLabels(page, 'funnel')).toEqual(['3', '2', '1', '1', '1', '1']);

    const { indicators, indicatorsCsv } = await graph<{
      indicators: { participatingCompanies: { value: number | null }; newCompaniesStarted: number; jobsCreatedExpected: number; jobsCreatedRealised: number; activitiesHeld: number };
      indicatorsCsv: string;
    }>(
      'query ($scope: IndicatorScope!) { indicators(scope: $scope) { participatingCompanies { value } newCompaniesStarted jobsCreatedExpected jobsCreatedRealised activitiesHeld } indicatorsCsv(scope: $scope) }',
      { scope: { projectId: project.id } },
    );
    const swedish = (value: number | null) => (value === null ? 'Redovisas ej (1–4)' : new Intl.NumberFormat('sv-SE').format(value));
    await page.locator('#key-figures-table tbody tr').first().waitFor();
    expect(await tableRows(page, 'key-figures-table')).toEqual([
      ['Deltagande företag', swedish(indicators.participatingCompanies.value)],
      ['Nystartade företag', swedish(indicators.newCompaniesStarted)],
      ['Nya jobb, förväntade (årsarbeten)', swedish(indicators.jobsCreatedExpected)],
      ['Nya jobb, skapade (årsarbeten)', swedish(indicators.jobsCreatedRealised)],
      ['Genomförda aktiviteter', swedish(indicators.activitiesHeld)],
    ]);
    expect(await tableRows(page, 'ownerGender-table')).toHaveLength(4);
    await expectAccessible(page);
    await screenshots(page, 'dashboards');

    const funnelFile = await downloaded(page, 'Ladda ner tratten som CSV');
    expect(funnelFile.name).toMatch(/^tratt-utveckling-av-näringslivet-och-företagsklimatet-i-malå.*\.csv$/);
    expect(funnelFile.text).toBe('Steg,Har nått steget,Står i steget nu\r\nKontakt,3,1\r\nBearbetas,2,1\r\nFördjupning,1,1\r\n');
    const indicatorsFile = await downloaded(page, 'Ladda ner indikatorerna som CSV');
    expect(indicatorsFile.name).toMatch(/^indikatorer-utveckling-av-näringslivet.*\.csv$/);
    expect(indicatorsFile.text).toBe(indicatorsCsv);
    expect(indicatorsFile.text.startsWith('indicator,breakdown,category,value,suppressed\r\n')).toBe(true);

    // a period the graph refuses: its reason beside the date it concerns, the dates kept
    await page.getByLabel('Från och med').fill('2026-06-01');
    const periodAnswered = dashboardAnswered(page, '"to":"2026-01-31"');
    await page.getByLabel('Till och med').fill('2026-01-31');
    // each query is refused on the end date alone (any other answer would be shown as a problem instead)
    const refusals = (await periodAnswered).map((answer) => answer.errors?.map(({ extensions }) => [extensions?.code, extensions?.field]));
    expect(refusals).toEqual([[['BAD_USER_INPUT', 'filter.to']], [['BAD_USER_INPUT', 'scope.to']]]);
    await page.getByText('Perioden slutar innan den börjar').waitFor();
    expect(await page.getByLabel('Till och med').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Från och med').inputValue()).toBe('2026-06-01');
    await expectAccessible(page);
    await screenshots(page, 'dashboards-period-refused');
    // both the funnel and the indicators refuse the period: the reason shows once, beside the date, and no figures
    expect(await page.locator('.problem').count()).toBe(0);
    expect(await page.locator('#funnel-table, #key-figures-table').count()).toBe(0);
    // without the end date the period is valid again: the reason goes and the indicators come back
    await page.getByLabel('Till och med').fill('');
    await page.getByText('Perioden slutar innan den börjar').waitFor({ state: 'detached' });
    await page.locator('#key-figures-table').waitFor();
    await page.locator('#funnel-table').waitFor();
    expect(await page.getByLabel('Till och med').getAttribute('aria-invalid')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('speak English to a partner adviser of Almi, offering the projects Almi takes part in', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'almi.radgivare');
    await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Follow-up' }).click();
    await page.getByRole('heading', { level: 1, name: 'Follow-up' }).waitFor();
    await page.getByRole('button', { name: /Project/ }).click();
    const offered = await page.getByRole('option').allInnerTexts();
    expect(offered).toEqual(expect.arrayContaining(['Näringslivsutveckling i Möjligheternas Region (NiMR)', 'Smart hållbar industri i Möjligheternas Region (SHiMR)']));
    expect(offered).not.toContain(project.name);
    await page.keyboard.press('Escape');
    await page.locator('#funnel-table tbody tr').first().waitFor();
    expect(await page.locator('#funnel-table caption').innerText()).toBe('Companies per funnel stage (table)');
    expect((await tableRows(page, 'funnel-table')).map((row) => row[0])).toEqual(['Contact', 'Engaged', 'Deep dive']);
    expect(await page.locator('#key-figures-table tbody th').allInnerTexts()).toContain('Participating companies');
    await expectAccessible(page);
    await screenshots(page, 'dashboards-en');
    expect(problems).toEqual([]);
  });
});

describe('the administrator', () => {
  it('has both pages, and every project on the dashboards', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'hub.admin');
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    await navigation.getByRole('link', { name: 'Jobbkörningar' }).waitFor();
    await navigation.getByRole('link', { name: 'Uppföljning' }).click();
    await page.getByRole('button', { name: /Projekt/ }).click();
    const offered = await page.getByRole('option').allInnerTexts();
    // every project, also those of no one municipality or organisation, in Swedish order
    expect(offered).toEqual(expect.arrayContaining(['North Business Arena', 'Move Up North', project.name]));
    expect(offered).toEqual([...offered].sort(new Intl.Collator('sv-SE').compare));
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });
});

describe('the job runs page', () => {
  it("shows the integration operator every run newest first with its counts and errors, a run's rejected rows, and the schedules", async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'integration.drift');
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await navigation.getByRole('link', { name: 'Uppföljning' }).count()).toBe(0);
    await navigation.getByRole('link', { name: 'Jobbkörningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jobbkörningar' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2 körningar visas' }).waitFor();
    const rows = await page.locator('table.runs tbody tr').evaluateAll((found) => found.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())));
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ['Utlysningar (Vinnova) · från kommandoraden', 'Misslyckades'],
      ['Organisationsimport (CSV) · från kommandoraden', 'Lyckades'],
    ]);
    expect(rows[0]?.[5]).not.toBe('');
    expect(rows[1]?.[4]).toBe('2 hämtade, 1 nya, 0 ändrade, 1 avvisade');
    expect(rows[1]?.[5]).toBe('1 post avvisades');

    const { jobSchedules } = await graph<{ jobSchedules: Array<{ job: string; nextRunAt: string }> }>('{ jobSchedules { job nextRunAt } }');
    expect(jobSchedules.map((schedule) => schedule.job)).toEqual(['FUNDER_REPORT']);
    const nextRun = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(jobSchedules[0]?.nextRunAt ?? ''));
    const schedule = page.getByRole('region', { name: 'Schema', exact: true }).locator('tbody tr');
    expect(await schedule.evaluateAll((found) => found.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())))).toEqual([
      ['Rapport till finansiärer', '0 6 1 1 * (Europe/Stockholm)', nextRun],
    ]);
    await expectAccessible(page);
    await screenshots(page, 'jobs');

    await choose(page, /Status/, 'Misslyckades');
    expect(page.url()).toContain('status=FAILED');
    await page.getByRole('status').filter({ hasText: '1 körning visas' }).waitFor();
    await expectAccessible(page);
    await choose(page, /Status/, 'Alla');
    await choose(page, /Jobb/, 'Organisationsimport (CSV)');
    await page.getByRole('status').filter({ hasText: '1 körning visas' }).waitFor();

    await page.getByRole('link', { name: 'Organisationsimport (CSV)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Körning av Organisationsimport (CSV)' }).waitFor();
    const rejected = page.getByRole('region', { name: 'Avvisade poster', exact: true });
    expect(await rejected.locator('tbody tr').evaluateAll((found) => found.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())))).toEqual([
      ['line 3', 'kommunkoden 9999 är ingen kommun som hubben känner till'],
    ]);
    const counts = await page.getByRole('region', { name: 'Antal', exact: true }).locator('tbody tr').evaluateAll((found) => found.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())));
    expect(counts.slice(0, 3)).toEqual([
      ['Hämtade', '2'],
      ['Nya', '1'],
      ['Ändrade', '0'],
    ]);
    await expectAccessible(page);
    await screenshots(page, 'jobs-run');

    await page.getByRole('link', { name: 'Tillbaka till jobbkörningarna' }).click();
    await page.getByRole('link', { name: 'Organisationsimport (CSV)' }).waitFor();
    await choose(page, /Jobb/, 'Alla');
    await page.getByRole('link', { name: 'Utlysningar (Vinnova)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Körning av Utlysningar (Vinnova)' }).waitFor();
    const { jobRuns } = await graph<{ jobRuns: { nodes: Array<{ errorTexts: { sv: string; en: string } }> } }>('{ jobRuns(status: FAILED) { nodes { errorTexts { sv en } } } }');
    const reason = jobRuns.nodes[0]?.errorTexts;
    // why the run failed, in Swedish on the Swedish page
    expect(reason?.sv).toMatch(/^ingen organisation \d{6}-\d{4} i hubben att importera utlysningarna under/);
    expect(await page.getByRole('region', { name: 'Fel', exact: true }).locator('p').innerText()).toBe(reason?.sv);
    await expectAccessible(page);
    await screenshots(page, 'jobs-run-failed');

    // and in English on the English one
    await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run of Funding calls (Vinnova)' }).waitFor();
    expect(await page.getByRole('region', { name: 'Error', exact: true }).locator('p').innerText()).toBe(reason?.en);
    await expectAccessible(page);
    await screenshots(page, 'jobs-run-failed-en');
    expect(problems).toEqual([]);
  });
});
