import { swedishDate } from '@hub/shared/calendar';
import { fundingCallsJob, type FundingCallsSettings } from '../src/jobs/funding-calls';
import { startHub, type Hub } from './harness';
import { startRecordedVinnova, type RecordedVinnova } from './recorded-vinnova';

interface ImportedCall {
  externalId: string;
  status: string;
  title: { sv: string; en: string | null };
  description: { sv: string };
  link: string | null;
  startDate: string;
  endDate: string;
  applicationDeadline: string;
}

describe('funding-calls: Vinnova\'s application rounds as offerings', () => {
  let hub: Hub;
  let vinnova: RecordedVinnova;
  const source = { timeoutMs: 300, retries: 3, backoffMs: 5 };
  const job = (settings: Partial<FundingCallsSettings> = {}) => fundingCallsJob({ baseUrl: `${vinnova.url}/`, source, ...settings });
  /** A funder of its own per scenario, known to the offerings service. */
  const registerProvider = (name: string) => hub.registerOrganisation(name, 'FUNDER', '0180', '2021');

  /** The provider's calls as the public sees them, and the closed ones from the offerings database. */
  async function callsOf(providerId: string) {
    const response = await hub.gql<{ offerings: { nodes: ImportedCall[] } }>(
      `query ($providerId: ID!) { offerings(filter: { providerId: $providerId }, first: 50) {
        nodes { externalId status title { sv en } description { sv } link startDate endDate applicationDeadline } } }`,
      { providerId },
      hub.token({ roles: ['public'] }),
    );
    const published = (response.data?.offerings.nodes ?? []).sort((a, b) => a.externalId.localeCompare(b.externalId));
    const closed = (await hub.offerings.models.offerings.find({ providerId, status: 'closed' }).lean()).map((o) => o.externalId).sort();
    return { published, closed };
  }

  beforeAll(async () => {
    hub = await startHub();
    vinnova = await startRecordedVinnova();
  });

  afterAll(async () => {
    await vinnova?.stop();
    await hub?.stop();
  });

  // every scenario starts with no cursor, as on a jobs database of its own
  beforeEach(async () => {
    vinnova.heal();
    vinnova.answer('ansokningsomgangar-2025-06-01');
    await hub.service.models.cursors.deleteOne({ _id: 'funding-calls' });
  });

  it('imports public rounds with their deadlines, rejects what it cannot take, and changes nothing on a second run', async () => {
    const provider = await registerProvider('Vinnova (sync)');
    const today = swedishDate();

    const first = await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });
    expect(first.error).toBeNull();
    expect(first.status).toBe('succeeded');
    expect(first.counts).toMatchObject({ fetched: 6, created: 3, updated: 0, unchanged: 1, closed: 0, rejected: 2 });
    expect(first.rejected).toEqual([
      { item: '2026-412', reason: 'Diarienummer is not written NNNN-NNNNN', reasonSv: 'Diarienummer är inte skrivet NNNN-NNNNN' },
      { item: '2026-00520', reason: 'no closing date (Stangningsdatum: null)', reasonSv: 'inget stängningsdatum (Stangningsdatum: null)' },
    ]);
    expect(first.cursorBefore).toBeNull();
    expect(first.cursorAfter).toBe(today);
    expect(vinnova.dates.at(-1)).toBe('2025-06-01');

    const { published } = await callsOf(provider.id);
    expect(published.map((call) => call.externalId)).toEqual(['vinnova:2026-00101', 'vinnova:2026-00214', 'vinnova:2026-00330']);
    expect(published[0]).toMatchObject({
      status: 'PUBLISHED',
      title: { sv: 'Innovativa startups – steg 1', en: 'Innovative startups – step 1' },
      link: 'https://www.vinnova.se/e/innovativa-startups/steg-1-2026/',
      startDate: '2026-02-01',
      endDate: '2026-04-15',
      applicationDeadline: '2026-04-15',
    });
    expect(published[0]?.description.sv).toContain('unga & små företag');
    expect(published[0]?.description.sv).not.toContain('<p>');
    // a closing time late in the evening is still that day in Sweden
    expect(published[2]).toMatchObject({ externalId: 'vinnova:2026-00330', applicationDeadline: '2026-03-31' });

    const revisions = (await hub.offerings.models.offerings.find({ providerId: provider.id }).lean()).map((o) => [o.externalId, o.revision, o.updatedAt.getTime()]);
    const second = await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(second.status).toBe('succeeded');
    expect(vinnova.dates.at(-1)).toBe(today);
    expect(second.counts).toMatchObject({ fetched: 6, created: 0, updated: 0, unchanged: 4, closed: 0, rejected: 2 });
    expect((await hub.offerings.models.offerings.find({ providerId: provider.id }).lean()).map((o) => [o.externalId, o.revision, o.updatedAt.getTime()])).toEqual(revisions);
  });

  it('updates changed rounds, closes withdrawn ones and adds new ones', async () => {
    const provider = await registerProvider('Vinnova (changes)');
    await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });

    vinnova.answer('ansokningsomgangar-changes');
    const run = await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ fetched: 3, created: 1, updated: 1, unchanged: 0, closed: 1, rejected: 0 });

    const { published, closed } = await callsOf(provider.id);
    expect(published.map((call) => [call.externalId, call.applicationDeadline])).toEqual([
      ['vinnova:2026-00101', '2026-04-29'],
      ['vinnova:2026-00330', '2026-03-31'],
      ['vinnova:2026-00640', '2026-06-10'],
    ]);
    expect(published[0]?.description.sv).toContain('Sista dag förlängd.');
    expect(closed).toEqual(['vinnova:2026-00214']);

    const again = await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, closed: 0 });
  });

  it('retries a source that fails twice and then answers', async () => {
    const provider = await registerProvider('Vinnova (flaky)');
    const before = vinnova.dates.length;
    vinnova.fail('status', 2);
    const run = await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });
    expect(run.error).toBeNull();
    expect(vinnova.dates.length - before).toBe(3);
    expect(run.counts).toMatchObject({ created: 3 });
  });

  it.each([
    ['answers 500 every time', 'status', /answered HTTP 500 Internal Server Error; gave up after 4 attempts/],
    ['never answers', 'hang', /timed out after 300 ms; gave up after 4 attempts/],
    ['answers garbage', 'garbage', /sent an answer that is not what was expected: expected an array of application rounds, got object; gave up after 4 attempts/],
  ] as const)('fails with a clear message when the source %s, applying nothing and keeping the cursor', async (_case, fault, message) => {
    const provider = await registerProvider(`Vinnova (${fault})`);
    await hub.service.models.cursors.create({ _id: 'funding-calls', value: '2025-06-01', committedAt: new Date() });
    vinnova.fail(fault, Infinity);
    const run = await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^could not read Vinnova's application rounds changed since 2025-06-01: GET http:\/\/127\.0\.0\.1:\d+\/api\/ansokningsomgangar\/2025-06-01 /);
    expect(run.error).toMatch(message);
    expect(run.errorSv).toMatch(/^kunde inte läsa Vinnovas ansökningsomgångar ändrade sedan 2025-06-01: GET http:\/\/127\.0\.0\.1:\d+\/api\/ansokningsomgangar\/2025-06-01 .*; gav upp efter 4 försök$/);
    expect(run.cursorAfter).toBe('2025-06-01');
    expect(await hub.offerings.models.offerings.countDocuments({ providerId: provider.id })).toBe(0);

    vinnova.heal();
    const resumed = await hub.runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(vinnova.dates.at(-1)).toBe('2025-06-01');
    expect(resumed.counts).toMatchObject({ created: 3 });
  });

  it('stops between batches when interrupted, and the next run resumes from the last committed cursor', async () => {
    const provider = await registerProvider('Vinnova (interrupted)');
    const stop = new AbortController();
    const interrupted = await hub.runner.run(job({ batchSize: 2 }), {
      trigger: 'cli',
      options: { provider: provider.number, since: '2025-06-01' },
      signal: stop.signal,
      onProgress: (done) => {
        if (done >= 2) stop.abort();
      },
    });
    expect(interrupted.status).toBe('failed');
    expect(interrupted.error).toMatch(/^stopped before the end/);
    expect(interrupted.cursorAfter).toBeNull();
    // the batches go in diarienummer order: the withdrawn 2025-04410 and 2026-00101 came first
    expect(interrupted.counts).toMatchObject({ created: 1, unchanged: 1 });
    expect((await callsOf(provider.id)).published.map((call) => call.externalId)).toEqual(['vinnova:2026-00101']);

    const resumed = await hub.runner.run(job({ batchSize: 2 }), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.counts).toMatchObject({ created: 2, unchanged: 2 });
    expect(resumed.cursorAfter).toBe(swedishDate());
    expect((await callsOf(provider.id)).published).toHaveLength(3);
  });

  it('fails at once, naming it, when the provider is not in the hub', async () => {
    const run = await hub.runner.run(job(), { trigger: 'cli', options: { provider: '202100-5216', since: '2025-06-01' } });
    expect(run.status).toBe('failed');
    expect(run.error).toBe('no organisation 202100-5216 in the hub to import the funding calls under: register it, or name another with the provider option');
    expect(run.errorSv).toBe('ingen organisation 202100-5216 i hubben att importera utlysningarna under: registrera den, eller ange en annan med alternativet provider');
  });
});
