import { exitOnConfigError } from '@hub/shared/config';
import { listen, stopOnSignals } from '@hub/shared/graphql';
import { createLogger } from '@hub/shared/logging';
import { createApp } from './app';
import { loadWebConfig } from './config';

async function main(): Promise<void> {
  const config = loadWebConfig();
  const { app, logger } = createApp(config);
  const server = listen(app, config.PORT, config.HOST, () => {
    logger.info({ url: `http://${config.HOST}:${config.PORT}/` }, 'web client listening');
  });
  stopOnSignals(server, async () => undefined, logger);
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('web').fatal({ err: error }, 'web client failed to start');
  process.exit(1);
});
