// Local servers for development: tsx infra/src/cli.ts provision|start|stop|status|restart kafka|database
// [--data-dir D] [--kafka-port N] [--kafka-controller-port N] [--mongo-port N] [--postgres-port N].
// `start` leaves them running; `stop` ends them by PID; `restart` one of them on the same ports and data.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEV_PORTS,
  STATE_FILE_NAME,
  infrastructureStatus,
  provisionInfrastructure,
  readState,
  restartServer,
  startInfrastructure,
  stopInfrastructure,
  type ServerStatus,
} from './infrastructure';
import { cacheDir } from './paths';

const USAGE =
  'usage: cli.ts provision|start|stop|status|restart kafka|database [--data-dir D] [--kafka-port N] [--kafka-controller-port N] [--mongo-port N] [--postgres-port N]';

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new Error(`${flag} must be a port number`);
  return parsed;
}

function printEndpoints(stateFile: string): void {
  const state = readState(stateFile);
  console.log(`MONGO_URL=${state.mongoUrl} KAFKA_BROKERS=${state.kafkaBrokers.join(',')} FERRETDB_POSTGRESQL_URL=${state.postgres.url}`);
}

async function isUp(stateFile: string): Promise<boolean> {
  return existsSync(stateFile) && (await infrastructureStatus(stateFile)).every((server) => server.running && server.answering);
}

function describeStatus(server: ServerStatus): string {
  if (server.running && server.answering) return `running, pid ${server.pid}`;
  if (server.running) return `pid ${server.pid} is alive but not answering`;
  if (server.answering) return 'answering, but not from the process recorded here (started by hand?)';
  return 'stopped';
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'kafka-port': { type: 'string' },
      'kafka-controller-port': { type: 'string' },
      'mongo-port': { type: 'string' },
      'postgres-port': { type: 'string' },
    },
  });
  const dataDir = path.resolve(values['data-dir'] ?? path.join(cacheDir(), 'data'));
  const stateFile = path.join(dataDir, STATE_FILE_NAME);

  switch (positionals[0]) {
    case 'provision':
      await provisionInfrastructure();
      return 0;
    case 'start':
      if (await isUp(stateFile)) {
        console.log(`already running (${stateFile})`);
      } else {
        await provisionInfrastructure();
        // A half-running previous start (one server crashed) is cleared first, so its ports are free.
        if (existsSync(stateFile)) await stopInfrastructure(stateFile);
        await startInfrastructure({
          dataDir,
          kafkaPort: port(values['kafka-port'], DEV_PORTS.kafka, '--kafka-port'),
          kafkaControllerPort: port(
            values['kafka-controller-port'],
            DEV_PORTS.kafkaController,
            '--kafka-controller-port',
          ),
          mongoPort: port(values['mongo-port'], DEV_PORTS.mongo, '--mongo-port'),
          postgresPort: port(values['postgres-port'], DEV_PORTS.postgres, '--postgres-port'),
        });
      }
      printEndpoints(stateFile);
      return 0;
    case 'stop':
      if (!existsSync(stateFile)) {
        console.log(`not running (no ${stateFile})`);
        return 0;
      }
      await stopInfrastructure(stateFile);
      console.log('stopped');
      return 0;
    case 'restart': {
      const which = positionals[1];
      if (which !== 'kafka' && which !== 'database') {
        console.error(USAGE);
        return 64;
      }
      if (!existsSync(stateFile)) {
        console.error(`not started here (no ${stateFile}): run infra:start first`);
        return 1;
      }
      await restartServer(stateFile, which);
      printEndpoints(stateFile);
      return 0;
    }
    case 'status': {
      if (!existsSync(stateFile)) {
        console.log(`not running (no ${stateFile})`);
        return 1;
      }
      const servers = await infrastructureStatus(stateFile);
      for (const server of servers) {
        console.log(`${server.name}: ${describeStatus(server)} (${server.endpoint})`);
      }
      return servers.every((server) => server.running && server.answering) ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
