import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer } from 'kafkajs';
import mongoose, { Schema } from 'mongoose';
import type { Collection, Model, Query, SchemaDefinition, Types, UpdateQuery } from 'mongoose';
import type { EventEnvelope, TopicSpec } from '../events';
import type { Logger } from '../logging';
import { withAggregateLock, withFreeAggregateLocks } from '../mongo';

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
 * (or `doc.outbox.push`) in the same write as the state change, under the aggregate's lock, never by assigning the
 * whole array. `outboxPending` says the outbox holds entries: the relay finds pending documents by that equality on its
 * index (a range over `outbox.eventId` made FerretDB read the whole collection on every pass). Every write that appends
 * sets it in the same write (see markOutboxPending); the relay clears it when it empties the outbox.
 */
export const outboxSchema = {
  outbox: { type: [outboxEntrySchema], default: [] },
  outboxPending: { type: Boolean, default: false, index: true },
} satisfies SchemaDefinition;

type OutboxUpdate = UpdateQuery<{ outbox: OutboxEntry[]; outboxPending: boolean }>;

const appendsToOutbox = (update: OutboxUpdate | null | undefined): boolean => update?.$push?.outbox !== undefined || update?.$addToSet?.outbox !== undefined;

/**
 * Sets `outboxPending` in the same write as every append, in one place for every aggregate: a new document (create,
 * insertMany, save) by its entries, an update that `$push`es to the outbox (updateOne, updateMany, findOneAndUpdate,
 * bulkWrite) by adding `outboxPending: true` to it. Registered for every schema the process compiles and acting on
 * those with an outbox; writes through the driver's collections bypass it, as the relay's own do.
 */
function markOutboxPending(schema: Schema): void {
  if (!schema.path('outboxPending')) return;
  schema.pre('validate', function () {
    if (this.isNew || this.isModified('outbox')) this.set('outboxPending', (this.get('outbox') as OutboxEntry[]).length > 0);
  });
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function (this: Query<unknown, unknown>) {
    if (appendsToOutbox(this.getUpdate() as OutboxUpdate)) this.set('outboxPending', true);
  });
  schema.pre('bulkWrite', function (ops) {
    for (const op of ops) {
      const write = 'updateOne' in op ? op.updateOne : 'updateMany' in op ? op.updateMany : undefined;
      const update = write?.update as OutboxUpdate | undefined;
      if (write && update && appendsToOutbox(update)) write.update = { ...update, $set: { ...update.$set, outboxPending: true } };
    }
  });
}
mongoose.plugin(markOutboxPending);

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

/** A document's `_id` as stored: an ObjectId or a string. */
export type AggregateId = Types.ObjectId | string;

/** A document a write has just created, as stored (`toObject()` of the saved mongoose document will do). */
export interface CreatedDocument {
  _id: AggregateId;
  outbox: OutboxEntry[];
}

interface PendingDocument extends CreatedDocument {
  outboxPending?: boolean;
}

/** A document a pass is asked to relay: by its id, read first, or by the copy its creator handed over. */
interface WantedDocument {
  id: AggregateId;
  created?: CreatedDocument;
}

/** What the services' writers tell the relay: each write that appends to an outbox calls one of these after it. */
export type OutboxNudge = Pick<OutboxRelay, 'nudge' | 'nudgeCreated'>;

interface Pending {
  model: OutboxModel;
  collection: Collection<PendingDocument>;
  doc: PendingDocument;
}

/**
 * Sent documents emptied at once, their locks taken with one insert and released with one delete, then a write each:
 * one lock per document cost two more round trips each, most of the relay's database work (organisations bench).
 */
const REMOVALS_AT_ONCE = 16;
/**
 * Chunks removed side by side. One at a time, removals fell behind a burst of writes: 10,000 registrations left 6,700
 * documents flagged, emptied over the next minute under the queries that followed (organisations bench).
 */
const REMOVAL_LANES = 4;

export interface OutboxRelayOptions {
  kafka: Kafka;
  models: OutboxModel[];
  logger: Logger;
  /** Poll while entries keep coming (default 1 s). */
  pollIntervalMs?: number;
  /** Each poll that finds nothing doubles the wait, up to this (default 30 s); a nudge relays at once anyway. */
  maxIdleIntervalMs?: number;
  /** Entries per Kafka batch (default 500); a pass sends what it found in as many batches as it takes. */
  batchSize?: number;
}

/** A model whose documents carry an outbox; any schema will do. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutboxModel = Model<any>;

/**
 * Moves outbox entries to Kafka: at least once, in order per document, and the oldest document first. A crash
 * between the send and the removal sends those entries again, which consumers absorb by event id; so does running
 * one relay per service replica.
 */
export class OutboxRelay {
  private readonly producer: Producer;
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly maxIdleIntervalMs: number;
  private idleIntervalMs: number;
  private readonly batchSize: number;
  /**
   * The pass asked for and not begun yet: every model, or the models nudged, or only the documents nudged by id. A
   * nudged pass reads only those: on FerretDB the pending query of a model reads every flagged document in full, and
   * after a burst of writes thousands stay flagged until their removals catch up, so a pass over the model after each
   * write took seconds (organisations bench: 2.6 s from event to Kafka at 10,000). Nudges while it waits only widen it,
   * so the writes made during one pass cost one more pass, not one each.
   */
  private wanted: { full: boolean; models: Set<OutboxModel>; documents: Map<OutboxModel, Map<string, WantedDocument>> } | undefined;
  /** The loop of passes runs (or is about to); when it ends, the poll timer takes over. */
  private looping = false;
  private connected = false;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** Passes run one after another, so a nudge during a pass never sends the same entries twice. */
  private chain: Promise<unknown> = Promise.resolve();
  /**
   * Entries sent whose removal from their documents is under way: later passes skip them instead of sending them again.
   * Removals run behind the passes, in their lanes, so the next pass sends what came meanwhile without waiting for them:
   * waiting, an event written during a pass waited for that pass's removals.
   */
  private readonly removing = new Set<string>();
  /** Entries whose removal has ended; they leave `removing` when the next pass begins, as its read comes after it. */
  private removed: string[] = [];
  private readonly removalLanes: Array<Promise<unknown>> = Array.from({ length: REMOVAL_LANES }, () => Promise.resolve());
  private nextRemovalLane = 0;
  private removalFailing = false;
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
    this.want();
  }

  /**
   * A write just appended to the outbox of the documents `ids` of `model` (of any document of `model` when no ids are
   * named, of every model when no model is): relay it soon.
   */
  nudge(model?: OutboxModel, ids?: Iterable<AggregateId>): void {
    if (!this.started || this.stopped) return;
    this.want(model && this.opts.models.includes(model) ? { model, ids } : undefined);
  }

  /**
   * A write just created `docs` of `model` with entries in their outbox: relay them from these copies, without reading
   * them back (that read was a third of the relay's database work per event: organisations bench). A write that
   * changes an existing document calls nudge instead, as only the stored document has all its unsent entries.
   */
  nudgeCreated(model: OutboxModel, docs: Iterable<CreatedDocument>): void {
    if (!this.started || this.stopped) return;
    this.want(this.opts.models.includes(model) ? { model, created: docs } : undefined);
  }

  /** One pass over every model, its removals done; returns how many entries were sent. Kafka failures are logged, not thrown. */
  async relayOnce(): Promise<number> {
    const sent = await this.passOver(this.opts.models);
    await this.removalsQueued();
    return sent;
  }

  private passOver(models: OutboxModel[], documents = new Map<OutboxModel, Map<string, WantedDocument>>()): Promise<number> {
    const pass = this.chain.then(() => this.pass(models, documents));
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.chain;
    await this.removalsQueued();
    if (this.connected) await this.producer.disconnect();
  }

  /** Asks for a pass over documents of a model, a model, or every model (the periodic poll, which also finds what another replica left). */
  private want(target?: { model: OutboxModel; ids?: Iterable<AggregateId>; created?: Iterable<CreatedDocument> }): void {
    if (this.stopped) return;
    this.wanted ??= { full: false, models: new Set(), documents: new Map() };
    if (!target) this.wanted.full = true;
    else if (!target.ids && !target.created) this.wanted.models.add(target.model);
    else {
      const documents = this.wanted.documents.get(target.model) ?? new Map<string, WantedDocument>();
      // a document also changed since its creation is read: only the stored one has every entry
      for (const id of target.ids ?? []) documents.set(String(id), { id });
      for (const created of target.created ?? []) if (!documents.has(String(created._id))) documents.set(String(created._id), { id: created._id, created });
      this.wanted.documents.set(target.model, documents);
    }
    if (this.looping) return;
    this.looping = true;
    clearTimeout(this.timer);
    // on the next turn, so the nudges of writes finishing together share one pass
    this.timer = setTimeout(() => void this.loop(), 0);
  }

  /**
   * Passes while any is wanted, then the poll: soon again after a full pass found entries no nudge had announced (another
   * replica's, say), twice as late after one that found none. Nudged passes leave the interval alone: during a burst
   * of writes each full pass reads every flagged document, and the nudges relay the new entries anyway.
   */
  private async loop(): Promise<void> {
    while (this.wanted && !this.stopped) {
      const { full, models, documents } = this.wanted;
      this.wanted = undefined;
      try {
        const sent = full
          ? await this.passOver(this.opts.models)
          : await this.passOver(this.opts.models.filter((model) => models.has(model)), new Map([...documents].filter(([model]) => !models.has(model))));
        this.passFailing = false;
        if (full) this.idleIntervalMs = sent > 0 ? this.pollIntervalMs : Math.min(this.idleIntervalMs * 2, this.maxIdleIntervalMs);
      } catch (error) {
        if (!this.passFailing) this.logger.error({ err: error }, 'outbox relay pass failed; retrying each poll');
        this.passFailing = true;
        this.idleIntervalMs = this.pollIntervalMs;
      }
    }
    this.looping = false;
    if (!this.stopped) this.timer = setTimeout(() => this.want(), this.idleIntervalMs);
  }

  private async pass(models: OutboxModel[], documents: Map<OutboxModel, Map<string, WantedDocument>>): Promise<number> {
    // One read per model (or per document nudged), then a Kafka batch per batchSize entries. A send per document costs
    // a broker round trip each, and one pass over everything pending reads each document once however long the backlog.
    // A removal that ended during the last pass's read may have been read before its write: skipped until now.
    for (const eventId of this.removed.splice(0)) this.removing.delete(eventId);
    const pending: Pending[] = [];
    const consider = (model: OutboxModel, collection: Collection<PendingDocument>, doc: PendingDocument) => {
      const unsent = doc.outbox.filter((entry) => !this.removing.has(entry.eventId));
      // everything sent already: the removal under way clears the flag
      if (unsent.length > 0 || doc.outbox.length === 0) pending.push({ model, collection, doc: { ...doc, outbox: unsent } });
    };
    // Read through the driver: the removal must match the entries exactly as stored.
    const collectionOf = (model: OutboxModel) => model.db.collection<PendingDocument>(model.collection.collectionName);
    for (const model of models) {
      if (this.stopped) return 0;
      const collection = collectionOf(model);
      for (const doc of await collection.find({ outboxPending: true }, { projection: { outbox: 1 } }).toArray()) consider(model, collection, doc);
    }
    for (const [model, wanted] of documents) {
      if (this.stopped) return 0;
      const collection = collectionOf(model);
      const toRead: AggregateId[] = [];
      for (const { id, created } of wanted.values()) {
        if (created) consider(model, collection, { _id: created._id, outbox: created.outbox });
        else toRead.push(id);
      }
      // by _id, the one lookup FerretDB serves from its index, together
      // cast as the schema stores it: a string id of a document keyed by ObjectId would find nothing
      const docs = await Promise.all(toRead.map((id) => collection.findOne({ _id: model.castObject({ _id: id })._id as AggregateId }, { projection: { outbox: 1, outboxPending: 1 } })));
      for (const doc of docs) if (doc?.outboxPending) consider(model, collection, doc);
    }
    // Unsorted, PostgreSQL returns documents in heap order, where an updated one has moved: events of different
    // aggregates would leave in another order than they happened.
    pending.sort(oldestFirst);
    let sent = 0;
    for (const batch of batches(pending, this.batchSize)) {
      if (this.stopped) break;
      const entries = batch.flatMap(({ doc }) => doc.outbox);
      // Each document is one aggregate with one key, so its entries keep their order within their partition.
      if (entries.length > 0 && !(await this.send(entries))) break;
      for (const entry of entries) this.removing.add(entry.eventId);
      for (let i = 0; i < batch.length; i += REMOVALS_AT_ONCE) this.queueRemoval(batch.slice(i, i + REMOVALS_AT_ONCE));
      sent += entries.length;
    }
    if (sent > 0) this.logger.debug({ sent }, 'relayed outbox entries');
    return sent;
  }

  /** The removals queued so far, done. */
  private removalsQueued(): Promise<unknown> {
    return Promise.all(this.removalLanes);
  }

  /**
   * Removes sent entries in the next lane, after the removals queued there before; a failed removal leaves them to be
   * sent again. Two chunks with entries of one document take turns at its lock.
   */
  private queueRemoval(items: Pending[]): void {
    const lane = this.nextRemovalLane;
    this.nextRemovalLane = (lane + 1) % REMOVAL_LANES;
    this.removalLanes[lane] = (this.removalLanes[lane] as Promise<unknown>).then(async () => {
      try {
        await this.removeSent(items);
        this.removalFailing = false;
      } catch (error) {
        if (!this.removalFailing) this.logger.error({ err: error }, 'removing sent outbox entries failed; they are sent again');
        this.removalFailing = true;
      } finally {
        for (const { doc } of items) this.removed.push(...doc.outbox.map((entry) => entry.eventId));
      }
    });
  }

  /**
   * Removes exactly the entries sent, and clears the flag when none is left, under each aggregate's lock: writers append
   * under the same lock, so an entry appended since the read stays, and so does the flag. The free locks are taken
   * together; a document whose lock another writer holds is done after, waiting for it.
   */
  private async removeSent(items: Pending[]): Promise<void> {
    for (const model of new Set(items.map((item) => item.model))) {
      const ofModel = new Map(items.filter((item) => item.model === model).map((item) => [String(item.doc._id), item]));
      const busy = await withFreeAggregateLocks(model, [...ofModel.keys()], async (locked) => {
        // every write finished before the locks go, also when one failed
        const failed = (await Promise.allSettled(locked.map((id) => this.removeLocked(ofModel.get(id) as Pending)))).find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
        return [...ofModel.keys()].filter((id) => !locked.includes(id));
      });
      for (const id of busy) {
        const item = ofModel.get(id) as Pending;
        await withAggregateLock(model, item.doc._id, () => this.removeLocked(item));
      }
    }
  }

  /** removeSent's work on one document, whose lock the caller holds. */
  private async removeLocked({ model, collection, doc }: Pending): Promise<void> {
    // Usually the outbox holds exactly what was sent: emptied by one write matching it whole, without reading it first
    // (the read was half of the relay's database work, which fell behind a burst of writes: organisations bench).
    if (doc.outbox.length > 0) {
      const emptied = await collection.updateOne({ _id: doc._id, outbox: doc.outbox }, { $set: { outbox: [], outboxPending: false } });
      if (emptied.matchedCount === 1) return;
    }
    const sent = new Set(doc.outbox.map((entry) => entry.eventId));
    const stored = await collection.findOne({ _id: doc._id }, { projection: { outbox: 1 } });
    // deleted since (a person erased): nothing left to remove
    if (!stored) return;
    const removed = stored.outbox.filter((entry) => sent.has(entry.eventId));
    if (removed.length < sent.size) {
      // expected with several replicas (or a seed beside the service): consumers drop the copies by event id
      this.logger.info({ model: model.modelName }, 'sent outbox entries were gone already: another relay sent them too');
    }
    // By whole-value equality, on the entries as stored now (an erasure may have rewritten one since it was read).
    // Not `$pull` with a condition such as `{ eventId: { $in } }`: FerretDB 1.24 accepts that and removes nothing,
    // on SQLite and on PostgreSQL alike (checked on 1.24.2 over PostgreSQL 15: matched 1, modified 0).
    const left = stored.outbox.length - removed.length;
    await collection.updateOne({ _id: doc._id }, { $pullAll: { outbox: removed }, $set: { outboxPending: left > 0 } });
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

/** Oldest first: by the time of a document's first pending entry, then its event id (events of one instant). */
function oldestFirst(a: Pending, b: Pending): number {
  const first = a.doc.outbox[0];
  const second = b.doc.outbox[0];
  // a document flagged with nothing left only needs its flag cleared
  if (!first || !second) return (first ? 1 : 0) - (second ? 1 : 0);
  if (first.occurredAt !== second.occurredAt) return first.occurredAt < second.occurredAt ? -1 : 1;
  return first.eventId < second.eventId ? -1 : first.eventId > second.eventId ? 1 : 0;
}

/** Whole documents, in order, at most `size` entries each (a document with more entries than that goes alone). */
function* batches(pending: Pending[], size: number): Generator<Pending[]> {
  let batch: Pending[] = [];
  let entries = 0;
  for (const item of pending) {
    if (batch.length > 0 && entries + item.doc.outbox.length > size) {
      yield batch;
      batch = [];
      entries = 0;
    }
    batch.push(item);
    entries += item.doc.outbox.length;
  }
  if (batch.length > 0) yield batch;
}
