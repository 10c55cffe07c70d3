import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { TOPICS } from '@hub/shared/contracts';
import { createSubgraphApp, type SubgraphApp } from '@hub/shared/graphql';
import { createLogger, type Logger } from '@hub/shared/logging';
import { createKafka, ensureTopics, OutboxRelay, type EventConsumer } from '@hub/shared/messaging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { PrivacyLedger, registerPrivacyModels, type PrivacyModels } from '@hub/shared/privacy';
import { FunnelApplication } from './application/funnel';
import { MatchingApplication } from './application/matching';
import { MatchingView } from './application/matching-view';
import { NeedsApplication } from './application/needs';
import { PartnerMeetingsApplication } from './application/partner-meetings';
import { PersonalDataApplication } from './application/personal-data';
import { ReferralsApplication } from './application/referrals';
import type { MatchmakingConfig } from './config';
import { buildContext, type Applications, type MatchmakingContext } from './graphql/context';
import { resolvers } from './graphql/resolvers';
import { createReadModelConsumer } from './infrastructure/event-consumer';
import { outboxModels, registerModels, type MatchmakingModels } from './infrastructure/models';

/** The schema file sits in src/ beside the code; from dist/ it is found at the same relative place. */
export const SCHEMA_PATH = path.resolve(__dirname, '../src/schema.graphql');

export interface MatchmakingService extends SubgraphApp<MatchmakingContext> {
  applications: Applications;
  view: MatchingView;
  models: MatchmakingModels;
  privacyModels: PrivacyModels;
  relay: OutboxRelay;
  consumer: EventConsumer;
  logger: Logger;
}

/**
 * Wires the service: its own database, the matching view loaded from it, the consumer that keeps the read models
 * of organisations, projects and offerings and honours erasure requests, the outbox relay and the subgraph.
 * Nothing listens on a port here.
 */
export async function createApp(config: MatchmakingConfig, logger: Logger = createLogger('matchmaking', config.LOG_LEVEL)): Promise<MatchmakingService> {
  const connection = await connectMongo(config.MONGO_URL, logger);
  const models = registerModels(connection);
  const privacyModels = registerPrivacyModels(connection);
  await createIndexes(connection, { postgresUrl: config.FERRETDB_POSTGRESQL_URL, logger });

  const view = new MatchingView();
  await view.load(models);

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'matchmaking', logger });
  await ensureTopics(kafka, [TOPICS.matchmaking, TOPICS.organisations, TOPICS.offerings, TOPICS.privacy, TOPICS.deadLetter]);
  const relay = new OutboxRelay({ kafka, models: [...outboxModels(models), privacyModels.accessLog, privacyModels.erasureReceipts], logger });
  await relay.start();
  const personalData = new PersonalDataApplication(models, view, new PrivacyLedger(privacyModels, 'matchmaking', relay), logger);
  const consumer = createReadModelConsumer({
    kafka,
    groupId: config.CONSUMER_GROUP,
    connection,
    models,
    listener: view,
    erase: (request, correlationId) => personalData.erase(request, correlationId),
    logger,
  });
  await consumer.start();

  const needs = new NeedsApplication(models, view, relay);
  const applications: Applications = {
    needs,
    matching: new MatchingApplication(view, needs),
    funnel: new FunnelApplication(models, needs, relay),
    referrals: new ReferralsApplication(models, view, relay),
    partnerMeetings: new PartnerMeetingsApplication(models, needs, relay),
    personalData,
  };

  const subgraph = await createSubgraphApp<MatchmakingContext>({
    name: 'matchmaking',
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
    view,
    models,
    privacyModels,
    relay,
    consumer,
    logger,
    stop: async () => {
      await subgraph.stop();
      await consumer.stop();
      await relay.stop();
      await connection.close();
    },
  };
}
