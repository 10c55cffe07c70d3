import { startTestGateway, TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { organisationNumber, testEndpoints, uniqueDbUrl, uniqueName, waitFor } from '@hub/infra/testkit';
import { createApp as createMigrationApp, loadMigrationConfig, SCHEMA_PATH as MIGRATION_SCHEMA_PATH } from '@hub/migration';
import { createApp as createOfferingsApp, loadOfferingsConfig, SCHEMA_PATH as OFFERINGS_SCHEMA_PATH } from '@hub/offerings';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH } from '@hub/organisations';
import { createLogger } from '@hub/shared/logging';
import { createApp, SCHEMA_PATH } from '../src/app';
import { JobRunner } from '../src/application/runner';
import { loadJobsConfig } from '../src/config';
import { createGatewayClient } from '@hub/shared/client';
import { jobAdsJob, type JobAdsSettings } from '../src/jobs/job-ads';
import { recordedSnapshot, startRecordedSource, type RecordedAd } from './recorded-source';

/**
 * The parts of the hub the jobs touch (organisations, migration, offerings) and the jobs service itself, each on
 * its own database, behind one real gateway; JobTech replaced by the recorded source. Jobs run in-process through a
 * JobRunner whose gateway client carries an integration token, as the jobs process's would; it keeps its cursors
 * in the jobs service's database (`service.models.cursors`).
 */
export async function startHub() {
  const logger = createLogger('jobs-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const env = (name: string) => ({
    NODE_ENV: 'test',
    PORT: '0',
    KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
    GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
    MONGO_URL: uniqueDbUrl(name),
    CONSUMER_GROUP: uniqueName(`${name}-test`),
  });
  const organisations = await createOrganisationsApp(loadOrganisationsConfig(env('organisations')), logger);
  const migration = await createMigrationApp(loadMigrationConfig(env('migration')), logger);
  const offerings = await createOfferingsApp(loadOfferingsConfig(env('offerings')), logger);
  // the app's own runner and scheduler are not used here: the token is only known once the gateway is up
  const service = await createApp(loadJobsConfig({ ...env('jobs'), HUB_INTEGRATION_TOKEN: 'set-by-the-tests-runner', JOB_SCHEDULES: 'job-ads=*/15 * * * *' }), logger);
  const gateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'migration', schemaPath: MIGRATION_SCHEMA_PATH, app: migration.app },
      { name: 'offerings', schemaPath: OFFERINGS_SCHEMA_PATH, app: offerings.app },
      { name: 'jobs', schemaPath: SCHEMA_PATH, app: service.app },
    ],
    logger,
  );
  const source = await startRecordedSource();
  const admin = gateway.token({ roles: ['admin'] });
  const integration = gateway.token({ roles: ['integration'] });
  const runner = new JobRunner(service.models, createGatewayClient(gateway.url, integration), logger);

  /** The job-ads job against the recorded source, with short timeouts and backoff. */
  const jobAds = (settings: Partial<JobAdsSettings> = {}) =>
    jobAdsJob({ source: { baseUrl: source.url, apiKey: 'test-api-key', timeoutMs: 500, retries: 2, backoffMs: 5 }, ...settings });

  async function must<T>(query: string, variables: Record<string, unknown> = {}, bearer = admin): Promise<T> {
    const response = await gateway.gql<T>(query, variables, bearer);
    if (!response.data || response.errors) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }

  let serial = 0;
  /**
   * Registers an organisation through the graph and waits until the offerings service has heard of it. Its number
   * is `series` (four digits, one per kind of caller), two of the process id and a serial, so none collide.
   */
  async function registerOrganisation(name: string, kind: string, municipalityCode: string, series = '5599'): Promise<{ id: string; number: string }> {
    serial += 1;
    const number = organisationNumber(`${series}${String(process.pid % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`);
    const { registerOrganisation: registered } = await must<{ registerOrganisation: { id: string } }>(
      'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }',
      { input: { kind, name, organisationNumber: number, municipalityCode } },
    );
    await waitFor(async () => (await offerings.directory.facts(registered.id)) ?? undefined);
    return { id: registered.id, number };
  }

  return {
    service,
    organisations,
    migration,
    offerings,
    source,
    runner,
    jobAds,
    token: gateway.token,
    gql: gateway.gql,
    must,
    registerOrganisation,
    admin,
    integration,
    stop: async () => {
      await source.stop();
      await gateway.stop();
      await service.stop();
      await offerings.stop();
      await migration.stop();
      await organisations.stop();
    },
  };
}

export type Hub = Awaited<ReturnType<typeof startHub>>;

export interface ImportedVacancy {
  externalId: string;
  title: string;
  status: string;
  occupationCode: string;
  municipalityCode: string;
  positions: number;
  applicationDeadline: string | null;
  employer: { name: string; organisationNumber: string } | null;
}

/** Every vacancy in the hub, read through the graph with its employer, in external-id order. */
export async function vacanciesInHub(hub: Hub): Promise<ImportedVacancy[]> {
  const vacancies: ImportedVacancy[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { vacancies: { nodes: Array<Omit<ImportedVacancy, 'occupationCode' | 'municipalityCode'> & { occupation: { code: string }; municipality: { code: string } }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } =
      await hub.must(
        `query ($after: String) { vacancies(first: 100, after: $after) {
          nodes { externalId title status positions applicationDeadline occupation { code } municipality { code } employer { name organisationNumber } }
          pageInfo { endCursor hasNextPage } } }`,
        { after },
      );
    for (const { occupation, municipality, ...vacancy } of page.vacancies.nodes) {
      vacancies.push({ ...vacancy, occupationCode: occupation.code, municipalityCode: municipality.code });
    }
    if (!page.vacancies.pageInfo.hasNextPage) break;
    after = page.vacancies.pageInfo.endCursor;
  }
  return vacancies.sort((a, b) => a.externalId.localeCompare(b.externalId));
}

/** What the hub should hold for an ad of the recordings: the ad's own words, its employer joined on the number. */
export function expectedVacancy(ad: RecordedAd, status = 'OPEN'): ImportedVacancy {
  const number = ad.employer.organization_number as string;
  return {
    externalId: `jobtech:${ad.id}`,
    title: ad.headline,
    status,
    occupationCode: ad.occupation_group.legacy_ams_taxonomy_id,
    municipalityCode: ad.workplace_address.municipality_code,
    positions: ad.number_of_vacancies,
    applicationDeadline: ad.application_deadline.slice(0, 10),
    employer: { name: ad.employer.name, organisationNumber: `${number.slice(0, 6)}-${number.slice(6)}` },
  };
}

/** The snapshot's ads the hub takes: all but the sole trader's (028), Umeå's (029) and the unknown SSYK code's (030). */
export const REJECTED_SNAPSHOT_ADS = ['29710028', '29710029', '29710030'];
export function expectedAfterSnapshot(): ImportedVacancy[] {
  return recordedSnapshot()
    .filter((ad) => !REJECTED_SNAPSHOT_ADS.includes(ad.id))
    .map((ad) => expectedVacancy(ad))
    .sort((a, b) => a.externalId.localeCompare(b.externalId));
}
