import type { Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Express } from 'express';
import type { Logger } from '../logging';

/**
 * Idle keep-alive connections stay open longer than a client's pool keeps them (Node's agent and undici: 4–5 s).
 * With Node's default of 5 s on both sides, the gateway sometimes sent a request on a connection the subgraph was
 * closing that very moment, and got "socket hang up" (a 100,000-ad import failed on it).
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Listens like `app.listen`, with the keep-alive timeout above. */
export function listen(app: Express, port: number, host: string, onListening: () => void): Server {
  const server = app.listen(port, host, onListening);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

/**
 * Graceful shutdown of an HTTP process: on SIGINT or SIGTERM stop taking connections, let requests in flight
 * finish, then run `stop` (Apollo, relay, database); exit 1 if that has not finished within `graceMs`.
 *
 * Keep-alive connections (the gateway's to its subgraphs, a browser's to the IDE) would hold `server.close()` open
 * until each went idle for the keep-alive timeout, and a request arriving on one meanwhile would still be served.
 * So once stopping, every response — those in flight and any that still arrive — says `Connection: close`, and
 * the connection ends with it; idle ones are closed at once.
 */
export function stopOnSignals(server: Server, stop: () => Promise<void>, logger: Logger, graceMs = 10_000): void {
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  const closeAfter = (res: ServerResponse): void => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  // before the app's own listener, so the header is set before any handler can answer
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (stopping) {
      closeAfter(res);
      return;
    }
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, graceMs).unref();
    for (const res of inFlight) closeAfter(res);
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

/** How often the process looks at whether it is resting, and what counts as resting and as having grown. */
const REST_CHECK_MS = 10_000;
const RESTING_UTILISATION = 0.02;
const GROWN_BYTES = 4 * 2 ** 20;

/**
 * Gives back the heap a busy spell grew, once the process rests: one full collection when the event loop was at
 * least 98 % idle for the last 10 s and the heap has grown by 4 MiB or more since the last such collection. V8's
 * own memory reducer waits for an allocation rate that the services' timers (Kafka heartbeats and fetches, the
 * outbox poll) never let fall that low, so a resting service kept a heap half again as large as it needed (migration
 * after npm start's seed: 134 MiB resident, 103 MiB after one collection). Needs `--expose-gc`, which
 * infra/node-runtime.env gives every service; without it this does nothing.
 */
export function collectGarbageWhenRested({ checkMs = REST_CHECK_MS }: { checkMs?: number } = {}): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return;
  let since = performance.eventLoopUtilization();
  let collectedAt = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const resting = performance.eventLoopUtilization(now, since).utilization < RESTING_UTILISATION;
    since = now;
    if (resting && process.memoryUsage().heapTotal - collectedAt >= GROWN_BYTES) {
      collect();
      collectedAt = process.memoryUsage().heapTotal;
    }
  }, checkMs);
  // never keeps the process alive, so it needs no stopping
  timer.unref();
}
