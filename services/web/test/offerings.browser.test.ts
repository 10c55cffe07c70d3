import type { Locator, Page } from 'playwright-core';
import { askGraph, type Browser, choose, expectAccessible, openBrowser, openSignedIn, screenshots } from './browser';
import { startHub, type RunningHub } from './hub';

/**
 * Partner staff's own offerings in Chromium on the hub as `npm start` runs it: Almi's adviser writes a draft, is
 * told beside the field what the graph refuses, completes and publishes it with a session, follows the companies
 * enrolled (seats, waitlist, attendance, outcomes) and closes it; Akademi Norr's staff cannot edit Almi's offerings.
 */
const TITLE = 'Exportlyftet Malå (test)';
jest.setTimeout(300_000);

let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  hub = await startHub();
  browser = await openBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
}, 60_000);

async function companyId(authorization: string, name: string): Promise<string> {
  const data = await askGraph<{ organisations: { nodes: Array<{ id: string; name: string }> } }>(
    hub,
    authorization,
    'query ($text: String) { organisations(filter: { text: $text, kind: COMPANY }) { nodes { id name } } }',
    { text: name },
  );
  const company = data.organisations.nodes.find((node) => node.name === name);
  if (!company) throw new Error(`no demo company ${name}`);
  return company.id;
}

/** The text of an input's description and error, as a screen reader reads them with the input. */
async function describedBy(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' | '),
  );
}

async function tick(page: Page, group: string, ...labels: string[]): Promise<void> {
  for (const label of labels) await page.getByRole('group', { name: group }).getByText(label, { exact: true }).click();
}

async function ownOfferingRows(page: Page): Promise<Array<{ title: string; status: string }>> {
  await page.getByRole('table').waitFor();
  return page.locator('main table tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({ title: row.querySelector('th')?.textContent?.trim() ?? '', status: row.querySelector('td')?.textContent?.trim() ?? '' })),
  );
}

describe('our offerings', () => {
  let offeringPath = '';

  it('lets Almi’s adviser write a draft, see the graph’s error beside its field, complete, publish and find it in the catalogue', async () => {
    const { page, problems, authorization } = await openSignedIn(browser, hub, 'almi.radgivare');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Våra insatser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Våra insatser' }).waitFor();
    const seeded = await ownOfferingRows(page);
    expect(seeded).toContainEqual({ title: 'Almi företagslån', status: 'Publicerad' });
    expect(seeded).toContainEqual({ title: 'Steget vidare Malå', status: 'Publicerad' });
    expect(seeded.map((row) => row.title)).not.toContain('Digitala verktyg för mikroföretag');
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-list');

    await page.getByRole('link', { name: 'Ny insats' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny insats' }).waitFor();
    await page.getByRole('textbox', { name: 'Titel på svenska' }).fill(TITLE);
    await page.getByRole('textbox', { name: 'Beskrivning på svenska' }).fill('Rådgivning och workshoppar för företag i Malå som vill sälja utanför kommunen.');
    await choose(page, /Typ av insats/, 'Kurs');
    await page.getByLabel('Startdatum').fill('2027-03-01');
    // an end before the start: the graph refuses it
    await page.getByLabel('Slutdatum').fill('2027-02-01');
    await page.getByLabel('Sista ansökningsdag').fill('2027-02-15');
    await page.getByRole('button', { name: 'Spara som utkast' }).click();
    await page.getByRole('alert').filter({ hasText: 'Rätta de markerade fälten' }).waitFor();
    const endDate = page.getByLabel('Slutdatum');
    expect(await endDate.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(endDate)).toContain('En period kan inte sluta före sin början');
    // nothing typed is lost
    expect(await page.getByRole('textbox', { name: 'Titel på svenska' }).inputValue()).toBe(TITLE);
    expect(await page.getByLabel('Startdatum').inputValue()).toBe('2027-03-01');
    expect(await endDate.inputValue()).toBe('2027-02-01');
    expect(await page.getByRole('button', { name: /Typ av insats/ }).innerText()).toContain('Kurs');
    expect(page.url()).toMatch(/\/our-offerings\/new$/);
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-new-error');

    await endDate.fill('2027-05-31');
    await page.getByRole('button', { name: 'Spara som utkast' }).click();
    await page.waitForURL(/\/our-offerings\/[0-9a-f]{24}$/);
    offeringPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Utkastet är sparat.').waitFor();
    await page.getByText('Insatsens status: Utkast').waitFor();

    // publishing an incomplete draft names what is missing, beside each field
    await page.getByRole('button', { name: 'Publicera' }).click();
    await page.getByRole('alert').filter({ hasText: 'Insatsen kan inte publiceras än' }).waitFor();
    const needs = page.getByRole('group', { name: 'Behov som insatsen möter' });
    expect(await needs.getAttribute('data-invalid')).toBe('true');
    const missing = 'En publicerad insats behöver det här ifyllt: behov, målgrupper, form';
    await needs.getByText(missing).waitFor();
    await page.getByRole('group', { name: 'Målgrupper' }).getByText(missing).waitFor();

    await tick(page, 'Behov som insatsen möter', 'Export', 'Leverantörer');
    await tick(page, 'Målgrupper', 'Etablerade företag');
    await tick(page, 'Kommuner som insatsen riktar sig till', 'Malå');
    await choose(page, /Form/, 'Digitalt');
    await page.getByRole('textbox', { name: 'Antal platser' }).fill('1');
    await page.getByRole('textbox', { name: 'Titel på engelska' }).fill('Export lift Malå (test)');
    // the funding: a funder the hub knows, and the industries it is meant for
    await choose(page, /Hur insatsen finansieras/, 'En finansiär i hubben');
    await choose(page, /Finansiär$/, 'Tillväxtverket');
    await page.getByRole('textbox', { name: 'Branscher (SNI) som insatsen riktar sig till' }).fill('46, 47');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
    expect(await page.getByRole('group', { name: 'Behov som insatsen möter' }).getAttribute('data-invalid')).toBeNull();
    const stored = await askGraph<{ offering: { funding: { funder: { name: string } | null } | null; industries: string[] } }>(
      hub,
      authorization(),
      'query ($id: ID!) { offering(id: $id) { funding { funder { name } } industries } }',
      { id: offeringPath.split('/').at(-1) },
    );
    expect(stored.offering).toEqual({ funding: { funder: { name: 'Tillväxtverket' } }, industries: ['46', '47'] });

    // a session without a place or a link is refused beside the place; then added, and a second one removed
    await page.getByRole('textbox', { name: 'Namn på tillfället' }).fill('Uppstart');
    await page.getByLabel('Börjar (svensk tid)').fill('2027-03-01T09:00');
    await page.getByLabel('Slutar (svensk tid)').fill('2027-03-01T12:00');
    await page.getByRole('button', { name: 'Lägg till tillfälle' }).click();
    await page.getByText('Ett tillfälle har en plats eller en länk för att delta').waitFor();
    expect(await describedBy(page.getByRole('textbox', { name: 'Plats', exact: true }))).toContain('Ett tillfälle har en plats eller en länk för att delta');
    expect(await page.getByRole('textbox', { name: 'Namn på tillfället' }).inputValue()).toBe('Uppstart');
    await page.getByRole('textbox', { name: 'Plats', exact: true }).fill('Folkets hus, Malå');
    await page.getByRole('button', { name: 'Lägg till tillfälle' }).click();
    await page.getByText('Tillfället är tillagt.').waitFor();
    await page.getByRole('textbox', { name: 'Namn på tillfället' }).fill('Extra');
    await page.getByLabel('Börjar (svensk tid)').fill('2027-03-08T09:00');
    await page.getByLabel('Slutar (svensk tid)').fill('2027-03-08T10:00');
    await page.getByRole('textbox', { name: 'Länk för digitalt deltagande' }).fill('https://meet.example/extra');
    await page.getByRole('button', { name: 'Lägg till tillfälle' }).click();
    await page.getByRole('button', { name: 'Ta bort Extra' }).click();
    await page.getByText('Tillfället är borttaget.').waitFor();
    const sessions = await page.locator('.session-list li').allInnerTexts();
    expect(sessions).toHaveLength(1);
    // 09:00 Swedish time is shown as it was typed
    expect(sessions[0]).toContain('Uppstart');
    expect(sessions[0]).toContain('09:00');

    await page.getByRole('button', { name: 'Publicera' }).click();
    await page.getByText('Insatsen är publicerad och syns i katalogen.').waitFor();
    await page.getByText('Insatsens status: Publicerad').waitFor();
    expect(await page.getByRole('button', { name: 'Publicera' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-edit');

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Stödinsatser' }).click();
    await page.getByRole('searchbox', { name: 'Sök' }).fill('Exportlyftet');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Uppstart').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the enrolments with seats and waitlist, records attendance and an outcome, withdraws a company so the waitlist moves up, and closes the offering through the dialog', async () => {
    const { page, problems, authorization } = await openSignedIn(browser, hub, 'almi.radgivare');
    // enrolling a company is a municipal office's page: here the graph is asked directly, as the provider may
    const offeringId = offeringPath.split('/').at(-1);
    const enrol = 'mutation ($offeringId: ID!, $companyId: ID!) { enrol(offeringId: $offeringId, companyId: $companyId) { status } }';
    const seated = await askGraph<{ enrol: { status: string } }>(hub, authorization(), enrol, { offeringId, companyId: await companyId(authorization(), 'Fjällglimt Turism AB (demo)') });
    const waiting = await askGraph<{ enrol: { status: string } }>(hub, authorization(), enrol, { offeringId, companyId: await companyId(authorization(), 'Malå Lanthandel AB (demo)') });
    const waitingNext = await askGraph<{ enrol: { status: string } }>(hub, authorization(), enrol, { offeringId, companyId: await companyId(authorization(), 'Skogsdata IT AB (demo)') });
    expect([seated.enrol.status, waiting.enrol.status, waitingNext.enrol.status]).toEqual(['ENROLLED', 'WAITLISTED', 'WAITLISTED']);

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Våra insatser' }).click();
    await page.getByRole('link', { name: `Anmälningar till ${TITLE}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmälningar' }).waitFor();
    await page.getByText('1 av 1 platser tagna, 2 på väntelista').waitFor();
    const seatedTable = page.getByRole('table', { name: 'Företag med plats', exact: true });
    const waitlistTable = page.getByRole('table', { name: 'Företag på väntelistan, i tur och ordning' });
    expect(await seatedTable.getByRole('rowheader').allInnerTexts()).toEqual(['Fjällglimt Turism AB (demo)']);
    expect(await waitlistTable.getByRole('rowheader').allInnerTexts()).toEqual(['Malå Lanthandel AB (demo)', 'Skogsdata IT AB (demo)']);

    const attended = page.getByRole('checkbox', { name: 'Fjällglimt Turism AB (demo) deltog i Uppstart' });
    expect(await attended.isChecked()).toBe(false);
    await page.locator('label.checkbox').filter({ has: attended }).click();
    await page.getByText('Närvaron är sparad.').waitFor();
    expect(await attended.isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Registrera resultat Fjällglimt Turism AB (demo)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrera resultat för Fjällglimt Turism AB (demo)' });
    await dialog.waitFor();
    await choose(page, /Typ av resultat/, 'Mål satta');
    // empty goals are refused by the graph, beside the field, and the dialog stays open
    await dialog.getByRole('button', { name: 'Spara resultat' }).click();
    await dialog.getByText('Beskriv målen').waitFor();
    expect(await describedBy(dialog.getByRole('textbox', { name: 'Mål som företaget satt upp' }))).toContain('Beskriv målen');
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-outcome-dialog');
    await dialog.getByRole('textbox', { name: 'Mål som företaget satt upp' }).fill('Sälja paketresor till Norge');
    await dialog.getByRole('button', { name: 'Spara resultat' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Mål: Sälja paketresor till Norge').waitFor();

    // what the page shows is what the graph holds
    const held = await askGraph<{ offering: { enrolments: Array<{ status: string; attendedSessionIds: string[]; outcomes: Array<{ kind: string; goals: string }> }> } }>(
      hub,
      authorization(),
      'query ($id: ID!) { offering(id: $id) { enrolments { status attendedSessionIds outcomes { kind goals } } } }',
      { id: offeringId },
    );
    const [fjallglimt] = held.offering.enrolments.filter((enrolment) => enrolment.status === 'ENROLLED');
    expect(fjallglimt?.attendedSessionIds).toHaveLength(1);
    expect(fjallglimt?.outcomes).toEqual([{ kind: 'GOALS_SET', goals: 'Sälja paketresor till Norge' }]);
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-enrolments');

    // withdrawing the seated company, after a confirmation, gives its seat to the first on the waitlist
    await page.getByRole('button', { name: 'Avanmäl Fjällglimt Turism AB (demo)' }).click();
    const withdrawal = page.getByRole('alertdialog', { name: 'Avanmäla Fjällglimt Turism AB (demo)?' });
    await withdrawal.waitFor();
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-withdraw-dialog');
    await withdrawal.getByRole('button', { name: 'Avanmäl', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Fjällglimt Turism AB (demo) är avanmält. Malå Lanthandel AB (demo) fick en plats från väntelistan.' }).waitFor();
    await page.getByText('1 av 1 platser tagna, 1 på väntelista').waitFor();
    expect(await seatedTable.getByRole('rowheader').allInnerTexts()).toEqual(['Malå Lanthandel AB (demo)']);
    // the company that waited second is now first in line
    expect(await waitlistTable.getByRole('rowheader').allInnerTexts()).toEqual(['Skogsdata IT AB (demo)']);
    await expect(waitlistTable.locator('tbody td').first().innerText()).resolves.toMatch(/(^|\s)1$/);
    const afterWithdrawal = await askGraph<{ offering: { enrolments: Array<{ status: string; company: { name: string } }> } }>(
      hub,
      authorization(),
      'query ($id: ID!) { offering(id: $id) { enrolments { status company { name } } } }',
      { id: offeringId },
    );
    expect(afterWithdrawal.offering.enrolments.find((enrolment) => enrolment.company.name === 'Fjällglimt Turism AB (demo)')?.status).toBe('WITHDRAWN');
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-withdrawn');

    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('button', { name: 'Stäng insatsen' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Stänga insatsen?' });
    await confirm.waitFor();
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-close-dialog');
    // Escape leaves it as it was
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Insatsens status: Publicerad').waitFor();
    await page.getByRole('button', { name: 'Stäng insatsen' }).click();
    await confirm.getByRole('button', { name: 'Stäng insatsen' }).click();
    await page.getByText('Insatsen är stängd och tar inte emot fler anmälningar.').waitFor();
    await page.getByText('Insatsens status: Stängd').waitFor();
    // a closed offering is history: no form, only archiving
    expect(await page.getByRole('button', { name: 'Spara ändringar' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Arkivera' }).waitFor();

    await page.getByRole('link', { name: 'Tillbaka till våra insatser' }).click();
    expect(await ownOfferingRows(page)).toContainEqual({ title: TITLE, status: 'Stängd' });
    expect(problems).toEqual([]);
  });

  it('speaks English to the adviser who chooses it', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'almi.radgivare');
    await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Our offerings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Our offerings' }).waitFor();
    const rows = await ownOfferingRows(page);
    expect(rows).toContainEqual({ title: 'Export lift Malå (test)', status: 'Closed' });
    expect(rows).toContainEqual({ title: 'Almi företagslån', status: 'Published' });
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-list-en');

    await page.getByRole('link', { name: 'Almi företagslån', exact: true }).click();
    await page.getByText('Status of the offering: Published').waitFor();
    await page.getByRole('textbox', { name: "Link to the offering's page" }).fill('not a web address');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('A link is an http(s) URL').waitFor();
    expect(await describedBy(page.getByRole('textbox', { name: "Link to the offering's page" }))).toContain('A link is an http(s) URL');
    await expectAccessible(page);
    await screenshots(page, 'our-offerings-edit-en');
    expect(problems).toEqual([]);
  });

  it('does not let Akademi Norr’s staff see or edit Almi’s offerings as their own', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'akademinorr.projekt');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Våra insatser' }).click();
    const titles = (await ownOfferingRows(page)).map((row) => row.title);
    expect(titles).toContain('Digitala verktyg för mikroföretag');
    expect(titles).not.toContain('Almi företagslån');
    expect(titles).not.toContain(TITLE);

    // Almi's published loan, at the address of its editor
    const loanId = await catalogueOfferingId(page, 'Almi företagslån');
    await goWithin(page, `/our-offerings/${loanId}`);
    await page.getByRole('heading', { level: 1, name: 'Insatsen finns inte eller hör inte till din organisation.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Spara ändringar' }).count()).toBe(0);
    // nor its enrolments: the graph refuses them, and says why
    await goWithin(page, `/our-offerings/${loanId}/enrolments`);
    await page.getByRole('alert').filter({ hasText: 'Anmälningar visas bara för arrangörens personal och företagens kommunala näringslivskontor' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

/** An offering's id, from its link in the public catalogue. */
async function catalogueOfferingId(page: Page, title: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Stödinsatser' }).click();
  await page.getByRole('searchbox', { name: 'Sök' }).fill(title);
  const href = await page.getByRole('link', { name: title, exact: true }).getAttribute('href');
  return href?.split('/').at(-1) ?? '';
}

/** Goes to an address of the client as a link in it would: the sign-in lives in the page, which a reload ends. */
async function goWithin(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}
