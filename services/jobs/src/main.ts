import { exitOnConfigError } from '@hub/shared/config';
import { collectGarbageWhenRested, listen, stopOnSignals } from '@hub/shared/graphql';
import { createLogger } from '@hub/shared/logging';
import { createApp } from './app';
import { loadJobsConfig } from './config';

async function main(): Promise<void> {
  const config = loadJobsConfig();
  const service = await createApp(config);
  service.scheduler.start();
  const server = listen(service.app, config.PORT, config.HOST, () => {
    service.logger.info({ port: config.PORT, host: config.HOST, schedules: config.JOB_SCHEDULES }, 'jobs subgraph listening');
  });
  // on shutdown, runs under way stop after their current batch, with their cursor committed
  stopOnSignals(server, service.stop, service.logger);
  collectGarbageWhenRested();
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('jobs').fatal({ err: error }, 'jobs failed to start');
  process.exit(1);
});
