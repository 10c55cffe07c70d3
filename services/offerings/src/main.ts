import { exitOnConfigError } from '@hub/shared/config';
import { collectGarbageWhenRested, listen, stopOnSignals } from '@hub/shared/graphql';
import { createLogger } from '@hub/shared/logging';
import { createApp } from './app';
import { loadOfferingsConfig } from './config';

async function main(): Promise<void> {
  const config = loadOfferingsConfig();
  const service = await createApp(config);
  const server = listen(service.app, config.PORT, config.HOST, () => {
    service.logger.info({ port: config.PORT, host: config.HOST }, 'offerings subgraph listening');
  });
  stopOnSignals(server, service.stop, service.logger);
  collectGarbageWhenRested();
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('offerings').fatal({ err: error }, 'offerings failed to start');
  process.exit(1);
});
