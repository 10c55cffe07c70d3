import { randomBytes } from 'node:crypto';
import { hubEventRegistry } from '@hub/shared/contracts';
import type { EventEnvelope, TopicSpec } from '@hub/shared/events';
import { createLogger } from '@hub/shared/logging';
import { createKafka, EventConsumer } from '@hub/shared/messaging';
import { connectMongo } from '@hub/shared/mongo';
import { ERASURE_RECEIPTS_COLLECTION, type ErasureReceipt } from '@hub/shared/privacy';
import type { Connection } from 'mongoose';
import { externalInfrastructure, withDatabase } from '../external';
import type { InfrastructureEndpoints } from '../external';

/** The servers the jest global setup started (or the external ones it was given). */
export function testEndpoints(): InfrastructureEndpoints {
  const endpoints = externalInfrastructure();
  if (!endpoints) {
    throw new Error(
      'MONGO_URL and KAFKA_BROKERS are not set: the jest globalSetup (infra/src/testkit/global-setup.ts) did not run. ' +
        "Run tests through the package's jest.config.js, which uses jest.preset.js.",
    );
  }
  return endpoints;
}

/** `<prefix>-<time>-<random>`: unique across test files, workers and runs (topic, group and client ids). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The test MongoDB URL (or the server at `baseUrl`) with a database of its own, so test files never see each other's data. */
export function uniqueDbUrl(prefix: string, baseUrl: string = testEndpoints().mongoUrl): string {
  // Database names: letters, digits and _ only, well under the 63-character limit.
  const safePrefix = prefix.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 24);
  return withDatabase(baseUrl, uniqueName(safePrefix).replace(/-/g, '_'));
}

/** Polls `probe` until it returns something other than undefined (events and read models arrive on their own time). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A valid Swedish organisation number NNNNNN-NNNN from nine digits and the Luhn check digit over them; pick the
 * first digits per caller (a series) and a serial after them, so numbers never collide in one register.
 */
export function organisationNumber(nineDigits: string): string {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error(`nine digits expected, got ${nineDigits}`);
  const sum = [...nineDigits].reduce((acc, digit, index) => {
    const product = Number(digit) * (index % 2 === 0 ? 2 : 1);
    return acc + (product > 9 ? product - 9 : product);
  }, 0);
  return `${nineDigits.slice(0, 6)}-${nineDigits.slice(6)}${(10 - (sum % 10)) % 10}`;
}

/**
 * Collects the given types of events from the beginning of a topic, through the hub's own consumer and registry
 * (on a database of its own), as a downstream service would receive them.
 */
export async function collectEvents(prefix: string, topic: TopicSpec, types: readonly string[]): Promise<{ received: EventEnvelope[]; stop(): Promise<void> }> {
  const logger = createLogger(`${prefix}-consumer`, process.env.TEST_LOG_LEVEL ?? 'silent');
  const connection = await connectMongo(uniqueDbUrl(`${prefix}_consumer`), logger);
  const received: EventEnvelope[] = [];
  const record = async (event: EventEnvelope) => {
    received.push(event);
  };
  const consumer = new EventConsumer({
    kafka: createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName(`${prefix}-consumer`), logger }),
    groupId: uniqueName(`${prefix}-consumer`),
    topics: [topic],
    registry: hubEventRegistry,
    connection,
    logger,
    fromBeginning: true,
    handlers: Object.fromEntries(types.map((type) => [type, record])),
  });
  await consumer.start();
  return {
    received,
    stop: async () => {
      await consumer.stop();
      await connection.close();
    },
  };
}

/**
 * The receipt the service on `connection` keeps once it has erased a person. Every instance of a service on the
 * privacy topic answers each request from its own database, those of test files running beside this one too, so a
 * completion by service name alone may be another instance's; the receipt is this one's.
 */
export async function erasureReceipt(connection: Connection, erasureId: string): Promise<ErasureReceipt> {
  const receipts = connection.collection<ErasureReceipt>(ERASURE_RECEIPTS_COLLECTION);
  return waitFor(() => receipts.findOne({ _id: erasureId }).then((found) => found ?? undefined));
}

/** The PersonErasureCompleted that the service on `connection` published for an erasure: the one its receipt names. */
export async function ownErasureCompletion(connection: Connection, erasureId: string, received: readonly EventEnvelope[]): Promise<EventEnvelope> {
  const { eventId } = await erasureReceipt(connection, erasureId);
  return waitFor(() => received.find((event) => event.eventId === eventId));
}

/** Every document of every collection of a database, as JSON text: what a scan for an erased person's traces reads. */
export async function databaseDocuments(connection: Connection): Promise<string[]> {
  const db = connection.db;
  if (!db) throw new Error('the connection is not open');
  const documents: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) documents.push(`${name}: ${JSON.stringify(doc)}`);
  }
  return documents;
}

/** Publishes events as another service would, for tests of a consumer. */
export async function eventPublisher(prefix: string): Promise<{ publish(event: EventEnvelope, topic: TopicSpec): Promise<void>; stop(): Promise<void> }> {
  const logger = createLogger(`${prefix}-producer`, process.env.TEST_LOG_LEVEL ?? 'silent');
  const producer = createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName(prefix), logger }).producer();
  await producer.connect();
  return {
    publish: async (event, topic) => {
      await producer.send({ topic: topic.name, messages: [{ key: event.aggregateId, value: JSON.stringify(event) }] });
    },
    stop: () => producer.disconnect(),
  };
}

export { describeHotQueries, hotQueryPlans, unindexedHotQueries, type PlanReport } from './hot-queries';
export { freePort } from '../ports';

/**
 * Debian's Chromium as the project's browser tests launch it (playwright-core adds --user-data-dir for a fresh
 * profile). Without the networking flags Chromium floods the closed network with requests of its own.
 */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
