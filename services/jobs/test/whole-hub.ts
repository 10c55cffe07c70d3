import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair } from '@hub/shared/auth';
import { createLogger, type Logger } from '@hub/shared/logging';
import { startTestGateway, TEST_GATEWAY_KEYS, type TestGateway } from '@hub/gateway/testkit';
import type { InfrastructureEndpoints } from '@hub/infra';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import { createApp as createMatchmakingApp, loadMatchmakingConfig, SCHEMA_PATH as MATCHMAKING_SCHEMA_PATH, type MatchmakingService } from '@hub/matchmaking';
import { createApp as createMigrationApp, loadMigrationConfig, SCHEMA_PATH as MIGRATION_SCHEMA_PATH, type MigrationService } from '@hub/migration';
import { createApp as createOfferingsApp, loadOfferingsConfig, SCHEMA_PATH as OFFERINGS_SCHEMA_PATH, type OfferingsService } from '@hub/offerings';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH, type OrganisationsService } from '@hub/organisations';
import { createApp, SCHEMA_PATH, type JobsService } from '../src/app';
import { seedCommand } from '../src/cli/commands/seed';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/cli/dev-token';
import { REPO_ROOT } from '../src/cli/settings';
import { loadJobsConfig } from '../src/config';

const SERVICES = ['organisations', 'offerings', 'matchmaking', 'migration', 'jobs'] as const;
type ServiceName = (typeof SERVICES)[number];

/**
 * The whole hub as `npm start` runs it — all five services, each on a database of its own, behind one real gateway
 * that accepts the development keys `hub token` signs with — on free ports, for tests that ask the graph as a client
 * would. `cliEnv` is what a `hub` command needs to find this hub (the development keys, the gateway, the databases);
 * `seed()` seeds the demo data as `npm start` does.
 */
export async function startWholeHub(name: string, options: { endpoints?: InfrastructureEndpoints; logger?: Logger } = {}) {
  // the jest global setup's servers, unless the test brought its own (the fuzz test, so no other file's events reach it)
  const endpoints = options.endpoints ?? testEndpoints();
  const logger = options.logger ?? createLogger(`${name}-test`, process.env.TEST_LOG_LEVEL ?? 'silent');
  const keys = generateKeyPair();
  // inside the repository, so `npx hub` finds the linked command (.cache/ is ignored by git)
  const scratch = path.join(REPO_ROOT, '.cache', uniqueName(`${name}-test`));
  const databases = Object.fromEntries(SERVICES.map((service) => [service, uniqueDbUrl(`${name.replaceAll('-', '_')}_${service}`, endpoints.mongoUrl)])) as Record<ServiceName, string>;
  const groups = { organisations: uniqueName(`${name}-organisations`), offerings: uniqueName(`${name}-offerings`), matchmaking: uniqueName(`${name}-matchmaking`), migration: uniqueName(`${name}-migration`) };

  const serviceEnv = (service: ServiceName) => ({
    NODE_ENV: 'test',
    PORT: '0',
    MONGO_URL: databases[service],
    ...(endpoints.postgresUrl ? { FERRETDB_POSTGRESQL_URL: endpoints.postgresUrl } : {}),
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
    ...(service === 'jobs' ? { HUB_INTEGRATION_TOKEN: 'not-used-no-schedules', JOB_SCHEDULES: '' } : { CONSUMER_GROUP: groups[service] }),
  });

  mkdirSync(path.join(scratch, 'cache', 'dev'), { recursive: true });
  // the development keys, where `npm start` keeps them: `hub token` signs with them, the gateway checks with them
  writeFileSync(path.join(scratch, 'cache', 'dev', 'secrets.json'), JSON.stringify(keys));

  const organisations: OrganisationsService = await createOrganisationsApp(loadOrganisationsConfig(serviceEnv('organisations')), logger);
  const offerings: OfferingsService = await createOfferingsApp(loadOfferingsConfig(serviceEnv('offerings')), logger);
  const matchmaking: MatchmakingService = await createMatchmakingApp(loadMatchmakingConfig(serviceEnv('matchmaking')), logger);
  let matchmakingRunning = true;
  const migration: MigrationService = await createMigrationApp(loadMigrationConfig(serviceEnv('migration')), logger);
  const jobs: JobsService = await createApp(loadJobsConfig(serviceEnv('jobs')), logger);
  const gateway: TestGateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'offerings', schemaPath: OFFERINGS_SCHEMA_PATH, app: offerings.app },
      { name: 'matchmaking', schemaPath: MATCHMAKING_SCHEMA_PATH, app: matchmaking.app },
      { name: 'migration', schemaPath: MIGRATION_SCHEMA_PATH, app: migration.app },
      { name: 'jobs', schemaPath: SCHEMA_PATH, app: jobs.app },
    ],
    logger,
    { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, keys },
  );

  const cliEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_CACHE_DIR: path.join(scratch, 'cache'),
    HUB_GATEWAY_URL: gateway.url,
    // every database a command may open is this hub's own; MONGO_URL only so nothing falls back to npm start's
    MONGO_URL: endpoints.mongoUrl,
    FERRETDB_POSTGRESQL_URL: endpoints.postgresUrl ?? '',
    ORGANISATIONS_MONGO_URL: databases.organisations,
    MATCHMAKING_MONGO_URL: databases.matchmaking,
    JOBS_MONGO_URL: databases.jobs,
    CONSUMER_GROUP: groups.matchmaking,
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    LOG_LEVEL: 'warn',
    // npx never looks for `hub` in the registry
    npm_config_offline: 'true',
  };

  /** The demo data, as `npm start` seeds it (the services' built seed scripts: npm run build first). */
  async function seed(): Promise<void> {
    let stderr = '';
    try {
      await seedCommand({ env: cliEnv, cwd: scratch, stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } }, {});
    } catch (error) {
      throw new Error(`seeding failed: ${(error as Error).message}\n${stderr}`);
    }
  }

  return {
    organisations,
    offerings,
    matchmaking,
    migration,
    jobs,
    gateway,
    keys,
    scratch,
    databases,
    groups,
    cliEnv,
    seed,
    /** For a test of what happens while matchmaking is down; stop() then leaves it be. */
    stopMatchmaking: async () => {
      await matchmaking.stop();
      matchmakingRunning = false;
    },
    stop: async () => {
      await gateway.stop();
      await jobs.stop();
      await migration.stop();
      if (matchmakingRunning) await matchmaking.stop();
      await offerings.stop();
      await organisations.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export type WholeHub = Awaited<ReturnType<typeof startWholeHub>>;
