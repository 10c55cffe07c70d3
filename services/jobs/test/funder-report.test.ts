import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { startTestGateway, TEST_INTERNAL_SECRET } from '@hub/gateway/testkit';
import { organisationNumber, testEndpoints, uniqueDbUrl, uniqueName, waitFor } from '@hub/infra/testkit';
import { createApp as createOfferingsApp, loadOfferingsConfig, SCHEMA_PATH as OFFERINGS_SCHEMA_PATH } from '@hub/offerings';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH } from '@hub/organisations';
import { createLogger } from '@hub/shared/logging';
import { connectMongo } from '@hub/shared/mongo';
import type { Connection } from 'mongoose';
import { JobRunner } from '../src/application/runner';
import type { FunderReport } from '../src/domain/funder-report';
import { createHubClient } from '../src/infrastructure/hub-client';
import { registerModels } from '../src/infrastructure/models';
import { funderReportJob } from '../src/jobs/funder-report';

/** Organisations and offerings behind a real gateway; the job runs through a JobRunner with an integration token. */
async function startHub() {
  const logger = createLogger('funder-report-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const env = (name: string) => ({
    NODE_ENV: 'test',
    PORT: '0',
    KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
    INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
    MONGO_URL: uniqueDbUrl(name),
    CONSUMER_GROUP: uniqueName(`${name}-test`),
  });
  const organisations = await createOrganisationsApp(loadOrganisationsConfig(env('organisations')), logger);
  const offerings = await createOfferingsApp(loadOfferingsConfig(env('offerings')), logger);
  const gateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'offerings', schemaPath: OFFERINGS_SCHEMA_PATH, app: offerings.app },
    ],
    logger,
  );
  const jobsDb: Connection = await connectMongo(uniqueDbUrl('jobs'), logger);
  const runner = new JobRunner(registerModels(jobsDb), createHubClient(gateway.url, gateway.token({ roles: ['integration'] })), logger);
  const admin = gateway.token({ roles: ['admin'] });

  async function must<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await gateway.gql<T>(query, variables, admin);
    if (!response.data || response.errors) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }

  let serial = 0;
  /** Registers an organisation and waits until the offerings service has heard of it. */
  async function registerOrganisation(name: string, kind: string, municipalityCode: string): Promise<string> {
    serial += 1;
    const number = organisationNumber(`5599${String(process.pid % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`);
    const { registerOrganisation } = await must<{ registerOrganisation: { id: string } }>(
      'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }',
      { input: { kind, name, organisationNumber: number, municipalityCode } },
    );
    await waitFor(async () => (await offerings.directory.facts(registerOrganisation.id)) ?? undefined);
    return registerOrganisation.id;
  }

  async function registerProject(name: string, ownerId: string): Promise<string> {
    const { registerProject } = await must<{ registerProject: { id: string } }>('mutation ($input: RegisterProjectInput!) { registerProject(input: $input) { id } }', {
      input: { kind: 'PROJECT', name, ownerId, startDate: '2026-01-01', municipalityCodes: ['2418', '2506'], funders: [{ funderId: ownerId, sharePercent: 100 }] },
    });
    await waitFor(async () => ((await offerings.models.projects.exists({ _id: registerProject.id })) ? true : undefined));
    return registerProject.id;
  }

  return {
    runner,
    must,
    registerOrganisation,
    registerProject,
    stop: async () => {
      await jobsDb.close();
      await gateway.stop();
      await offerings.stop();
      await organisations.stop();
    },
  };
}

describe('funder-report: indicators per project and period as CSV and JSON files', () => {
  let hub: Awaited<ReturnType<typeof startHub>>;
  let stegetId: string;
  let emptyProjectId: string;

  beforeAll(async () => {
    hub = await startHub();
    const almi = await hub.registerOrganisation('Almi Företagspartner Nord (report)', 'SUPPORT_ORGANISATION', '2580');
    stegetId = await hub.registerProject('Steget vidare, Malå och Arjeplog', almi);
    emptyProjectId = await hub.registerProject('Företagslyftet Åsele', almi);

    const { createOfferingDraft } = await hub.must<{ createOfferingDraft: { id: string } }>('mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }', {
      input: {
        providerId: almi,
        projectId: stegetId,
        kind: 'DEVELOPMENT_PROGRAMME',
        title: { sv: 'Steget vidare' },
        description: { sv: 'Gruppseminarier och individuella möten.' },
        targetGroups: ['ESTABLISHED_COMPANIES'],
        format: 'HYBRID',
        startDate: '2030-09-01',
        endDate: '2030-11-30',
        needs: ['BUSINESS_PLANNING'],
      },
    });
    const offeringId = createOfferingDraft.id;
    await hub.must('mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id: offeringId });
    for (const startsAt of ['2030-09-10T15:00:00Z', '2030-10-08T15:00:00Z']) {
      await hub.must('mutation ($id: ID!, $input: SessionInput!) { addOfferingSession(offeringId: $id, input: $input) { id } }', {
        id: offeringId,
        input: { title: 'Gruppseminarium', startsAt, endsAt: startsAt.replace('T15', 'T17'), place: 'Malå Folkets hus' },
      });
    }
    // five women, one man, one owner who did not say: the man and the unstated are too few to publish
    const owners = [{ gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'MAN' }, {}];
    const enrolmentIds: string[] = [];
    for (const [index, ownerProfile] of owners.entries()) {
      const company = await hub.registerOrganisation(`Deltagare ${index + 1} AB (demo)`, 'COMPANY', index < 4 ? '2418' : '2506');
      const { enrol } = await hub.must<{ enrol: { id: string } }>('mutation ($offeringId: ID!, $companyId: ID!, $ownerProfile: OwnerProfileInput) { enrol(offeringId: $offeringId, companyId: $companyId, ownerProfile: $ownerProfile) { id } }', {
        offeringId,
        companyId: company,
        ownerProfile,
      });
      enrolmentIds.push(enrol.id);
    }
    const outcome = (enrolmentId: string, input: Record<string, unknown>) =>
      hub.must('mutation ($id: ID!, $input: OutcomeInput!) { recordOutcome(enrolmentId: $id, input: $input) { id } }', { id: enrolmentId, input });
    await outcome(enrolmentIds[0]!, { kind: 'JOBS_CREATED', jobs: 2, jobsBasis: 'EXPECTED' });
    await outcome(enrolmentIds[1]!, { kind: 'JOBS_CREATED', jobs: 1.5, jobsBasis: 'REALISED' });
    await outcome(enrolmentIds[2]!, { kind: 'COMPANY_STARTED' });
  });

  afterAll(() => hub?.stop());

  it('writes a JSON and a CSV file per project, with the ERDF rows and the small cells still withheld', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'funder-report-'));
    const run = await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, from: '2026-01-01', to: '2099-12-31' } });
    expect(run.error).toBeNull();
    expect(run.counts).toMatchObject({ exported: 2 });
    expect(readdirSync(out).sort()).toEqual([
      'foretagslyftet-asele_2026-01-01_2099-12-31.csv',
      'foretagslyftet-asele_2026-01-01_2099-12-31.json',
      'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.csv',
      'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.json',
    ]);

    const json = JSON.parse(readFileSync(path.join(out, 'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.json'), 'utf8')) as FunderReport;
    expect(json.project).toEqual({ id: stegetId, name: 'Steget vidare, Malå och Arjeplog' });
    expect(json.period).toEqual({ from: '2026-01-01', to: '2099-12-31' });
    expect(json.rows.map((row) => [row.code, row.breakdown, row.value, row.suppressed])).toEqual([
      ['RCO01', 'total', 7, false],
      ['RCO01', 'owner: women', 5, false],
      ['RCO01', 'owner: men', null, true],
      ['RCO01', 'owner: non-binary', 0, false],
      ['RCO01', 'owner: not stated', null, true],
      ['RCO05', 'total', 1, false],
      ['RCR01', 'expected', 2, false],
      ['RCR01', 'realised', 1.5, false],
      [null, 'total', 2, false],
    ]);

    const csv = parse(readFileSync(path.join(out, 'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(csv).toHaveLength(9);
    expect(csv[2]).toEqual({ project: 'Steget vidare, Malå och Arjeplog', from: '2026-01-01', to: '2099-12-31', code: 'RCO01', indicator: 'Enterprises supported', breakdown: 'owner: men', value: '', unit: 'enterprises', suppressed: 'true' });
    expect(csv.map((row) => row.value)).toEqual(json.rows.map((row) => (row.value === null ? '' : String(row.value))));

    const empty = JSON.parse(readFileSync(path.join(out, 'foretagslyftet-asele_2026-01-01_2099-12-31.json'), 'utf8')) as FunderReport;
    expect(empty.rows[0]).toMatchObject({ code: 'RCO01', value: 0, suppressed: false });
  });

  it('reports one project when asked, for the previous quarter by default', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'funder-report-'));
    const run = await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, projectId: emptyProjectId } });
    expect(run.error).toBeNull();
    expect(run.counts).toMatchObject({ exported: 1 });
    expect(readdirSync(out)).toEqual(expect.arrayContaining([expect.stringMatching(/^foretagslyftet-asele_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.json$/)]));
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('fails with a clear message on a half-given period or an unknown project', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'funder-report-'));
    expect((await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, from: '2026-01-01' } })).error).toBe('give both from and to (YYYY-MM-DD), or neither for the previous quarter');
    expect((await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, projectId: 'ffffffffffffffffffffffff' } })).error).toBe('no project ffffffffffffffffffffffff in the hub');
    expect(readdirSync(out)).toEqual([]);
  });
});
