import path from 'node:path';
import { externalInfrastructure } from '../external';
import { provisionInfrastructure, startInfrastructure } from '../infrastructure';
import { cacheDir } from '../paths';
import { rememberTestRun, removeStaleTestRuns, testRunDirName } from './run';

/**
 * Jest globalSetup of every package. Jest calls it once per project in the same process, so the first
 * call starts PostgreSQL, FerretDB and Kafka and later calls find the environment already set. Workers inherit
 * MONGO_URL, KAFKA_BROKERS, FERRETDB_POSTGRESQL_URL and HUB_INFRA_STATE because they are forked after this runs.
 */
export default async function globalSetup(): Promise<void> {
  if (externalInfrastructure()) return;
  if (process.env.HUB_INFRA_STATE) return;

  const runsDir = path.join(cacheDir(), 'run');
  await removeStaleTestRuns(runsDir);
  await provisionInfrastructure();
  const dataDir = path.join(runsDir, testRunDirName(process.pid, Date.now()));
  const infra = await startInfrastructure({ dataDir, throwaway: true });
  process.env.MONGO_URL = infra.mongoUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
  if (infra.postgresUrl) process.env.FERRETDB_POSTGRESQL_URL = infra.postgresUrl;
  process.env.HUB_INFRA_STATE = infra.stateFile;
  rememberTestRun({ dataDir, stateFile: infra.stateFile });
}
