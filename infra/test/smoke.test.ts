// The servers the jest global setup started do what the services rely on: Kafka with auto-create off
// delivers keyed messages to a consumer group; FerretDB/MongoDB does CRUD and enforces unique indexes.
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, Producer } from 'kafkajs';
import mongoose from 'mongoose';
import { withAggregateLock } from '@hub/shared/mongo';
import { testEndpoints, uniqueDbUrl, uniqueName } from '../src/testkit';

describe('Kafka', () => {
  const kafka = new Kafka({
    clientId: uniqueName('smoke'),
    brokers: testEndpoints().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    producer = kafka.producer({ retry: { retries: 1 } });
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer.disconnect();
  });

  it('refuses to produce to a topic nobody created (auto-create is off)', async () => {
    await expect(
      producer.send({ topic: uniqueName('missing'), messages: [{ key: 'k', value: 'v' }] }),
    ).rejects.toThrow('This server does not host this topic-partition');
  });

  it('delivers keyed messages to a consumer group', async () => {
    const topic = uniqueName('smoke-topic');
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })).toBe(true);
      expect(await admin.listTopics()).toContain(topic);
    } finally {
      await admin.disconnect();
    }

    const sent = [
      { key: 'org-1', value: 'created' },
      { key: 'org-2', value: 'created' },
      { key: 'org-1', value: 'renamed' },
    ];
    const received: Array<{ key: string; value: string; partition: number }> = [];
    let resolveAll: () => void = () => undefined;
    const allReceived = new Promise<void>((resolve) => (resolveAll = resolve));

    consumer = kafka.consumer({ groupId: uniqueName('smoke-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        received.push({ key: String(message.key), value: String(message.value), partition });
        if (received.length === sent.length) resolveAll();
      },
    });
    await producer.send({ topic, messages: sent });
    await allReceived;

    expect(received.map(({ key, value }) => ({ key, value })).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'org-1', value: 'created' },
      { key: 'org-1', value: 'renamed' },
      { key: 'org-2', value: 'created' },
    ]);
    // Same key, same partition: per-aggregate ordering holds.
    const org1Partitions = new Set(received.filter((m) => m.key === 'org-1').map((m) => m.partition));
    expect(org1Partitions.size).toBe(1);
  });
});

describe('MongoDB wire database', () => {
  const connection = mongoose.createConnection(uniqueDbUrl('smoke'));
  const Member = connection.model(
    'Member',
    new mongoose.Schema({
      email: { type: String, required: true, unique: true },
      name: { type: String, required: true },
      visits: { type: Number, default: 0 },
    }),
  );

  beforeAll(async () => {
    await connection.asPromise();
    await Member.init();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('creates, reads, updates and deletes', async () => {
    const created = await Member.create({ email: 'anna@example.org', name: 'Anna' });
    expect((await Member.findById(created._id).lean())?.name).toBe('Anna');

    await Member.updateOne({ _id: created._id }, { $set: { name: 'Anna K' }, $inc: { visits: 2 } });
    expect(await Member.findById(created._id).lean()).toMatchObject({ name: 'Anna K', visits: 2 });

    expect((await Member.deleteOne({ _id: created._id })).deletedCount).toBe(1);
    expect(await Member.countDocuments()).toBe(0);
  });

  it('rejects a duplicate of a unique field with code 11000', async () => {
    const indexes = await Member.listIndexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { email: 1 }, unique: true }));

    await Member.create({ email: 'bo@example.org', name: 'Bo' });
    await expect(Member.create({ email: 'bo@example.org', name: 'Bo again' })).rejects.toMatchObject({ code: 11000 });
    expect(await Member.countDocuments({ email: 'bo@example.org' })).toBe(1);
  });

  it('applies every one of many concurrent updates to one document taken through its aggregate lock', async () => {
    const member = await Member.create({ email: 'cecilia@example.org', name: 'Cecilia' });
    const visit = () => withAggregateLock(Member, member._id, () => Member.updateOne({ _id: member._id }, { $inc: { visits: 1 } }).exec(), { maxWaitMs: 60_000 });
    await Promise.all(Array.from({ length: 100 }, visit));
    expect((await Member.findById(member._id).lean())?.visits).toBe(100);
  });
});
