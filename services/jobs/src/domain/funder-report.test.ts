import { funderReport, previousQuarter, projectSlug, reportCsv, type Indicators } from './funder-report';

const indicators: Indicators = {
  participatingCompanies: { value: 12, suppressed: false },
  ownerGender: [
    { category: 'woman', value: 7, suppressed: false },
    { category: 'man', value: null, suppressed: true },
    { category: 'non-binary', value: 0, suppressed: false },
    { category: 'not-stated', value: null, suppressed: true },
  ],
  newCompaniesStarted: 2,
  jobsCreatedExpected: 3.5,
  jobsCreatedRealised: 1,
  activitiesHeld: 6,
};
const project = { id: 'p1', name: 'Steget vidare, Malå' };

describe('funder reports', () => {
  it('gives the ERDF indicators, owners by gender and activities, with expected and realised jobs apart', () => {
    const report = funderReport(project, { from: '2026-01-01', to: '2026-03-31' }, indicators);
    expect(report.rows.map((row) => [row.code, row.breakdown, row.value, row.suppressed])).toEqual([
      ['RCO01', 'total', 12, false],
      ['RCO01', 'owner: women', 7, false],
      ['RCO01', 'owner: men', null, true],
      ['RCO01', 'owner: non-binary', 0, false],
      ['RCO01', 'owner: not stated', null, true],
      ['RCO05', 'total', 2, false],
      ['RCR01', 'expected', 3.5, false],
      ['RCR01', 'realised', 1, false],
      [null, 'total', 6, false],
    ]);
  });

  it('keeps a withheld total withheld, whatever the cells', () => {
    const small = funderReport(project, { from: '2026-01-01', to: '2026-03-31' }, { ...indicators, participatingCompanies: { value: null, suppressed: true } });
    expect(small.rows[0]).toMatchObject({ code: 'RCO01', breakdown: 'total', value: null, suppressed: true });
  });

  it('writes RFC 4180 CSV with a withheld value as an empty field', () => {
    const csv = reportCsv(funderReport(project, { from: '2026-01-01', to: '2026-03-31' }, indicators));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('project,from,to,code,indicator,breakdown,value,unit,suppressed');
    expect(lines[1]).toBe('"Steget vidare, Malå",2026-01-01,2026-03-31,RCO01,Enterprises supported,total,12,enterprises,false');
    expect(lines[3]).toBe('"Steget vidare, Malå",2026-01-01,2026-03-31,RCO01,Enterprises supported,owner: men,,enterprises,true');
    expect(lines[7]).toBe('"Steget vidare, Malå",2026-01-01,2026-03-31,RCR01,Jobs created in supported entities,expected,3.5,annual FTE,false');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it.each([
    ['2026-02-10', '2025-10-01', '2025-12-31'],
    ['2026-04-01', '2026-01-01', '2026-03-31'],
    ['2026-08-31', '2026-04-01', '2026-06-30'],
    ['2026-12-31', '2026-07-01', '2026-09-30'],
  ])('on %s reports the previous quarter, %s to %s', (today, from, to) => {
    expect(previousQuarter(today)).toEqual({ from, to });
  });

  it('names files after the project, folding Swedish letters', () => {
    expect(projectSlug('Steget vidare, Malå')).toBe('steget-vidare-mala');
    expect(projectSlug('Företagsutveckling i Åsele & Dorotea')).toBe('foretagsutveckling-i-asele-dorotea');
    expect(projectSlug('1.76-projektet')).toBe('1-76-projektet');
    expect(projectSlug('???')).toBe('');
  });
});
