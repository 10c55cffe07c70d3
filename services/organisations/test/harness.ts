import { createLogger } from '@hub/shared/logging';
import { startTestGateway, TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import { createApp, SCHEMA_PATH, type OrganisationsService } from '../src/app';
import { loadOrganisationsConfig } from '../src/config';

export { post, type GraphQLResponse } from '@hub/gateway/testkit';

/**
 * The organisations subgraph on its own database, behind a real gateway composed from its schema file, both on
 * free ports, against the Kafka broker and FerretDB the jest global setup started (or the given endpoints).
 */
export async function startHub(options: { mongoUrl?: string; kafkaBrokers?: string[] } = {}) {
  const logger = createLogger('organisations-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  // a group of its own: test files run side by side and each must see every erasure request
  const consumerGroup = uniqueName('organisations-test');
  const mongoUrl = options.mongoUrl ?? uniqueDbUrl('organisations');
  const service: OrganisationsService = await createApp(
    loadOrganisationsConfig({
      NODE_ENV: 'test',
      PORT: '0',
      MONGO_URL: mongoUrl,
      KAFKA_BROKERS: (options.kafkaBrokers ?? testEndpoints().kafkaBrokers).join(','),
      GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
      CONSUMER_GROUP: consumerGroup,
    }),
    logger,
  );
  const gateway = await startTestGateway([{ name: 'organisations', schemaPath: SCHEMA_PATH, app: service.app }], logger);
  return {
    service,
    models: service.models,
    mongoUrl,
    consumerGroup,
    gatewayUrl: gateway.url,
    subgraphUrl: gateway.subgraphUrls.organisations!,
    token: gateway.token,
    gql: gateway.gql,
    stop: async () => {
      await gateway.stop();
      await service.stop();
    },
  };
}

export type Hub = Awaited<ReturnType<typeof startHub>>;

export const ADMIN = { roles: ['admin' as const] };
export const MALA_OFFICE = { roles: ['municipal-staff' as const], municipalityCode: '2418' };
export const SORSELE_OFFICE = { roles: ['municipal-staff' as const], municipalityCode: '2422' };
export const PUBLIC = { roles: ['public' as const] };
