import { exitOnConfigError } from '@hub/shared/config';
import { createApp } from './app';
import { loadOrganisationsConfig } from './config';

async function main(): Promise<void> {
  const config = loadOrganisationsConfig();
  const service = await createApp(config);
  const server = service.app.listen(config.PORT, config.HOST, () => {
    service.logger.info({ port: config.PORT, host: config.HOST }, 'organisations subgraph listening');
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.logger.info({ signal }, 'shutting down');
    server.close();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
});
