import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { TOPICS } from '@hub/shared/contracts';
import { createSubgraphApp, type SubgraphApp } from '@hub/shared/graphql';
import { createLogger, type Logger } from '@hub/shared/logging';
import { createKafka, ensureTopics, OutboxRelay, type EventConsumer } from '@hub/shared/messaging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { PrivacyLedger, registerPrivacyModels, type PrivacyModels } from '@hub/shared/privacy';
import { EnrolmentsApplication } from './application/enrolments';
import { IndicatorsApplication } from './application/indicators';
import { OfferingsApplication } from './application/offerings';
import { OrganisationDirectory } from './application/organisation-directory';
import { PersonalDataApplication } from './application/personal-data';
import type { OfferingsConfig } from './config';
import { buildContext, type Applications, type OfferingsContext } from './graphql/context';
import { resolvers } from './graphql/resolvers';
import { enrolmentOutboxModels, registerEnrolmentModels, type EnrolmentModels } from './infrastructure/enrolment-models';
import { registerModels, type OfferingsModels } from './infrastructure/models';
import { CatalogueIndex } from './infrastructure/offering-index';
import { createOrganisationConsumer } from './infrastructure/organisation-consumer';

/** The schema file sits in src/ beside the code; from dist/ it is found at the same relative place. */
export const SCHEMA_PATH = path.resolve(__dirname, '../src/schema.graphql');

export interface OfferingsService extends SubgraphApp<OfferingsContext> {
  applications: Applications;
  directory: OrganisationDirectory;
  models: OfferingsModels;
  enrolmentModels: EnrolmentModels;
  privacyModels: PrivacyModels;
  relay: OutboxRelay;
  organisationConsumer: EventConsumer;
  catalogue: CatalogueIndex;
  logger: Logger;
}

/**
 * Wires the service: its own database, its Kafka topic, the outbox relay, the consumer that keeps the
 * organisation read model and honours erasure requests, the in-memory catalogue that search answers from (loaded
 * before the subgraph answers, then following the other replicas' events), and the subgraph. Nothing listens on a port here, so
 * tests can use port 0.
 */
export async function createApp(config: OfferingsConfig, logger: Logger = createLogger('offerings', config.LOG_LEVEL)): Promise<OfferingsService> {
  const connection = await connectMongo(config.MONGO_URL, logger);
  const models = registerModels(connection);
  const enrolmentModels = registerEnrolmentModels(connection);
  const privacyModels = registerPrivacyModels(connection);
  await createIndexes(connection, { postgresUrl: config.FERRETDB_POSTGRESQL_URL, logger });

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'offerings', logger });
  await ensureTopics(kafka, [TOPICS.offerings, TOPICS.organisations, TOPICS.privacy, TOPICS.deadLetter]);
  const relay = new OutboxRelay({
    kafka,
    models: [models.offerings, ...enrolmentOutboxModels(enrolmentModels), privacyModels.accessLog, privacyModels.erasureReceipts],
    logger,
  });
  await relay.start();
  const personalData = new PersonalDataApplication(enrolmentModels, new PrivacyLedger(privacyModels, 'offerings', relay), logger);
  const organisationConsumer = createOrganisationConsumer({
    kafka,
    groupId: config.CONSUMER_GROUP,
    connection,
    models,
    erase: (request, correlationId) => personalData.erase(request, correlationId),
    logger,
  });
  await organisationConsumer.start();

  const catalogue = new CatalogueIndex(models);
  const follower = catalogue.follower(kafka, `${config.CONSUMER_GROUP}-index`, logger);
  await follower.start(() => catalogue.load());

  const directory = new OrganisationDirectory(models);
  const offerings = new OfferingsApplication(models, catalogue, relay, directory);
  const lookups = { offering: (id: string) => offerings.snapshot(id), organisation: (id: string) => directory.facts(id) };
  const enrolments = new EnrolmentsApplication(enrolmentModels, relay, lookups);
  offerings.onCapacityChanged((offeringId, correlationId) => enrolments.fillFreeSeats(offeringId, correlationId));
  const applications: Applications = {
    offerings,
    enrolments,
    indicators: new IndicatorsApplication(enrolmentModels, { ...lookups, offeringsIn: (scope) => offerings.snapshotsIn(scope) }),
    personalData,
  };

  const subgraph = await createSubgraphApp<OfferingsContext>({
    name: 'offerings',
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
    directory,
    models,
    enrolmentModels,
    privacyModels,
    relay,
    organisationConsumer,
    catalogue,
    logger,
    stop: async () => {
      await subgraph.stop();
      await follower.stop();
      await organisationConsumer.stop();
      await relay.stop();
      await connection.close();
    },
  };
}
