import { exitOnConfigError } from '@hub/shared/config';
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
  const server = gateway.app.listen(config.port, config.host, () => {
    logger.info({ host: config.host, port: config.port }, 'gateway listening');
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop taking connections, let in-flight requests finish, then stop Apollo; hard exit if that hangs.
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    server.close(() => {
      gateway.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  createLogger('gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
