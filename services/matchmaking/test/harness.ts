import { createLogger } from '@hub/shared/logging';
import { startTestGateway, TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { createApp as createOfferingsApp, loadOfferingsConfig, SCHEMA_PATH as OFFERINGS_SCHEMA_PATH } from '@hub/offerings';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH } from '@hub/organisations';
import { organisationNumber, testEndpoints, uniqueDbUrl, uniqueName, waitFor } from '@hub/infra/testkit';
import { createApp, SCHEMA_PATH, type MatchmakingService } from '../src/app';
import { loadMatchmakingConfig } from '../src/config';

export { waitFor };

export function matchmakingConfig(mongoUrl = uniqueDbUrl('matchmaking'), consumerGroup = uniqueName('matchmaking-test')) {
  return loadMatchmakingConfig({
    NODE_ENV: 'test',
    PORT: '0',
    MONGO_URL: mongoUrl,
    KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
    GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
    // a group of its own: test files run side by side and each must see every event
    CONSUMER_GROUP: consumerGroup,
  });
}

const common = () => ({ NODE_ENV: 'test', PORT: '0', KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','), GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey });

/**
 * Organisations, offerings and matchmaking, each on its own database, behind one real gateway composed from the
 * three schema files, all on free ports, against the Kafka broker and FerretDB of the jest global setup.
 */
export async function startHub() {
  const logger = createLogger('matchmaking-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const organisations = await createOrganisationsApp(loadOrganisationsConfig({ ...common(), MONGO_URL: uniqueDbUrl('organisations'), CONSUMER_GROUP: uniqueName('organisations-test') }), logger);
  const offerings = await createOfferingsApp(
    loadOfferingsConfig({ ...common(), MONGO_URL: uniqueDbUrl('offerings'), CONSUMER_GROUP: uniqueName('offerings-test') }),
    logger,
  );
  const service: MatchmakingService = await createApp(matchmakingConfig(), logger);
  const gateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'offerings', schemaPath: OFFERINGS_SCHEMA_PATH, app: offerings.app },
      { name: 'matchmaking', schemaPath: SCHEMA_PATH, app: service.app },
    ],
    logger,
  );
  const { token, gql } = gateway;
  const admin = token({ roles: ['admin'] });

  async function must<T>(query: string, variables: Record<string, unknown>, bearer = admin): Promise<T> {
    const response = await gql<T>(query, variables, bearer);
    if (!response.data || response.errors) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }

  /** Registers an organisation through the gateway and waits until matchmaking's read model (and offerings') know it. */
  async function registerOrganisation(name: string, municipalityCode: string, kind = 'COMPANY', extra: Record<string, unknown> = {}): Promise<string> {
    const data = await must<{ registerOrganisation: { id: string } }>(
      'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }',
      { input: { kind, name, organisationNumber: nextOrganisationNumber(), municipalityCode, ...extra } },
    );
    const id = data.registerOrganisation.id;
    await waitFor(async () => (service.view.organisation(id)?.kind && (await offerings.directory.facts(id)) ? true : undefined));
    return id;
  }

  async function registerProject(name: string, ownerId: string, funderId: string, partnerIds: string[] = []): Promise<string> {
    const data = await must<{ registerProject: { id: string } }>('mutation ($input: RegisterProjectInput!) { registerProject(input: $input) { id } }', {
      input: { kind: 'PROJECT', name, ownerId, startDate: '2026-01-01', municipalityCodes: ['2418', '2506'], funders: [{ funderId, sharePercent: 100 }], partnerIds },
    });
    const id = data.registerProject.id;
    await waitFor(async () => ((await service.models.projects.exists({ _id: id })) && (await offerings.models.projects.exists({ _id: id })) ? true : undefined));
    return id;
  }

  /** Creates and publishes an offering through the gateway; does not wait for matchmaking to hear of it. */
  async function publishOffering(providerId: string, overrides: Record<string, unknown> = {}, bearer = admin): Promise<string> {
    const created = await must<{ createOfferingDraft: { id: string } }>(
      'mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }',
      { input: offeringInput(providerId, overrides) },
      bearer,
    );
    const id = created.createOfferingDraft.id;
    await must('mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id }, bearer);
    return id;
  }

  return {
    service,
    organisations,
    offerings,
    token,
    gql,
    must,
    admin,
    registerOrganisation,
    registerProject,
    publishOffering,
    stop: async () => {
      await gateway.stop();
      await service.stop();
      await offerings.stop();
      await organisations.stop();
    },
  };
}

export type Hub = Awaited<ReturnType<typeof startHub>>;

let organisationSerial = 0;

/** A fresh, valid organisation number per call: the register refuses duplicates. */
function nextOrganisationNumber(): string {
  organisationSerial += 1;
  return organisationNumber(`5598${String(process.pid % 100).padStart(2, '0')}${String(organisationSerial).padStart(3, '0')}`);
}

/** A complete, publishable offering for the given provider; overrides replace whole fields. */
export function offeringInput(providerId: string, overrides: Record<string, unknown> = {}) {
  return {
    providerId,
    kind: 'COACHING',
    title: { sv: 'Exportcoachning för inlandsföretag (test)' },
    description: { sv: 'Individuell coachning för företag som vill sälja utanför kommunen.' },
    targetGroups: ['ESTABLISHED_COMPANIES', 'MICRO_COMPANIES'],
    industries: [],
    municipalityCodes: ['2418', '2506'],
    format: 'HYBRID',
    startDate: '2030-09-01',
    endDate: '2030-11-30',
    applicationDeadline: '2030-08-15',
    capacity: 10,
    priceSek: 0,
    funding: { description: 'Tillväxtverket 1,76-medel' },
    eligibility: { maxEmployees: 49, sniPrefixes: [], municipalityCodes: [] },
    needs: ['EXPORT'],
    ...overrides,
  };
}
