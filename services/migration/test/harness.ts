import { createLogger } from '@hub/shared/logging';
import { startTestGateway, TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { createApp as createMatchmakingApp, loadMatchmakingConfig, SCHEMA_PATH as MATCHMAKING_SCHEMA_PATH } from '@hub/matchmaking';
import { createApp as createOfferingsApp, loadOfferingsConfig, SCHEMA_PATH as OFFERINGS_SCHEMA_PATH } from '@hub/offerings';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH } from '@hub/organisations';
import { organisationNumber, testEndpoints, uniqueDbUrl, uniqueName, waitFor } from '@hub/infra/testkit';
import type { Connection } from 'mongoose';
import { createApp, SCHEMA_PATH, type MigrationService } from '../src/app';
import { loadMigrationConfig } from '../src/config';

export { waitFor };

const common = () => ({ NODE_ENV: 'test', PORT: '0', KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','), GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey });

/**
 * The whole hub (organisations, offerings, matchmaking, migration), each on its own database and consumer group,
 * behind one real gateway, against the Kafka broker and FerretDB of the jest global setup.
 */
export async function startHub(migrationEnv: Record<string, string> = {}) {
  const logger = createLogger('migration-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const env = (name: string) => ({ ...common(), MONGO_URL: uniqueDbUrl(name), CONSUMER_GROUP: uniqueName(`${name}-test`) });
  const organisations = await createOrganisationsApp(loadOrganisationsConfig(env('organisations')), logger);
  const offerings = await createOfferingsApp(loadOfferingsConfig(env('offerings')), logger);
  const matchmaking = await createMatchmakingApp(loadMatchmakingConfig(env('matchmaking')), logger);
  const migrationConfig = loadMigrationConfig({ ...env('migration'), ...migrationEnv });
  const service: MigrationService = await createApp(migrationConfig, logger);
  const gateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'offerings', schemaPath: OFFERINGS_SCHEMA_PATH, app: offerings.app },
      { name: 'matchmaking', schemaPath: MATCHMAKING_SCHEMA_PATH, app: matchmaking.app },
      { name: 'migration', schemaPath: SCHEMA_PATH, app: service.app },
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

  /** Registers an organisation through the gateway and waits until the migration service's read model knows it. */
  async function registerOrganisation(name: string, municipalityCode: string, kind = 'EMPLOYER', extra: Record<string, unknown> = {}): Promise<string> {
    const data = await must<{ registerOrganisation: { id: string } }>(
      'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }',
      { input: { kind, name, organisationNumber: nextOrganisationNumber(), municipalityCode, ...extra } },
    );
    const id = data.registerOrganisation.id;
    await waitFor(async () => ((await service.models.employers.exists({ _id: id })) ? true : undefined));
    return id;
  }

  /** Every database of the hub, for scans that must find nothing of an erased person. */
  const databases = {
    organisations: organisations.models.organisations.db,
    offerings: offerings.models.offerings.db,
    matchmaking: matchmaking.models.organisations.db,
    migration: service.models.candidates.db,
  } satisfies Record<string, Connection>;

  /** A second migration service on the same database, as after a restart: it loads what the first one stored. */
  async function restartedMigration(): Promise<MigrationService> {
    return createApp({ ...migrationConfig, CONSUMER_GROUP: uniqueName('migration-restarted') }, logger);
  }

  return {
    service,
    restartedMigration,
    organisations,
    offerings,
    matchmaking,
    databases,
    token,
    gql,
    must,
    admin,
    registerOrganisation,
    stop: async () => {
      await gateway.stop();
      await service.stop();
      await matchmaking.stop();
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
  return organisationNumber(`5597${String(process.pid % 100).padStart(2, '0')}${String(organisationSerial).padStart(3, '0')}`);
}


/** A complete candidate profile wishing to move to Sorsele (2422) and Lycksele (2481); overrides replace whole fields. */
export function profileInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Testa Flyttsson (fiktiv)',
    email: 'testa.flyttsson@example.invalid',
    phone: '070-123 45 67',
    currentLocation: 'Göteborg',
    occupations: ['2221'],
    skills: ['akutsjukvård'],
    languages: ['sv', 'en'],
    household: { partnerOccupation: '2341', childrenAges: [3, 8] },
    wishes: { municipalityCodes: ['2422', '2481'], housingType: 'HOUSE', moveFrom: '2027-03' },
    ...overrides,
  };
}

export const SERVICE_CONSENT = { purpose: 'IN_MIGRATION_SERVICE', channel: 'WEB_FORM', textVersion: 'inflytt-2026.1' };
export const SHARING_CONSENT = { purpose: 'SHARE_WITH_EMPLOYERS', channel: 'WEB_FORM', textVersion: 'dela-2026.1' };
