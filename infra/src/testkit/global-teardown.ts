import { rmSync } from 'node:fs';
import { stopInfrastructure } from '../infrastructure';
import { takeTestRun } from './run';

/** Stops the servers only if this process's global setup started them (not external ones), then deletes their data. */
export default async function globalTeardown(): Promise<void> {
  const run = takeTestRun();
  if (!run) return;
  await stopInfrastructure(run.stateFile);
  rmSync(run.dataDir, { recursive: true, force: true });
  delete process.env.MONGO_URL;
  delete process.env.KAFKA_BROKERS;
  delete process.env.FERRETDB_POSTGRESQL_URL;
  delete process.env.HUB_INFRA_STATE;
}
