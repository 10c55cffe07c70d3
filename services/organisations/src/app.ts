import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { TOPICS } from '@hub/shared/contracts';
import { createSubgraphApp, type SubgraphApp } from '@hub/shared/graphql';
import { createLogger, type Logger } from '@hub/shared/logging';
import { createKafka, ensureTopics, OutboxRelay, type EventConsumer } from '@hub/shared/messaging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { PrivacyLedger, registerPrivacyModels, type PrivacyModels } from '@hub/shared/privacy';
import { MunicipalitiesApplication } from './application/municipalities';
import { OrganisationsApplication } from './application/organisations';
import { PersonalDataApplication } from './application/personal-data';
import { ProjectsApplication } from './application/projects';
import type { OrganisationsConfig } from './config';
import { buildContext, type Applications, type OrganisationsContext } from './graphql/context';
import { resolvers } from './graphql/resolvers';
import { registerModels, type OrganisationsModels } from './infrastructure/models';
import { createPrivacyConsumer } from './infrastructure/privacy-consumer';
import { RegisterIndex } from './infrastructure/register-index';

/** The schema file sits in src/ beside the code; from dist/ it is found at the same relative place. */
export const SCHEMA_PATH = path.resolve(__dirname, '../src/schema.graphql');

export interface OrganisationsService extends SubgraphApp<OrganisationsContext> {
  applications: Applications;
  models: OrganisationsModels;
  privacyModels: PrivacyModels;
  relay: OutboxRelay;
  privacyConsumer: EventConsumer;
  index: RegisterIndex;
  logger: Logger;
}

/**
 * Wires the service: its own database (indexes and reference data at start), its Kafka topics, the outbox
 * relay, the in-memory index of its lists (loaded before the subgraph answers, then following the other replicas'
 * events), the consumer of erasure requests and the subgraph. Nothing listens on a port here, so tests can use port 0.
 */
export async function createApp(config: OrganisationsConfig, logger: Logger = createLogger('organisations', config.LOG_LEVEL)): Promise<OrganisationsService> {
  const connection = await connectMongo(config.MONGO_URL, logger);
  const models = registerModels(connection);
  const privacyModels = registerPrivacyModels(connection);
  await createIndexes(connection, { postgresUrl: config.FERRETDB_POSTGRESQL_URL, logger });

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'organisations', logger });
  await ensureTopics(kafka, [TOPICS.organisations, TOPICS.privacy, TOPICS.deadLetter]);
  const relay = new OutboxRelay({ kafka, models: [models.organisations, models.projects, privacyModels.accessLog, privacyModels.erasureReceipts], logger });
  await relay.start();

  const index = new RegisterIndex(models);
  const municipalities = new MunicipalitiesApplication(models);
  await municipalities.ensureReferenceData();
  const organisations = new OrganisationsApplication(models, municipalities, index, relay);
  const applications: Applications = {
    organisations,
    projects: new ProjectsApplication(models, municipalities, index, relay),
    municipalities,
    personalData: new PersonalDataApplication(organisations, new PrivacyLedger(privacyModels, 'organisations', relay), logger),
  };
  const follower = index.follower(kafka, `${config.CONSUMER_GROUP}-index`, logger);
  await follower.start(() => index.load());
  const privacyConsumer = createPrivacyConsumer({
    kafka,
    groupId: config.CONSUMER_GROUP,
    connection,
    erase: (request, correlationId) => applications.personalData.erase(request, correlationId),
    logger,
  });
  await privacyConsumer.start();

  const subgraph = await createSubgraphApp<OrganisationsContext>({
    name: 'organisations',
    typeDefs: parse(readFileSync(SCHEMA_PATH, 'utf8')),
    resolvers,
    gatewayPublicKey: config.GATEWAY_PUBLIC_KEY,
    logger,
    production: config.NODE_ENV === 'production',
    context: buildContext(applications),
    readiness: { database: () => connection.readyState === 1 },
  });

  return {
    ...subgraph,
    applications,
    models,
    privacyModels,
    relay,
    privacyConsumer,
    index,
    logger,
    stop: async () => {
      await subgraph.stop();
      await follower.stop();
      await privacyConsumer.stop();
      await relay.stop();
      await connection.close();
    },
  };
}
