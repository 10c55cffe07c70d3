import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SourceError } from '../infrastructure/http-source';
import { startSequentialSource, type Handler } from '../../test/local-server';
import { fetchSnapshot, vacancyFromAd, type JobAd, type JobTechSource } from './jobtech';

function ad(overrides: Partial<JobAd> = {}): JobAd {
  return {
    id: '29710001',
    headline: '  Sjuksköterska till medicinavdelningen, Lycksele lasarett ',
    application_deadline: '2026-03-22T23:59:59',
    number_of_vacancies: 3,
    description: { text: 'Vi söker sjuksköterskor.' },
    employer: { name: 'Region Västerbotten', organization_number: '2321000222' },
    occupation_group: { concept_id: 'Z8ci_bBE_tmx', label: 'Grundutbildade sjuksköterskor', legacy_ams_taxonomy_id: '2221' },
    workplace_address: { municipality: 'Lycksele', municipality_code: '2481', municipality_concept_id: '7rpN_naz_3Uz' },
    removed: false,
    timestamp: 1771745040000,
    ...overrides,
  };
}

describe('vacancyFromAd', () => {
  it('maps an ad to a vacancy of its employer, joined on the organisation number', () => {
    expect(vacancyFromAd(ad())).toEqual({
      organisationNumber: '232100-0222',
      employerName: 'Region Västerbotten',
      vacancy: {
        title: 'Sjuksköterska till medicinavdelningen, Lycksele lasarett',
        occupationCode: '2221',
        municipalityCode: '2481',
        workMode: 'ON_SITE',
        housingHelp: false,
        positions: 3,
        applicationDeadline: '2026-03-22',
        description: 'Vi söker sjuksköterskor.',
        externalId: 'jobtech:29710001',
      },
    });
  });

  it('takes remote work when the ad says so, and keeps within the hub’s limits', () => {
    const mapped = vacancyFromAd(ad({ remote_work: true, headline: 'x'.repeat(300), number_of_vacancies: 900, description: { text: 'y'.repeat(30_000) } }));
    if ('rejected' in mapped) throw new Error(mapped.rejected.en);
    expect(mapped.vacancy).toMatchObject({ workMode: 'REMOTE', positions: 500 });
    expect(mapped.vacancy.title).toHaveLength(200);
    expect(mapped.vacancy.description).toHaveLength(20_000);
  });

  it('defaults what the ad leaves out', () => {
    const mapped = vacancyFromAd(ad({ number_of_vacancies: null, application_deadline: null, description: null, remote_work: null }));
    if ('rejected' in mapped) throw new Error(mapped.rejected.en);
    expect(mapped.vacancy).toMatchObject({ positions: 1, applicationDeadline: null, description: null, workMode: 'ON_SITE' });
  });

  it.each([
    ['outside Region 10', { workplace_address: { municipality: 'Umeå', municipality_code: '2480' } }, 'utanför Region 10: Umeå 2480', 'outside Region 10: Umeå 2480'],
    [
      'without organisation number',
      { employer: { name: 'Enskild firma', organization_number: null } },
      'inget organisationsnummer (en enskild firma?): arbetsgivare kopplas samman på det',
      'no organisation number (a sole trader?): employers are joined on it',
    ],
    [
      'with a personal identity number',
      { employer: { name: 'Enskild firma', organization_number: '7501011234' } },
      'arbetsgivaren anges med ett personnummer (en enskild firma)',
      'the employer is identified by a personal identity number (a sole trader)',
    ],
    ['with a wrong check digit', { employer: { name: 'AB', organization_number: '5560360794' } }, 'inte ett giltigt organisationsnummer', 'not a valid organisation number'],
    ['without occupation group', { occupation_group: null }, 'ingen yrkesgrupp (SSYK 2012)', 'no occupation group (SSYK 2012)'],
    ['without headline', { headline: ' ' }, 'ingen rubrik', 'no headline'],
  ])('rejects an ad %s, saying why in Swedish and English', (_case, overrides, sv, en) => {
    expect(vacancyFromAd(ad(overrides as Partial<JobAd>))).toEqual({ rejected: { sv, en } });
  });
});

const startSource = startSequentialSource;

/** Sends the body in pieces of `size` bytes, one per tick, so lines (and characters) straddle chunks. */
const inPieces = (body: string, size: number): Handler => (_req, res) => {
  const bytes = Buffer.from(body);
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  let at = 0;
  const next = (): void => {
    if (at >= bytes.length) {
      res.end();
      return;
    }
    res.write(bytes.subarray(at, at + size));
    at += size;
    setImmediate(next);
  };
  next();
};
/** Sends the start of the body, then never the rest. */
const stalls = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  res.write(body.slice(0, body.length / 2));
};

describe('fetchSnapshot', () => {
  const ads = [ad({ id: '29710003', headline: 'Undersköterska – Åsele' }), ad({ id: '29710001', timestamp: 1771745040001 }), ad({ id: '29710002', headline: 'Kock'.repeat(500) })];
  const body = `${JSON.stringify(ads[0])}\n\n${JSON.stringify(ads[1])}\r\n${JSON.stringify(ads[2])}`;
  let source: Awaited<ReturnType<typeof startSource>> | undefined;
  let spoolDir: string;
  const settings = (): JobTechSource => ({ baseUrl: (source as { url: string }).url, timeoutMs: 300, retries: 2, backoffMs: 1, spoolDir });

  beforeEach(() => {
    spoolDir = mkdtempSync(path.join(tmpdir(), 'jobtech-test-'));
  });

  afterEach(async () => {
    await source?.stop();
    source = undefined;
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('spools the snapshot to a file, keeping an entry per ad, and reads any of them back; removing it leaves nothing', async () => {
    source = await startSource(inPieces(body, 7));
    const snapshot = await fetchSnapshot(settings(), new AbortController().signal);

    expect(snapshot.entries.map(({ id, timestamp }) => ({ id, timestamp }))).toEqual(ads.map(({ id, timestamp }) => ({ id, timestamp })));
    expect(readdirSync(spoolDir)).toHaveLength(1);
    expect(await snapshot.read(snapshot.entries)).toEqual(ads);
    expect(await snapshot.read(snapshot.entries.slice(1, 2))).toEqual([ads[1]]);

    await snapshot.remove();
    await snapshot.remove();
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('retries a snapshot with a line that is not an ad, saying which, and leaves no file behind', async () => {
    source = await startSource(inPieces(`${JSON.stringify(ads[0])}\n${JSON.stringify(ads[1])}\n{"id":"29710004"}\n${JSON.stringify(ads[2])}\n`, 1000));
    const error = await fetchSnapshot(settings(), new AbortController().signal).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/\/snapshot sent an answer that is not what was expected: line 3: .*timestamp.*; gave up after 3 attempts$/);
    expect(source.served()).toBe(3);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('counts a body that stops coming as a timed-out attempt, and spools the next attempt afresh', async () => {
    source = await startSource(stalls(body), inPieces(body, 1000));
    const snapshot = await fetchSnapshot(settings(), new AbortController().signal);

    expect(source.served()).toBe(2);
    expect(snapshot.entries.map((entry) => entry.id)).toEqual(['29710003', '29710001', '29710002']);
    expect((await snapshot.read(snapshot.entries)).map((one) => one.id)).toEqual(['29710003', '29710001', '29710002']);
    await snapshot.remove();
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('fails once every attempt has stalled, with no file left', async () => {
    source = await startSource(stalls(body));
    await expect(fetchSnapshot(settings(), new AbortController().signal)).rejects.toThrow(/\/snapshot timed out after 300 ms; gave up after 3 attempts$/);
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});
