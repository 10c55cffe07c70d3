import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer } from 'kafkajs';
import { Schema } from 'mongoose';
import type { Collection, Model, SchemaDefinition, Types } from 'mongoose';
import type { EventEnvelope, TopicSpec } from '../events';
import type { Logger } from '../logging';

/** An event waiting inside its aggregate's document until the relay has handed it to Kafka. */
export interface OutboxEntry extends EventEnvelope {
  topic: string;
}

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    version: { type: Number, required: true },
    occurredAt: { type: String, required: true },
    producer: { type: String, required: true },
    aggregateId: { type: String, required: true },
    correlationId: { type: String, required: true },
    topic: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

/**
 * Spread into an aggregate's schema definition (or `schema.add(outboxSchema)`). Append entries with `$push`
 * (or `doc.outbox.push`) in the same write as the state change, never by assigning the whole array: the
 * relay removes sent entries concurrently, and a whole-array write would resurrect or drop some.
 */
export const outboxSchema = {
  outbox: { type: [outboxEntrySchema], default: [] },
} satisfies SchemaDefinition;

export function toOutboxEntry(event: EventEnvelope, topic: TopicSpec): OutboxEntry {
  return {
    eventId: event.eventId,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt,
    producer: event.producer,
    aggregateId: event.aggregateId,
    correlationId: event.correlationId,
    topic: topic.name,
    payload: event.payload,
  };
}

/** The Kafka record for an outbox entry: keyed by aggregate so one aggregate's events stay in order. */
export function toKafkaMessage(entry: OutboxEntry): Message {
  const { topic: _topic, ...envelope } = entry;
  return {
    key: entry.aggregateId,
    value: JSON.stringify(envelope),
    headers: {
      'event-id': entry.eventId,
      'event-type': entry.type,
      'event-version': String(entry.version),
      'correlation-id': entry.correlationId,
    },
  };
}

interface PendingDocument {
  _id: Types.ObjectId | string;
  outbox: OutboxEntry[];
}

// Matches only documents with at least one entry (an empty outbox has no eventId to compare); an index on
// `outbox.eventId` in the aggregate's schema serves it.
const PENDING = { 'outbox.eventId': { $gt: '' } };

export interface OutboxRelayOptions {
  kafka: Kafka;
  models: OutboxModel[];
  logger: Logger;
  /** Poll while entries keep coming (default 1 s). */
  pollIntervalMs?: number;
  /** Each poll that finds nothing doubles the wait, up to this (default 30 s); a nudge relays at once anyway. */
  maxIdleIntervalMs?: number;
  batchSize?: number;
}

/** A model whose documents carry an outbox; any schema will do. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutboxModel = Model<any>;

/**
 * Moves outbox entries to Kafka: at least once, in order per document. A crash between the send and the
 * removal sends those entries again, which consumers absorb by event id; so does running one relay per
 * service replica.
 */
export class OutboxRelay {
  private readonly producer: Producer;
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly maxIdleIntervalMs: number;
  private idleIntervalMs: number;
  private readonly batchSize: number;
  /**
   * Models a write has nudged since the last pass. A nudged pass reads only those: on FerretDB every pending query
   * scans its whole collection, and scanning every model after each write queued the service's requests behind it.
   */
  private readonly nudged = new Set<OutboxModel>();
  /** A nudge naming no model came while a targeted pass was queued: that pass reads every model. */
  private fullPassDue = false;
  private connected = false;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** Passes run one after another, so a nudge during a pass never sends the same entries twice. */
  private chain: Promise<unknown> = Promise.resolve();
  private queued = false;
  /** The last pass filled its batch, so more entries are probably waiting: go on without pausing. */
  private backlog = false;
  // Each outage is logged when it starts and when it ends, not on every poll in between.
  private kafkaDown = false;
  private passFailing = false;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.logger = opts.logger.child({ component: 'outbox-relay' });
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.maxIdleIntervalMs = Math.max(opts.maxIdleIntervalMs ?? 30_000, this.pollIntervalMs);
    this.idleIntervalMs = this.pollIntervalMs;
    this.batchSize = opts.batchSize ?? 500;
    // Idempotent with one request in flight: broker-side retries neither duplicate nor reorder a batch.
    // kafkajs would retry an idempotent send forever; the client's bounded retries keep a pass finite
    // during an outage (kafkajs warns about that), and entries not acknowledged stay in the outbox.
    this.producer = opts.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.CONNECT, () => (this.connected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
  }

  /** Connects and starts polling; if Kafka is not reachable yet, that is logged and each poll tries again. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      await this.producer.connect();
    } catch (error) {
      this.kafkaFailed(error);
    }
    this.schedule(0, true);
  }

  /** A write just appended to the outbox of `model` (of every model when not named): relay it soon. */
  nudge(model?: OutboxModel): void {
    if (!this.started || this.stopped) return;
    if (model && this.opts.models.includes(model)) {
      this.nudged.add(model);
      this.schedule(0, false);
    } else {
      this.schedule(0, true);
    }
  }

  /** One pass over every model; returns how many entries were sent. Kafka failures are logged, not thrown. */
  relayOnce(): Promise<number> {
    return this.passOver(this.opts.models);
  }

  private passOver(models: OutboxModel[]): Promise<number> {
    const pass = this.chain.then(() => this.pass(models));
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.chain;
    if (this.connected) await this.producer.disconnect();
  }

  /** `full`: read every model (the periodic poll, which also finds what another replica left); else the nudged ones. */
  private schedule(delayMs: number, full: boolean): void {
    if (this.stopped) return;
    if (delayMs === 0 && this.queued) {
      if (full) this.fullPassDue = true;
      return;
    }
    clearTimeout(this.timer);
    this.queued = delayMs === 0;
    this.timer = setTimeout(() => {
      this.queued = false;
      const fullPass = full || this.fullPassDue;
      const models = fullPass ? this.opts.models : this.opts.models.filter((model) => this.nudged.has(model));
      this.fullPassDue = false;
      this.nudged.clear();
      this.passOver(models)
        .then(
          (sent) => {
            this.passFailing = false;
            // busy: keep polling every interval; a full pass that found nothing: wait twice as long next time
            if (sent > 0) this.idleIntervalMs = this.pollIntervalMs;
            else if (fullPass) this.idleIntervalMs = Math.min(this.idleIntervalMs * 2, this.maxIdleIntervalMs);
          },
          (error: unknown) => {
            if (!this.passFailing) this.logger.error({ err: error }, 'outbox relay pass failed; retrying each poll');
            this.passFailing = true;
            this.backlog = false;
            this.idleIntervalMs = this.pollIntervalMs;
          },
        )
        .then(() => {
          if (this.backlog) for (const model of models) this.nudged.add(model);
          // a nudge during the pass is queued already: its pass comes next and schedules the poll after it
          if (this.queued) return;
          if (this.backlog) return this.schedule(0, false);
          this.schedule(this.idleIntervalMs, true);
        });
    }, delayMs);
  }

  private async pass(models: OutboxModel[]): Promise<number> {
    // One read per model and one Kafka batch per pass. A send per document costs a broker round trip each, and on
    // FerretDB the pending query is a full scan, so per-document work drained a backlog at a few dozen events a second.
    const pending: Array<{ collection: Collection<PendingDocument>; modelName: string; doc: PendingDocument }> = [];
    let budget = this.batchSize;
    for (const model of models) {
      if (budget <= 0 || this.stopped) break;
      // Read through the driver: the removal below must match the entries exactly as stored.
      const collection = model.db.collection<PendingDocument>(model.collection.collectionName);
      const docs = await collection.find(PENDING, { projection: { outbox: 1 }, limit: budget }).toArray();
      budget -= docs.length;
      for (const doc of docs) pending.push({ collection, modelName: model.modelName, doc });
    }
    this.backlog = budget <= 0;
    if (pending.length === 0 || this.stopped) return 0;
    // Each document is one aggregate with one key, so its entries keep their order within their partition.
    if (!(await this.send(pending.flatMap(({ doc }) => doc.outbox)))) return 0;
    let sent = 0;
    for (const { collection, modelName, doc } of pending) {
      // Removes exactly the sent entries by whole-value equality, so one appended meanwhile stays for the
      // next pass. Not `$pull` with a condition such as `{ eventId: { $in } }`: FerretDB 1.24 accepts that
      // and silently removes nothing.
      const removed = await collection.updateOne({ _id: doc._id }, { $pullAll: { outbox: doc.outbox } });
      if (removed.modifiedCount !== 1) {
        // expected with several replicas (or a seed beside the service): consumers drop the copies by event id
        this.logger.info({ model: modelName }, 'sent outbox entries were gone already: another relay sent them too');
      }
      sent += doc.outbox.length;
    }
    if (sent > 0) this.logger.debug({ sent }, 'relayed outbox entries');
    return sent;
  }

  /** Sends the entries in order in one batch; false when Kafka refused, so the pass stops and retries later. */
  private async send(entries: OutboxEntry[]): Promise<boolean> {
    try {
      if (!this.connected) await this.producer.connect();
      // Grouped by topic in outbox order; each aggregate's entries share a key, hence a partition, in order.
      const byTopic = new Map<string, Message[]>();
      for (const entry of entries) {
        const messages = byTopic.get(entry.topic) ?? [];
        messages.push(toKafkaMessage(entry));
        byTopic.set(entry.topic, messages);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      if (this.kafkaDown) {
        this.kafkaDown = false;
        this.logger.info('outbox relay reaches Kafka again');
      }
      return true;
    } catch (error) {
      this.kafkaFailed(error);
      return false;
    }
  }

  private kafkaFailed(error: unknown): void {
    if (this.kafkaDown) return;
    this.kafkaDown = true;
    this.logger.error({ err: error }, 'outbox relay cannot reach Kafka; entries stay in the outbox and are retried');
  }
}
