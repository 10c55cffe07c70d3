import { createLogger } from '@hub/shared/logging';
import { startTestGateway, TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH } from '@hub/organisations';
import { organisationNumber, testEndpoints, uniqueDbUrl, uniqueName, waitFor } from '@hub/infra/testkit';
import { createApp, SCHEMA_PATH, type OfferingsService } from '../src/app';
import { loadOfferingsConfig } from '../src/config';

export { waitFor };
export type { GraphQLResponse } from '@hub/gateway/testkit';

export function offeringsConfig(mongoUrl = uniqueDbUrl('offerings')) {
  return loadOfferingsConfig({
    NODE_ENV: 'test',
    PORT: '0',
    MONGO_URL: mongoUrl,
    KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
    GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
    // a group of its own: test files run side by side and each must see every organisation event
    CONSUMER_GROUP: uniqueName('offerings-test'),
  });
}

/**
 * The organisations and offerings subgraphs, each on its own database, behind one real gateway composed from
 * both schema files, all on free ports, against the Kafka broker and FerretDB of the jest global setup.
 */
export async function startHub() {
  const logger = createLogger('offerings-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const organisations = await createOrganisationsApp(
    loadOrganisationsConfig({
      NODE_ENV: 'test',
      PORT: '0',
      MONGO_URL: uniqueDbUrl('organisations'),
      KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
      GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
      CONSUMER_GROUP: uniqueName('organisations-test'),
    }),
    logger,
  );
  const offeringsMongoUrl = uniqueDbUrl('offerings');
  const service: OfferingsService = await createApp(offeringsConfig(offeringsMongoUrl), logger);
  const gateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'offerings', schemaPath: SCHEMA_PATH, app: service.app },
    ],
    logger,
  );
  const { token, gql } = gateway;

  const admin = token({ roles: ['admin'] });

  /** Registers an organisation through the gateway and waits until this service's read model knows it. */
  async function registerOrganisation(name: string, municipalityCode: string, kind = 'SUPPORT_ORGANISATION'): Promise<string> {
    const response = await gql<{ registerOrganisation: { id: string } }>(
      'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }',
      { input: { kind, name, organisationNumber: nextOrganisationNumber(), municipalityCode } },
      admin,
    );
    if (!response.data) throw new Error(`registering ${name} failed: ${JSON.stringify(response.errors)}`);
    const id = response.data.registerOrganisation.id;
    await waitFor(async () => (await service.directory.facts(id)) ?? undefined);
    return id;
  }

  /**
   * Another replica of the offerings service on the same database, behind a gateway of its own (with its own
   * signing keys, so its `token`): it learns this one's writes from their events.
   */
  async function startReplica() {
    const replica = await createApp(offeringsConfig(offeringsMongoUrl), logger);
    const replicaGateway = await startTestGateway(
      [
        { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
        { name: 'offerings', schemaPath: SCHEMA_PATH, app: replica.app },
      ],
      logger,
    );
    return {
      service: replica,
      token: replicaGateway.token,
      gql: replicaGateway.gql,
      stop: async () => {
        await replicaGateway.stop();
        await replica.stop();
      },
    };
  }

  return {
    service,
    organisations,
    token,
    gql,
    admin,
    registerOrganisation,
    startReplica,
    stop: async () => {
      await gateway.stop();
      await service.stop();
      await organisations.stop();
    },
  };
}

export type Hub = Awaited<ReturnType<typeof startHub>>;

let organisationSerial = 0;

/** A fresh, valid organisation number per call: the register refuses duplicates. */
function nextOrganisationNumber(): string {
  organisationSerial += 1;
  return organisationNumber(`5599${String(process.pid % 100).padStart(2, '0')}${String(organisationSerial).padStart(3, '0')}`);
}

export const PUBLIC = { roles: ['public' as const] };

/** A complete, publishable offering for the given provider; overrides replace whole fields. */
export function offeringInput(providerId: string, overrides: Record<string, unknown> = {}) {
  return {
    providerId,
    kind: 'DEVELOPMENT_PROGRAMME',
    title: { sv: 'Steget vidare Malå', en: 'The next step, Malå' },
    description: { sv: 'Gruppseminarier och individuella rådgivningsmöten, fysiskt och digitalt.' },
    targetGroups: ['ESTABLISHED_COMPANIES'],
    industries: ['55', '47'],
    municipalityCodes: ['2418'],
    format: 'HYBRID',
    startDate: '2030-09-01',
    endDate: '2030-11-30',
    applicationDeadline: '2030-08-15',
    capacity: 8,
    priceSek: 0,
    funding: { description: 'Tillväxtverket 1,76-medel' },
    eligibility: { maxEmployees: 49, sniPrefixes: [], municipalityCodes: ['2418'] },
    needs: ['BUSINESS_PLANNING', 'BUDGETING'],
    ...overrides,
  };
}
