// docker-compose.yml cannot be run here (no Docker), so its shape is checked: the servers' settings, and every
// app container with its command, port, health check and the variables its config requires.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

const ORGANISATIONS_ENV = {
  NODE_ENV: 'production',
  PORT: '4001',
  HOST: '0.0.0.0',
  MONGO_URL: 'mongodb://mongo:27017/hub_organisations?replicaSet=rs0',
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
    dependsOnHealthy: ['mongo', 'kafka'],
    env: { ...ORGANISATIONS_ENV, INTERNAL_AUTH_SECRET: SECRET },
  },
  {
    name: 'offerings',
    command: 'node services/offerings/dist/main.js',
    port: 4002,
    dependsOnHealthy: ['mongo', 'kafka'],
    env: {
      NODE_ENV: 'production',
      PORT: '4002',
      HOST: '0.0.0.0',
      MONGO_URL: 'mongodb://mongo:27017/hub_offerings?replicaSet=rs0',
      KAFKA_BROKERS: 'kafka:9092',
      INTERNAL_AUTH_SECRET: SECRET,
    },
  },
  {
    name: 'matchmaking',
    command: 'node services/matchmaking/dist/main.js',
    port: 4003,
    dependsOnHealthy: ['mongo', 'kafka'],
    env: {
      NODE_ENV: 'production',
      PORT: '4003',
      HOST: '0.0.0.0',
      MONGO_URL: 'mongodb://mongo:27017/hub_matchmaking?replicaSet=rs0',
      KAFKA_BROKERS: 'kafka:9092',
      INTERNAL_AUTH_SECRET: SECRET,
    },
  },
  {
    name: 'migration',
    command: 'node services/migration/dist/main.js',
    port: 4004,
    dependsOnHealthy: ['mongo', 'kafka'],
    env: {
      NODE_ENV: 'production',
      PORT: '4004',
      HOST: '0.0.0.0',
      MONGO_URL: 'mongodb://mongo:27017/hub_migration?replicaSet=rs0',
      KAFKA_BROKERS: 'kafka:9092',
      INTERNAL_AUTH_SECRET: SECRET,
    },
  },
  {
    name: 'jobs',
    command: 'node services/jobs/dist/main.js',
    port: 4005,
    dependsOnHealthy: ['mongo'],
    env: {
      NODE_ENV: 'production',
      PORT: '4005',
      HOST: '0.0.0.0',
      MONGO_URL: 'mongodb://mongo:27017/hub_jobs?replicaSet=rs0',
      HUB_GATEWAY_URL: 'http://gateway:4000/graphql',
      HUB_INTEGRATION_TOKEN: SECRET,
      // a default for users with internet access; override it or set it empty for none
      JOB_SCHEDULES: '${JOB_SCHEDULES:-job-ads=*/15 * * * *;funding-calls=0 6 * * *}',
      JOBTECH_API_KEY: OPTIONAL,
      INTERNAL_AUTH_SECRET: SECRET,
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
    env: { ...ORGANISATIONS_ENV, INTERNAL_AUTH_SECRET: SECRET },
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
      AUTH_ISSUER: SECRET,
      AUTH_AUDIENCE: SECRET,
      AUTH_PUBLIC_KEY: SECRET,
      INTERNAL_AUTH_SECRET: SECRET,
      CORS_ORIGINS: OPTIONAL,
    },
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
