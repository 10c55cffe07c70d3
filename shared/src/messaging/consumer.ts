import { Partitioners } from 'kafkajs';
import type { Consumer, EachMessagePayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { TOPICS } from '../contracts/topics';
import type { EventEnvelope, EventRegistry, TopicSpec } from '../events';
import type { Logger } from '../logging';
import { ensureTopics } from './kafka';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

export type EventHandler = (event: EventEnvelope, meta: MessageMeta) => Promise<void>;

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: TopicSpec[];
  registry: EventRegistry;
  handlers: Partial<Record<string, EventHandler>>;
  /** The consuming service's own database; holds `processed_events`. */
  connection: Connection;
  logger: Logger;
  /** Handler attempts before the event is dead-lettered (default 5). */
  maxAttempts?: number;
  /** Wait before the second attempt, doubling for each further one (default 200 ms). */
  initialBackoffMs?: number;
  fromBeginning?: boolean;
  /** Default: TOPICS.deadLetter. */
  deadLetterTopic?: TopicSpec;
  /**
   * Longest fetch long-poll, which is also how long stop() waits for it: kafkajs cannot cut a fetch short (default
   * 1000 ms; events still arrive at once, an idle consumer just asks again each time it runs out).
   */
  maxWaitTimeMs?: number;
}

export const PROCESSED_EVENTS_COLLECTION = 'processed_events';
const MAX_BACKOFF_MS = 30_000;
const MAX_HEADER_ERROR_LENGTH = 1000;

/** Wait before attempt `attempt + 1` after `attempt` failed (1-based): initial, 2×, 4×, … capped at 30 s. */
export function backoffDelay(attempt: number, initialBackoffMs: number): number {
  return Math.min(initialBackoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/** Every wait between `maxAttempts` attempts. */
export function backoffSchedule(maxAttempts: number, initialBackoffMs: number): number[] {
  return Array.from({ length: Math.max(maxAttempts - 1, 0) }, (_, i) => backoffDelay(i + 1, initialBackoffMs));
}

interface ProcessedEvent {
  /** `<groupId>/<eventId>`: the marker is found by `_id`, the one lookup FerretDB answers without a scan. */
  _id: string;
  eventId: string;
  groupId: string;
  type: string;
  topic: string;
  partition: number;
  offset: string;
  processedAt: Date;
}

const errorMessage = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, MAX_HEADER_ERROR_LENGTH);

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads hub events for one consumer group: each event is parsed with the registry, handled at most once per
 * group as far as its side effects go, retried with backoff, and dead-lettered when it cannot be handled.
 *
 * The processed marker is written after the handler succeeds, not before: a marker written first and followed
 * by a crash would lose the event. So a crash between handler and marker runs the handler again on
 * redelivery; handlers must therefore be idempotent (upserts keyed by ids), and the marker keeps ordinary
 * redeliveries and duplicate publishes from repeating side effects.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly logger: Logger;
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly deadLetterTopic: TopicSpec;
  private stopping: Promise<void> | undefined;

  constructor(private readonly opts: EventConsumerOptions) {
    this.logger = opts.logger.child({ component: 'event-consumer', groupId: opts.groupId });
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.initialBackoffMs = opts.initialBackoffMs ?? 200;
    this.deadLetterTopic = opts.deadLetterTopic ?? TOPICS.deadLetter;
    this.consumer = opts.kafka.consumer({
      groupId: opts.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: opts.maxWaitTimeMs ?? 1000,
      // kafkajs restarts a crashed consumer even after stop() was called, forever; a stopping consumer stays stopped
      retry: { restartOnFailure: async () => this.stopping === undefined },
    });
    this.producer = opts.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) =>
      this.logger.error({ err: payload.error, restart: payload.restart }, 'event consumer crashed'),
    );
  }

  private get processed() {
    return this.opts.connection.collection<ProcessedEvent>(PROCESSED_EVENTS_COLLECTION);
  }

  async start(): Promise<void> {
    await ensureTopics(this.opts.kafka, [...this.opts.topics, this.deadLetterTopic]);
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.opts.topics.map((topic) => topic.name),
      fromBeginning: this.opts.fromBeginning ?? false,
    });
    await this.consumer.run({ eachMessage: (payload) => this.handleMessage(payload) });
    this.logger.info({ topics: this.opts.topics.map((topic) => topic.name) }, 'event consumer started');
  }

  /** Leaves the group after the message in hand is finished; safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.consumer.disconnect();
      await this.producer.disconnect();
      this.logger.info('event consumer stopped');
    })();
    return this.stopping;
  }

  private async handleMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const meta: MessageMeta = { topic, partition, offset: message.offset };
    let event: EventEnvelope;
    try {
      event = this.opts.registry.parse(JSON.parse(message.value?.toString('utf8') ?? 'null'));
    } catch (error) {
      // Retrying cannot fix a malformed event.
      await this.deadLetter(message, meta, 'invalid-event', error, 0);
      return;
    }

    const handler = this.opts.handlers[event.type];
    if (!handler) return;

    const { groupId } = this.opts;
    const markerId = `${groupId}/${event.eventId}`;
    if (await this.processed.findOne({ _id: markerId }, { projection: { _id: 1 } })) {
      this.logger.debug({ eventId: event.eventId, ...meta }, 'event already processed');
      return;
    }

    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler(event, meta);
        break;
      } catch (error) {
        const log = { err: error, eventId: event.eventId, type: event.type, attempt, ...meta };
        if (attempt >= this.maxAttempts) {
          this.logger.error(log, 'event handler failed on every attempt; dead-lettering');
          await this.deadLetter(message, meta, 'handler-failed', error, attempt);
          return;
        }
        this.logger.warn(log, 'event handler failed; retrying');
        await sleep(backoffDelay(attempt, this.initialBackoffMs));
        // Keeps the group membership alive through a long retry sequence.
        await heartbeat();
      }
    }

    try {
      await this.processed.insertOne({
        _id: markerId,
        eventId: event.eventId,
        groupId,
        type: event.type,
        ...meta,
        processedAt: new Date(),
      });
    } catch (error) {
      // Another member processed it concurrently (e.g. during a rebalance); its marker is as good as ours.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Publishes the original record unchanged with headers saying why and where from. A failure here throws, so
   * the offset is not committed and the message comes back rather than being lost.
   */
  private async deadLetter(
    message: KafkaMessage,
    meta: MessageMeta,
    reason: 'invalid-event' | 'handler-failed',
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const headers: IHeaders = {
      ...message.headers,
      'dead-letter-reason': reason,
      'dead-letter-error': errorMessage(error),
      'dead-letter-attempts': String(attempts),
      'dead-letter-group': this.opts.groupId,
      'original-topic': meta.topic,
      'original-partition': String(meta.partition),
      'original-offset': meta.offset,
      'original-timestamp': message.timestamp,
    };
    await this.producer.send({
      topic: this.deadLetterTopic.name,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.logger.warn({ reason, ...meta, deadLetterTopic: this.deadLetterTopic.name }, 'event dead-lettered');
  }
}
