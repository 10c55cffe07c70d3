import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { TOPICS } from '@hub/shared/contracts';
import { createSubgraphApp, type SubgraphApp } from '@hub/shared/graphql';
import { createLogger, type Logger } from '@hub/shared/logging';
import { createKafka, ensureTopics, OutboxRelay, type EventConsumer } from '@hub/shared/messaging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { PrivacyLedger } from '@hub/shared/privacy';
import { CandidatesApplication } from './application/candidates';
import { CasesApplication } from './application/cases';
import { MatchingApplication } from './application/matching';
import { EmployerDirectory } from './application/employers';
import { PrivacyApplication } from './application/privacy';
import { VacanciesApplication } from './application/vacancies';
import type { MigrationConfig } from './config';
import { VacancyIndex } from './domain/matching';
import { buildContext, type Applications, type MigrationContext } from './graphql/context';
import { resolvers } from './graphql/resolvers';
import { createEventConsumer } from './infrastructure/event-consumer';
import { outboxModels, registerModels, type MigrationModels } from './infrastructure/models';
import { VacancyList } from './infrastructure/vacancy-list';

/** The schema file sits in src/ beside the code; from dist/ it is found at the same relative place. */
export const SCHEMA_PATH = path.resolve(__dirname, '../src/schema.graphql');

export interface MigrationService extends SubgraphApp<MigrationContext> {
  applications: Applications;
  employers: EmployerDirectory;
  index: VacancyIndex;
  vacancyList: VacancyList;
  models: MigrationModels;
  relay: OutboxRelay;
  consumer: EventConsumer;
  logger: Logger;
}

/**
 * Wires the service: its own database, the employers, the vacancy index and the vacancy lists loaded from it (the
 * lists then following the other replicas' events), the consumer of the
 * register's and the hub's privacy events, the outbox relay, the retention schedule and the subgraph. Nothing
 * listens on a port here.
 */
export async function createApp(config: MigrationConfig, logger: Logger = createLogger('migration', config.LOG_LEVEL)): Promise<MigrationService> {
  const connection = await connectMongo(config.MONGO_URL, logger);
  const models = registerModels(connection);
  await createIndexes(connection, { postgresUrl: config.FERRETDB_POSTGRESQL_URL, logger });

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'migration', logger });
  await ensureTopics(kafka, [TOPICS.migration, TOPICS.privacy, TOPICS.organisations, TOPICS.deadLetter]);
  const relay = new OutboxRelay({ kafka, models: outboxModels(models), logger });
  await relay.start();

  const ledger = new PrivacyLedger(models, 'migration', relay);
  const index = new VacancyIndex();
  const employers = new EmployerDirectory(models);
  await employers.load();
  const vacancyList = new VacancyList(models, { kafka, groupPrefix: `${config.CONSUMER_GROUP}-index`, logger });
  const vacancies = new VacanciesApplication(models, index, vacancyList, employers, relay);
  await vacancyList.start(() => vacancies.load());
  const candidates = new CandidatesApplication(models, ledger, relay);
  const copied = await candidates.copyIndexedFields();
  if (copied > 0) logger.info({ candidates: copied }, 'copied wished municipalities and sharing consent into their indexed fields');
  const cases = new CasesApplication(models, candidates, ledger, relay);
  const privacy = new PrivacyApplication(models, ledger, relay, config.CASE_RETENTION_DAYS);
  const applications: Applications = {
    vacancies,
    candidates,
    cases,
    matching: new MatchingApplication(models, index, candidates, cases, ledger),
    privacy,
  };

  const consumer = createEventConsumer({ kafka, groupId: config.CONSUMER_GROUP, connection, employers, privacy, logger });
  await consumer.start();

  const retention = setInterval(() => {
    privacy.runRetention().then(
      (run) => run.anonymisedCases > 0 && logger.info(run, 'anonymised closed cases past the retention period'),
      (error: unknown) => logger.error({ err: error }, 'retention run failed; the next run tries again'),
    );
  }, config.RETENTION_INTERVAL_MS);
  retention.unref();

  const subgraph = await createSubgraphApp<MigrationContext>({
    name: 'migration',
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
    employers,
    index,
    vacancyList,
    models,
    relay,
    consumer,
    logger,
    stop: async () => {
      clearInterval(retention);
      await subgraph.stop();
      await vacancyList.stop();
      await consumer.stop();
      await relay.stop();
      await connection.close();
    },
  };
}
