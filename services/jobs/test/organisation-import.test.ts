import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { organisationImportJob } from '../src/jobs/organisation-import';
import { startHub, type Hub } from './harness';

const FIXTURE = path.join(__dirname, 'fixtures', 'csv', 'organisations.csv');
const BY_NUMBER = `query ($number: String!) { organisationByNumber(organisationNumber: $number) {
  id name kind status municipality { code } industries { code version } } }`;

interface Registered {
  id: string;
  name: string;
  kind: string;
  municipality: { code: string };
  industries: Array<{ code: string; version: string }>;
}

describe('organisation-import: organisations from a CSV file, through the graph', () => {
  let hub: Hub;
  let folder: string;
  let file: string;

  const byNumber = async (number: string) => (await hub.must<{ organisationByNumber: Registered | null }>(BY_NUMBER, { number })).organisationByNumber;
  const run = (options: Record<string, string>) => hub.runner.run(organisationImportJob, { trigger: 'cli', options });

  beforeAll(async () => {
    hub = await startHub();
    folder = mkdtempSync(path.join(tmpdir(), 'organisation-import-'));
    file = path.join(folder, 'organisationer.csv');
    copyFileSync(FIXTURE, file);
  });

  afterAll(() => hub?.stop());

  it('registers the valid rows and rejects the others with line and reason, in the run and in a report beside the file', async () => {
    const first = await run({ file });
    expect(first.error).toBeNull();
    expect(first.counts).toMatchObject({ fetched: 12, created: 5, updated: 0, unchanged: 0, rejected: 7 });
    const expectedRejections = [
      ['line 7', 'the organisation number is not ten digits NNNNNN-NNNN with a valid check digit'],
      ['line 8', 'SNI code "6A201" is not 2 to 5 digits'],
      ['line 9', 'municipality code 9999 is not a municipality the hub knows'],
      ['line 10', expect.stringMatching(/^kind "enskild firma" is not one of /)],
      ['line 11', 'organisation number 559901-0013 is already on line 2'],
      ['line 13', expect.stringMatching(/personal identity number/)],
      ['line 14', 'the name is empty'],
    ];
    expect(first.rejected.map((row) => [row.item, row.reason])).toEqual(expectedRejections);
    expect(first.rejected.find((row) => row.item === 'line 9')?.reasonSv).toBe('kommunkoden 9999 är ingen kommun som hubben känner till');
    // the personal identity number on line 13 is repeated nowhere
    expect(JSON.stringify(first)).not.toContain('851212');

    const report = parse(readFileSync(path.join(folder, 'organisationer.rejected.csv'), 'utf8'), { delimiter: ';', columns: true }) as Array<{ line: string; reason: string }>;
    expect(report.map((row) => [`line ${row.line}`, row.reason])).toEqual(expectedRejections);

    expect(await byNumber('559901-0013')).toMatchObject({
      name: 'Silvervägen Snickeri AB (demo)',
      kind: 'COMPANY',
      municipality: { code: '2418' },
      industries: [{ code: '16230', version: 'SNI2007' }, { code: '43320', version: 'SNI2007' }],
    });
    expect(await byNumber('769900-0050')).toMatchObject({ kind: 'SUPPORT_ORGANISATION', municipality: { code: '2506' }, industries: [{ code: '71200', version: 'SNI2007' }] });
    expect(await byNumber('559902-0038')).toMatchObject({ name: 'Lycksele Upplevelser & Event AB (demo)' });
    expect(await byNumber('559901-0070')).toBeNull();
  });

  it('changes nothing when the same file is imported again, and updates only what differs from the hub', async () => {
    const again = await run({ file });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejected: 7 });

    const silvervagen = (await byNumber('559901-0013'))!;
    await hub.must('mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }', {
      id: silvervagen.id,
      input: { name: 'Silvervägen Snickeri', industries: [{ code: '16230', version: 'SNI2007' }] },
    });
    const repaired = await run({ file });
    expect(repaired.counts).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect(await byNumber('559901-0013')).toMatchObject({ id: silvervagen.id, name: 'Silvervägen Snickeri AB (demo)', industries: [{ code: '16230' }, { code: '43320' }] });
  });

  it('writes the report where the report option says, and reads a ,-separated file without a byte order mark', async () => {
    const commaFile = path.join(folder, 'comma.csv');
    writeFileSync(commaFile, 'organisation_number,name,sni,municipality_code,kind\n829900-0045,Norsjö Företagarförening (demo),94110,2417,NETWORK\n559903-0102,Malå Mineral AB (demo),7,2418,company\n');
    const reportFile = path.join(folder, 'comma-report.csv');
    const commaRun = await run({ file: commaFile, report: reportFile });
    expect(commaRun.counts).toMatchObject({ created: 0, unchanged: 1, rejected: 1 });
    expect(readFileSync(reportFile, 'utf8')).toBe('line;reason\r\n3;"SNI code ""7"" is not 2 to 5 digits"\r\n');
  });

  it('fails, registering nothing, on a file without the columns it needs', async () => {
    const broken = path.join(folder, 'broken.csv');
    writeFileSync(broken, 'Organisationsnummer;Namn;Kommunkod\n559901-0096;Sorsele Stugby AB (demo);2422\n');
    const failed = await run({ file: broken });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('the header row lacks the columns sni, kind (it has: Organisationsnummer, Namn, Kommunkod)');
    expect(failed.errorSv).toBe('rubrikraden saknar kolumnerna sni, kind (den har: Organisationsnummer, Namn, Kommunkod)');
    expect(await byNumber('559901-0096')).toBeNull();
  });
});
