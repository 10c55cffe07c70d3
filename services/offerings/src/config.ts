import { z } from 'zod';
import { gatewayPublicKeyEnv } from '@hub/shared/auth';
import { brokerList, commonEnv, databaseEnv, loadConfig } from '@hub/shared/config';

const schema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4002),
  HOST: z.string().default('127.0.0.1'),
  ...databaseEnv,
  KAFKA_BROKERS: brokerList,
  ...gatewayPublicKeyEnv,
  /** The Kafka consumer group of this service's read models; one per deployment (tests use their own). */
  CONSUMER_GROUP: z.string().min(1).default('offerings'),
});

export type OfferingsConfig = z.infer<typeof schema>;

export function loadOfferingsConfig(env: NodeJS.ProcessEnv = process.env): OfferingsConfig {
  return loadConfig(schema, env);
}
