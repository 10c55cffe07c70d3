import { exitOnConfigError } from '@hub/shared/config';
import { collectGarbageWhenRested, listen, stopOnSignals } from '@hub/shared/graphql';
import { createLogger } from '@hub/shared/logging';
import { createApp } from './app';
import { loadMatchmakingConfig } from './config';

async function main(): Promise<void> {
  const config = loadMatchmakingConfig();
  const service = await createApp(config);
  const server = listen(service.app, config.PORT, config.HOST, () => {
    service.logger.info({ port: config.PORT, host: config.HOST }, 'matchmaking subgraph listening');
  });
  stopOnSignals(server, service.stop, service.logger);
  collectGarbageWhenRested();
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('matchmaking').fatal({ err: error }, 'matchmaking failed to start');
  process.exit(1);
});
