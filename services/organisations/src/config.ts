import { z } from 'zod';
import { gatewayPublicKeyEnv } from '@hub/shared/auth';
import { brokerList, commonEnv, databaseEnv, loadConfig } from '@hub/shared/config';

const schema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4001),
  HOST: z.string().default('127.0.0.1'),
  ...databaseEnv,
  KAFKA_BROKERS: brokerList,
  ...gatewayPublicKeyEnv,
  /** The Kafka consumer group of this service's erasure requests; one per deployment (tests use their own). */
  CONSUMER_GROUP: z.string().min(1).default('organisations'),
});

export type OrganisationsConfig = z.infer<typeof schema>;

export function loadOrganisationsConfig(env: NodeJS.ProcessEnv = process.env): OrganisationsConfig {
  return loadConfig(schema, env);
}
