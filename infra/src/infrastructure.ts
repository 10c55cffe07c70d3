import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InfrastructureEndpoints } from './external';
import { FERRETDB_GO_RUNTIME, ferretdbArgs, pingMongo } from './ferretdb';
import { brokerProperties, clusterIdFor, formatStorage, kafkaJvmArgs, pingKafka } from './kafka';
import { ferretdbBinary, kafkaLibsDir, kafkaLog4jConfig, provisionScript } from './paths';
import { createFerretdbDatabase, initCluster, pingPostgres, postgresArgs, postgresBinDir, postgresOwner, postgresUrl, traversableFolder } from './postgres';
import { freePort, isPortFree } from './ports';
import { isRunning, spawnDetached, stopProcess, tail } from './processes';

export interface InfrastructureOptions {
  dataDir: string;
  kafkaPort?: number;
  kafkaControllerPort?: number;
  mongoPort?: number;
  postgresPort?: number;
  /** A test run's servers: their data is deleted afterwards, so PostgreSQL skips fsync. */
  throwaway?: boolean;
}

export interface RunningInfrastructure extends InfrastructureEndpoints {
  stateFile: string;
  stop(): Promise<void>;
}

interface ServerState {
  /** null while stopped. */
  pid: number | null;
  pidFile: string;
  logFile: string;
  /** Milliseconds from spawn to the first successful readiness check, for the last start. */
  readyMs: number | null;
}

/** Everything needed to find, stop and restart the servers later, from another process. */
export interface InfrastructureState extends InfrastructureEndpoints {
  dataDir: string;
  /** FerretDB's storage; `url` is what the services' mongo kit uses to add GIN indexes (see @hub/shared/mongo). */
  postgres: ServerState & { port: number; binary: string; dataDir: string; url: string; throwaway: boolean };
  ferretdb: ServerState & { port: number; binary: string; stateDir: string };
  kafka: ServerState & {
    port: number;
    controllerPort: number;
    libsDir: string;
    log4jConfig: string;
    propertiesFile: string;
    logDirs: string;
  };
}

export const STATE_FILE_NAME = 'infra-state.json';
/** Fixed ports of the local development servers (tests pick free ports instead). */
export const DEV_PORTS = { kafka: 19092, kafkaController: 19093, mongo: 27018, postgres: 15432 };
const READY_TIMEOUT_MS = 90_000;
const KAFKA_MAIN_CLASS = 'kafka.Kafka';
// Kafka's controlled shutdown takes a few seconds; FerretDB stops at once; PostgreSQL's fast shutdown (SIGINT:
// SIGTERM would wait for FerretDB's connections to close) writes one checkpoint.
const KAFKA_STOP_GRACE_MS = 30_000;
const FERRETDB_STOP_GRACE_MS = 10_000;
const POSTGRES_STOP_GRACE_MS = 30_000;

function progress(line: string): void {
  process.stderr.write(`infra: ${line}\n`);
}

export function readState(stateFile: string): InfrastructureState {
  let state: InfrastructureState;
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as InfrastructureState;
  } catch (error) {
    throw new Error(`cannot read infrastructure state ${stateFile}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof state.kafka?.port !== 'number' || typeof state.ferretdb?.port !== 'number' || typeof state.postgres?.port !== 'number') {
    throw new Error(`${stateFile} is not an infrastructure state file`);
  }
  return state;
}

/** Written via rename, so a reader in another process never sees half a file. */
function writeState(stateFile: string, state: InfrastructureState): void {
  const temporary = `${stateFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, stateFile);
}

/** Runs infra/scripts/provision.sh with its output streamed to this process's. */
export async function provisionInfrastructure(): Promise<void> {
  const child = spawn('bash', [provisionScript], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`provisioning failed (bash ${provisionScript} exited with ${code})`);
}

async function waitUntilReady(
  name: string,
  server: ServerState,
  marker: string,
  check: () => Promise<void>,
): Promise<number> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (server.pid === null || !isRunning(server.pid, marker)) {
      throw new Error(`${name} exited during start-up. Last lines of ${server.logFile}:\n${tail(server.logFile)}`);
    }
    try {
      await check();
      return Date.now() - started;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(
    `${name} was not ready within ${READY_TIMEOUT_MS / 1000} s (last error: ${(lastError as Error)?.message}). ` +
      `Last lines of ${server.logFile}:\n${tail(server.logFile)}`,
  );
}

async function launchPostgres(state: InfrastructureState): Promise<void> {
  const server = state.postgres;
  const owner = await postgresOwner();
  await initCluster(server.dataDir, owner);
  server.pid = await spawnDetached(server.binary, postgresArgs({ port: server.port, dataDir: server.dataDir, throwaway: server.throwaway }), server.logFile, { owner });
  writeFileSync(server.pidFile, `${server.pid}\n`);
  server.readyMs = await waitUntilReady('PostgreSQL', server, server.binary, () => pingPostgres(server.port));
  await createFerretdbDatabase(server.port);
  progress(`PostgreSQL ready on 127.0.0.1:${server.port} in ${(server.readyMs / 1000).toFixed(1)} s (pid ${server.pid})`);
}

async function launchFerretdb(state: InfrastructureState): Promise<void> {
  const server = state.ferretdb;
  mkdirSync(server.stateDir, { recursive: true });
  const args = ferretdbArgs({ port: server.port, postgresUrl: state.postgres.url, stateDir: server.stateDir });
  server.pid = await spawnDetached(server.binary, args, server.logFile, { env: FERRETDB_GO_RUNTIME });
  writeFileSync(server.pidFile, `${server.pid}\n`);
  server.readyMs = await waitUntilReady('FerretDB', server, server.binary, () => pingMongo(state.mongoUrl));
  progress(`FerretDB ready on ${state.mongoUrl} in ${(server.readyMs / 1000).toFixed(1)} s (pid ${server.pid})`);
}

/** PostgreSQL, then FerretDB on it. */
async function launchDatabase(state: InfrastructureState): Promise<void> {
  await launchPostgres(state);
  await launchFerretdb(state);
}

async function launchKafka(state: InfrastructureState): Promise<void> {
  const server = state.kafka;
  const args = [...kafkaJvmArgs(server.libsDir, server.log4jConfig), KAFKA_MAIN_CLASS, server.propertiesFile];
  server.pid = await spawnDetached('java', args, server.logFile);
  writeFileSync(server.pidFile, `${server.pid}\n`);
  server.readyMs = await waitUntilReady('Kafka', server, KAFKA_MAIN_CLASS, () => pingKafka(state.kafkaBrokers));
  const seconds = (server.readyMs / 1000).toFixed(1);
  progress(`Kafka ready on ${state.kafkaBrokers.join(',')} in ${seconds} s (pid ${server.pid})`);
}

async function choosePort(requested: number | undefined, taken: Set<number>, name: string): Promise<number> {
  const port = requested ?? (await freePort(taken));
  if (requested !== undefined && !(await isPortFree(port))) {
    throw new Error(`${name} port ${port} on 127.0.0.1 is already in use`);
  }
  taken.add(port);
  return port;
}

function assertProvisioned(state: InfrastructureState): void {
  const missing = [state.ferretdb.binary, state.postgres.binary, path.join(state.kafka.libsDir, '.complete')].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`not provisioned (missing ${missing.join(', ')}): run npm run provision -w @hub/infra`);
  }
}

/**
 * Starts PostgreSQL with FerretDB on it, and Kafka beside them, as detached processes on 127.0.0.1, writes PID files
 * and <dataDir>/infra-state.json, and resolves when all answer. On failure, whatever started is stopped.
 */
export async function startInfrastructure(options: InfrastructureOptions): Promise<RunningInfrastructure> {
  const dataDir = path.resolve(options.dataDir);
  const kafkaDir = path.join(dataDir, 'kafka');
  const ferretdbDir = path.join(dataDir, 'ferretdb');
  const postgresDir = path.join(dataDir, 'postgres');
  mkdirSync(kafkaDir, { recursive: true });
  mkdirSync(ferretdbDir, { recursive: true });
  // the server's user (postgres, when this runs as root) must reach its data folder; its log is written by this process
  traversableFolder(dataDir);
  traversableFolder(postgresDir);

  const taken = new Set<number>();
  const kafkaPort = await choosePort(options.kafkaPort, taken, 'Kafka');
  const controllerPort = await choosePort(options.kafkaControllerPort, taken, 'Kafka controller');
  const mongoPort = await choosePort(options.mongoPort, taken, 'FerretDB');
  const postgresPort = await choosePort(options.postgresPort, taken, 'PostgreSQL');

  const stateFile = path.join(dataDir, STATE_FILE_NAME);
  const state: InfrastructureState = {
    dataDir,
    // The driver's default pool: every read-modify-write takes its aggregate's lock (@hub/shared/mongo), so
    // concurrent operations, in one process or several, no longer lose updates on FerretDB.
    mongoUrl: `mongodb://127.0.0.1:${mongoPort}/`,
    kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
    postgres: {
      pid: null,
      readyMs: null,
      port: postgresPort,
      binary: path.join(postgresBinDir(), 'postgres'),
      dataDir: path.join(postgresDir, 'data'),
      url: postgresUrl(postgresPort),
      throwaway: options.throwaway ?? false,
      pidFile: path.join(postgresDir, 'postgres.pid'),
      logFile: path.join(postgresDir, 'postgres.log'),
    },
    ferretdb: {
      pid: null,
      readyMs: null,
      port: mongoPort,
      binary: ferretdbBinary(),
      stateDir: path.join(ferretdbDir, 'state'),
      pidFile: path.join(ferretdbDir, 'ferretdb.pid'),
      logFile: path.join(ferretdbDir, 'ferretdb.log'),
    },
    kafka: {
      pid: null,
      readyMs: null,
      port: kafkaPort,
      controllerPort,
      libsDir: kafkaLibsDir(),
      log4jConfig: kafkaLog4jConfig,
      propertiesFile: path.join(kafkaDir, 'server.properties'),
      logDirs: path.join(kafkaDir, 'data'),
      pidFile: path.join(kafkaDir, 'kafka.pid'),
      logFile: path.join(kafkaDir, 'kafka.log'),
    },
  };
  assertProvisioned(state);
  const properties = brokerProperties({ port: kafkaPort, controllerPort, logDirs: state.kafka.logDirs });
  writeFileSync(state.kafka.propertiesFile, properties);

  const startKafka = async (): Promise<void> => {
    const { libsDir, log4jConfig, propertiesFile, logDirs } = state.kafka;
    await formatStorage(libsDir, log4jConfig, propertiesFile, clusterIdFor(logDirs));
    await launchKafka(state);
  };
  const results = await Promise.allSettled([launchDatabase(state), startKafka()]);
  // Each launch records its PID before waiting, so the state file can stop whatever got that far.
  writeState(stateFile, state);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    await stopInfrastructure(stateFile);
    throw new Error(failures.map((f) => (f.reason as Error).message).join('\n\n'));
  }
  return {
    mongoUrl: state.mongoUrl,
    kafkaBrokers: state.kafkaBrokers,
    postgresUrl: state.postgres.url,
    stateFile,
    stop: () => stopInfrastructure(stateFile),
  };
}

async function stopServer(server: ServerState, marker: string, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.pid !== null) await stopProcess(server.pid, marker, graceMs, signal);
  server.pid = null;
  rmSync(server.pidFile, { force: true });
}

/** FerretDB first (it holds PostgreSQL's connections), then PostgreSQL. */
async function stopDatabase(state: InfrastructureState): Promise<void> {
  await stopServer(state.ferretdb, state.ferretdb.binary, FERRETDB_STOP_GRACE_MS);
  await stopServer(state.postgres, state.postgres.binary, POSTGRES_STOP_GRACE_MS, 'SIGINT');
}

/** Stops every server (SIGKILL after a grace period); resolves once they are gone and ports are free. */
export async function stopInfrastructure(stateFile: string): Promise<void> {
  const state = readState(stateFile);
  await Promise.all([stopDatabase(state), stopServer(state.kafka, KAFKA_MAIN_CLASS, KAFKA_STOP_GRACE_MS)]);
  writeState(stateFile, state);
}

/** The servers one restart takes down and brings back: the broker, or the database (PostgreSQL and FerretDB). */
export type RestartableServer = 'kafka' | 'database';

/** Stops only the Kafka broker (for tests of what happens while it is down); the database keeps running. */
export async function stopKafkaBroker(stateFile: string): Promise<void> {
  const state = readState(stateFile);
  await stopServer(state.kafka, KAFKA_MAIN_CLASS, KAFKA_STOP_GRACE_MS);
  writeState(stateFile, state);
  progress(`Kafka stopped (${state.kafkaBrokers.join(',')})`);
}

/** Starts the broker again on the same port and data, and resolves when it answers. */
export async function startKafkaBroker(stateFile: string): Promise<void> {
  const state = readState(stateFile);
  if (state.kafka.pid !== null && isRunning(state.kafka.pid, KAFKA_MAIN_CLASS)) return;
  try {
    await launchKafka(state);
  } finally {
    writeState(stateFile, state);
  }
}

/** Stops one server (or the database pair) and starts it again on the same ports and data. */
export async function restartServer(stateFile: string, which: RestartableServer): Promise<void> {
  const state = readState(stateFile);
  try {
    if (which === 'kafka') {
      await stopServer(state.kafka, KAFKA_MAIN_CLASS, KAFKA_STOP_GRACE_MS);
      await launchKafka(state);
    } else {
      await stopDatabase(state);
      await launchDatabase(state);
    }
  } finally {
    writeState(stateFile, state);
  }
}

export interface ServerStatus {
  name: 'PostgreSQL' | 'FerretDB' | 'Kafka';
  /** The process these scripts started, or null. */
  pid: number | null;
  /** That process is alive. */
  running: boolean;
  /** The endpoint answered just now (whoever serves it). */
  answering: boolean;
  endpoint: string;
}

/**
 * What runs, checked twice: the recorded process is alive, and its endpoint answers. A server that was restarted by
 * hand answers without being the recorded process; one that hangs is alive without answering.
 */
export async function infrastructureStatus(stateFile: string): Promise<ServerStatus[]> {
  const state = readState(stateFile);
  const answers = (check: () => Promise<void>): Promise<boolean> => check().then(() => true, () => false);
  const servers = [
    { name: 'PostgreSQL' as const, server: state.postgres, marker: state.postgres.binary, endpoint: `127.0.0.1:${state.postgres.port}`, check: () => pingPostgres(state.postgres.port) },
    { name: 'FerretDB' as const, server: state.ferretdb, marker: state.ferretdb.binary, endpoint: state.mongoUrl, check: () => pingMongo(state.mongoUrl) },
    { name: 'Kafka' as const, server: state.kafka, marker: KAFKA_MAIN_CLASS, endpoint: state.kafkaBrokers.join(','), check: () => pingKafka(state.kafkaBrokers) },
  ];
  return Promise.all(
    servers.map(async ({ name, server, marker, endpoint, check }) => ({
      name,
      pid: server.pid,
      running: server.pid !== null && isRunning(server.pid, marker),
      answering: await answers(check),
      endpoint,
    })),
  );
}
