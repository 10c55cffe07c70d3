import type { Server } from 'node:http';
import type { Logger } from '../logging';

/**
 * Graceful shutdown of an HTTP process: on SIGINT or SIGTERM stop taking connections, let requests in flight
 * finish, then run `stop` (Apollo, relay, database); exit 1 if that has not finished within `graceMs`.
 */
export function stopOnSignals(server: Server, stop: () => Promise<void>, logger: Logger, graceMs = 10_000): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, graceMs).unref();
    server.close(() => {
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

