import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigMissingError, UsageError } from './exit-codes';

/** The repository root: this module sits four levels below it (services/jobs/src/cli or services/jobs/dist/cli). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The same defaults `npm start` uses (infra/src/up.ts, infra/src/infrastructure.ts DEV_PORTS). */
export const DEV_DEFAULTS = {
  gatewayUrl: 'http://127.0.0.1:4000/graphql',
  /** FerretDB of `npm start`, as the provisioned URL has it. */
  mongoUrl: 'mongodb://127.0.0.1:27018/',
  kafkaBrokers: ['127.0.0.1:19092'],
} as const;

/** Where `npm start` keeps its development keys and server state; HUB_CACHE_DIR moves it, as for the infra scripts. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  return env.HUB_CACHE_DIR ? path.resolve(env.HUB_CACHE_DIR) : path.join(REPO_ROOT, '.cache');
}

export function devSecretsFile(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'dev', 'secrets.json');
}

export function gatewayUrl(env: NodeJS.ProcessEnv): string {
  const url = env.HUB_GATEWAY_URL?.trim() || DEV_DEFAULTS.gatewayUrl;
  if (!/^https?:\/\/\S+$/.test(url)) throw new ConfigMissingError(`HUB_GATEWAY_URL is not an http(s) URL: ${url}`);
  return url;
}

interface LocalServers {
  mongoUrl: string;
  kafkaBrokers: string[];
  /** The PostgreSQL FerretDB stores in, when the local servers have one. */
  postgresUrl?: string;
}

/** The servers `npm start` / `npm run infra:start` left running, from their state file, if any. */
function localServers(env: NodeJS.ProcessEnv): LocalServers | undefined {
  const file = path.join(cacheDir(env), 'data', 'infra-state.json');
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalServers> & { postgres?: { url?: unknown } };
    if (typeof state.mongoUrl === 'string' && Array.isArray(state.kafkaBrokers)) {
      const postgresUrl = state.postgres?.url;
      return { mongoUrl: state.mongoUrl, kafkaBrokers: state.kafkaBrokers, ...(typeof postgresUrl === 'string' ? { postgresUrl } : {}) };
    }
  } catch {
    // an unreadable state file: fall back to the fixed development ports
  }
  return undefined;
}

/**
 * A service's database: `explicit` (an option), else `<SERVICE>_MONGO_URL` (JOBS_MONGO_URL, …), else MONGO_URL, else
 * the local development server. A URL that names no database gets `hub_<service>`, as `npm start` gives each service
 * its own.
 */
export function serviceMongoUrl(service: string, env: NodeJS.ProcessEnv, explicit?: string): string {
  const own = env[`${service.toUpperCase()}_MONGO_URL`]?.trim();
  const url = explicit?.trim() || own || env.MONGO_URL?.trim() || localServers(env)?.mongoUrl || DEV_DEFAULTS.mongoUrl;
  if (!/^mongodb(\+srv)?:\/\/\S+$/.test(url)) throw new ConfigMissingError(`not a mongodb:// URL: ${redactUrl(url)}`);
  return databaseOf(url) ? url : withDatabase(url, `hub_${service}`);
}

/**
 * The PostgreSQL under FerretDB, for the indexes a service adds when it starts: FERRETDB_POSTGRESQL_URL, else, when the
 * service's database is npm start's (no MONGO_URL given), npm start's PostgreSQL; undefined on MongoDB.
 */
export function ferretdbPostgresUrl(service: string, env: NodeJS.ProcessEnv): string | undefined {
  const given = env.FERRETDB_POSTGRESQL_URL?.trim();
  if (given) return given;
  if (env[`${service.toUpperCase()}_MONGO_URL`]?.trim() || env.MONGO_URL?.trim()) return undefined;
  return localServers(env)?.postgresUrl;
}

export function kafkaBrokers(env: NodeJS.ProcessEnv, explicit?: string): string[] {
  const text = explicit?.trim() || env.KAFKA_BROKERS?.trim();
  const brokers = text ? text.split(',').map((broker) => broker.trim()).filter(Boolean) : (localServers(env)?.kafkaBrokers ?? [...DEV_DEFAULTS.kafkaBrokers]);
  if (brokers.length === 0 || !brokers.every((broker) => /^[^\s:]+:\d+$/.test(broker))) {
    throw new UsageError(`expected Kafka brokers as host:port[,host:port…], got ${text}`);
  }
  return brokers;
}

/** The database a mongodb:// URL names, or undefined. */
export function databaseOf(url: string): string | undefined {
  const afterScheme = url.slice(url.indexOf('://') + 3);
  const slash = afterScheme.indexOf('/');
  if (slash < 0) return undefined;
  const database = afterScheme.slice(slash + 1).split('?')[0];
  return database ? decodeURIComponent(database) : undefined;
}

/** `url` with its database replaced, keeping hosts, credentials and options. */
export function withDatabase(url: string, database: string): string {
  const schemeEnd = url.indexOf('://');
  const queryStart = url.indexOf('?', schemeEnd);
  const base = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : url.slice(queryStart);
  const pathStart = base.indexOf('/', schemeEnd + 3);
  return `${pathStart < 0 ? base : base.slice(0, pathStart)}/${database}${query}`;
}

/** A URL as messages show it: without a password. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:…@');
}
