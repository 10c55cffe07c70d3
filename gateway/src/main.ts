import { exitOnConfigError } from '@hub/shared/config';
import { collectGarbageWhenRested, listen, stopOnSignals } from '@hub/shared/graphql';
import { createLogger } from '@hub/shared/logging';
import { createGatewayApp } from './app';
import { loadGatewayConfig, type GatewayConfig } from './config';

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig(process.env);
  } catch (error) {
    exitOnConfigError(error);
  }
  const logger = createLogger('gateway', config.logLevel);
  const gateway = await createGatewayApp(config, { logger });
  const server = listen(gateway.app, config.port, config.host, () => {
    logger.info({ host: config.host, port: config.port }, 'gateway listening');
  });

  stopOnSignals(server, () => gateway.stop(), logger);
  collectGarbageWhenRested();
}

main().catch((error: unknown) => {
  createLogger('gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
