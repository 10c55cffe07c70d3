import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { type Browser, choose, expectAccessible, openBrowser, openSignedIn, screenshots } from './browser';
import { startHub, type RunningHub } from './hub';

/**
 * Move Up North in the web client on the hub as `npm start` runs it: migration officers of Sorsele and Malå work their
 * candidates, consents, cases and receiving capacity on the demo data, and the administrator exports a fictional
 * person's data and erases them from the whole hub; checked by axe on every page and open dialog, with screenshots
 * (migration-*) at 1280 and 390 px in .cache/screenshots/web/.
 */
const ALVA = 'Alva Exempelsson (fiktiv)';
const JONAS = 'Jonas Påhittad (fiktiv)';
const JONAS_ID = 'de7000000000000000000002';
jest.setTimeout(180_000);

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

async function openCandidate(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kandidater' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kandidater' }).waitFor();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The labelled field (label, input and its error) that holds the control named `label`. */
function field(page: Page, label: string): Locator {
  return page.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) });
}

describe('Move Up North in the web client', () => {
  it('lets Sorsele’s migration officer see their candidates, record consents, work a case and read dual-career matches (Swedish)', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'sorsele.inflytt');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kandidater' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kandidater' }).waitFor();
    await page.getByText('Personer som vill flytta till Sorsele').waitFor();
    await page.getByRole('status').filter({ hasText: /kandidat(er)? visas/ }).waitFor();
    const names = await page.locator('tbody th').allInnerTexts();
    // Alva wishes to move to Sorsele; Jonas only to Malå, so Sorsele's officer does not see him
    expect(names).toContain(ALVA);
    expect(names).not.toContain(JONAS);
    await expectAccessible(page);
    await screenshots(page, 'migration-candidates');

    await page.getByRole('link', { name: ALVA }).click();
    await page.getByRole('heading', { level: 1, name: ALVA }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Profil' }).waitFor();
    await expect(page.getByText('geriatrik, palliativ vård').count()).resolves.toBe(1);

    // a consent given and withdrawn, by phone, each shown in the table at once
    const newsletter = page.getByRole('table', { name: 'Samtycken per ändamål' }).getByRole('row', { name: /Nyhetsbrev/ });
    await expect(newsletter.innerText()).resolves.toContain('Inte givet');
    await choose(page, 'Ändamål', 'Nyhetsbrev');
    await choose(page, 'Kanal', 'Telefon');
    await page.getByRole('button', { name: 'Registrera givet samtycke' }).click();
    await page.getByRole('status').filter({ hasText: 'Samtycket är registrerat.' }).waitFor();
    await newsletter.getByRole('cell', { name: 'Givet', exact: true }).waitFor();
    await expect(newsletter.innerText()).resolves.toContain('Telefon');
    await page.getByRole('button', { name: 'Registrera återkallat samtycke' }).click();
    await newsletter.getByRole('cell', { name: 'Inte givet', exact: true }).waitFor();

    // Alva's case in Sorsele (the demo data opened it and completed the housing step): one more step and a note
    const sorseleCase = page.getByRole('region', { name: 'Ärende i Sorsele' });
    await sorseleCase.waitFor();
    expect(await page.getByRole('button', { name: /Öppna ärende/ }).count()).toBe(0);
    await sorseleCase.getByRole('button', { name: 'Markera som klart: Partnerns arbete' }).click();
    await sorseleCase.getByText(/Partnerns arbete: klart/).waitFor();
    expect(await sorseleCase.getByRole('button', { name: 'Markera som klart: Partnerns arbete' }).count()).toBe(0);

    // a note of blanks only: the graph refuses it, and says why beside the field, in Swedish, keeping what was typed
    const note = sorseleCase.getByRole('textbox', { name: 'Anteckningens text' });
    await note.fill('   ');
    await sorseleCase.getByRole('button', { name: 'Spara anteckningen' }).click();
    await field(page, 'Anteckningens text').getByText('Får inte vara tomt').waitFor();
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await note.inputValue()).toBe('   ');
    await note.fill('Ringt om hyresrätt nära skolan (testanteckning)');
    await sorseleCase.getByRole('button', { name: 'Spara anteckningen' }).click();
    await sorseleCase.getByRole('listitem').filter({ hasText: 'Ringt om hyresrätt nära skolan (testanteckning)' }).waitFor();
    // saved: the field is emptied for the next note, and no longer marked invalid
    await page.waitForFunction((element) => (element as HTMLTextAreaElement).value === '', await note.elementHandle());
    expect(await note.getAttribute('aria-invalid')).toBeNull();

    // a move-in in the future is refused beside the date
    await sorseleCase.getByLabel('Inflyttningsdatum').fill('2099-01-01');
    await sorseleCase.getByRole('button', { name: 'Spara inflyttningen' }).click();
    await field(page, 'Inflyttningsdatum').getByText(/^Inflyttningsdatumet får inte ligga i framtiden \(i dag är det \d{4}-\d{2}-\d{2}\)$/).waitFor();

    // dual career: Alva's own vacancies and the places the household could live, with the graph's reasons
    const vacancies = page.getByRole('table', { name: 'Lediga jobb för kandidaten och partnern' });
    const nurse = vacancies.getByRole('row', { name: /Sjuksköterska, äldreboende/ });
    await expect(nurse.innerText()).resolves.toContain('Kandidaten');
    // the graph's reasons in Swedish, its dates as Swedish text writes them
    await expect(nurse.innerText()).resolves.toContain('i Sorsele, dit du vill flytta');
    await expect(nurse.innerText()).resolves.toContain('börjar 1 mars 2027, samma månad som du kan flytta (mars 2027)');
    const places = page.getByRole('table', { name: 'Orter för hushållet' });
    expect(await places.getByRole('row', { name: /Sorsele/ }).count()).toBe(1);
    await expectAccessible(page);
    await screenshots(page, 'migration-candidate');

    // receiving capacity for this year: the demo figures, then new ones; a negative number is refused beside its field
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mottagningskapacitet' }).click();
    const year = new Date().getFullYear();
    await page.getByRole('heading', { level: 2, name: `Kapacitet ${year}` }).waitFor();
    const current = page.getByRole('definition').first();
    await expect(current.innerText()).resolves.toBe('12');
    await page.getByRole('spinbutton', { name: 'Hushåll' }).fill('-1');
    await page.getByRole('button', { name: 'Spara kapaciteten' }).click();
    await field(page, 'Hushåll').getByText('Ett heltal från 0 till 100 000').waitFor();
    await page.getByRole('spinbutton', { name: 'Hushåll' }).fill('15');
    await page.getByRole('spinbutton', { name: 'Skolplatser' }).fill('1200');
    await page.getByRole('button', { name: 'Spara kapaciteten' }).click();
    await page.getByRole('status').filter({ hasText: `Kapaciteten för ${year} är sparad.` }).waitFor();
    await expect(current.innerText()).resolves.toBe('15');
    // Swedish thousands separator: a non-breaking space
    await page.getByRole('definition').filter({ hasText: /^1\s200$/ }).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'migration-capacity');
    expect(problems).toEqual([]);
  });

  it('lets Malå’s migration officer open a case for a candidate, complete a step and add a note, in English', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'mala.inflytt');
    await openCandidate(page, JONAS);
    await page.getByText('Kandidaten har inget ärende i er kommun.').waitFor();
    await page.getByRole('button', { name: 'Öppna ärende i Malå' }).click();
    const malaCase = page.getByRole('region', { name: 'Ärende i Malå' });
    await malaCase.waitFor();
    await malaCase.getByRole('button', { name: 'Markera som klart: Bostad' }).click();
    await malaCase.getByText(/Bostad: klart/).waitFor();

    await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cases' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const caseInEnglish = page.getByRole('region', { name: 'Case in Malå' });
    await caseInEnglish.getByRole('textbox', { name: 'Text of the note' }).fill('First call about moving in spring (test note)');
    await caseInEnglish.getByRole('button', { name: 'Save the note' }).click();
    await caseInEnglish.getByRole('listitem').filter({ hasText: 'First call about moving in spring (test note)' }).waitFor();
    await caseInEnglish.getByText(/Housing: done/).waitFor();
    const developer = page.getByRole('table', { name: 'Vacancies for the candidate and their partner' }).getByRole('row', { name: /Systemutvecklare/ });
    await developer.getByText('in Malå, where you wish to move').waitFor();
    await expectAccessible(page);
    await screenshots(page, 'migration-candidate-en');
    expect(problems).toEqual([]);
  });

  it('lets the administrator export a fictional person’s data and erase them from every service through a confirmation', async () => {
    const { page, problems } = await openSignedIn(browser, hub, 'hub.admin');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Personuppgifter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personuppgifter' }).waitFor();

    // an id that is none is refused beside the field
    await page.getByLabel('Personens id').fill('jonas');
    await page.getByRole('button', { name: 'Visa personens uppgifter' }).click();
    await field(page, 'Personens id').getByText('Inte ett person-id (24 hexadecimala tecken)').waitFor();

    await page.getByLabel('Personens id').fill(JONAS_ID);
    await page.getByRole('button', { name: 'Visa personens uppgifter' }).click();
    await page.getByRole('heading', { level: 2, name: `Registerutdrag för ${JONAS_ID}` }).waitFor();
    const migrationPart = page.getByRole('region', { name: 'Det inflyttningstjänsten har om personen' });
    await expect(migrationPart.locator('pre').innerText()).resolves.toContain(JONAS);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner registerutdraget (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`personal-data-${JONAS_ID}.json`);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { personId: string; migration: { candidate: { name: string } } };
    expect(exported.personId).toBe(JONAS_ID);
    expect(exported.migration.candidate.name).toBe(JONAS);
    await expectAccessible(page);
    await screenshots(page, 'migration-privacy');

    // the dialog names what will happen; Escape closes it without erasing anything
    await page.getByRole('button', { name: 'Radera personen…' }).click();
    const dialog = page.getByRole('dialog', { name: `Radera personen ${JONAS_ID} ur hela hubben?` });
    await dialog.getByText('Raderingen kan inte ångras.').waitFor();
    await dialog.getByText(/ärenden anonymiseras men finns kvar i statistiken/).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'migration-erase-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(migrationPart.locator('pre').innerText()).resolves.toContain(JONAS);

    await page.getByRole('button', { name: 'Radera personen…' }).click();
    await dialog.getByRole('button', { name: 'Radera i hela hubben' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 2, name: 'Raderingens förlopp' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Raderingen är klar i alla tjänster.' }).waitFor();
    const progress = page.getByRole('table', { name: 'Radering per tjänst' });
    const states = await progress.locator('tbody td').allInnerTexts();
    expect(await progress.locator('tbody th').allInnerTexts()).toEqual(['inflyttningstjänsten', 'organisationstjänsten', 'insatstjänsten', 'matchningstjänsten']);
    expect(states.every((state) => state.startsWith('Klar'))).toBe(true);
    // what is left of the person once every service has erased them: no candidate
    await migrationPart.locator('pre').filter({ hasText: '"candidate": null' }).waitFor();
    await expect(migrationPart.locator('pre').innerText()).resolves.not.toContain(JONAS);
    await expectAccessible(page);
    await screenshots(page, 'migration-erased');
    expect(problems).toEqual([]);
  });
});
