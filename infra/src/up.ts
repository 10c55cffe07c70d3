// The whole hub on this machine: Kafka and FerretDB (provisioned if not cached), every service, the demo data,
// the development identity provider and the gateway, then the GraphQL URL, the fictional users who can sign in and a
// development token per role. Ctrl-C stops what this started.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateGatewayKeyPair, generateKeyPair, ROLES, signUserToken, type HubClaims, type Role } from '@hub/shared/auth';
import { externalInfrastructure, withDatabase, type InfrastructureEndpoints } from './external';
import { DEV_PORTS, STATE_FILE_NAME, infrastructureStatus, provisionInfrastructure, readState, startInfrastructure, stopInfrastructure } from './infrastructure';
import { nodeRuntimeEnv } from './node-runtime';
import { cacheDir, repoRoot } from './paths';

/** The development keys' issuer: tokens from `hub token` and the ones printed below. */
const DEV_ISSUER = 'region10-hub-dev';
const AUDIENCE = 'region10-hub-graph';
const ports = {
  organisations: Number(process.env.ORGANISATIONS_PORT ?? 4001),
  offerings: Number(process.env.OFFERINGS_PORT ?? 4002),
  matchmaking: Number(process.env.MATCHMAKING_PORT ?? 4003),
  migration: Number(process.env.MIGRATION_PORT ?? 4004),
  jobs: Number(process.env.JOBS_PORT ?? 4005),
  identity: Number(process.env.IDENTITY_PORT ?? 4006),
  gateway: Number(process.env.GATEWAY_PORT ?? 4000),
  web: Number(process.env.WEB_PORT ?? 5173),
};

interface DevSecrets {
  /** The development issuer's key pair (`hub token`). */
  publicKey: string;
  privateKey: string;
  /** The gateway's key pair for the claims it forwards to the subgraphs. */
  gateway: { publicKey: string; privateKey: string };
  /** The integration jobs' client secret at the identity provider. */
  jobsClientSecret: string;
}

/** Development keys are made once and kept in the ignored cache, so tokens printed earlier stay valid. */
function devSecrets(): DevSecrets {
  const file = path.join(cacheDir(), 'dev', 'secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>;
    // a file from before the identity provider lacks the gateway's keys: those are added, the issuer's kept
    if (kept.publicKey && kept.privateKey && kept.gateway && kept.jobsClientSecret) return kept as DevSecrets;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>) : {};
  const issuerKeys = previous.publicKey && previous.privateKey ? { publicKey: previous.publicKey, privateKey: previous.privateKey } : generateKeyPair();
  const secrets: DevSecrets = { ...issuerKeys, gateway: generateGatewayKeyPair(), jobsClientSecret: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function log(line: string): void {
  process.stderr.write(`hub: ${line}\n`);
}

async function infrastructure(): Promise<{ endpoints: InfrastructureEndpoints; stop?: () => Promise<void> }> {
  const external = externalInfrastructure();
  if (external) {
    log('using MONGO_URL and KAFKA_BROKERS from the environment; nothing provisioned');
    return { endpoints: external };
  }
  const dataDir = path.join(cacheDir(), 'data');
  const stateFile = path.join(dataDir, STATE_FILE_NAME);
  if (existsSync(stateFile) && (await infrastructureStatus(stateFile)).every((server) => server.running && server.answering)) {
    log(`reusing the servers already running (${stateFile}); they stay up after Ctrl-C`);
    const state = readState(stateFile);
    return { endpoints: { ...state, postgresUrl: state.postgres.url } };
  }
  await provisionInfrastructure();
  if (existsSync(stateFile)) await stopInfrastructure(stateFile);
  const running = await startInfrastructure({ dataDir, kafkaPort: DEV_PORTS.kafka, kafkaControllerPort: DEV_PORTS.kafkaController, mongoPort: DEV_PORTS.mongo, postgresPort: DEV_PORTS.postgres });
  return { endpoints: running, stop: () => running.stop() };
}

function startProcess(name: string, script: string, env: NodeJS.ProcessEnv, children: ChildProcess[]): ChildProcess {
  const child = spawn(process.execPath, [script], { cwd: repoRoot, env: { ...process.env, ...nodeRuntimeEnv(), ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) log(`${name} exited (${signal ?? code}); stopping the hub`);
    if (!stopping) void shutdown(1);
  });
  children.push(child);
  return child;
}

function runToEnd(name: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} failed with exit code ${code}`))));
  });
}

async function waitReady(name: string, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

const children: ChildProcess[] = [];
let stopInfra: (() => Promise<void>) | undefined;
let stopping = false;
let stopped: Promise<never> | undefined;

/** SIGTERM, resolved once it has exited; each service stops its consumers, relay and HTTP server (10 s at most). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = once(child, 'exit').then(() => undefined);
  child.kill('SIGTERM');
  return exited;
}

/** Every process at once (at a terminal, Ctrl-C has already reached them all), then the servers this started. */
function shutdown(code: number): Promise<never> {
  stopping = true;
  stopped ??= (async () => {
    log('stopping');
    const started = Date.now();
    await Promise.all(children.map(stopChild));
    if (stopInfra) await stopInfra();
    log(`stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(code);
  })();
  return stopped;
}

function devToken(secrets: DevSecrets, subject: string, role: Role, scope: Partial<HubClaims>): string {
  return signUserToken({ sub: subject, roles: [role], ...scope }, { privateKey: secrets.privateKey, issuer: DEV_ISSUER, audience: AUDIENCE, expiresIn: '12h' });
}

interface DirectoryEntry {
  sub: string;
  username: string;
  name: string;
  roles: Role[];
  municipalityCode?: string;
  organisationId?: string;
}

/** The fictional users the identity provider's seed wrote, as the table printed at the end shows them. */
/** The password every fictional user of the development provider signs in with. */
const DEMO_PASSWORD = 'region10-demo';

function readDirectory(dataDir: string): DirectoryEntry[] {
  return (JSON.parse(readFileSync(path.join(dataDir, 'directory.json'), 'utf8')) as { users: DirectoryEntry[] }).users;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const secrets = devSecrets();
  const infra = await infrastructure();
  stopInfra = infra.stop;
  const { mongoUrl, kafkaBrokers, postgresUrl } = infra.endpoints;
  const identityUrl = `http://127.0.0.1:${ports.identity}`;
  const webOrigin = `http://127.0.0.1:${ports.web}`;
  const identityDataDir = path.join(cacheDir(), 'dev', 'identity');
  const gatewayKey = { GATEWAY_PUBLIC_KEY: secrets.gateway.publicKey };
  // every service's database settings: its own database, and FerretDB's PostgreSQL for its GIN indexes
  const database = (name: string) => ({ MONGO_URL: withDatabase(mongoUrl, name), ...(postgresUrl ? { FERRETDB_POSTGRESQL_URL: postgresUrl } : {}) });

  const organisationsEnv = {
    NODE_ENV: 'development', PORT: String(ports.organisations), ...database('hub_organisations'),
    KAFKA_BROKERS: kafkaBrokers.join(','), ...gatewayKey,
  };
  startProcess('organisations', 'services/organisations/dist/main.js', organisationsEnv, children);
  startProcess('offerings', 'services/offerings/dist/main.js', {
    NODE_ENV: 'development', PORT: String(ports.offerings), ...database('hub_offerings'),
    KAFKA_BROKERS: kafkaBrokers.join(','), ...gatewayKey,
  }, children);
  startProcess('matchmaking', 'services/matchmaking/dist/main.js', {
    NODE_ENV: 'development', PORT: String(ports.matchmaking), ...database('hub_matchmaking'),
    KAFKA_BROKERS: kafkaBrokers.join(','), ...gatewayKey,
  }, children);
  startProcess('migration', 'services/migration/dist/main.js', {
    NODE_ENV: 'development', PORT: String(ports.migration), ...database('hub_migration'),
    KAFKA_BROKERS: kafkaBrokers.join(','), ...gatewayKey,
  }, children);
  await waitReady('organisations', `http://127.0.0.1:${ports.organisations}/ready`);
  await waitReady('offerings', `http://127.0.0.1:${ports.offerings}/ready`);
  await waitReady('matchmaking', `http://127.0.0.1:${ports.matchmaking}/ready`);
  // no schedules here: the sources (JobTech, Vinnova) are on the internet; `hub run <job>` runs one against a URL you give
  startProcess('jobs', 'services/jobs/dist/main.js', {
    NODE_ENV: 'development', PORT: String(ports.jobs), ...database('hub_jobs'), ...gatewayKey,
    // the jobs sign in at the identity provider with client credentials, once it is up (when a job first runs)
    HUB_GATEWAY_URL: `http://127.0.0.1:${ports.gateway}/graphql`, HUB_OIDC_ISSUER: identityUrl, HUB_CLIENT_SECRET: secrets.jobsClientSecret,
  }, children);
  await waitReady('migration', `http://127.0.0.1:${ports.migration}/ready`);
  await waitReady('jobs', `http://127.0.0.1:${ports.jobs}/ready`);
  log('seeding the demo organisations');
  await runToEnd('seed', 'services/organisations/dist/seed.js', { ...organisationsEnv, LOG_LEVEL: 'warn' });

  startProcess('gateway', 'gateway/dist/main.js', {
    NODE_ENV: 'development', PORT: String(ports.gateway), CORS_ORIGINS: webOrigin,
    AUTH_ISSUERS: JSON.stringify([
      { issuer: DEV_ISSUER, audience: AUDIENCE, publicKey: secrets.publicKey },
      { issuer: identityUrl, audience: AUDIENCE, claims: { roles: 'roles', organisationId: 'organisation_id', municipalityCode: 'municipality_code' } },
    ]),
    GATEWAY_SIGNING_KEY: secrets.gateway.privateKey, SUBGRAPH_ORGANISATIONS_URL: `http://127.0.0.1:${ports.organisations}/graphql`,
    SUBGRAPH_OFFERINGS_URL: `http://127.0.0.1:${ports.offerings}/graphql`, SUBGRAPH_MATCHMAKING_URL: `http://127.0.0.1:${ports.matchmaking}/graphql`,
    SUBGRAPH_MIGRATION_URL: `http://127.0.0.1:${ports.migration}/graphql`, SUBGRAPH_JOBS_URL: `http://127.0.0.1:${ports.jobs}/graphql`,
  }, children);
  await waitReady('gateway', `http://127.0.0.1:${ports.gateway}/ready`);

  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  const admin = devToken(secrets, 'dev:seed', 'admin', {});
  // offerings are seeded through the gateway, like any integration client
  log('seeding the demo offerings');
  await runToEnd('offerings seed', 'services/offerings/dist/seed.js', { HUB_GATEWAY_URL: gatewayUrl, HUB_SEED_TOKEN: admin, LOG_LEVEL: 'warn' });
  log('seeding the demo needs analyses');
  await runToEnd('matchmaking seed', 'services/matchmaking/dist/seed.js', { HUB_GATEWAY_URL: gatewayUrl, HUB_SEED_TOKEN: admin, LOG_LEVEL: 'warn' });
  log('seeding the demo vacancies and fictional candidates');
  await runToEnd('migration seed', 'services/migration/dist/seed.js', { HUB_GATEWAY_URL: gatewayUrl, HUB_SEED_TOKEN: admin, LOG_LEVEL: 'warn' });
  log('writing the identity provider\'s fictional users');
  await runToEnd('identity seed', 'services/identity/dist/seed.js', { HUB_GATEWAY_URL: gatewayUrl, HUB_SEED_TOKEN: admin, IDENTITY_DATA_DIR: identityDataDir, DEMO_PASSWORD, LOG_LEVEL: 'warn' });
  startProcess('identity', 'services/identity/dist/main.js', {
    NODE_ENV: 'development', PORT: String(ports.identity), ISSUER: identityUrl, IDENTITY_DATA_DIR: identityDataDir,
    HUB_AUDIENCE: AUDIENCE, JOBS_CLIENT_SECRET: secrets.jobsClientSecret,
    WEB_REDIRECT_URIS: `${webOrigin}/callback`, WEB_POST_LOGOUT_REDIRECT_URIS: `${webOrigin}/`,
  }, children);
  await waitReady('identity', `${identityUrl}/ready`);
  startProcess('web', 'services/web/dist/server/main.js', {
    NODE_ENV: 'development', PORT: String(ports.web), OIDC_ISSUER: identityUrl, GRAPHQL_URL: gatewayUrl,
  }, children);
  await waitReady('web', `${webOrigin}/ready`);

  const users = readDirectory(identityDataDir);
  // the printed tokens are those of one fictional user per role, so each carries that person's own subject
  const tokenHolders: Record<Role, string> = {
    public: 'besokare', 'partner-staff': 'almi.radgivare', 'municipal-staff': 'mala.naringsliv',
    'migration-officer': 'sorsele.inflytt', integration: 'integration.drift', admin: 'hub.admin',
  };
  const tokenLines = ROLES.map((role) => {
    const holder = users.find((user) => user.username === tokenHolders[role]);
    const scope = { ...(holder?.organisationId && { organisationId: holder.organisationId }), ...(holder?.municipalityCode && { municipalityCode: holder.municipalityCode }) };
    return `  ${role.padEnd(18)} ${devToken(secrets, holder?.sub ?? `dev:${role}`, role, scope)}`;
  });
  const userLines = users.map((user) => `  ${user.username.padEnd(22)} ${user.roles.join(', ').padEnd(18)} ${user.municipalityCode ?? ''}`.trimEnd());
  process.stdout.write(
    [
      '',
      `Region 10 hub is up. Web client: ${webOrigin}/ (sign in as one of the users below)`,
      `GraphQL: ${gatewayUrl} (the IDE opens there in a browser)`,
      `Identity provider (development, OpenID Connect): ${identityUrl}`,
      `Fictional users, all with the password "${DEMO_PASSWORD}"; sign in from a terminal with \`npx hub login\`:`,
      ...userLines,
      'Development tokens, valid 12 h (send as "Authorization: Bearer <token>"):',
      '  partner-staff is Almi Företagspartner Nord; municipal-staff is Malå\'s office (2418); migration-officer is Sorsele (2422)',
      ...tokenLines,
      '',
      'Press Ctrl-C to stop everything this command started.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  void shutdown(1);
});
