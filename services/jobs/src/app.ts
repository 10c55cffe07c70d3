import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { createSubgraphApp, type SubgraphApp } from '@hub/shared/graphql';
import { createLogger, type Logger } from '@hub/shared/logging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import type { Job, JobName } from './application/job';
import { RunHistory } from './application/run-history';
import { JobRunner } from './application/runner';
import { JobScheduler } from './application/scheduler';
import { integrationToken, type JobsConfig } from './config';
import { buildContext, type JobsContext } from './graphql/context';
import { resolvers } from './graphql/resolvers';
import { createGatewayClient } from '@hub/shared/client';
import { registerModels, type JobsModels } from './infrastructure/models';
import { createJobs } from './jobs';

/** The schema file sits in src/ beside the code; from dist/ it is found at the same relative place. */
export const SCHEMA_PATH = path.resolve(__dirname, '../src/schema.graphql');

export interface JobsService extends SubgraphApp<JobsContext> {
  models: JobsModels;
  runner: JobRunner;
  scheduler: JobScheduler;
  jobs: ReadonlyMap<JobName, Job>;
  logger: Logger;
}

/**
 * Wires the service: its own database (run records, cursors, locks), the runner whose jobs call the hub's gateway
 * with the integration token, the scheduler (started by main, not here) and the subgraph. Nothing listens on a port.
 */
export async function createApp(config: JobsConfig, logger: Logger = createLogger('jobs', config.LOG_LEVEL), jobList: Job[] = createJobs(config)): Promise<JobsService> {
  const connection = await connectMongo(config.MONGO_URL, logger);
  const models = registerModels(connection);
  await createIndexes(connection, { postgresUrl: config.FERRETDB_POSTGRESQL_URL, logger });

  const jobs = new Map(jobList.map((job) => [job.name, job]));
  const runner = new JobRunner(models, createGatewayClient(config.HUB_GATEWAY_URL, integrationToken(config)), logger);
  const scheduler = new JobScheduler(runner, jobs, config.JOB_SCHEDULES, logger);

  const subgraph = await createSubgraphApp<JobsContext>({
    name: 'jobs',
    typeDefs: parse(readFileSync(SCHEMA_PATH, 'utf8')),
    resolvers,
    gatewayPublicKey: config.GATEWAY_PUBLIC_KEY,
    logger,
    production: config.NODE_ENV === 'production',
    context: buildContext({ runs: new RunHistory(models, scheduler) }),
    readiness: { database: () => connection.readyState === 1 },
  });

  return {
    ...subgraph,
    models,
    runner,
    scheduler,
    jobs,
    logger,
    stop: async () => {
      await scheduler.stop();
      await subgraph.stop();
      await connection.close();
    },
  };
}
