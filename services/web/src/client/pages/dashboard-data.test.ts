import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { breakdownFigures, csvText, figuresCsv, fileName, funnelFigures, keyFigures, projectScope, type IndicatorReport } from './dashboard-data';

async function tFor(language: Language): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  return instance.t;
}

const FUNNEL = { reached: { contact: 12, engaged: 5, deepDive: 2 }, current: { contact: 7, engaged: 3, deepDive: 2 } };

const REPORT: IndicatorReport = {
  participatingCompanies: { value: 1234 },
  ownerGender: [
    { category: 'woman', value: 6 },
    { category: 'man', value: null },
    { category: 'non-binary', value: 0 },
    { category: 'not-stated', value: null },
  ],
  ownerAgeGroup: [],
  ownerForeignBorn: [],
  newCompaniesStarted: 3,
  jobsCreatedExpected: 4.5,
  jobsCreatedRealised: 0,
  activitiesHeld: 9,
};

describe('projectScope', () => {
  const person = { roles: [], municipalityCode: null, organisationId: null };

  it("offers municipal staff their municipality's projects", () => {
    expect(projectScope({ ...person, roles: ['municipal-staff'], municipalityCode: '2418', organisationId: 'office' })).toEqual({ municipalityCode: '2418' });
  });

  it("offers partner staff their organisation's projects", () => {
    expect(projectScope({ ...person, roles: ['partner-staff'], organisationId: 'almi' })).toEqual({ organisationId: 'almi' });
  });

  it('offers an admin every project', () => {
    expect(projectScope({ ...person, roles: ['admin'] })).toEqual({});
  });
});

describe('funnelFigures', () => {
  it('lists the stages widest first, each with the companies that reached it and those at it now', async () => {
    expect(funnelFigures(await tFor('sv'), FUNNEL)).toEqual({
      series: ['Har nått steget', 'Står i steget nu'],
      rows: [
        { key: 'CONTACT', label: 'Kontakt', values: [12, 7] },
        { key: 'ENGAGED', label: 'Bearbetas', values: [5, 3] },
        { key: 'DEEP_DIVE', label: 'Fördjupning', values: [2, 2] },
      ],
    });
  });

  it('names stages and series in English', async () => {
    const figures = funnelFigures(await tFor('en'), FUNNEL);
    expect(figures.series).toEqual(['Reached the stage', 'At the stage now']);
    expect(figures.rows.map((row) => row.label)).toEqual(['Contact', 'Engaged', 'Deep dive']);
  });
});

describe('indicator figures', () => {
  it('keeps a withheld count as null, apart from a zero', async () => {
    const figures = breakdownFigures(await tFor('sv'), 'ownerGender', REPORT.ownerGender);
    expect(figures.rows).toEqual([
      { key: 'woman', label: 'Kvinna', values: [6] },
      { key: 'man', label: 'Man', values: [null] },
      { key: 'non-binary', label: 'Icke-binär', values: [0] },
      { key: 'not-stated', label: 'Ej angivet', values: [null] },
    ]);
  });

  it('shows a category the client does not know by its name in the graph', async () => {
    expect(breakdownFigures(await tFor('sv'), 'ownerAgeGroup', [{ category: 'over-100', value: 5 }]).rows[0]?.label).toBe('over-100');
  });

  it('lists the headline figures, a withheld total as null', async () => {
    const t = await tFor('sv');
    expect(keyFigures(t, REPORT).rows.map((row) => [row.label, row.values[0]])).toEqual([
      ['Deltagande företag', 1234],
      ['Nystartade företag', 3],
      ['Nya jobb, förväntade (årsarbeten)', 4.5],
      ['Nya jobb, skapade (årsarbeten)', 0],
      ['Genomförda aktiviteter', 9],
    ]);
    expect(keyFigures(t, { ...REPORT, participatingCompanies: { value: null } }).rows[0]?.values).toEqual([null]);
  });
});

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes, and ends every record in CRLF', () => {
    expect(csvText([['a', 'b,c'], ['säger "hej"', 'rad\nett'], ['Malå', '']])).toBe('a,"b,c"\r\n"säger ""hej""","rad\nett"\r\nMalå,\r\n');
  });

  it("writes a chart's table with Swedish headers and labels, plain numbers, withheld figures empty", async () => {
    const t = await tFor('sv');
    expect(figuresCsv('Steg', funnelFigures(t, FUNNEL))).toBe('Steg,Har nått steget,Står i steget nu\r\nKontakt,12,7\r\nBearbetas,5,3\r\nFördjupning,2,2\r\n');
    expect(figuresCsv('Kategori', breakdownFigures(t, 'ownerGender', REPORT.ownerGender))).toBe('Kategori,Företag\r\nKvinna,6\r\nMan,\r\nIcke-binär,0\r\nEj angivet,\r\n');
    expect(figuresCsv('Indikator', keyFigures(t, REPORT))).toContain('"Nya jobb, förväntade (årsarbeten)",4.5\r\n');
  });
});

describe('fileName', () => {
  it("makes a file name from a project's name, keeping å, ä and ö", () => {
    expect(fileName('tratt', 'Utveckling av näringslivet i Malå kommun (1,76-projektet)', 'csv')).toBe('tratt-utveckling-av-näringslivet-i-malå-kommun-1-76-projektet.csv');
    expect(fileName('tratt', '"/\\', 'csv')).toBe('tratt-projekt.csv');
  });
});
