import { readFileSync } from 'node:fs';
import path from 'node:path';
import { organisationChanges, OrganisationFileError, readOrganisationFile, rejectionReport } from './organisation-csv';

const REGION10 = new Set(['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463']);
const fixture = readFileSync(path.join(__dirname, '../../test/fixtures/csv/organisations.csv'), 'utf8');

describe('organisation files', () => {
  it('reads a ;-separated file with a byte order mark, checking every row and naming its line', () => {
    const file = readOrganisationFile(fixture, REGION10);
    expect(file.accepted).toEqual([
      { line: 2, organisationNumber: '559901-0013', name: 'Silvervägen Snickeri AB (demo)', industries: [{ code: '16230', version: 'SNI2007' }, { code: '43320', version: 'SNI2007' }], municipalityCode: '2418', kind: 'company' },
      { line: 3, organisationNumber: '559902-0038', name: 'Lycksele Upplevelser & Event AB (demo)', industries: [{ code: '79900', version: 'SNI2007' }], municipalityCode: '2481', kind: 'company' },
      { line: 4, organisationNumber: '829900-0045', name: 'Norsjö Företagarförening (demo)', industries: [{ code: '94110', version: 'SNI2007' }], municipalityCode: '2417', kind: 'network' },
      { line: 5, organisationNumber: '769900-0050', name: 'Arjeplog Testbanor ekonomisk förening (demo)', industries: [{ code: '71200', version: 'SNI2007' }], municipalityCode: '2506', kind: 'support-organisation' },
      { line: 6, organisationNumber: '559901-0021', name: 'Vilhelmina Bygg, El & VVS AB (demo)', industries: [{ code: '43210', version: 'SNI2007' }, { code: '43220', version: 'SNI2007' }], municipalityCode: '2462', kind: 'company' },
    ]);
    expect(file.rejected.map(({ line, reason }) => [line, reason.en])).toEqual([
      [7, 'the organisation number is not ten digits NNNNNN-NNNN with a valid check digit'],
      [8, 'SNI code "6A201" is not 2 to 5 digits'],
      [9, 'municipality code 9999 is not a municipality the hub knows'],
      [10, expect.stringMatching(/^kind "enskild firma" is not one of support-organisation, /)],
      [11, 'organisation number 559901-0013 is already on line 2'],
      [13, 'the organisation number has 0 or 1 as its third digit: that is a personal identity number, not an organisation\'s'],
      [14, 'the name is empty'],
    ]);
    // each reason worded in Swedish too, from the same facts
    expect(file.rejected.map(({ line, reason }) => [line, reason.sv])).toEqual([
      [7, 'organisationsnumret är inte tio siffror NNNNNN-NNNN med rätt kontrollsiffra'],
      [8, 'SNI-koden "6A201" är inte 2 till 5 siffror'],
      [9, 'kommunkoden 9999 är ingen kommun som hubben känner till'],
      [10, expect.stringMatching(/^typen "enskild firma" är inte en av support-organisation, /)],
      [11, 'organisationsnummer 559901-0013 finns redan på rad 2'],
      [13, 'organisationsnumret har 0 eller 1 som tredje siffra: det är ett personnummer, inte en organisations'],
      [14, 'namnet är tomt'],
    ]);
    expect(JSON.stringify(file.rejected)).not.toContain('851212');
  });

  it('reads a ,-separated file without a byte order mark, English headers in any order, and SNI 2025 codes', () => {
    const text = 'kind,organisation_number,Municipality code,name,SNI,SNI version\nCOMPANY,559901-0013,2418,"Silvervägen Snickeri AB (demo)",16230;43320,2025\n';
    expect(readOrganisationFile(text, REGION10).accepted).toEqual([
      { line: 2, organisationNumber: '559901-0013', name: 'Silvervägen Snickeri AB (demo)', industries: [{ code: '16230', version: 'SNI2025' }, { code: '43320', version: 'SNI2025' }], municipalityCode: '2418', kind: 'company' },
    ]);
  });

  it.each([
    ['', /empty/],
    ['namn;kommunkod\n', /lacks the columns organisationNumber, sni, kind/],
    ['organisationsnummer;namn;sni;kommunkod;typ\n"559901-0013;Broken\n', /not valid CSV/],
  ])('refuses a file it cannot read at all: %j', (text, message) => {
    expect(() => readOrganisationFile(text, REGION10)).toThrow(OrganisationFileError);
    expect(() => readOrganisationFile(text, REGION10)).toThrow(message);
  });

  it('words a file it cannot read in Swedish too', () => {
    expect(() => readOrganisationFile('namn;kommunkod\n', REGION10)).toThrow(
      expect.objectContaining({ texts: { sv: 'rubrikraden saknar kolumnerna organisationNumber, sni, kind (den har: namn, kommunkod)', en: 'the header row lacks the columns organisationNumber, sni, kind (it has: namn, kommunkod)' } }),
    );
  });

  it('writes the rejected rows as a report with line and reason', () => {
    expect(rejectionReport([{ line: 7, reason: { sv: 'SNI-koden "6A;01" är inte 2 till 5 siffror', en: 'SNI code "6A;01" is not 2 to 5 digits' } }])).toBe('line;reason\r\n7;"SNI code ""6A;01"" is not 2 to 5 digits"\r\n');
  });

  it('changes only what differs, and keeps the hub\'s SNI codes when the row has none', () => {
    const row = readOrganisationFile(fixture, REGION10).accepted[0]!;
    const current = { name: row.name, kind: row.kind, municipalityCode: row.municipalityCode, industries: row.industries };
    expect(organisationChanges(current, row)).toBeNull();
    expect(organisationChanges({ ...current, name: 'Silvervägen Snickeri' }, row)).toEqual({ name: row.name });
    expect(organisationChanges({ ...current, industries: [...row.industries].reverse() }, row)).toEqual({ industries: row.industries });
    expect(organisationChanges(current, { ...row, industries: [] })).toBeNull();
  });
});
