import { spawn } from 'node:child_process';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import { AggregateBusyError, LOCKS_COLLECTION, updateEach, withAggregateLock, withFreeAggregateLocks } from '../src/mongo';
import { counterSchema, incrementThroughLock, type Counter } from './lock-counter';

// Each client its own connection at the driver's default pool size, as separate service replicas would have.
const CLIENTS_PER_PROCESS = 10;
const INCREMENTS_PER_CLIENT = 50;

let url: string;
let connections: mongoose.Connection[];
let counters: mongoose.Model<Counter>;

beforeAll(async () => {
  url = uniqueDbUrl('aggregate_lock');
  connections = await Promise.all(Array.from({ length: CLIENTS_PER_PROCESS }, () => mongoose.createConnection(url).asPromise()));
  counters = connections[0]!.model<Counter>('Counter', counterSchema, uniqueName('counters'));
});

afterAll(async () => {
  await connections[0]!.dropDatabase();
  await Promise.all(connections.map((connection) => connection.close()));
});

const locks = () => connections[0]!.collection(LOCKS_COLLECTION);

/** Runs the contender script in a second node process against the same database; resolves when it exits 0. */
function secondProcess(collection: string, id: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lock-contender.ts')], {
    env: { ...process.env, MONGO_URL: url, COUNTER_COLLECTION: collection, COUNTER_ID: id, CLIENTS: String(CLIENTS_PER_PROCESS), INCREMENTS: String(INCREMENTS_PER_CLIENT) },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the second process exited with ${code}: ${stderr}`))));
  });
}

describe('withAggregateLock', () => {
  it('loses no update: 2 processes × 10 clients × 50 $inc on one document end at exactly 1,000', async () => {
    const id = uniqueName('counter');
    await counters.create({ _id: id, n: 0 });
    const here = connections.map((connection) => connection.model<Counter>('Counter', counterSchema, counters.collection.collectionName));
    await Promise.all([secondProcess(counters.collection.collectionName, id), ...here.map((model) => incrementThroughLock(model, id, INCREMENTS_PER_CLIENT))]);
    expect((await counters.findById(id).lean())?.n).toBe(2 * CLIENTS_PER_PROCESS * INCREMENTS_PER_CLIENT);
    expect(await locks().countDocuments({ key: `${counters.collection.collectionName}/${id}` })).toBe(0);
  }, 300_000);

  it('takes over a lock whose lease has expired (its holder crashed), and waits for a live one until it gives up', async () => {
    const id = uniqueName('counter');
    await counters.create({ _id: id, n: 0 });
    const key = `${counters.collection.collectionName}/${id}`;
    const increment = () => counters.updateOne({ _id: id }, { $inc: { n: 1 } }).exec();

    await locks().insertOne({ _id: 'crashed-holder' as never, key, takenAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() - 1) });
    await withAggregateLock(counters, id, increment, { maxWaitMs: 1_000 });
    expect(await locks().countDocuments({ _id: 'crashed-holder' as never })).toBe(0);

    await locks().insertOne({ _id: 'live-holder' as never, key, takenAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
    const started = Date.now();
    await expect(withAggregateLock(counters, id, increment, { maxWaitMs: 500 })).rejects.toBeInstanceOf(AggregateBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(await locks().countDocuments({ _id: 'live-holder' as never })).toBe(1);
    expect((await counters.findById(id).lean())?.n).toBe(1);
    await locks().deleteOne({ _id: 'live-holder' as never });
  });

  it('releases the lock when the write throws, and passes the write’s error on', async () => {
    const id = uniqueName('counter');
    await counters.create({ _id: id, n: 0 });
    const failure = new Error('the write failed');
    await expect(
      withAggregateLock(counters, id, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await locks().countDocuments({ key: `${counters.collection.collectionName}/${id}` })).toBe(0);
    await withAggregateLock(counters, id, () => counters.updateOne({ _id: id }, { $inc: { n: 1 } }).exec(), { maxWaitMs: 100 });
    expect((await counters.findById(id).lean())?.n).toBe(1);
  });
});

describe('withFreeAggregateLocks', () => {
  it('holds every free lock of many at once, names the ones another writer holds, keeps others out meanwhile and releases them all', async () => {
    const ids = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
    const keyOf = (id: string) => `${counters.collection.collectionName}/${id}`;
    await locks().insertOne({ _id: 'other-holder' as never, key: keyOf(ids[1]!), takenAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
    const order: string[] = [];
    let waiting: Promise<unknown> | undefined;
    const held = await withFreeAggregateLocks(counters, ids, async (locked) => {
      expect(await locks().countDocuments({ key: { $in: ids.map(keyOf) } })).toBe(3);
      // a writer of a held document waits until the release
      waiting = withAggregateLock(counters, ids[0]!, async () => void order.push('waiting writer'), { maxWaitMs: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      order.push('many');
      return locked;
    });
    await waiting;
    expect(held).toEqual([ids[0], ids[2]]);
    expect(order).toEqual(['many', 'waiting writer']);
    expect((await locks().find({ key: { $in: ids.map(keyOf) } }).toArray()).map((lock) => lock._id)).toEqual(['other-holder']);
    await locks().deleteOne({ _id: 'other-holder' as never });
  });

  it('releases them all when the work throws, and passes its error on', async () => {
    const ids = [uniqueName('a'), uniqueName('b')];
    const failure = new Error('the writes failed');
    await expect(withFreeAggregateLocks(counters, ids, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await locks().countDocuments({ key: { $in: ids.map((id) => `${counters.collection.collectionName}/${id}`) } })).toBe(0);
  });
});

describe('updateEach', () => {
  it('updates every matching document under its own lock and leaves one that stopped matching', async () => {
    const ids = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
    await counters.create(ids.map((_id, i) => ({ _id, n: i })));
    // c is locked by a live holder: updateEach waits for it, and c changes meanwhile so that it no longer matches
    const key = `${counters.collection.collectionName}/${ids[2]}`;
    await locks().insertOne({ _id: 'slow-holder' as never, key, takenAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
    const updating = updateEach(counters, { _id: { $in: ids }, n: { $lt: 5 } }, { $inc: { n: 10 } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await counters.updateOne({ _id: ids[2] }, { $set: { n: 7 } });
    await locks().deleteOne({ _id: 'slow-holder' as never });
    expect(await updating).toBe(2);
    const stored = await counters.find({ _id: { $in: ids } }).sort({ _id: 1 }).lean();
    expect(Object.fromEntries(stored.map((c) => [c._id, c.n]))).toEqual({ [ids[0]!]: 10, [ids[1]!]: 11, [ids[2]!]: 7 });
  });

  it('rewrites array elements planned on each document, found by a path into the array (which FerretDB matches in reads only)', async () => {
    const Notes = connections[0]!.model<{ _id: string; notes: Array<{ by: string; text: string }> }>(
      uniqueName('Notes'),
      new Schema({ _id: String, notes: [new Schema({ by: String, text: String }, { _id: false })] }, { versionKey: false }),
    );
    await Notes.create([
      { _id: 'n1', notes: [{ by: 'person', text: 'a' }, { by: 'other', text: 'b' }] },
      { _id: 'n2', notes: [{ by: 'other', text: 'c' }] },
    ]);
    const changed = await updateEach(Notes, { 'notes.by': 'person' }, (doc) => ({ $set: { notes: doc.notes.map((n) => ({ ...n, by: n.by === 'person' ? 'erased' : n.by })) } }));
    expect(changed).toBe(1);
    expect((await Notes.find({}).sort({ _id: 1 }).lean()).map((doc) => doc.notes.map((n) => n.by))).toEqual([['erased', 'other'], ['other']]);
  });
});
