import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import type { Consumer, EachBatchPayload, EachMessagePayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { TOPICS } from '../contracts/topics';
import type { EventEnvelope, EventRegistry, TopicSpec } from '../events';
import type { Logger } from '../logging';
import { duplicateKeyPositions } from '../mongo/duplicate-key';
import { documentKey, mergeFolds, type Fold, type FoldOptions, type MergedFold } from './folds';
import { ensureTopics, retryingRetriable } from './kafka';

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
  /** Handlers with side effects: each event on its own, in order. */
  handlers: Partial<Record<string, EventHandler>>;
  /**
   * Read models that are folds of facts: with these the consumer takes the events a fetch brings as one batch and
   * writes each document once per batch (see handleBatch). An event type has a handler or a fold, not both.
   */
  folds?: FoldOptions;
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
export const PROCESSED_BATCHES_COLLECTION = 'processed_batches';
const MAX_BACKOFF_MS = 30_000;
const DEFAULT_FOLD_CONCURRENCY = 8;
const DEFAULT_DOCUMENTS_PER_STORE = 25;
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
  /** The batch that claimed a fold's marker before folding it (claimFolds); none when written after handling. */
  batchId?: string;
}

/** A batch of folds stored in full: its claimed markers stand for events processed. */
interface ProcessedBatch {
  /** `<groupId>/<batchId>`. */
  _id: string;
  groupId: string;
  completedAt: Date;
}

const errorMessage = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, MAX_HEADER_ERROR_LENGTH);

/**
 * Runs `work` on every item, at most `limit` at once, while `proceed()` holds; after a failure takes no further item,
 * and rethrows it once the ones in flight are done.
 */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, proceed: () => boolean = () => true): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure && proceed()) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** A parsed event of a batch, with the record it came in. */
interface Delivery {
  message: KafkaMessage;
  meta: MessageMeta;
  event: EventEnvelope;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads hub events for one consumer group: each event is parsed with the registry, handled at most once per
 * group as far as its side effects go, retried with backoff, and dead-lettered when it cannot be handled.
 *
 * The processed marker is written after the handler succeeds, not before: a marker written first and followed
 * by a crash would lose the event. So a crash between handler and marker runs the handler again on
 * redelivery; handlers must therefore be idempotent (upserts keyed by ids), and the marker keeps ordinary
 * redeliveries and duplicate publishes from repeating side effects. Folds (batch mode) mark first and record the batch
 * as completed after it is stored, which comes to the same (see handleBatch).
 *
 * With `folds`, the events of each fetched batch are taken together (handleBatch); without, one by one.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly logger: Logger;
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly deadLetterTopic: TopicSpec;
  /** Database requests in flight at once within a batch: marker lookups, document writes. */
  private readonly concurrency: number;
  private stopping: Promise<void> | undefined;

  constructor(private readonly opts: EventConsumerOptions) {
    const both = Object.keys(opts.folds?.byType ?? {}).filter((type) => opts.handlers[type]);
    if (both.length > 0) throw new Error(`an event type has a handler or a fold, not both: ${both.join(', ')}`);
    this.logger = opts.logger.child({ component: 'event-consumer', groupId: opts.groupId });
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.initialBackoffMs = opts.initialBackoffMs ?? 200;
    this.deadLetterTopic = opts.deadLetterTopic ?? TOPICS.deadLetter;
    this.concurrency = opts.folds?.concurrency ?? DEFAULT_FOLD_CONCURRENCY;
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

  private get processedBatches() {
    return this.opts.connection.collection<ProcessedBatch>(PROCESSED_BATCHES_COLLECTION);
  }

  async start(): Promise<void> {
    await ensureTopics(this.opts.kafka, [...this.opts.topics, this.deadLetterTopic]);
    await this.producer.connect();
    await this.consumer.connect();
    await retryingRetriable(() =>
      this.consumer.subscribe({
        topics: this.opts.topics.map((topic) => topic.name),
        fromBeginning: this.opts.fromBeginning ?? false,
      }),
    );
    await this.consumer.run(
      this.opts.folds
        ? { eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload) }
        : { eachMessage: (payload) => this.handleMessage(payload) },
    );
    this.logger.info({ topics: this.opts.topics.map((topic) => topic.name), batched: this.opts.folds !== undefined }, 'event consumer started');
  }

  /** Leaves the group after the message or batch in hand is finished; safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.consumer.disconnect();
      await this.producer.disconnect();
      this.logger.info('event consumer stopped');
    })();
    return this.stopping;
  }

  private async handleMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const delivery = await this.parse(message, { topic, partition, offset: message.offset });
    if (!delivery) return;
    if ((await this.alreadyProcessed([delivery])).size > 0) {
      this.logger.debug({ eventId: delivery.event.eventId, ...delivery.meta }, 'event already processed');
      return;
    }
    await this.handle(delivery, heartbeat);
  }

  /**
   * A fetched batch of one partition, for read models that are folds of facts. The events are parsed (malformed ones
   * dead-lettered), those already processed or repeated within the batch skipped, and the rest taken in order: runs of
   * folds are merged per document and written once per document (foldRun), and an event with a handler is handled
   * alone in its place between them, so it sees every fold before it stored and none after. Offsets are resolved
   * only when the whole batch is done.
   *
   * The folds' markers are inserted first, all in one insert naming the batch (claimFolds), which tells the repeats by
   * the unique `_id` without a lookup per event, and the batch is recorded as completed once it is stored; a handler's
   * event is still looked up by `_id` and marked after it is handled. A batch cut short by stop(), a crash or a
   * rebalance comes back uncompleted, so its claimed folds are folded again and its handled events skipped by their
   * markers as far as it went.
   */
  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const parsed: Delivery[] = [];
    for (const message of batch.messages) {
      const delivery = await this.parse(message, { topic: batch.topic, partition: batch.partition, offset: message.offset });
      if (delivery) parsed.push(delivery);
    }
    const isFold = ({ event }: Delivery) => this.opts.folds?.byType[event.type] !== undefined;
    const batchId = randomUUID();
    const folds = parsed.filter(isFold);
    const [repeatedFolds, processed] = await Promise.all([this.claimFolds(folds, batchId), this.alreadyProcessed(parsed.filter((delivery) => !isFold(delivery)))]);
    for (const eventId of repeatedFolds) processed.add(eventId);
    const seen = new Set<string>();
    const pending = parsed.filter(({ event }) => !processed.has(event.eventId) && !seen.has(event.eventId) && seen.add(event.eventId));

    // stopping, or the partition went to another member in a rebalance
    const going = () => isRunning() && !isStale();
    let run: Array<Delivery & { fold: Fold }> = [];
    for (const delivery of pending) {
      if (!going()) return;
      const fold = this.foldOf(delivery.event);
      if (fold) {
        run.push({ ...delivery, fold });
        continue;
      }
      await this.foldRun(run, heartbeat, going);
      run = [];
      if (!going()) return;
      await this.handle(delivery, heartbeat);
    }
    await this.foldRun(run, heartbeat, going);
    if (!going()) return;

    const last = batch.messages.at(-1);
    if (folds.length > 0) await this.processedBatches.insertOne({ _id: `${this.opts.groupId}/${batchId}`, groupId: this.opts.groupId, completedAt: new Date() });
    if (last) resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
  }

  /**
   * The event's fold, or undefined when it is not a fold or its fold throws: then it is handled alone in its place
   * (the fold throws again there, is retried and dead-lettered like any failing handler).
   */
  private foldOf(event: EventEnvelope): Fold | undefined {
    const foldOf = this.opts.folds?.byType[event.type];
    if (!foldOf) return undefined;
    try {
      return foldOf(event);
    } catch (error) {
      this.logger.warn({ err: error, eventId: event.eventId, type: event.type }, 'fold failed; handling the event alone');
      return undefined;
    }
  }

  /**
   * Writes a run of folds: merged into one write per document, the documents given to the store `documentsPerStore`
   * at a time, calls side by side up to the concurrency (each document in one call only), then the markers of the run
   * in one insert. When a call fails, its documents' events are handled one by one in order instead (as is the whole
   * run if its folds do not merge), so only an event that keeps failing is dead-lettered and the rest of the batch is
   * stored. Takes no further call once `going()` fails; what was stored by then is marked.
   */
  private async foldRun(run: ReadonlyArray<Delivery & { fold: Fold }>, heartbeat: () => Promise<void>, going: () => boolean): Promise<void> {
    if (run.length === 0) return;
    const folds = this.opts.folds!;
    const oneByOne = async (deliveries: readonly Delivery[]) => {
      for (const delivery of deliveries) await this.handle(delivery, heartbeat);
    };
    const byDocument = new Map<string, Delivery[]>();
    for (const delivery of run) {
      const key = documentKey(delivery.fold);
      const deliveries = byDocument.get(key);
      if (deliveries) deliveries.push(delivery);
      else byDocument.set(key, [delivery]);
    }
    let documents: Array<{ merged: MergedFold; deliveries: Delivery[] }>;
    try {
      documents = mergeFolds(run.map(({ event, fold }) => ({ eventId: event.eventId, fold }))).map((merged) => ({ merged, deliveries: byDocument.get(documentKey(merged))! }));
    } catch (error) {
      this.logger.warn({ err: error, events: run.length }, 'folds did not merge; folding the events one by one');
      await oneByOne(run);
      return;
    }
    const perCall = folds.documentsPerStore ?? DEFAULT_DOCUMENTS_PER_STORE;
    const calls = Array.from({ length: Math.ceil(documents.length / perCall) }, (_, i) => documents.slice(i * perCall, (i + 1) * perCall));
    await forEachLimited(
      calls,
      this.concurrency,
      async (call) => {
        try {
          await folds.store(call.map(({ merged }) => merged));
        } catch (error) {
          this.logger.warn({ err: error, documents: call.length }, 'merged folds failed; folding their events one by one');
          for (const { deliveries } of call) await oneByOne(deliveries);
        }
      },
      going,
    );
    await heartbeat();
    this.logger.debug({ events: run.length, documents: documents.length }, 'folded a run of events');
  }

  /** A handler for an event type: its own, or its fold written alone. */
  private handlerFor(type: string): EventHandler | undefined {
    const handler = this.opts.handlers[type];
    if (handler) return handler;
    const { folds } = this.opts;
    const foldOf = folds?.byType[type];
    if (!folds || !foldOf) return undefined;
    return (event) => folds.store(mergeFolds([{ eventId: event.eventId, fold: foldOf(event) }]));
  }

  /** Parses a record; a malformed one is dead-lettered (retrying cannot fix it), one nobody here handles skipped. */
  private async parse(message: KafkaMessage, meta: MessageMeta): Promise<Delivery | undefined> {
    let event: EventEnvelope;
    try {
      event = this.opts.registry.parse(JSON.parse(message.value?.toString('utf8') ?? 'null'));
    } catch (error) {
      await this.deadLetter(message, meta, 'invalid-event', error, 0);
      return undefined;
    }
    return this.handlerFor(event.type) ? { message, meta, event } : undefined;
  }

  /**
   * Marks the folds of a batch before they are folded, in one unordered insert naming the batch, and answers those
   * marked before whose batch completed: the repeats to skip. A marker of a batch that never completed (cut short by a
   * crash, a stop or a rebalance) is taken over by this one, and its event folded again. Before this, each event of a
   * bulk change cost a marker lookup of its own; now only a marker found there already is looked up.
   */
  private async claimFolds(deliveries: readonly Delivery[], batchId: string): Promise<Set<string>> {
    const repeats = new Set<string>();
    let refused: number[] = [];
    try {
      await this.markProcessed(deliveries, { batchId });
    } catch (error) {
      const positions = duplicateKeyPositions(error);
      if (!positions) throw error;
      refused = positions;
    }
    // a redelivered batch's markers name the same few batches: each is looked up once
    const batches = new Map<string, Promise<boolean>>();
    const completedBatch = (id: string): Promise<boolean> => {
      let completed = batches.get(id);
      if (!completed) {
        completed = this.processedBatches.findOne({ _id: `${this.opts.groupId}/${id}` }, { projection: { _id: 1 } }).then((found) => found !== null);
        batches.set(id, completed);
      }
      return completed;
    };
    await forEachLimited(refused, this.concurrency, async (position) => {
      const { event } = deliveries[position]!;
      const _id = this.markerId(event);
      const marker = await this.processed.findOne({ _id }, { projection: { batchId: 1 } });
      // a marker without a batch was written after its event was handled
      if (!marker?.batchId || (await completedBatch(marker.batchId))) repeats.add(event.eventId);
      else await this.processed.updateOne({ _id }, { $set: { batchId } });
    });
    return repeats;
  }

  /** The ids of the events this group has processed, each marker looked up by `_id`, several at once. */
  private async alreadyProcessed(deliveries: readonly Delivery[]): Promise<Set<string>> {
    const found = new Set<string>();
    await forEachLimited(deliveries, this.concurrency, async ({ event }) => {
      if (await this.processed.findOne({ _id: this.markerId(event) }, { projection: { _id: 1 } })) found.add(event.eventId);
    });
    return found;
  }

  /** Handles one event: retried with backoff, dead-lettered when every attempt failed, marked when it succeeded. */
  private async handle(delivery: Delivery, heartbeat: () => Promise<void>): Promise<void> {
    const { message, meta, event } = delivery;
    const handler = this.handlerFor(event.type)!;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler(event, meta);
        break;
      } catch (error) {
        const log = { err: error, eventId: event.eventId, type: event.type, attempt, ...meta };
        if (attempt >= this.maxAttempts) {
          this.logger.error(log, 'event handler failed on every attempt; dead-lettering');
          await this.deadLetter(message, meta, 'handler-failed', error, attempt);
          // a fold's claim (claimFolds) goes too: a dead-lettered event is not processed, and is taken if sent again
          await this.processed.deleteOne({ _id: this.markerId(event) });
          return;
        }
        this.logger.warn(log, 'event handler failed; retrying');
        await sleep(backoffDelay(attempt, this.initialBackoffMs));
        // Keeps the group membership alive through a long retry sequence.
        await heartbeat();
      }
    }
    await this.markProcessed([delivery]);
  }

  private markerId(event: EventEnvelope): string {
    return `${this.opts.groupId}/${event.eventId}`;
  }

  /**
   * One unordered insert of the markers; a marker already there (another member processed it too, or claimFolds
   * claimed it) is as good as ours. With `batchId` (claimFolds) the markers name their batch, and a refusal is thrown.
   */
  private async markProcessed(deliveries: readonly Delivery[], claim: { batchId?: string } = {}): Promise<void> {
    if (deliveries.length === 0) return;
    const { groupId } = this.opts;
    const processedAt = new Date();
    try {
      await this.processed.insertMany(
        deliveries.map(({ event, meta }) => ({ _id: this.markerId(event), eventId: event.eventId, groupId, type: event.type, ...meta, processedAt, ...claim })),
        { ordered: false },
      );
    } catch (error) {
      if (claim.batchId || !duplicateKeyPositions(error)) throw error;
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
