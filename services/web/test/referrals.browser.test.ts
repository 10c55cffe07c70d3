import { askGraph, type Browser, choose, expectAccessible, openBrowser, openFromMenu, openSignedIn, screenshots } from './browser';
import { startHub, type RunningHub } from './hub';

/**
 * Referrals between organisations and the partner-meeting planner in Debian's Chromium, on the hub as `npm start`
 * runs it with its demo data: Malå's business office and an adviser at Almi work the same referrals side by side,
 * and the office plans a matchmaking day. axe on every page and open dialog; screenshots referrals-* and meetings-*.
 */
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

async function organisationId(token: string, name: string): Promise<string> {
  const data = await askGraph<{ organisations: { nodes: Array<{ id: string; name: string }> } }>(
    hub,
    token,
    'query ($text: String!) { organisations(filter: { text: $text }) { nodes { id name } } }',
    { text: name },
  );
  const found = data.organisations.nodes.find((organisation) => organisation.name === name);
  if (!found) throw new Error(`no organisation ${name} in the demo data`);
  return found.id;
}

const MYRSTACK = 'Myrstack Hälsa & Skönhet AB (demo)';
const FJALLGLIMT = 'Fjällglimt Turism AB (demo)';
const LANTHANDEL = 'Malå Lanthandel AB (demo)';
const SKOGSDATA = 'Skogsdata IT AB (demo)';

describe('referrals between organisations', () => {
  it('lets Malå’s office send and withdraw referrals and Almi answer, start and complete one, each seeing the other’s changes (Swedish, then English)', async () => {
    const office = await openSignedIn(browser, hub, 'mala.naringsliv');
    // the seeded referral of Myrstack to Almi is waiting for an answer
    const sentQuery = office.page.waitForRequest((request) => request.url() === hub.gatewayUrl && (request.postData() ?? '').includes('"operationName":"ReferralsSent"'));
    await openFromMenu(office.page, 'Skickade remisser');
    const token = (await sentQuery).headers().authorization ?? '';
    const myrstackRow = office.page.getByRole('row', { name: new RegExp(MYRSTACK.replace(/[()&]/g, '.')) });
    await myrstackRow.getByText('Skickad, väntar på svar').waitFor();
    await expect(myrstackRow.innerText()).resolves.toContain('Almi Företagspartner Nord');
    await expect(myrstackRow.innerText()).resolves.toContain('Inte besvarad än');

    // a second referral, sent as the office (the company page's refer dialog is another page's work)
    const [companyId, almiId] = await Promise.all([organisationId(token, FJALLGLIMT), organisationId(token, 'Almi Företagspartner Nord')]);
    await askGraph(hub, token, 'mutation ($input: ReferralInput!) { referCompany(input: $input) { id } }', {
      input: { companyId, toOrganisationId: almiId, note: 'Vill nå turister från Norge; behöver exportrådgivning (fiktivt exempel).' },
    });
    await choose(office.page, /Status/, 'Skickad, väntar på svar');
    expect(office.page.url()).toContain('status=PROPOSED');
    const fjallglimtRow = office.page.getByRole('row', { name: /Fjällglimt Turism AB/ });
    await fjallglimtRow.getByText('Skickad, väntar på svar').waitFor();
    await office.page.getByRole('status').filter({ hasText: '2 remisser visas' }).waitFor();
    await expectAccessible(office.page);
    await screenshots(office.page, 'referrals-sent');

    // Almi's adviser opens the inbox while both wait
    const almi = await openSignedIn(browser, hub, 'almi.radgivare');
    await openFromMenu(almi.page, 'Inkomna remisser');
    const myrstackCard = almi.page.locator('.card', { hasText: MYRSTACK });
    const fjallglimtCard = almi.page.locator('.card', { hasText: FJALLGLIMT });
    await myrstackCard.getByText('Skickad, väntar på svar').waitFor();
    await fjallglimtCard.getByText('Skickad, väntar på svar').waitFor();
    await expect(myrstackCard.innerText()).resolves.toContain('Från Malå kommun – Utvecklingsavdelningen');
    const figures = almi.page.getByRole('region', { name: 'Era svarstider' });
    await expect(figures.innerText()).resolves.toMatch(/Mottagna\s+2\s+Besvarade\s+0\s+Väntar på svar\s+2/);
    await expectAccessible(almi.page);
    await screenshots(almi.page, 'referrals-inbox');

    // the office takes its new referral back: a dialog that Escape closes without a change
    await fjallglimtRow.getByRole('button', { name: /^Återkalla: Fjällglimt/ }).click();
    const withdraw = office.page.getByRole('dialog', { name: 'Återkalla remissen' });
    await withdraw.waitFor();
    await expectAccessible(office.page);
    await screenshots(office.page, 'referrals-withdraw-dialog');
    await office.page.keyboard.press('Escape');
    await withdraw.waitFor({ state: 'detached' });
    await fjallglimtRow.getByText('Skickad, väntar på svar').waitFor();
    await fjallglimtRow.getByRole('button', { name: /^Återkalla: Fjällglimt/ }).click();
    await withdraw.getByRole('textbox', { name: 'Anteckning (frivillig)' }).fill('Företaget har valt en annan väg.');
    await withdraw.getByRole('button', { name: 'Återkalla remissen' }).click();
    await withdraw.waitFor({ state: 'detached' });
    await fjallglimtRow.getByText('Återkallad').waitFor();
    expect(await fjallglimtRow.getByRole('button').count()).toBe(0);
    // its button gone, focus is on the referral's row rather than lost
    await office.page.waitForFunction(() => document.activeElement?.tagName === 'TR' && document.activeElement.textContent?.includes('Fjällglimt'));

    // Almi's page still shows it waiting: accepting it now is refused, in Swedish, and the card catches up
    await fjallglimtCard.getByRole('button', { name: /^Acceptera: Fjällglimt/ }).click();
    const staleAccept = almi.page.getByRole('dialog', { name: 'Acceptera remissen' });
    await staleAccept.getByRole('button', { name: 'Acceptera remissen' }).click();
    await staleAccept.getByRole('alert').filter({ hasText: 'Remissen har redan ändrats av någon annan' }).waitFor();
    await expectAccessible(almi.page);
    await screenshots(almi.page, 'referrals-stale-dialog');
    await staleAccept.getByRole('button', { name: 'Stäng' }).click();
    await fjallglimtCard.getByText('Återkallad').waitFor();
    expect(await fjallglimtCard.getByRole('button').count()).toBe(0);

    // Almi accepts Myrstack with a note, then starts and completes the work; each status changes in place
    await myrstackCard.getByRole('button', { name: /^Acceptera: Myrstack/ }).click();
    const accept = almi.page.getByRole('dialog', { name: 'Acceptera remissen' });
    await accept.getByRole('textbox', { name: 'Anteckning (frivillig)' }).fill('Vi bokar ett första möte om affärsplanen.');
    await expectAccessible(almi.page);
    await screenshots(almi.page, 'referrals-accept-dialog');
    await accept.getByRole('button', { name: 'Acceptera remissen' }).click();
    await accept.waitFor({ state: 'detached' });
    await myrstackCard.getByText('Accepterad').waitFor();
    await almi.page.waitForFunction(() => document.activeElement?.classList.contains('card') && document.activeElement.textContent?.includes('Myrstack'));
    expect(await myrstackCard.getByRole('button', { name: /^Acceptera/ }).count()).toBe(0);
    await myrstackCard.getByRole('button', { name: /^Påbörja: Myrstack/ }).click();
    await almi.page.getByRole('dialog', { name: 'Påbörja arbetet' }).getByRole('button', { name: 'Markera som påbörjad' }).click();
    await myrstackCard.getByText('Påbörjad').waitFor();
    await myrstackCard.getByRole('button', { name: /^Slutför: Myrstack/ }).click();
    await almi.page.getByRole('dialog', { name: 'Slutför remissen' }).getByRole('button', { name: 'Markera som slutförd' }).click();
    await myrstackCard.getByText('Slutförd').waitFor();
    expect(await myrstackCard.getByRole('button').count()).toBe(0);

    await choose(almi.page, /Status/, 'Slutförd');
    expect(almi.page.url()).toContain('status=COMPLETED');
    await almi.page.getByRole('status').filter({ hasText: '1 remiss visas' }).waitFor();
    expect(await almi.page.locator('.card h3').allInnerTexts()).toEqual([MYRSTACK]);
    await expectAccessible(almi.page);
    await screenshots(almi.page, 'referrals-inbox-completed');

    // the office sees the new status, Almi's response time for it and in its figures
    await choose(office.page, /Status/, 'Alla statusar');
    await myrstackRow.getByText('Slutförd').waitFor();
    await expect(myrstackRow.innerText()).resolves.toMatch(/\d+ minut(er)?/);
    const almiTimes = office.page.getByRole('table', { name: /Svarstid per stödaktör/ }).getByRole('row', { name: /Almi Företagspartner Nord/ });
    await expect(almiTimes.innerText()).resolves.toMatch(/Almi Företagspartner Nord\s+2\s+1\s+0\s+\d+ minut(er)?/);
    await expectAccessible(office.page);
    await screenshots(office.page, 'referrals-sent-answered');

    // in English: the same page and figures
    await office.page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await office.page.getByRole('heading', { level: 1, name: 'Sent referrals' }).waitFor();
    await myrstackRow.getByText('Completed').waitFor();
    await fjallglimtRow.getByText('Withdrawn').waitFor();
    await expect(myrstackRow.innerText()).resolves.toMatch(/\d+ minutes?/);
    await office.page.getByRole('columnheader', { name: 'Response time', exact: true }).waitFor();
    await expectAccessible(office.page);
    await screenshots(office.page, 'referrals-sent-en');
    await office.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Svenska' }).click();
    await office.page.getByRole('heading', { level: 1, name: 'Skickade remisser' }).waitFor();

    expect(office.problems).toEqual([]);
    expect(almi.problems).toEqual([]);
  });
});

describe('the partner-meeting planner', () => {
  it('lets Malå’s office create a matchmaking day, invite companies, record their wishes, schedule it without double bookings and find it in its list after a reload', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'mala.naringsliv');
    await openFromMenu(page, 'Partnermöten');

    // the form's own check and then the graph's, each beside its field; what was typed stays
    await page.getByRole('button', { name: 'Skapa partnermöte' }).click();
    await page.getByText('Skriv ett namn, högst 200 tecken.').waitFor();
    await page.getByText('Ange antal pass som ett heltal från 1 till 100.').waitFor();
    await page.getByRole('textbox', { name: 'Namn' }).fill('Partnerdag Malå (test)');
    const slots = page.getByRole('spinbutton', { name: 'Antal pass' });
    const slotsError = page.getByText('Ange antal pass som ett heltal från 1 till 100.');
    // a whole number satisfies the form; the range is the graph's to check
    await slots.fill('0');
    await slotsError.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Skapa partnermöte' }).click();
    await page.getByText('Antalet pass är 1 till 100').waitFor();
    await expect(slots.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.getByText('Skriv ett namn, högst 200 tecken.').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Namn' }).inputValue()).toBe('Partnerdag Malå (test)');
    await expectAccessible(page);
    await screenshots(page, 'meetings-new');

    await slots.fill('2');
    await page.getByRole('spinbutton', { name: 'Bord per pass' }).fill('1');
    await page.getByRole('button', { name: 'Skapa partnermöte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partnerdag Malå (test)' }).waitFor();
    expect(page.url()).toMatch(/\/meetings\/[0-9a-f]{24}$/);
    await page.getByText('Inga deltagare än.').waitFor();

    const participants = page.getByRole('region', { name: 'Deltagare' });
    for (const [search, company] of [
      ['Fjällglimt', FJALLGLIMT],
      ['Lanthandel', LANTHANDEL],
      ['Skogsdata', SKOGSDATA],
    ] as const) {
      await page.getByRole('searchbox', { name: 'Sök företag' }).fill(search);
      await page.getByRole('button', { name: `Lägg till ${company}` }).click();
      await participants.locator('ul:not(.choices) > li', { hasText: company }).waitFor();
    }
    await page.getByRole('searchbox', { name: 'Sök företag' }).fill('');
    expect(await participants.locator('ul:not(.choices) > li').allInnerTexts()).toEqual([`${FJALLGLIMT} (Malå)`, `${LANTHANDEL} (Malå)`, `${SKOGSDATA} (Malå)`]);

    // wishes: Fjällglimt wants both others, the shop wants the IT company: three meetings for two slots of one table
    const wishes = page.getByRole('form', { name: 'Önskemål för ett företag' });
    const wish = async (requester: string, wanted: readonly string[]) => {
      await wishes.getByRole('button', { name: /Företag/ }).click();
      await page.getByRole('option', { name: requester, exact: true }).click();
      for (const company of wanted) await wishes.locator('label.checkbox', { hasText: company }).click();
      await wishes.getByRole('button', { name: 'Spara önskemål' }).click();
      await wishes.getByRole('status').filter({ hasText: 'Önskemålen är sparade.' }).waitFor();
    };
    await wish(FJALLGLIMT, [LANTHANDEL, SKOGSDATA]);
    await wish(LANTHANDEL, [SKOGSDATA]);
    const requests = page.getByRole('table', { name: 'Alla önskade möten' });
    await expect(requests.getByRole('row').count()).resolves.toBe(4);
    await expectAccessible(page);
    await screenshots(page, 'meetings-requests');

    await page.getByRole('button', { name: 'Lägg schema' }).click();
    const schedule = page.getByRole('table', { name: '2 möten, utan dubbelbokningar' });
    await schedule.waitFor();
    const rows = await schedule.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => (cell as HTMLElement).innerText)));
    expect(rows.map(([slot]) => slot)).toEqual(['Pass 1', 'Pass 2']);
    // nobody is in two meetings in the same slot, and with one table each slot holds one meeting
    for (const [, companies] of rows) expect(companies?.split(' – ')).toHaveLength(2);
    const unmet = page.getByRole('table', { name: '1 önskemål fick inte plats' });
    await expect(unmet.locator('tbody tr').count()).resolves.toBe(1);
    await expect(unmet.locator('tbody td').last().innerText()).resolves.toMatch(/har möten i alla pass|Inget pass där båda är lediga|Alla bord är upptagna/);
    await page.getByRole('button', { name: 'Lägg schemat igen' }).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'meetings-schedule');

    // tokens live in memory: after a reload the office signs in again, silently, and comes back to the meeting; the
    // planner then lists the office's meetings, newest first, with this one scheduled and its three participants
    const meetingUrl = page.url();
    await page.reload();
    await page.getByRole('main').getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(meetingUrl);
    await page.getByRole('heading', { level: 1, name: 'Partnerdag Malå (test)' }).waitFor();
    await openFromMenu(page, 'Partnermöten');
    const organised = page.getByRole('table', { name: 'Organisationens partnermöten' });
    const listed = organised.getByRole('row', { name: /Partnerdag Malå \(test\)/ });
    await listed.waitFor();
    await expect(organised.locator('tbody tr').first().innerText()).resolves.toMatch(/^Partnerdag Malå \(test\)\s+\d+ \S+ \d{4} \d{2}:\d{2}\s+3\s+Schema lagt \d+ \S+ \d{4} \d{2}:\d{2}$/);
    await expectAccessible(page);
    await screenshots(page, 'meetings-list');
    await listed.getByRole('link', { name: 'Partnerdag Malå (test)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partnerdag Malå (test)' }).waitFor();
    expect(page.url()).toBe(meetingUrl);
    expect(problems).toEqual([]);
  });
});
