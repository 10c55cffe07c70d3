// docker-compose.yml cannot be run here (no Docker), so its shape is checked: the servers' settings, and every
// app container with its command, port, health check and the variables its config requires.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FERRETDB_GO_RUNTIME } from '../src/ferretdb';

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  env_file?: string | string[];
  profiles?: string[];
  deploy?: { replicas?: string | number };
  volumes?: string[];
}

const compose = parse(readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** A service's database: MongoDB by default, FerretDB and its PostgreSQL under infra/compose/ferretdb.env. */
const databaseEnv = (database: string) => ({
  MONGO_URL: `mongodb://\${HUB_DATABASE_HOST:-mongo}:27017/${database}?\${HUB_DATABASE_OPTIONS:-replicaSet=rs0}`,
  FERRETDB_POSTGRESQL_URL: '${FERRETDB_POSTGRESQL_URL:-}',
});
const ORGANISATIONS_ENV = {
  NODE_ENV: 'production',
  PORT: '4001',
  HOST: '0.0.0.0',
  ...databaseEnv('hub_organisations'),
  KAFKA_BROKERS: 'kafka:9092',
};
const SECRET = Symbol('secret: must come from the environment as ${NAME:?message}');
const OPTIONAL = Symbol('optional: taken from the environment as ${NAME:-}, empty when unset');
type Expected = string | typeof SECRET | typeof OPTIONAL;

/** One line per app container. `port: null` for one-shot jobs (no port, no health check). */
interface App {
  name: string;
  command: string;
  port: number | null;
  dependsOnHealthy: string[];
  env: Record<string, Expected>;
}
const APPS: App[] = [
  {
    name: 'organisations',
    command: 'node services/organisations/dist/main.js',
    port: 4001,
    dependsOnHealthy: ['kafka'],
    env: { ...ORGANISATIONS_ENV, GATEWAY_PUBLIC_KEY: SECRET },
  },
  {
    name: 'offerings',
    command: 'node services/offerings/dist/main.js',
    port: 4002,
    dependsOnHealthy: ['kafka'],
    env: {
      NODE_ENV: 'production',
      PORT: '4002',
      HOST: '0.0.0.0',
      ...databaseEnv('hub_offerings'),
      KAFKA_BROKERS: 'kafka:9092',
      GATEWAY_PUBLIC_KEY: SECRET,
    },
  },
  {
    name: 'matchmaking',
    command: 'node services/matchmaking/dist/main.js',
    port: 4003,
    dependsOnHealthy: ['kafka'],
    env: {
      NODE_ENV: 'production',
      PORT: '4003',
      HOST: '0.0.0.0',
      ...databaseEnv('hub_matchmaking'),
      KAFKA_BROKERS: 'kafka:9092',
      GATEWAY_PUBLIC_KEY: SECRET,
    },
  },
  {
    name: 'migration',
    command: 'node services/migration/dist/main.js',
    port: 4004,
    dependsOnHealthy: ['kafka'],
    env: {
      NODE_ENV: 'production',
      PORT: '4004',
      HOST: '0.0.0.0',
      ...databaseEnv('hub_migration'),
      KAFKA_BROKERS: 'kafka:9092',
      GATEWAY_PUBLIC_KEY: SECRET,
    },
  },
  {
    name: 'jobs',
    command: 'node services/jobs/dist/main.js',
    port: 4005,
    dependsOnHealthy: [],
    env: {
      NODE_ENV: 'production',
      PORT: '4005',
      HOST: '0.0.0.0',
      ...databaseEnv('hub_jobs'),
      HUB_GATEWAY_URL: 'http://gateway:4000/graphql',
      HUB_OIDC_ISSUER: SECRET,
      HUB_CLIENT_ID: '${HUB_CLIENT_ID:-hub-jobs}',
      HUB_CLIENT_SECRET: SECRET,
      // a default for users with internet access; override it or set it empty for none
      JOB_SCHEDULES: '${JOB_SCHEDULES:-job-ads=*/15 * * * *;funding-calls=0 6 * * *}',
      JOBTECH_API_KEY: OPTIONAL,
      GATEWAY_PUBLIC_KEY: SECRET,
    },
  },
  {
    name: 'seed-matchmaking',
    command: 'node services/matchmaking/dist/seed.js',
    port: null,
    dependsOnHealthy: ['gateway'],
    env: { HUB_GATEWAY_URL: 'http://gateway:4000/graphql', HUB_SEED_TOKEN: OPTIONAL },
  },
  {
    name: 'seed-migration',
    command: 'node services/migration/dist/seed.js',
    port: null,
    dependsOnHealthy: ['gateway'],
    env: { HUB_GATEWAY_URL: 'http://gateway:4000/graphql', HUB_SEED_TOKEN: OPTIONAL },
  },
  {
    name: 'seed-offerings',
    command: 'node services/offerings/dist/seed.js',
    port: null,
    dependsOnHealthy: ['gateway'],
    env: { HUB_GATEWAY_URL: 'http://gateway:4000/graphql', HUB_SEED_TOKEN: OPTIONAL },
  },
  {
    name: 'seed',
    command: 'node services/organisations/dist/seed.js',
    port: null,
    dependsOnHealthy: ['organisations'],
    env: { ...ORGANISATIONS_ENV, GATEWAY_PUBLIC_KEY: SECRET },
  },
  {
    name: 'gateway',
    command: 'node gateway/dist/main.js',
    port: 4000,
    dependsOnHealthy: ['organisations', 'offerings', 'matchmaking', 'migration', 'jobs'],
    env: {
      NODE_ENV: 'production',
      PORT: '4000',
      HOST: '0.0.0.0',
      SUBGRAPH_ORGANISATIONS_URL: 'http://organisations:4001/graphql',
      SUBGRAPH_OFFERINGS_URL: 'http://offerings:4002/graphql',
      SUBGRAPH_MATCHMAKING_URL: 'http://matchmaking:4003/graphql',
      SUBGRAPH_MIGRATION_URL: 'http://migration:4004/graphql',
      SUBGRAPH_JOBS_URL: 'http://jobs:4005/graphql',
      AUTH_ISSUERS: SECRET,
      GATEWAY_SIGNING_KEY: SECRET,
      CORS_ORIGINS: '${CORS_ORIGINS:-http://localhost:5173}',
    },
  },
  {
    name: 'web',
    command: 'node services/web/dist/server/main.js',
    port: 5173,
    dependsOnHealthy: ['gateway'],
    env: { NODE_ENV: 'production', PORT: '5173', HOST: '0.0.0.0', OIDC_ISSUER: SECRET, GRAPHQL_URL: 'http://localhost:4000/graphql' },
  },
];

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

describe('docker-compose.yml servers', () => {
  it('runs mongo:7 as a replica set that initiates itself and is healthy once primary', () => {
    const mongo = service('mongo');
    expect(mongo.image).toBe('mongo:7');
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0', '--bind_ip_all']));
    const check = mongo.healthcheck?.test.join(' ') ?? '';
    expect(check).toContain("rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] })");
    expect(check).toContain('isWritablePrimary');
  });

  it('runs apache/kafka:3.9.2 as one KRaft node with an internal listener and auto-create off', () => {
    const kafka = service('kafka');
    expect(kafka.image).toBe('apache/kafka:3.9.2');
    expect(kafka.environment).toMatchObject({
      KAFKA_NODE_ID: 1,
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1,
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: 1,
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1,
    });
    expect(String(kafka.environment?.KAFKA_ADVERTISED_LISTENERS).split(',')).toContain('INTERNAL://kafka:9092');
    expect(kafka.healthcheck?.test.join(' ')).toContain('--bootstrap-server kafka:9092');
  });
});

/** Compose's interpolation of `${NAME}`, `${NAME:-default}` and `${NAME:?error}` (the forms this file uses). */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, rest = '') => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return kind === '-' ? rest : '';
  });
}

/** An env file's assignments, each interpolated with what came before (as compose reads them). */
function envFile(file: string, base: Record<string, string>): Record<string, string> {
  const env = { ...base };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = interpolate(match[2]!, env);
  }
  return env;
}

const DATABASE_APPS = ['organisations', 'offerings', 'matchmaking', 'migration', 'jobs'];

describe('docker-compose.yml databases', () => {
  const secrets = { POSTGRES_PASSWORD: 'pw' };

  it('runs every service on MongoDB 7 by default, with no FerretDB storage', () => {
    expect(interpolate(String(service('mongo').deploy?.replicas), secrets)).toBe('1');
    for (const name of DATABASE_APPS) {
      const env = service(name).environment!;
      expect(interpolate(String(env.MONGO_URL), secrets)).toBe(`mongodb://mongo:27017/hub_${name}?replicaSet=rs0`);
      expect(interpolate(String(env.FERRETDB_POSTGRESQL_URL), secrets)).toBe('');
      expect(service(name).depends_on?.mongo).toEqual({ condition: 'service_healthy', required: false });
    }
  });

  it('keeps FerretDB and PostgreSQL out unless the ferretdb profile is on', () => {
    expect(service('postgres').profiles).toEqual(['ferretdb']);
    expect(service('ferretdb').profiles).toEqual(['ferretdb']);
    expect(service('mongo').profiles).toBeUndefined();
  });

  it('runs every service on FerretDB over PostgreSQL 15 with infra/compose/ferretdb.env, and no MongoDB', () => {
    const env = envFile(path.join(__dirname, '..', 'compose', 'ferretdb.env'), secrets);
    expect(env.COMPOSE_PROFILES).toBe('ferretdb');
    expect(interpolate(String(service('mongo').deploy?.replicas), env)).toBe('0');
    for (const name of DATABASE_APPS) {
      const appEnv = service(name).environment!;
      expect(interpolate(String(appEnv.MONGO_URL), env)).toBe(`mongodb://ferretdb:27017/hub_${name}?directConnection=true`);
      expect(interpolate(String(appEnv.FERRETDB_POSTGRESQL_URL), env)).toBe('postgres://postgres:pw@postgres:5432/ferretdb');
      expect(service(name).depends_on?.ferretdb).toEqual({ condition: 'service_started', required: false });
    }
    const ferretdb = service('ferretdb');
    expect(ferretdb.image).toBe('ghcr.io/ferretdb/ferretdb:1.24.2');
    expect(ferretdb.environment).toMatchObject({ FERRETDB_HANDLER: 'postgresql', ...FERRETDB_GO_RUNTIME });
    expect(interpolate(String(ferretdb.environment?.FERRETDB_POSTGRESQL_URL), env)).toBe('postgres://postgres:pw@postgres:5432/ferretdb');
    expect(ferretdb.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
  });

  it('runs PostgreSQL 15 planning each prepared statement for its parameters, with a volume for pg_dump backups', () => {
    const postgres = service('postgres');
    expect(postgres.image).toBe('postgres:15');
    expect(postgres.command?.join(' ')).toContain('plan_cache_mode=force_custom_plan');
    expect(postgres.environment).toMatchObject({ POSTGRES_DB: 'ferretdb', POSTGRES_USER: 'postgres' });
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
  });
});

describe.each(APPS)('docker-compose.yml service $name', ({ name, command, port, dependsOnHealthy, env }) => {
  const app = service(name);

  it('runs the shared image with its command', () => {
    expect(app.build).toBe('.');
    expect(app.image).toBe('region10-hub:local');
    expect(app.command?.join(' ')).toBe(command);
  });

  it('starts after its dependencies are healthy', () => {
    for (const dependency of dependsOnHealthy) {
      expect(app.depends_on?.[dependency]).toEqual({ condition: 'service_healthy' });
    }
    for (const database of ['mongo', 'ferretdb']) {
      if (DATABASE_APPS.includes(name)) expect(app.depends_on?.[database]?.required).toBe(false);
    }
  });

  it(port === null ? 'runs with Node\'s defaults, as the one-shot job it is' : 'runs with the Node runtime settings npm start and the benchmarks use', () => {
    expect(app.env_file).toEqual(port === null ? undefined : 'infra/node-runtime.env');
  });

  it(port === null ? 'has no port and no health check' : `offers port ${port} with a /health check`, () => {
    if (port === null) {
      expect(app.ports ?? app.expose).toBeUndefined();
      expect(app.healthcheck).toBeUndefined();
      return;
    }
    const offered = [...(app.ports ?? []), ...(app.expose ?? [])];
    expect(offered).toContainEqual(expect.stringMatching(new RegExp(`(^|:)${port}$`)));
    expect(app.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health`);
  });

  it.each(Object.entries(env))('sets %s', (variable, expected) => {
    const value = app.environment?.[variable];
    if (expected === SECRET) {
      expect(value).toMatch(new RegExp(`^\\$\\{${variable}:\\?.+\\}$`));
    } else if (expected === OPTIONAL) {
      expect(value).toBe(`\${${variable}:-}`);
    } else {
      expect(value).toBe(expected);
    }
  });
});
