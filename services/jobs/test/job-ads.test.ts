import { recordedSnapshot, recordedStreamPage, type RecordedAd } from './recorded-source';
import { expectedAfterSnapshot, expectedVacancy, startHub, vacanciesInHub, type Hub, type ImportedVacancy } from './harness';

const COUNTS = '{ fetched created updated unchanged closed rejected exported }';
const RUN_FIELDS = `id job trigger status startedAt endedAt error errorTexts { sv en } cursorBefore cursorAfter counts ${COUNTS} rejected { item reason texts { sv en } } options { name value }`;

let hub: Hub;

beforeAll(async () => {
  hub = await startHub();
});

afterAll(async () => {
  await hub?.stop();
});

function byExternalId(vacancies: ImportedVacancy[], id: string): ImportedVacancy | undefined {
  return vacancies.find((vacancy) => vacancy.externalId === `jobtech:${id}`);
}

describe('job-ads sync against recorded JobTech responses', () => {
  it('imports the snapshot as vacancies of employers it registers, and rejects what the hub cannot take, with why', async () => {
    const run = await hub.runner.run(hub.jobAds(), { trigger: 'cli' });

    expect(run).toMatchObject({ status: 'succeeded', error: null, cursorBefore: null });
    expect(run.counts).toEqual({ fetched: 30, created: 27, updated: 0, unchanged: 0, closed: 0, rejected: 3, exported: 0 });
    expect(run.rejected).toEqual(
      expect.arrayContaining([
        {
          item: '29710028',
          reason: 'no organisation number (a sole trader?): employers are joined on it',
          reasonSv: 'inget organisationsnummer (en enskild firma?): arbetsgivare kopplas samman på det',
        },
        { item: '29710029', reason: 'outside Region 10: Umeå 2480', reasonSv: 'utanför Region 10: Umeå 2480' },
        {
          item: '29710030',
          reason: expect.stringMatching(/^refused by the hub: not an SSYK 2012 occupation code: 7199 \(occupationCode\)$/),
          // in the migration service's Swedish where it gives it, else its English
          reasonSv: expect.stringMatching(/^avvisad av hubben: .*7199 \(occupationCode\)$/),
        },
      ]),
    );
    expect(JSON.parse(run.cursorAfter as string)).toEqual({ phase: 'stream', after: Math.max(...recordedSnapshot().map((ad) => ad.timestamp)) });
    expect(await vacanciesInHub(hub)).toEqual(expectedAfterSnapshot());
    expect(hub.source.requests.every((request) => request.apiKey === 'test-api-key')).toBe(true);
  });

  it('changes nothing on a second run, nor when the whole snapshot is applied again', async () => {
    const before = await vacanciesInHub(hub);

    const next = await hub.runner.run(hub.jobAds(), { trigger: 'cli' });
    expect(next.status).toBe('succeeded');
    expect(next.counts).toMatchObject({ fetched: 0, created: 0, updated: 0, closed: 0 });

    // an operator resetting the cursor re-imports the snapshot: the hub recognises every ad by its external id
    await hub.service.models.cursors.deleteOne({ _id: 'job-ads' });
    const again = await hub.runner.run(hub.jobAds(), { trigger: 'cli' });
    expect(again.counts).toEqual({ fetched: 30, created: 0, updated: 0, unchanged: 27, closed: 0, rejected: 3, exported: 0 });
    expect(await vacanciesInHub(hub)).toEqual(before);
  });

  it('follows the stream for the region: updates, new ads (and employers), re-sent ads, removals', async () => {
    hub.source.publish('stream-1');
    const run = await hub.runner.run(hub.jobAds(), { trigger: 'schedule' });

    expect(run.status).toBe('succeeded');
    expect(run.counts).toEqual({ fetched: 6, created: 2, updated: 2, unchanged: 1, closed: 1, rejected: 0, exported: 0 });
    const request = hub.source.requests.filter((r) => r.path === '/stream').at(-1);
    expect(request?.query.get('updated-after')).toBe('2026-02-22T07:24:00');
    expect(request?.query.getAll('location-concept-id')).toHaveLength(10);

    const page = recordedStreamPage('stream-1');
    const vacancies = await vacanciesInHub(hub);
    expect(byExternalId(vacancies, '29710001')).toMatchObject({ title: 'Sjuksköterskor till medicinavdelningen, Lycksele lasarett – nu även natt', positions: 4 });
    expect(byExternalId(vacancies, '29710010')).toMatchObject({ applicationDeadline: '2026-04-08' });
    expect(byExternalId(vacancies, '29710031')).toEqual(expectedVacancy(page[3] as RecordedAd));
    expect(byExternalId(vacancies, '29710032')).toEqual(expectedVacancy(page[4] as RecordedAd));
    expect(byExternalId(vacancies, '29710032')?.employer?.name).toBe('Lärarpoolen Inland AB (exempel)');
    expect(byExternalId(vacancies, '29710016')?.status).toBe('CLOSED');
    expect(vacancies).toHaveLength(29);

    const repeat = await hub.runner.run(hub.jobAds(), { trigger: 'schedule' });
    expect(repeat.counts).toMatchObject({ fetched: 0, created: 0, updated: 0, closed: 0 });
    expect(await vacanciesInHub(hub)).toEqual(vacancies);
  });

  it('applies the last version of an ad sent twice, and leaves removals of ads it never imported alone', async () => {
    hub.source.publish('stream-2');
    const run = await hub.runner.run(hub.jobAds(), { trigger: 'schedule' });

    expect(run.status).toBe('succeeded');
    expect(run.counts).toEqual({ fetched: 5, created: 1, updated: 1, unchanged: 0, closed: 1, rejected: 0, exported: 0 });
    const vacancies = await vacanciesInHub(hub);
    expect(byExternalId(vacancies, '29710001')?.title).toBe('Sjuksköterskor till medicinavdelningen, Lycksele lasarett');
    expect(byExternalId(vacancies, '29710033')?.title).toBe('Undersköterskor till hemtjänsten i Lycksele, dag och kväll');
    expect(byExternalId(vacancies, '29710027')?.status).toBe('CLOSED');
    expect(byExternalId(vacancies, '29710028')).toBeUndefined();
    expect(vacancies).toHaveLength(30);
    expect(new Set(vacancies.map((vacancy) => vacancy.externalId)).size).toBe(30);
  });
});

describe('run records through the graph', () => {
  it('lists the runs newest first with their counts, rejected items and cursors, for integrations', async () => {
    const data = await hub.must<{ jobRuns: { nodes: Array<Record<string, unknown>>; pageInfo: { hasNextPage: boolean } } }>(
      `query { jobRuns(job: JOB_ADS, first: 10) { nodes { ${RUN_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
      {},
      hub.integration,
    );
    const runs = data.jobRuns.nodes;
    expect(runs).toHaveLength(6);
    expect(runs.map((run) => run.trigger)).toEqual(['SCHEDULE', 'SCHEDULE', 'SCHEDULE', 'CLI', 'CLI', 'CLI']);
    expect(runs.every((run) => run.status === 'SUCCEEDED' && run.job === 'JOB_ADS' && run.endedAt)).toBe(true);
    const first = runs.at(-1) as { id: string; counts: Record<string, number>; rejected: Array<{ item: string; texts: unknown }>; cursorBefore: string | null };
    expect(first).toMatchObject({ counts: { fetched: 30, created: 27, rejected: 3 }, cursorBefore: null, error: null, errorTexts: null });
    expect(first.rejected).toHaveLength(3);
    // each reason in Swedish and English
    expect(first.rejected.find((rejected) => rejected.item === '29710029')?.texts).toEqual({ sv: 'utanför Region 10: Umeå 2480', en: 'outside Region 10: Umeå 2480' });

    const one = await hub.must<{ jobRun: { id: string; rejected: unknown[] } }>(`query ($id: ID!) { jobRun(id: $id) { ${RUN_FIELDS} } }`, { id: first.id }, hub.integration);
    expect(one.jobRun).toEqual(first);
  });

  it('pages through runs and filters by status', async () => {
    const firstPage = await hub.must<{ jobRuns: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      'query { jobRuns(first: 4) { nodes { id } pageInfo { endCursor hasNextPage } } }',
    );
    expect(firstPage.jobRuns.pageInfo.hasNextPage).toBe(true);
    const secondPage = await hub.must<{ jobRuns: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean } } }>(
      'query ($after: String) { jobRuns(first: 4, after: $after) { nodes { id } pageInfo { hasNextPage } } }',
      { after: firstPage.jobRuns.pageInfo.endCursor },
    );
    expect(secondPage.jobRuns.nodes).toHaveLength(2);
    expect(secondPage.jobRuns.pageInfo.hasNextPage).toBe(false);
    const ids = [...firstPage.jobRuns.nodes, ...secondPage.jobRuns.nodes].map((run) => run.id);
    expect(new Set(ids).size).toBe(6);

    const failed = await hub.must<{ jobRuns: { nodes: unknown[] } }>('query { jobRuns(status: FAILED) { nodes { id } } }');
    expect(failed.jobRuns.nodes).toEqual([]);
  });

  it('shows the schedules with their next run in Swedish time', async () => {
    const data = await hub.must<{ jobSchedules: Array<{ job: string; cron: string; timeZone: string; nextRunAt: string }> }>(
      'query { jobSchedules { job cron timeZone nextRunAt } }',
      {},
      hub.integration,
    );
    expect(data.jobSchedules).toEqual([{ job: 'JOB_ADS', cron: '*/15 * * * *', timeZone: 'Europe/Stockholm', nextRunAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:(00|15|30|45):00\.000Z$/) }]);
  });

  it('gives a run recorded before there was Swedish its English in both languages', async () => {
    const old = await hub.service.models.runs.create({
      job: 'organisation-import',
      trigger: 'cli',
      status: 'failed',
      startedAt: new Date(),
      endedAt: new Date(),
      counts: { fetched: 1, rejected: 1 },
      rejected: [{ item: 'line 2', reason: 'the name is empty' }],
      error: 'the register did not answer',
    });
    try {
      const { jobRun } = await hub.must<{ jobRun: { errorTexts: unknown; rejected: Array<{ texts: unknown }> } }>(
        'query ($id: ID!) { jobRun(id: $id) { errorTexts { sv en } rejected { texts { sv en } } } }',
        { id: old._id.toHexString() },
        hub.integration,
      );
      expect(jobRun).toEqual({
        errorTexts: { sv: 'the register did not answer', en: 'the register did not answer' },
        rejected: [{ texts: { sv: 'the name is empty', en: 'the name is empty' } }],
      });
    } finally {
      await hub.service.models.runs.deleteOne({ _id: old._id });
    }
  });

  it.each([['public'], ['partner-staff'], ['municipal-staff'], ['migration-officer']] as const)('is closed to %s', async (role) => {
    const bearer = hub.token({ roles: [role], organisationId: '650000000000000000000001', municipalityCode: '2418' });
    for (const query of ['query { jobRuns { nodes { id } } }', 'query { jobRun(id: "650000000000000000000001") { id } }', 'query { jobSchedules { job } }']) {
      const response = await hub.gql(query, {}, bearer);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
