import { Kafka, logLevel } from 'kafkajs';
import type { Admin, LogEntry } from 'kafkajs';
import type { Logger } from '../logging';
import type { TopicSpec } from '../events';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** kafkajs retry budget for connects and sends; the defaults suit production, tests shorten them. */
  retry?: { retries?: number; initialRetryTimeMs?: number; maxRetryTimeMs?: number };
}

// kafkajs logs every failed connection attempt at error level; the relay and the consumer report an outage
// once themselves, so these would only repeat it on every retry.
const RETRY_NOISE_NAMESPACES = new Set(['Connection', 'BrokerPool']);

function kafkaLogLevel(logger: Logger): logLevel {
  const value = logger.levelVal;
  if (value <= logger.levels.values.debug!) return logLevel.DEBUG;
  if (value <= logger.levels.values.info!) return logLevel.INFO;
  if (value <= logger.levels.values.warn!) return logLevel.WARN;
  if (value <= logger.levels.values.fatal!) return logLevel.ERROR;
  return logLevel.NOTHING;
}

function pinoLevel(entry: LogEntry): 'error' | 'warn' | 'info' | 'debug' {
  switch (entry.level) {
    case logLevel.ERROR:
      return RETRY_NOISE_NAMESPACES.has(entry.namespace) ? 'debug' : 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    default:
      return 'debug';
  }
}

/**
 * A kafkajs client whose logs go to the service's pino logger. `localhost` is rewritten to 127.0.0.1: Node 20
 * may resolve it to ::1 first, where the broker does not listen.
 */
export function createKafka(opts: KafkaOptions): Kafka {
  const logger = opts.logger.child({ component: 'kafka' });
  return new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers.map((broker) => broker.replace(/^localhost:/, '127.0.0.1:')),
    connectionTimeout: opts.connectionTimeoutMs ?? 3000,
    requestTimeout: opts.requestTimeoutMs ?? 30000,
    retry: {
      retries: opts.retry?.retries ?? 5,
      initialRetryTime: opts.retry?.initialRetryTimeMs ?? 300,
      maxRetryTime: opts.retry?.maxRetryTimeMs ?? 30000,
    },
    logLevel: kafkaLogLevel(logger),
    logCreator:
      () =>
      (entry: LogEntry): void => {
        const { message, timestamp: _timestamp, logger: _source, ...extra } = entry.log;
        logger[pinoLevel(entry)]({ namespace: entry.namespace, ...extra }, message);
      },
  });
}

/** Attempts at an admin request about topics when the broker answers with a retriable error. */
const TOPIC_ATTEMPTS = 8;

/**
 * Runs `request` again after a short wait while the broker answers with a retriable error, up to TOPIC_ATTEMPTS: right
 * after a topic is created, the broker may not host its partition yet (UNKNOWN_TOPIC_OR_PARTITION), which kafkajs's
 * subscribe and admin requests pass on instead of waiting out.
 */
export async function retryingRetriable<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= TOPIC_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * Where each partition of the topic ends now. Asked right after the topics were created, the broker may answer that it
 * is not yet the partition's leader (NOT_LEADER_FOR_PARTITION), which kafkajs does not wait out: asked again.
 */
export async function topicEnds(kafka: Kafka, topic: string): Promise<Array<{ partition: number; offset: string }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await retryingRetriable(() => admin.fetchTopicOffsets(topic));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates the missing topics with their partitions and retention and waits for their leaders. Existing topics
 * are left as they are: changing partitions or retention of a live topic is an operator's decision.
 *
 * Every service ensures the same topics as it starts. On a fresh broker a topic just created, here or by another
 * service, is briefly unknown to the metadata kafkajs polls for its leaders (UNKNOWN_TOPIC_OR_PARTITION), and
 * kafkajs only waits out LEADER_NOT_AVAILABLE; so a retriable error starts over, and the next look finds the topic.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await retryingRetriable(() => createMissingTopics(admin, specs));
  } finally {
    await admin.disconnect();
  }
}

async function createMissingTopics(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Map(specs.map((spec) => [spec.name, spec])).values()].filter((spec) => !existing.has(spec.name));
  if (missing.length === 0) return;
  // Resolves false when another process created them first, which is just as good.
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((spec) => ({
      topic: spec.name,
      numPartitions: spec.partitions,
      configEntries: [{ name: 'retention.ms', value: String(spec.retentionMs) }],
    })),
  });
}
