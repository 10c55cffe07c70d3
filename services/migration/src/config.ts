import { z } from 'zod';
import { gatewayPublicKeyEnv } from '@hub/shared/auth';
import { brokerList, commonEnv, databaseEnv, loadConfig } from '@hub/shared/config';

const DAY_MS = 24 * 60 * 60 * 1000;

const schema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4004),
  HOST: z.string().default('127.0.0.1'),
  ...databaseEnv,
  KAFKA_BROKERS: brokerList,
  ...gatewayPublicKeyEnv,
  /** The Kafka consumer group of this service's read models and privacy duties; one per deployment. */
  CONSUMER_GROUP: z.string().min(1).default('migration'),
  /** Closed cases are anonymised this many days after closing (default two years). */
  CASE_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(730),
  /** How often the retention job looks for closed cases past the period. */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).default(DAY_MS),
});

export type MigrationConfig = z.infer<typeof schema>;

export function loadMigrationConfig(env: NodeJS.ProcessEnv = process.env): MigrationConfig {
  return loadConfig(schema, env);
}
