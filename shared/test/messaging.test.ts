import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { ConfigResourceTypes, Partitioners } from 'kafkajs';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import mongoose, { Schema } from 'mongoose';
import pino from 'pino';
import { z } from 'zod';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import { createEvent, defineEvent, EventRegistry } from '../src/events';
import type { EventEnvelope, TopicSpec } from '../src/events';
import { hubEventRegistry, OrganisationDeactivated } from '../src/contracts';
import { createLogger } from '../src/logging';
import {
  createKafka,
  ensureTopics,
  EventConsumer,
  OutboxRelay,
  outboxSchema,
  PROCESSED_BATCHES_COLLECTION,
  PROCESSED_EVENTS_COLLECTION,
  mergeFolds,
  toOutboxEntry,
} from '../src/messaging';
import type { EventConsumerOptions, FoldOptions, Kafka, MergedFold, MessageMeta, OutboxEntry, OutboxModel } from '../src/messaging';
import { withAggregateLock } from '../src/mongo';

const logger = createLogger('messaging-test', process.env.LOG_LEVEL ?? 'error');
// Short kafkajs retries keep the failure cases fast; the idempotent producer needs at least one retry.
const kafkaOptions = { logger, retry: { retries: 1, initialRetryTimeMs: 100 }, connectionTimeoutMs: 1000 };

let kafka: Kafka;
let db: { connection: mongoose.Connection };
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  kafka = createKafka({ ...kafkaOptions, brokers: testEndpoints().kafkaBrokers, clientId: uniqueName('messaging-test') });
  db = { connection: await mongoose.createConnection(uniqueDbUrl('messaging'), { serverSelectionTimeoutMS: 5000 }).asPromise() };
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await db.connection.dropDatabase();
  await db.connection.close();
});

/** Polls until the check holds (events arrive asynchronously). */
async function waitFor(check: () => boolean | Promise<boolean>, { timeoutMs = 15_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function newTopic(prefix: string, partitions = 1): Promise<TopicSpec> {
  const topic = { name: uniqueName(prefix), partitions, retentionMs: 3_600_000 };
  await ensureTopics(kafka, [topic]);
  return topic;
}

/** How many records a topic holds, summed over its partitions. */
async function countRecords(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

type Received = KafkaMessage & { partition: number };

/** Every record of a topic, read by a throwaway consumer group. */
async function readAll(topic: string): Promise<Received[]> {
  const expected = await countRecords(topic);
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void received.push({ ...message, partition }) });
    await waitFor(() => received.length >= expected, { what: `${expected} records on ${topic}` });
  } finally {
    await consumer.disconnect();
  }
  return received.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

async function produce(topic: string, values: (string | EventEnvelope)[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: values.map((value) => ({
        key: typeof value === 'string' ? null : value.aggregateId,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

const deactivated = (organisationId: string) =>
  createEvent(OrganisationDeactivated, { aggregateId: organisationId, producer: 'test', payload: { organisationId } });

const header = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString();

interface Aggregate {
  _id: string;
  status: string;
  outbox: OutboxEntry[];
  outboxPending?: boolean;
}

const aggregateSchema = new Schema<Aggregate>({ _id: String, status: String, ...outboxSchema });

/** A model over a fresh collection of its own, so tests never see each other's outboxes. */
const aggregateModel = () => db.connection.model<Aggregate>(uniqueName('Aggregate'), aggregateSchema);

function startRelay(relayKafka: Kafka, models: ReturnType<typeof aggregateModel>[], log = logger) {
  const relay = new OutboxRelay({ kafka: relayKafka, models, logger: log, pollIntervalMs: 100 });
  cleanups.push(() => relay.stop());
  return relay;
}

/** A consumer on the test database with short retries, from the topic's beginning, stopped after the test. */
function testConsumer(options: Pick<EventConsumerOptions, 'groupId' | 'topics' | 'registry' | 'handlers' | 'deadLetterTopic' | 'folds'>) {
  const consumer = new EventConsumer({ kafka, connection: db.connection, logger, maxAttempts: 3, initialBackoffMs: 20, fromBeginning: true, maxWaitTimeMs: 100, ...options });
  cleanups.push(() => consumer.stop());
  return consumer;
}

function startConsumer(
  topic: TopicSpec,
  deadLetterTopic: TopicSpec,
  handle: (event: EventEnvelope, meta: MessageMeta) => Promise<void>,
) {
  return testConsumer({ groupId: uniqueName('group'), topics: [topic], registry: hubEventRegistry, handlers: { [OrganisationDeactivated.type]: handle }, deadLetterTopic });
}

describe('ensureTopics', () => {
  it('creates a missing topic with its partitions and retention, and leaves an existing one alone', async () => {
    const spec = { name: uniqueName('ensure'), partitions: 2, retentionMs: 123_456 };
    await ensureTopics(kafka, [spec]);
    await ensureTopics(kafka, [{ ...spec, retentionMs: 999_999 }]);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.name, configNames: ['retention.ms'] }],
      });
      expect(resources[0]?.configEntries).toEqual([
        expect.objectContaining({ configName: 'retention.ms', configValue: '123456' }),
      ]);
      const { topics } = await admin.fetchTopicMetadata({ topics: [spec.name] });
      expect(topics[0]?.partitions).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
  });

  it('lets several services create the same new topics at once, as they do when the hub starts', async () => {
    const specs = Array.from({ length: 4 }, (_, i) => ({ name: uniqueName(`together-${i}`), partitions: 3, retentionMs: 3_600_000 }));
    await Promise.all(Array.from({ length: 6 }, (_, i) => ensureTopics(kafka, i % 2 === 0 ? specs : [...specs].reverse())));

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.name) });
      expect(topics.map((topic) => topic.partitions.length)).toEqual([3, 3, 3, 3]);
    } finally {
      await admin.disconnect();
    }
  });
});

/**
 * Starts the relay and waits until the full pass that start asks for has run: it begins on the timer start sets, so a
 * timer set after it fires after it, and a pass chained then runs after that one. Waiting on a pass of one's own alone
 * could end before the start's pass began, which then relayed the test's next writes.
 */
/** A started relay whose poll waits a minute, so only nudges (and relayOnce) move entries, with nothing pending yet. */
async function startIdleRelay(models: OutboxModel[]): Promise<OutboxRelay> {
  const relay = new OutboxRelay({ kafka, models, logger, pollIntervalMs: 60_000 });
  cleanups.push(() => relay.stop());
  await relay.start();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(await relay.relayOnce()).toBe(0);
  return relay;
}

describe('OutboxRelay', () => {
  it('relays events written with the state change, keyed and ordered by aggregate, and empties the outbox', async () => {
    const topic = await newTopic('relay', 3);
    const Aggregate = aggregateModel();
    const [first, second, other] = [deactivated('org-a'), deactivated('org-a'), deactivated('org-b')];
    await Aggregate.create({ _id: 'org-a', status: 'active', outbox: [toOutboxEntry(first!, topic)] });
    await Aggregate.updateOne(
      { _id: 'org-a' },
      { $set: { status: 'inactive' }, $push: { outbox: toOutboxEntry(second!, topic) } },
    );
    await Aggregate.create({ _id: 'org-b', status: 'inactive', outbox: [toOutboxEntry(other!, topic)] });

    const relay = startRelay(kafka, [Aggregate]);
    await relay.start();
    await waitFor(async () => (await Aggregate.countDocuments({ 'outbox.0': { $exists: true } })) === 0, {
      what: 'empty outboxes',
    });

    const records = await readAll(topic.name);
    expect(records.map((r) => JSON.parse(String(r.value)))).toHaveLength(3);
    const orgA = records.filter((r) => String(r.key) === 'org-a');
    expect(orgA.map((r) => JSON.parse(String(r.value)))).toEqual([first, second]);
    expect(new Set(orgA.map((r) => r.partition)).size).toBe(1);
    expect(records.find((r) => String(r.key) === 'org-b')?.value?.toString()).toBe(JSON.stringify(other));
    expect(header(orgA[0]?.headers, 'event-type')).toBe('OrganisationDeactivated');
    expect(await Aggregate.findById('org-a').lean()).toMatchObject({ status: 'inactive', outbox: [] });
  });

  it('relays a nudged write without waiting for the poll', async () => {
    const topic = await newTopic('nudge');
    const Aggregate = aggregateModel();
    const relay = new OutboxRelay({ kafka, models: [Aggregate], logger, pollIntervalMs: 60_000 });
    cleanups.push(() => relay.stop());
    await relay.start();

    await Aggregate.create({ _id: 'org-n', status: 'active', outbox: [toOutboxEntry(deactivated('org-n'), topic)] });
    relay.nudge();
    await waitFor(async () => (await Aggregate.findById('org-n').lean())?.outbox.length === 0, {
      timeoutMs: 5000,
      what: 'nudged relay',
    });
    expect(await countRecords(topic.name)).toBe(1);
  });

  it('relays only the model a write nudged, leaving the others to the periodic pass', async () => {
    const topic = await newTopic('targeted');
    const [Nudged, Other] = [aggregateModel(), aggregateModel()];
    const relay = await startIdleRelay([Other, Nudged]);

    await Other.create({ _id: 'org-o', status: 'active', outbox: [toOutboxEntry(deactivated('org-o'), topic)] });
    await Nudged.create({ _id: 'org-t', status: 'active', outbox: [toOutboxEntry(deactivated('org-t'), topic)] });
    relay.nudge(Nudged);
    await waitFor(async () => (await Nudged.findById('org-t').lean())?.outbox.length === 0, { timeoutMs: 5000, what: 'nudged model relayed' });
    expect((await Other.findById('org-o').lean())?.outbox).toHaveLength(1);
    expect(await relay.relayOnce()).toBe(1);
  });

  it('relays only the documents a write nudged by id, leaving the model\'s others to the periodic pass', async () => {
    const topic = await newTopic('by-id');
    const Aggregate = aggregateModel();
    const ByObjectId = db.connection.model<Omit<Aggregate, '_id'>>(uniqueName('ByObjectId'), new Schema<Omit<Aggregate, '_id'>>({ status: String, ...outboxSchema }));
    const relay = await startIdleRelay([Aggregate, ByObjectId]);

    await Aggregate.create({ _id: 'org-left', status: 'active', outbox: [toOutboxEntry(deactivated('org-left'), topic)] });
    await Aggregate.create({ _id: 'org-named', status: 'active', outbox: [toOutboxEntry(deactivated('org-named'), topic)] });
    const keyed = await ByObjectId.create({ status: 'active', outbox: [toOutboxEntry(deactivated('org-keyed'), topic)] });
    relay.nudge(Aggregate, ['org-named']);
    // named by the id's text: the relay reads it as the schema stores it, an ObjectId
    relay.nudge(ByObjectId, [String(keyed._id)]);
    await waitFor(async () => (await Aggregate.findById('org-named').lean())?.outbox.length === 0 && (await ByObjectId.findById(keyed._id).lean())?.outbox.length === 0, {
      timeoutMs: 5000,
      what: 'the nudged documents relayed',
    });
    expect((await Aggregate.findById('org-left').lean())?.outbox).toHaveLength(1);
    expect(await countRecords(topic.name)).toBe(2);
    expect(await relay.relayOnce()).toBe(1);
  });

  it('relays a created document from the copy its writer hands over, reading nothing, and empties its outbox with one write', async () => {
    const topic = await newTopic('created');
    const Aggregate = aggregateModel();
    const relay = await startIdleRelay([Aggregate]);
    const reads = jest.spyOn(mongoose.mongo.Collection.prototype, 'findOne');
    const finds = jest.spyOn(mongoose.mongo.Collection.prototype, 'find');
    cleanups.push(async () => {
      reads.mockRestore();
      finds.mockRestore();
    });

    const created = await Aggregate.create({ _id: 'org-new', status: 'active', outbox: [toOutboxEntry(deactivated('org-new'), topic)] });
    relay.nudgeCreated(Aggregate, [created.toObject()]);
    await waitFor(async () => (await countRecords(topic.name)) === 1, { timeoutMs: 5000, what: 'the created document relayed' });
    await relay.relayOnce();
    const readsOfAggregate = (spy: typeof reads | typeof finds) => spy.mock.contexts.filter((collection) => (collection as { collectionName?: string }).collectionName === Aggregate.collection.collectionName).length;
    // one find: the relayOnce above, which found nothing pending
    expect([readsOfAggregate(reads), readsOfAggregate(finds)]).toEqual([0, 1]);
    expect(await Aggregate.findById('org-new').lean()).toMatchObject({ outbox: [], outboxPending: false });
    expect(JSON.parse(String((await readAll(topic.name))[0]?.value))).toMatchObject({ aggregateId: 'org-new', type: 'OrganisationDeactivated' });
  });

  it('reads a document changed since its creator handed over its copy, when both nudges fall into one pass, and sends both entries in order', async () => {
    const topic = await newTopic('created-changed');
    const Aggregate = aggregateModel();
    const relay = await startIdleRelay([Aggregate]);

    const [first, second] = [deactivated('org-cc'), deactivated('org-cc')];
    const created = await Aggregate.create({ _id: 'org-cc', status: 'active', outbox: [toOutboxEntry(first, topic)] });
    await Aggregate.updateOne({ _id: 'org-cc' }, { $set: { status: 'inactive' }, $push: { outbox: toOutboxEntry(second, topic) } });
    // in one turn, so one pass: the change's read must win over the creator's copy, which lacks the second entry
    relay.nudgeCreated(Aggregate, [created.toObject()]);
    relay.nudge(Aggregate, ['org-cc']);
    await waitFor(async () => (await Aggregate.findById('org-cc').lean())?.outboxPending === false, { timeoutMs: 5000, what: 'both entries relayed' });
    expect(await relay.relayOnce()).toBe(0);
    expect((await readAll(topic.name)).map((record) => JSON.parse(String(record.value)))).toEqual([first, second]);
  });

  it('serves the nudges that come during a pass with one more pass, not one each', async () => {
    const topic = await newTopic('coalesced');
    const Aggregate = aggregateModel();
    const relay = await startIdleRelay([Aggregate]);

    const ids = ['org-c1', 'org-c2', 'org-c3', 'org-c4', 'org-c5', 'org-c6'];
    await Aggregate.insertMany(ids.map((id) => ({ _id: id, status: 'active', outbox: [toOutboxEntry(deactivated(id), topic)] })));
    // Each pass opens the model's collection once; the first one is held at its read until five more writes have nudged.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const collection = Aggregate.db.collection.bind(Aggregate.db);
    let passes = 0;
    const spy = jest.spyOn(Aggregate.db, 'collection').mockImplementation((name, options) => {
      const real = collection(name, options);
      if (name !== Aggregate.collection.collectionName || ++passes > 1) return real;
      return new Proxy(real, {
        get: (target, property) => {
          if (property === 'find') {
            return (...args: Parameters<typeof target.find>) => {
              const cursor = target.find(...args);
              return { toArray: async () => held.then(() => cursor.toArray()) };
            };
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    });
    cleanups.push(async () => spy.mockRestore());
    relay.nudge(Aggregate);
    await waitFor(() => passes === 1, { timeoutMs: 5000, what: 'the first pass' });
    for (let i = 0; i < 5; i++) {
      relay.nudge(Aggregate);
      // each nudge on a turn of its own, as writes finishing one after another during a pass do
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    release();
    await waitFor(async () => (await Aggregate.find({ outboxPending: true }).lean()).length === 0, { timeoutMs: 5000, what: 'the nudged writes relayed' });
    // after whatever the nudges left queued
    expect(await relay.relayOnce()).toBe(0);
    expect(passes).toBe(3);
    expect(await countRecords(topic.name)).toBe(ids.length);
  });

  it('works through a backlog larger than one batch without waiting for the poll', async () => {
    const topic = await newTopic('backlog');
    const Aggregate = aggregateModel();
    const ids = ['org-1', 'org-2', 'org-3', 'org-4', 'org-5'];
    await Aggregate.insertMany(
      ids.map((id) => ({ _id: id, status: 'active', outbox: [toOutboxEntry(deactivated(id), topic)] })),
    );
    const relay = new OutboxRelay({ kafka, models: [Aggregate], logger, pollIntervalMs: 60_000, batchSize: 2 });
    cleanups.push(() => relay.stop());
    await relay.start();
    await waitFor(async () => (await Aggregate.countDocuments({ 'outbox.0': { $exists: true } })) === 0, {
      timeoutMs: 5000,
      what: 'three batches',
    });
    expect(await countRecords(topic.name)).toBe(5);
  });

  it('removes only the entries it sent, keeping one appended while it was sending', async () => {
    const topic = await newTopic('concurrent');
    const Aggregate = aggregateModel();
    await Aggregate.create({ _id: 'org-c', status: 'active', outbox: [toOutboxEntry(deactivated('org-c'), topic)] });
    const late = toOutboxEntry(deactivated('org-c'), topic);
    // A client whose producer appends an entry right after the first send: the moment, between send and
    // removal, when a concurrent write could slip in.
    const racing = Object.create(kafka) as Kafka;
    racing.producer = (config) => {
      const producer = kafka.producer(config);
      const sendBatch = producer.sendBatch.bind(producer);
      let appended = false;
      producer.sendBatch = async (batch) => {
        const result = await sendBatch(batch);
        if (!appended) await Aggregate.updateOne({ _id: 'org-c' }, { $push: { outbox: late } });
        appended = true;
        return result;
      };
      return producer;
    };

    const relay = startRelay(racing, [Aggregate]);
    expect(await relay.relayOnce()).toBe(1);
    expect((await Aggregate.findById('org-c').lean())?.outbox).toEqual([late]);
    expect(await relay.relayOnce()).toBe(1);
    expect((await Aggregate.findById('org-c').lean())?.outbox).toEqual([]);
    expect(await relay.relayOnce()).toBe(0);
    expect(await countRecords(topic.name)).toBe(2);
  });

  it('removes a sent entry that was rewritten between the send and the removal (an erasure scrubbing it)', async () => {
    const topic = await newTopic('rewritten');
    const Aggregate = aggregateModel();
    const entry = toOutboxEntry(deactivated('org-r'), topic);
    await Aggregate.create({ _id: 'org-r', status: 'active', outbox: [entry] });
    const rewriting = Object.create(kafka) as Kafka;
    rewriting.producer = (config) => {
      const producer = kafka.producer(config);
      const sendBatch = producer.sendBatch.bind(producer);
      producer.sendBatch = async (batch) => {
        const result = await sendBatch(batch);
        await Aggregate.updateOne({ _id: 'org-r' }, { $set: { outbox: [{ ...entry, correlationId: 'rewritten' }] } });
        return result;
      };
      return producer;
    };

    const relay = startRelay(rewriting, [Aggregate]);
    expect(await relay.relayOnce()).toBe(1);
    expect(await Aggregate.findById('org-r').lean()).toMatchObject({ outbox: [], outboxPending: false });
    expect(await relay.relayOnce()).toBe(0);
  });

  it('marks every kind of append pending in the same write, and clears the mark when it empties the outbox', async () => {
    const topic = await newTopic('pending');
    const Aggregate = aggregateModel();
    const entry = (id: string) => toOutboxEntry(deactivated(id), topic);
    await Aggregate.create({ _id: 'p-create', status: 'active', outbox: [entry('p-create')] });
    await Aggregate.insertMany([{ _id: 'p-insert-many', status: 'active', outbox: [entry('p-insert-many')] }]);
    await Aggregate.create(['p-update-one', 'p-update-many', 'p-find-one', 'p-bulk', 'p-save', 'p-untouched', 'p-set'].map((_id) => ({ _id, status: 'active' })));
    await Aggregate.updateOne({ _id: 'p-update-one' }, { $push: { outbox: entry('p-update-one') } });
    await Aggregate.updateMany({ _id: 'p-update-many' }, { $push: { outbox: entry('p-update-many') } });
    await Aggregate.findOneAndUpdate({ _id: 'p-find-one' }, { $push: { outbox: entry('p-find-one') } });
    await Aggregate.bulkWrite([{ updateOne: { filter: { _id: 'p-bulk' }, update: { $push: { outbox: entry('p-bulk') } } } }]);
    const saved = await Aggregate.findById('p-save');
    saved!.outbox.push(entry('p-save'));
    await saved!.save();
    await Aggregate.updateOne({ _id: 'p-set' }, { $set: { status: 'inactive' } });

    const pending = async () => (await Aggregate.find({ outboxPending: true }, { _id: 1 }).lean()).map((doc) => doc._id).sort();
    expect(await pending()).toEqual(['p-bulk', 'p-create', 'p-find-one', 'p-insert-many', 'p-save', 'p-update-many', 'p-update-one']);
    const relay = startRelay(kafka, [Aggregate]);
    expect(await relay.relayOnce()).toBe(7);
    expect(await pending()).toEqual([]);
    expect(await Aggregate.countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
    expect(await relay.relayOnce()).toBe(0);
  });

  it('relays the oldest first across aggregates and models, whatever order the database returns them in', async () => {
    const topic = await newTopic('oldest');
    const [First, Second] = [aggregateModel(), aggregateModel()];
    const at = (id: string, second: number) => ({ ...toOutboxEntry(deactivated(id), topic), occurredAt: `2026-03-01T08:00:0${second}.000Z` });
    // stored out of order, and the earliest updated since, which moves their rows on PostgreSQL
    await Second.create({ _id: 'org-4', status: 'active', outbox: [at('org-4', 4)] });
    await First.create({ _id: 'org-3', status: 'active', outbox: [at('org-3', 3), at('org-3', 5)] });
    await Second.create({ _id: 'org-1', status: 'active', outbox: [at('org-1', 1)] });
    await First.create({ _id: 'org-2', status: 'active', outbox: [at('org-2', 2)] });
    await Second.updateOne({ _id: 'org-1' }, { $set: { status: 'inactive' } });
    await First.updateOne({ _id: 'org-2' }, { $set: { status: 'inactive' } });

    const relay = startRelay(kafka, [Second, First]);
    expect(await relay.relayOnce()).toBe(5);
    // one partition, so the topic keeps the order they were sent in; an aggregate's own entries stay together
    const records = (await readAll(topic.name)).map((r) => JSON.parse(String(r.value)) as EventEnvelope);
    expect(records.map((event) => [event.aggregateId, event.occurredAt.slice(17, 19)])).toEqual([
      ['org-1', '01'],
      ['org-2', '02'],
      ['org-3', '03'],
      ['org-3', '05'],
      ['org-4', '04'],
    ]);
  });

  it('loses no entry that writers append while it removes sent ones, sends each once, and leaves the mark as the outbox is', async () => {
    const topic = await newTopic('appending');
    const Aggregate = aggregateModel();
    await Aggregate.create({ _id: 'org-w', status: 'active' });
    const appended: string[] = [];
    const writer = async () => {
      for (let i = 0; i < 25; i++) {
        const entry = toOutboxEntry(deactivated('org-w'), topic);
        await withAggregateLock(Aggregate, 'org-w', () => Aggregate.updateOne({ _id: 'org-w' }, { $push: { outbox: entry } }).exec());
        appended.push(entry.eventId);
      }
    };
    const relay = startRelay(kafka, [Aggregate]);
    let writing = true;
    const relaying = (async () => {
      while (writing) await relay.relayOnce();
    })();
    await Promise.all([writer(), writer()]);
    writing = false;
    await relaying;
    await relay.relayOnce();

    expect(await Aggregate.findById('org-w').lean()).toMatchObject({ outbox: [], outboxPending: false });
    const sent = (await readAll(topic.name)).map((r) => (JSON.parse(String(r.value)) as EventEnvelope).eventId);
    expect(sent.sort()).toEqual([...appended].sort());
  });

  it('keeps the outbox while Kafka is unreachable, logs the outage once, then delivers exactly once', async () => {
    const topic = await newTopic('outage');
    const Aggregate = aggregateModel();
    const entries = [toOutboxEntry(deactivated('org-o'), topic), toOutboxEntry(deactivated('org-o'), topic)];
    await Aggregate.create({ _id: 'org-o', status: 'active', outbox: entries });

    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const errors: string[] = [];
    const sink = new Writable({ write: (line, _encoding, done) => done(void errors.push(String(line))) });
    const capture = pino({ level: 'error' }, sink);
    const brokers = [`127.0.0.1:${closedPort}`];
    const unreachable = createKafka({ ...kafkaOptions, logger: capture, brokers, clientId: 'unreachable' });
    const downRelay = startRelay(unreachable, [Aggregate], capture);

    expect(await downRelay.relayOnce()).toBe(0);
    expect(await downRelay.relayOnce()).toBe(0);
    expect((await Aggregate.findById('org-o').lean())?.outbox).toEqual(entries);
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!)).toMatchObject({ msg: expect.stringContaining('cannot reach Kafka') });

    const relay = startRelay(kafka, [Aggregate]);
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(0);
    expect((await Aggregate.findById('org-o').lean())?.outbox).toEqual([]);
    expect((await readAll(topic.name)).map((r) => JSON.parse(String(r.value)).eventId)).toEqual(entries.map((e) => e.eventId));
  });
});

describe('EventConsumer', () => {
  it('applies an event delivered twice only once and records it once', async () => {
    const [topic, deadLetter] = [await newTopic('dup'), await newTopic('dup_dlq')];
    const counters = db.connection.collection<{ _id: string; n: number }>(uniqueName('counters'));
    const seen: string[] = [];
    const consumer = startConsumer(topic, deadLetter, async (event) => {
      await counters.updateOne({ _id: event.aggregateId }, { $inc: { n: 1 } }, { upsert: true });
      seen.push(event.aggregateId);
    });
    const twice = deactivated('org-d');
    await produce(topic.name, [twice, twice, deactivated('org-sentinel')]);
    await consumer.start();

    await waitFor(() => seen.includes('org-sentinel'), { what: 'the sentinel event' });
    expect(await counters.findOne({ _id: 'org-d' })).toEqual({ _id: 'org-d', n: 1 });
    expect(await db.connection.collection(PROCESSED_EVENTS_COLLECTION).countDocuments({ eventId: twice.eventId })).toBe(1);
    expect(await countRecords(deadLetter.name)).toBe(0);
  });

  it('retries a failing handler with backoff, dead-letters one that never succeeds, and goes on', async () => {
    const [topic, deadLetter] = [await newTopic('retry'), await newTopic('retry_dlq')];
    const attempts = new Map<string, number[]>();
    const handled: string[] = [];
    const consumer = startConsumer(topic, deadLetter, async (event) => {
      const times = [...(attempts.get(event.aggregateId) ?? []), Date.now()];
      attempts.set(event.aggregateId, times);
      if (event.aggregateId === 'org-broken' || (event.aggregateId === 'org-flaky' && times.length <= 2)) {
        throw new Error(`handler failed for ${event.aggregateId}`);
      }
      handled.push(event.aggregateId);
    });
    const broken = deactivated('org-broken');
    await produce(topic.name, [deactivated('org-flaky'), broken, deactivated('org-next')]);
    await consumer.start();

    await waitFor(() => handled.includes('org-next'), { what: 'the event after the failing one' });
    expect(handled).toEqual(['org-flaky', 'org-next']);
    const flaky = attempts.get('org-flaky')!;
    expect(flaky).toHaveLength(3);
    // the waits are 20 and 40 ms; a timer starts from the event loop's clock, read at the start of the loop's turn, so
    // it may end up to a millisecond before its delay has passed by Date.now()
    expect(flaky[1]! - flaky[0]!).toBeGreaterThanOrEqual(20 - 1);
    expect(flaky[2]! - flaky[1]!).toBeGreaterThanOrEqual(40 - 1);
    expect(attempts.get('org-broken')).toHaveLength(3);

    const [dead, ...more] = await readAll(deadLetter.name);
    expect(more).toEqual([]);
    expect(JSON.parse(String(dead?.value))).toEqual(broken);
    expect(String(dead?.key)).toBe('org-broken');
    expect(header(dead?.headers, 'dead-letter-reason')).toBe('handler-failed');
    expect(header(dead?.headers, 'dead-letter-error')).toBe('handler failed for org-broken');
    expect(header(dead?.headers, 'dead-letter-attempts')).toBe('3');
    expect(header(dead?.headers, 'original-topic')).toBe(topic.name);
    expect(header(dead?.headers, 'original-partition')).toBe('0');
    expect(header(dead?.headers, 'original-offset')).toBe('1');
    const processed = db.connection.collection(PROCESSED_EVENTS_COLLECTION);
    expect(await processed.countDocuments({ eventId: broken.eventId })).toBe(0);
  });

  it('dead-letters invalid events without calling the handler', async () => {
    const [topic, deadLetter] = [await newTopic('invalid'), await newTopic('invalid_dlq')];
    const handled: string[] = [];
    const consumer = startConsumer(topic, deadLetter, async (event) => void handled.push(event.aggregateId));
    const valid = deactivated('org-v');
    const withEmail = JSON.stringify({
      ...deactivated('org-e'),
      payload: { organisationId: 'org-e', email: 'a@example.com' },
    });
    await produce(topic.name, [withEmail, 'not json', valid]);
    await consumer.start();

    await waitFor(() => handled.includes('org-v'), { what: 'the valid event' });
    expect(handled).toEqual(['org-v']);
    const dead = await readAll(deadLetter.name);
    expect(dead.map((r) => String(r.value))).toEqual([withEmail, 'not json']);
    expect(dead.map((r) => header(r.headers, 'dead-letter-reason'))).toEqual(['invalid-event', 'invalid-event']);
    expect(header(dead[0]?.headers, 'dead-letter-error')).toBe(
      'invalid OrganisationDeactivated v1: payload: Unrecognized key: "email"',
    );
    expect(header(dead[1]?.headers, 'dead-letter-error')).toMatch(/JSON/);
    expect(dead.map((r) => header(r.headers, 'original-offset'))).toEqual(['0', '1']);
  });

  it('stops cleanly when asked twice', async () => {
    const [topic, deadLetter] = [await newTopic('stop'), await newTopic('stop_dlq')];
    const consumer = startConsumer(topic, deadLetter, async () => undefined);
    await consumer.start();
    await Promise.all([consumer.stop(), consumer.stop()]);
    await consumer.stop();
  });
});

// Events of a read model that is a fold of facts: a fact stated about a document, and a note with a side effect.
const FOLD_TOPIC = { name: 'test.facts.v1', partitions: 1, retentionMs: 3_600_000 };
const FactStated = defineEvent({ type: 'FactStated', version: 1, topic: FOLD_TOPIC, payload: z.strictObject({ id: z.string(), step: z.number().int(), value: z.string() }) });
const FactNoted = defineEvent({ type: 'FactNoted', version: 1, topic: FOLD_TOPIC, payload: z.strictObject({ id: z.string() }) });
const factRegistry = new EventRegistry([FactStated, FactNoted]);

const stated = (id: string, step: number, value = `${id}@${step}`) => createEvent(FactStated, { aggregateId: id, producer: 'test', payload: { id, step, value } });
const noted = (id: string) => createEvent(FactNoted, { aggregateId: id, producer: 'test', payload: { id } });

interface Fact {
  _id: string;
  step?: number;
  value?: string;
  lastEventId?: string;
}

const factOf = (event: EventEnvelope) => {
  const { id, step, value } = event.payload as { id: string; step: number; value: string };
  if (value === 'unfoldable') throw new Error(`no fold for ${id}`);
  return { model: 'facts', id, set: { step, value } };
};

/** A read model in a fresh collection, every fold given to it, and how many calls and documents were in flight at once. */
function factStore({ failOn, delayMs = 0 }: { failOn?: string; delayMs?: number } = {}) {
  const collection = db.connection.collection<Fact>(uniqueName('facts'));
  const writes: MergedFold[] = [];
  const inFlight = new Map<string, number>();
  let calls = 0;
  let mostAtOnce = 0;
  let mostAtOnceForOne = 0;
  const store = async (folds: MergedFold[]) => {
    mostAtOnce = Math.max(mostAtOnce, ++calls);
    for (const { id } of folds) {
      inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
      mostAtOnceForOne = Math.max(mostAtOnceForOne, inFlight.get(id)!);
    }
    try {
      writes.push(...folds);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const failing = folds.find((fold) => fold.set.value === failOn);
      if (failing) throw new Error(`cannot store ${failing.id}`);
      for (const fold of folds) await collection.updateOne({ _id: fold.id }, { $set: { ...fold.set, lastEventId: fold.lastEventId } }, { upsert: true });
    } finally {
      calls -= 1;
      for (const { id } of folds) inFlight.set(id, inFlight.get(id)! - 1);
    }
  };
  const documents = () => collection.find({}).sort({ _id: 1 }).toArray();
  return { collection, writes, store, documents, concurrency: () => ({ mostAtOnce, mostAtOnceForOne }) };
}

function startFoldConsumer(topic: TopicSpec, deadLetterTopic: TopicSpec, folds: Omit<FoldOptions, 'byType'>, options: { groupId?: string; noted?: (event: EventEnvelope) => Promise<void> } = {}) {
  return testConsumer({
    groupId: options.groupId ?? uniqueName('fold-group'),
    topics: [topic],
    registry: factRegistry,
    handlers: options.noted ? { FactNoted: options.noted } : {},
    folds: { byType: { FactStated: factOf }, ...folds },
    deadLetterTopic,
  });
}

/** Until the group has committed every record of the topic: then every event of it is stored and marked. */
async function waitForCommitted(groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const end = (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
    await waitFor(
      async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return (offsets?.partitions ?? []).reduce((sum, partition) => sum + Math.max(Number(partition.offset), 0), 0) >= end;
      },
      { timeoutMs: 30_000, what: `group ${groupId} to commit all of ${topic}` },
    );
  } finally {
    await admin.disconnect();
  }
}

async function rewind(groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
  } finally {
    await admin.disconnect();
  }
}

/** Folds, with the documents written one by one: three to six facts for each of 40 documents, interleaved. */
function burst(): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  for (let step = 1; step <= 6; step++) {
    for (let i = 0; i < 40; i++) if (step <= 3 + (i % 4)) events.push(stated(`d${String(i).padStart(2, '0')}`, step));
  }
  return events;
}

describe('EventConsumer in batches of folds', () => {
  it('writes each document once per batch, in event order, ending exactly where folding one by one ends; a redelivery changes nothing', async () => {
    const [topic, deadLetter] = [await newTopic('folds'), await newTopic('folds_dlq')];
    const events = burst();
    const d00 = events.filter((event) => event.aggregateId === 'd00');
    // a note with a side effect after d00's second fact, and a fact delivered again after its last one
    const note = noted('d00');
    const sequence = [...events.slice(0, events.indexOf(d00[1]!) + 1), note, ...events.slice(events.indexOf(d00[1]!) + 1), d00[1]!];
    await produce(topic.name, sequence);

    const batched = factStore({ delayMs: 5 });
    const seenByNote: Array<Fact | null> = [];
    const groupId = uniqueName('fold-group');
    const consumer = startFoldConsumer(topic, deadLetter, { store: batched.store, documentsPerStore: 5, concurrency: 4 }, { groupId, noted: async () => void seenByNote.push(await batched.collection.findOne({ _id: 'd00' })) });
    await consumer.start();
    await waitForCommitted(groupId, topic.name);

    // the same events, one by one through the per-event path
    const oneByOne = factStore();
    const perEventGroup = uniqueName('per-event-group');
    const perEvent = testConsumer({
      groupId: perEventGroup,
      topics: [topic],
      registry: factRegistry,
      handlers: { FactStated: (event) => oneByOne.store(mergeFolds([{ eventId: event.eventId, fold: factOf(event) }])) },
      deadLetterTopic: deadLetter,
    });
    await perEvent.start();
    await waitForCommitted(perEventGroup, topic.name);

    const documents = await batched.documents();
    expect(documents).toHaveLength(40);
    expect(documents).toEqual(await oneByOne.documents());
    expect(documents.find((doc) => doc._id === 'd03')).toEqual({ _id: 'd03', step: 6, value: 'd03@6', lastEventId: events.filter((event) => event.aggregateId === 'd03').at(-1)!.eventId });
    // merged: fewer writes than facts, several calls at once, a document in one at a time
    expect(oneByOne.writes).toHaveLength(events.length);
    expect(batched.writes.length).toBeLessThan(events.length / 2);
    expect(batched.concurrency()).toEqual({ mostAtOnce: 4, mostAtOnceForOne: 1 });
    // the note was handled in its place: after d00's first two facts were stored and before the rest
    expect(seenByNote).toEqual([expect.objectContaining({ step: 2, lastEventId: d00[1]!.eventId })]);
    const markers = db.connection.collection(PROCESSED_EVENTS_COLLECTION);
    expect(await markers.countDocuments({ groupId })).toBe(events.length + 1);
    expect(await countRecords(deadLetter.name)).toBe(0);

    await consumer.stop();
    const writes = batched.writes.length;
    await rewind(groupId, topic.name);
    const again = startFoldConsumer(topic, deadLetter, { store: batched.store }, { groupId, noted: async () => void seenByNote.push(null) });
    await again.start();
    await waitForCommitted(groupId, topic.name);
    expect(batched.writes).toHaveLength(writes);
    expect(seenByNote).toHaveLength(1);
    expect(await batched.documents()).toEqual(documents);
  });

  it('dead-letters only an event whose fold or write keeps failing, and stores the rest of the batch, that document’s other facts included', async () => {
    const [topic, deadLetter] = [await newTopic('poison'), await newTopic('poison_dlq')];
    const poison = stated('p1', 2, 'poison');
    const unfoldable = stated('p2', 2, 'unfoldable');
    await produce(topic.name, [stated('p1', 1), stated('p2', 1), stated('p3', 1), poison, unfoldable, 'not json', stated('p1', 3), stated('p2', 3), stated('p3', 2)]);
    const facts = factStore({ failOn: 'poison' });
    const groupId = uniqueName('fold-group');
    await startFoldConsumer(topic, deadLetter, { store: facts.store }, { groupId }).start();
    await waitForCommitted(groupId, topic.name);

    expect((await facts.documents()).map(({ _id, value }) => ({ _id, value }))).toEqual([
      { _id: 'p1', value: 'p1@3' },
      { _id: 'p2', value: 'p2@3' },
      { _id: 'p3', value: 'p3@2' },
    ]);
    // p1's merged write failed, so its facts were written one by one, the poisoned one on every attempt
    expect(facts.writes.filter((write) => write.id === 'p1').map((write) => write.set.value)).toEqual(['poison', 'p1@1', 'poison', 'poison', 'poison', 'p1@3']);
    const dead = await readAll(deadLetter.name);
    expect(dead.map((record) => header(record.headers, 'dead-letter-reason'))).toEqual(['invalid-event', 'handler-failed', 'handler-failed']);
    expect(dead.slice(1).map((record) => JSON.parse(String(record.value)) as EventEnvelope)).toEqual(expect.arrayContaining([poison, unfoldable]));
    expect(dead.slice(1).map((record) => header(record.headers, 'dead-letter-error')).sort()).toEqual(['cannot store p1', 'no fold for p2']);
    expect(dead.slice(1).map((record) => header(record.headers, 'dead-letter-attempts'))).toEqual(['3', '3']);
    const markers = db.connection.collection(PROCESSED_EVENTS_COLLECTION);
    expect(await markers.countDocuments({ groupId })).toBe(6);
    expect(await markers.countDocuments({ eventId: poison.eventId })).toBe(0);
  });

  it('stops mid-batch when asked (twice), and the group resumes there, ending where folding one by one ends', async () => {
    const [topic, deadLetter] = [await newTopic('stop-batch'), await newTopic('stop-batch_dlq')];
    const events = burst();
    await produce(topic.name, events);
    const facts = factStore({ delayMs: 20 });
    const groupId = uniqueName('fold-group');
    const first = startFoldConsumer(topic, deadLetter, { store: facts.store, documentsPerStore: 2, concurrency: 2 }, { groupId });
    await first.start();
    await waitFor(() => facts.writes.length >= 4, { what: 'the first writes' });
    await Promise.all([first.stop(), first.stop()]);
    const writtenBeforeStop = facts.writes.length;
    expect(writtenBeforeStop).toBeLessThan(40);

    await startFoldConsumer(topic, deadLetter, { store: facts.store }, { groupId }).start();
    await waitForCommitted(groupId, topic.name);
    const last = new Map(events.map((event) => [event.aggregateId, event]));
    expect(await facts.documents()).toEqual(
      [...last.values()]
        .map(({ eventId, payload }) => {
          const { id, step, value } = payload as { id: string; step: number; value: string };
          return { _id: id, step, value, lastEventId: eventId };
        })
        .sort((a, b) => a._id.localeCompare(b._id)),
    );
  });

  it('skips a fold sent again in a later batch, after its own batch completed, with one insert of the batch’s markers', async () => {
    const [topic, deadLetter] = [await newTopic('repeat'), await newTopic('repeat_dlq')];
    const [first, second] = [stated('r1', 1), stated('r1', 2)];
    await produce(topic.name, [first, second]);
    const facts = factStore();
    const groupId = uniqueName('fold-group');
    const consumer = startFoldConsumer(topic, deadLetter, { store: facts.store }, { groupId });
    await consumer.start();
    await waitForCommitted(groupId, topic.name);
    // a relay that sent the first fact again after the second (two replicas' relays, say)
    await produce(topic.name, [first, stated('r2', 1)]);
    await waitForCommitted(groupId, topic.name);
    await consumer.stop();

    expect((await facts.documents()).map(({ _id, value }) => ({ _id, value }))).toEqual([
      { _id: 'r1', value: 'r1@2' },
      { _id: 'r2', value: 'r2@1' },
    ]);
    expect(facts.writes.filter((write) => write.id === 'r1').at(-1)?.set.value).toBe('r1@2');
    const markers = db.connection.collection(PROCESSED_EVENTS_COLLECTION);
    expect(await markers.countDocuments({ groupId })).toBe(3);
    expect(await db.connection.collection(PROCESSED_BATCHES_COLLECTION).countDocuments({ groupId })).toBeGreaterThanOrEqual(2);
  });

  it('refuses an event type that has both a handler and a fold', () => {
    expect(
      () =>
        new EventConsumer({
          kafka,
          groupId: 'never-started',
          topics: [FOLD_TOPIC],
          registry: factRegistry,
          handlers: { FactStated: async () => undefined },
          folds: { byType: { FactStated: factOf }, store: async () => undefined },
          connection: db.connection,
          logger,
        }),
    ).toThrow('an event type has a handler or a fold, not both: FactStated');
  });
});
