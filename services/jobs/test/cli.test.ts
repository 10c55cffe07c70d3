import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPair, verifyUserToken } from '@hub/shared/auth';
import { TOPICS } from '@hub/shared/contracts';
import { createLogger } from '@hub/shared/logging';
import { createKafka, ensureTopics } from '@hub/shared/messaging';
import { connectMongo } from '@hub/shared/mongo';
import { startTestGateway, TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import { createApp as createMigrationApp, loadMigrationConfig, SCHEMA_PATH as MIGRATION_SCHEMA_PATH } from '@hub/migration';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH } from '@hub/organisations';
import { CommanderError } from 'commander';
import { ConfigError } from '@hub/shared/config';
import { DEV_AUDIENCE, DEV_ISSUER } from '../src/cli/dev-token';
import { EXIT, exitCodeOf, UsageError } from '../src/cli/exit-codes';
import { formatCounts, formatRun, fromGraphEnum, toGraphEnum, type RunView } from '../src/cli/format';
import type { CliIo } from '../src/cli/io';
import { createProgram, runCli } from '../src/cli/program';
import { createProgress, progressLine } from '../src/cli/progress';
import { groupIsActive } from '../src/cli/replay-plan';
import { databaseOf, ferretdbPostgresUrl, serviceMongoUrl } from '../src/cli/settings';
import { createApp, SCHEMA_PATH } from '../src/app';
import { loadJobsConfig } from '../src/config';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `hub …` in this process with its own environment (never the test process's MONGO_URL and the like). */
async function hub(args: string[], env: NodeJS.ProcessEnv = {}, confirm?: CliIo['confirm']): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { LOG_LEVEL: 'silent', HUB_CACHE_DIR: emptyCache, ...env },
    cwd: os.tmpdir(),
    ...(confirm && { confirm }),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
const emptyCache = path.join(scratch, 'empty-cache');
mkdirSync(emptyCache);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('hub: arguments, help and exit codes', () => {
  const commands = createProgram({ stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: '.' }, () => undefined).commands.map((command) => command.name());

  it('lists every command in --help and exits 0', async () => {
    const { code, stdout } = await hub(['--help']);
    expect(code).toBe(EXIT.ok);
    expect(commands).toEqual(expect.arrayContaining(['token', 'seed', 'run', 'runs', 'replay', 'erase']));
    for (const command of commands) expect(stdout).toContain(command);
    expect(stdout).toContain('Exit codes');
  });

  it.each(['token', 'seed', 'run', 'runs', 'replay', 'erase'])('explains %s with --help, with examples, and exits 0', async (command) => {
    const { code, stdout } = await hub([command, '--help']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain(`Usage: hub ${command}`);
    expect(stdout).toContain('Examples:');
  });

  it('exits 2 on an unknown command, an unknown option, a missing or invalid argument', async () => {
    const unknown = await hub(['frobnicate']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect((await hub(['runs', '--nope'])).code).toBe(EXIT.usage);
    expect((await hub(['token'])).code).toBe(EXIT.usage);
    expect((await hub(['token', 'superuser'])).code).toBe(EXIT.usage);
    expect((await hub(['run', 'no-such-job'])).code).toBe(EXIT.usage);
    expect((await hub(['replay', 'organisations'])).code).toBe(EXIT.usage);
    expect((await hub(['seed', '--only', 'nope'])).code).toBe(EXIT.usage);
    expect((await hub([])).code).toBe(EXIT.usage);
  });

  it('maps errors to exit codes', () => {
    expect(exitCodeOf(new CommanderError(0, 'commander.helpDisplayed', ''))).toBe(0);
    expect(exitCodeOf(new CommanderError(1, 'commander.unknownOption', ''))).toBe(2);
    expect(exitCodeOf(new UsageError('x'))).toBe(2);
    expect(exitCodeOf(new ConfigError('invalid configuration: MONGO_URL'))).toBe(3);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
  });
});

describe('hub token', () => {
  const cache = path.join(scratch, 'cache');
  const keys = generateKeyPair();
  beforeAll(() => {
    mkdirSync(path.join(cache, 'dev'), { recursive: true });
    writeFileSync(path.join(cache, 'dev', 'secrets.json'), JSON.stringify({ ...keys, internalSecret: 'x'.repeat(64) }));
  });

  it('refuses with exit 3 when npm start never made the development keys', async () => {
    const { code, stdout, stderr } = await hub(['token', 'admin']);
    expect(code).toBe(EXIT.config);
    expect(stdout).toBe('');
    expect(stderr).toContain('run npm start once');
  });

  it('prints a token the development gateway accepts, with the role and scope asked for', async () => {
    const admin = await hub(['token', 'admin'], { HUB_CACHE_DIR: cache });
    expect(admin.code).toBe(EXIT.ok);
    const claims = verifyUserToken(admin.stdout.trim(), { publicKey: keys.publicKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(claims).toEqual({ sub: expect.stringMatching(/^dev:admin:[0-9a-f]{8}$/), roles: ['admin'] });
    const again = await hub(['token', 'admin'], { HUB_CACHE_DIR: cache });
    const otherClaims = verifyUserToken(again.stdout.trim(), { publicKey: keys.publicKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(otherClaims.sub).not.toBe(claims.sub);

    const staff = await hub(['token', 'municipal-staff', '--subject', 'dev:mala.naringsliv', '--municipality', '2418', '--organisation', 'org-1', '--hours', '2', '--json'], { HUB_CACHE_DIR: cache });
    expect(staff.code).toBe(EXIT.ok);
    const answer = JSON.parse(staff.stdout) as { token: string; claims: unknown; expiresAt: string };
    expect(verifyUserToken(answer.token, { publicKey: keys.publicKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE })).toEqual({
      sub: 'dev:mala.naringsliv',
      roles: ['municipal-staff'],
      municipalityCode: '2418',
      organisationId: 'org-1',
    });
    expect(answer.claims).toEqual({ sub: 'dev:mala.naringsliv', roles: ['municipal-staff'], municipalityCode: '2418', organisationId: 'org-1' });
  });

  it('refuses a scope that is not one with exit 2', async () => {
    const { code, stderr } = await hub(['token', 'municipal-staff', '--municipality', '24'], { HUB_CACHE_DIR: cache });
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('4-digit SCB code');
    expect((await hub(['token', 'admin', '--hours', 'soon'], { HUB_CACHE_DIR: cache })).code).toBe(EXIT.usage);
  });

  it('needs a token for the commands that call the gateway: exit 3 without HUB_TOKEN or development keys', async () => {
    expect((await hub(['runs'])).code).toBe(EXIT.config);
    expect((await hub(['erase', 'de7000000000000000000001'])).code).toBe(EXIT.config);
  });
});

describe('hub: the small parts', () => {
  it('formats counts, runs and enums', () => {
    const counts = { fetched: 3, created: 2, updated: 0, unchanged: 0, closed: 0, rejected: 1, exported: 0 };
    expect(formatCounts(counts)).toBe('fetched 3, created 2, rejected 1');
    const run: RunView = {
      id: 'r1', job: 'organisation-import', trigger: 'cli', status: 'failed', startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:00:02.500Z',
      durationMs: 2500, counts, rejected: [{ item: 'line 4', reason: 'no name' }], error: 'gateway refused', cursorBefore: null, cursorAfter: null, options: { file: '/tmp/a.csv' },
    };
    const text = formatRun(run);
    expect(text).toContain('organisation-import run r1: FAILED (cli, 2.5 s)');
    expect(text).toContain('line 4: no name');
    expect(text).toContain('error    gateway refused');
    expect(fromGraphEnum('ORGANISATION_IMPORT')).toBe('organisation-import');
    expect(toGraphEnum('job-ads')).toBe('JOB_ADS');
  });

  it('prints plain progress lines when stderr is no terminal, and the last one at the end', () => {
    let stderr = '';
    let now = 0;
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text), isTTY: false }, env: {}, cwd: '.' };
    const progress = createProgress(io, 'job-ads', { json: false, unit: 'items', everyMs: 1000, now: () => now });
    progress.update(1, 10);
    now = 500;
    progress.update(2, 10);
    now = 1500;
    progress.update(5, 10);
    progress.update(10, 10);
    progress.stop();
    expect(stderr.trim().split('\n')).toEqual(['hub: job-ads: 1/10 items (10%)', 'hub: job-ads: 5/10 items (50%)', 'hub: job-ads: 10/10 items (100%)']);
    expect(progressLine('erasure', 'services', 2)).toBe('erasure: 2 services');
  });

  it("finds a service's database as npm start names it", () => {
    expect(serviceMongoUrl('jobs', { HUB_CACHE_DIR: emptyCache })).toBe('mongodb://127.0.0.1:27018/hub_jobs');
    expect(serviceMongoUrl('jobs', { MONGO_URL: 'mongodb://db:27017/?replicaSet=rs0' })).toBe('mongodb://db:27017/hub_jobs?replicaSet=rs0');
    expect(serviceMongoUrl('jobs', { MONGO_URL: 'mongodb://db:27017/mine' })).toBe('mongodb://db:27017/mine');
    // a service's own URL comes before the shared one, an option before both
    const env = { MONGO_URL: 'mongodb://db:27017/', JOBS_MONGO_URL: 'mongodb://other:27017/runs' };
    expect(serviceMongoUrl('jobs', env)).toBe('mongodb://other:27017/runs');
    expect(serviceMongoUrl('matchmaking', env)).toBe('mongodb://db:27017/hub_matchmaking');
    expect(serviceMongoUrl('jobs', env, 'mongodb://given:27017/x')).toBe('mongodb://given:27017/x');
    expect(databaseOf('mongodb://u:p@db:27017/x?a=b')).toBe('x');
  });

  it("finds FerretDB's PostgreSQL where npm start left it, only for npm start's database", () => {
    const started = path.join(scratch, 'started-cache');
    mkdirSync(path.join(started, 'data'), { recursive: true });
    const state = { mongoUrl: 'mongodb://127.0.0.1:27018/', kafkaBrokers: ['127.0.0.1:19092'], postgres: { url: 'postgres://postgres@127.0.0.1:15432/ferretdb' } };
    writeFileSync(path.join(started, 'data', 'infra-state.json'), JSON.stringify(state));
    expect(ferretdbPostgresUrl('organisations', { HUB_CACHE_DIR: started })).toBe('postgres://postgres@127.0.0.1:15432/ferretdb');
    expect(ferretdbPostgresUrl('organisations', { HUB_CACHE_DIR: started, FERRETDB_POSTGRESQL_URL: 'postgres://pg:5432/f' })).toBe('postgres://pg:5432/f');
    // another database than npm start's: its PostgreSQL is not npm start's
    expect(ferretdbPostgresUrl('organisations', { HUB_CACHE_DIR: started, MONGO_URL: 'mongodb://db:27017/' })).toBeUndefined();
    expect(ferretdbPostgresUrl('organisations', { HUB_CACHE_DIR: started, ORGANISATIONS_MONGO_URL: 'mongodb://db:27017/x' })).toBeUndefined();
    expect(ferretdbPostgresUrl('organisations', { HUB_CACHE_DIR: emptyCache })).toBeUndefined();
  });

  it('tells a running service by its consumer group', () => {
    expect(groupIsActive({ state: 'Empty', members: 0 })).toBe(false);
    expect(groupIsActive({ state: 'Dead', members: 0 })).toBe(false);
    expect(groupIsActive({ state: 'Stable', members: 1 })).toBe(true);
    expect(groupIsActive({ state: 'PreparingRebalance', members: 0 })).toBe(true);
  });
});

describe('hub against a running hub (jobs, organisations and migration behind a real gateway)', () => {
  let h: Awaited<ReturnType<typeof startServices>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    h = await startServices();
    env = { HUB_GATEWAY_URL: h.gateway.url, HUB_TOKEN: h.gateway.token({ roles: ['integration'] }), MONGO_URL: h.jobsMongoUrl };
  });

  afterAll(async () => {
    await h?.stop();
  });

  const fixture = path.join(__dirname, 'fixtures', 'csv', 'organisations.csv');
  (existsSync(fixture) ? it : it.skip)('runs organisation-import once, records the run, and prints it as JSON', async () => {
    const file = path.join(scratch, 'organisations.csv');
    copyFileSync(fixture, file);
    const { code, stdout, stderr } = await hub(['run', 'organisation-import', '--file', file, '--json'], env);
    expect(stderr).not.toContain('"level":"error"');
    expect(code).toBe(EXIT.ok);
    const run = JSON.parse(stdout) as RunView;
    expect(run).toMatchObject({ job: 'organisation-import', trigger: 'cli', status: 'succeeded', error: null, options: { file } });
    expect(run.counts.fetched).toBeGreaterThan(0);
    expect(run.counts.created + run.counts.rejected).toBeGreaterThan(0);
    expect(existsSync(path.join(scratch, 'organisations.rejected.csv'))).toBe(true);
    expect(await h.jobs.models.runs.exists({ _id: run.id, trigger: 'cli' })).not.toBeNull();

    const listed = await hub(['runs', '--job', 'organisation-import', '--json'], env);
    expect(listed.code).toBe(EXIT.ok);
    const runs = JSON.parse(listed.stdout) as RunView[];
    expect(runs[0]).toEqual(run);
  });

  it('fails a run with exit 1 and prints the record with the error', async () => {
    const { code, stdout } = await hub(['run', 'organisation-import', '--file', path.join(scratch, 'missing.csv')], env);
    expect(code).toBe(EXIT.failed);
    expect(stdout).toContain('FAILED');
    expect(stdout).toContain('missing.csv');
  });

  it('lists past runs through the graph as JSON, and as a table', async () => {
    const { code, stdout } = await hub(['runs', '--limit', '50', '--json'], env);
    expect(code).toBe(EXIT.ok);
    const runs = JSON.parse(stdout) as RunView[];
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.find((run) => run.status === 'failed')).toMatchObject({ job: 'organisation-import', trigger: 'cli' });
    for (const run of runs) expect(Object.keys(run.counts)).toEqual(['fetched', 'created', 'updated', 'unchanged', 'closed', 'rejected', 'exported']);

    const filtered = JSON.parse((await hub(['runs', '--status', 'failed', '--json'], env)).stdout) as RunView[];
    expect(filtered.every((run) => run.status === 'failed')).toBe(true);
    const table = await hub(['runs', '--job', 'organisation-import'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^STARTED \(UTC\)\s+JOB\s+TRIGGER\s+STATUS/);
  });

  it('exits 1 with the gateway’s message when the token may not read runs', async () => {
    const { code, stderr } = await hub(['runs'], { ...env, HUB_TOKEN: h.gateway.token({ roles: ['public'] }) });
    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(/FORBIDDEN/);
  });

  it('exits 1 with the gateway’s message when asked to erase an id that is not one', async () => {
    const { code, stdout, stderr } = await hub(['erase', 'not-a-person-id'], { ...env, HUB_TOKEN: h.gateway.token({ roles: ['admin'] }) });
    expect(code).toBe(EXIT.failed);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/gateway refused: .*\(BAD_USER_INPUT\)/);
  });

  it('exits 1 when the gateway cannot be reached', async () => {
    const { code, stderr } = await hub(['runs'], { ...env, HUB_GATEWAY_URL: 'http://127.0.0.1:9/graphql' });
    expect(code).toBe(EXIT.failed);
    expect(stderr).toContain('cannot reach the gateway');
  });
});

describe('hub replay', () => {
  const logger = createLogger('cli-test', 'silent');
  const kafka = () => createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName('cli-test'), logger });
  beforeAll(() => ensureTopics(kafka(), [TOPICS.organisations, TOPICS.offerings, TOPICS.privacy]));

  it("deletes the read models and the group's marks, keeps what the service owns, and rewinds the group", async () => {
    const mongoUrl = uniqueDbUrl('replay_offerings');
    const groupId = uniqueName('offerings-replay');
    const connection = await connectMongo(mongoUrl, logger);
    try {
      await connection.collection('organisations').insertMany([{ _id: 'o1' as never, name: 'read model' }]);
      await connection.collection('projects').insertOne({ _id: 'p1' as never });
      await connection.collection('offerings').insertOne({ _id: 'f1' as never, owned: true });
      await connection.collection('processed_events').insertMany([{ eventId: 'e1', groupId }, { eventId: 'e1', groupId: 'someone-else' }]);
      const admin = kafka().admin();
      await admin.connect();
      // the group has read up to the end of its topics
      for (const topic of [TOPICS.organisations.name, TOPICS.privacy.name]) {
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
      }

      const declined = await hub(['replay', 'offerings', '--group', groupId, '--mongo-url', mongoUrl, '--brokers', testEndpoints().kafkaBrokers.join(',')], {}, async () => false);
      expect(declined.code).toBe(EXIT.failed);
      expect(declined.stdout).toContain('organisations (1 documents)');
      expect(await connection.collection('organisations').countDocuments()).toBe(1);

      const { code, stdout } = await hub(['replay', 'offerings', '--yes', '--json', '--group', groupId, '--mongo-url', mongoUrl, '--brokers', testEndpoints().kafkaBrokers.join(',')]);
      expect(code).toBe(EXIT.ok);
      expect(JSON.parse(stdout)).toMatchObject({ service: 'offerings', groupId, processedEventsDeleted: 1, readModelsDeleted: [{ collection: 'organisations', documents: 1 }, { collection: 'projects', documents: 1 }] });
      expect(await connection.collection('organisations').countDocuments()).toBe(0);
      expect(await connection.collection('projects').countDocuments()).toBe(0);
      expect(await connection.collection('offerings').countDocuments()).toBe(1);
      expect(await connection.collection('processed_events').find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ eventId: 'e1', groupId: 'someone-else' }]);
      for (const topic of [TOPICS.organisations.name, TOPICS.privacy.name]) {
        const low = new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, low: offset }) => [partition, offset]));
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const { partition, offset } of committed?.partitions ?? []) expect(offset).toBe(low.get(partition));
      }
      await admin.disconnect();
    } finally {
      await connection.close();
    }
  });

  it('refuses while the service runs (its consumer group has members), with exit 1, and changes nothing', async () => {
    const mongoUrl = uniqueDbUrl('replay_matchmaking');
    const groupId = uniqueName('matchmaking-replay');
    const consumer = kafka().consumer({ groupId });
    const connection = await connectMongo(mongoUrl, logger);
    try {
      await connection.collection('offerings').insertOne({ _id: 'f1' as never });
      await consumer.connect();
      await consumer.subscribe({ topics: [TOPICS.offerings.name] });
      let joined = false;
      consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
      await consumer.run({ eachMessage: async () => undefined });
      while (!joined) await new Promise((resolve) => setTimeout(resolve, 100));

      const { code, stderr } = await hub(['replay', 'matchmaking', '--yes', '--group', groupId, '--mongo-url', mongoUrl, '--brokers', testEndpoints().kafkaBrokers.join(',')]);
      expect(code).toBe(EXIT.failed);
      expect(stderr).toContain('matchmaking is running');
      expect(stderr).toContain('Stop the matchmaking service first');
      expect(await connection.collection('offerings').countDocuments()).toBe(1);
    } finally {
      await consumer.disconnect();
      await connection.close();
    }
  });

  it('needs --yes when there is no terminal to ask', async () => {
    const { code, stderr } = await hub(['replay', 'migration', '--brokers', '127.0.0.1:9']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('--yes');
  });
});

/** The jobs service with the two the jobs touch (organisations, migration), behind a real gateway, as deployed. */
async function startServices() {
  const logger = createLogger('cli-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const env = (name: string) => ({
    NODE_ENV: 'test',
    PORT: '0',
    KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
    GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey,
    MONGO_URL: uniqueDbUrl(`cli_${name}`),
    CONSUMER_GROUP: uniqueName(`${name}-cli-test`),
  });
  const organisations = await createOrganisationsApp(loadOrganisationsConfig(env('organisations')), logger);
  const migration = await createMigrationApp(loadMigrationConfig(env('migration')), logger);
  const jobsEnv = env('jobs');
  const jobs = await createApp(loadJobsConfig({ ...jobsEnv, HUB_INTEGRATION_TOKEN: 'unused-here' }), logger);
  const gateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'migration', schemaPath: MIGRATION_SCHEMA_PATH, app: migration.app },
      { name: 'jobs', schemaPath: SCHEMA_PATH, app: jobs.app },
    ],
    logger,
  );
  return {
    jobs,
    jobsMongoUrl: jobsEnv.MONGO_URL,
    gateway,
    stop: async () => {
      await gateway.stop();
      await jobs.stop();
      await migration.stop();
      await organisations.stop();
    },
  };
}
