import { exitOnConfigError } from '@hub/shared/config';
import { collectGarbageWhenRested, listen, stopOnSignals } from '@hub/shared/graphql';
import { createLogger } from '@hub/shared/logging';
import { createApp } from './app';
import { loadMigrationConfig } from './config';

async function main(): Promise<void> {
  const config = loadMigrationConfig();
  const service = await createApp(config);
  const server = listen(service.app, config.PORT, config.HOST, () => {
    service.logger.info({ port: config.PORT, host: config.HOST }, 'migration subgraph listening');
  });
  stopOnSignals(server, service.stop, service.logger);
  collectGarbageWhenRested();
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('migration').fatal({ err: error }, 'migration failed to start');
  process.exit(1);
});
