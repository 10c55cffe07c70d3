import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import type { Connection, Model, mongo, MongooseUpdateQueryOptions, QueryFilter, UpdateQuery } from 'mongoose';
import { ConflictError } from '../errors';
import { duplicateKeyPositions, isDuplicateKeyError } from './duplicate-key';

/**
 * The collection of per-aggregate locks in each service's own database.
 *
 * FerretDB 1.24 loses concurrent updates of one document (it reads the document and rewrites it whole, with no lock:
 * 20 clients × 50 `$inc` end at about 63), and a filter on a revision does not make an update conditional either. The
 * one atomic step it has is a unique insert, enforced by the backend's unique index. So a writer first inserts a lock
 * document for the aggregate and removes it after the write; on MongoDB 7 the same costs two quick writes.
 */
export const LOCKS_COLLECTION = 'locks';

/**
 * `_id` is the holder's token and `key` (unique) names the aggregate. Not `_id` = key: FerretDB deletes by reading the
 * documents the filter matches and then deleting their `_id`s, so a `deleteOne({ _id: key, token })` could remove a lock
 * that someone else inserted between that read and the delete. A token `_id` is never reused, so removing one removes
 * exactly that holder's lock.
 */
interface LockDocument {
  _id: string;
  key: string;
  takenAt: Date;
  expiresAt: Date;
}

const lockSchema = new Schema<LockDocument>(
  { _id: { type: String, required: true }, key: { type: String, required: true }, takenAt: { type: Date, required: true }, expiresAt: { type: Date, required: true } },
  { strict: 'throw', versionKey: false },
);
lockSchema.index({ key: 1 }, { unique: true });

/**
 * Declares the lock collection on a service's connection, so its indexes are created at start with the service's own
 * (createIndexes), on FerretDB with GIN indexes for the lookups by `_id` and `key` that every lock makes.
 */
export function registerLockModel(connection: Connection): void {
  connection.model<LockDocument>('AggregateLock', lockSchema, LOCKS_COLLECTION);
}

export interface AggregateLockOptions {
  /**
   * How long a lock holds before another writer may take it over (default 15 s). Far longer than a read and a write
   * take, so only a holder that crashed (or stalled that long) loses its lock: TTL indexes do not exist on FerretDB,
   * so the writer waiting for a lock checks the expiry itself.
   */
  leaseMs?: number;
  /** How long to wait for a lock before giving up with AggregateBusyError (default 10 s). */
  maxWaitMs?: number;
  /** The first pause after a taken lock; each further one doubles up to maxBackoffMs (defaults 5 ms and 250 ms). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

const DEFAULTS: Required<AggregateLockOptions> = { leaseMs: 15_000, maxWaitMs: 10_000, initialBackoffMs: 5, maxBackoffMs: 250 };

/** The aggregate stayed locked by another writer for longer than the caller waits: a CONFLICT, worth trying again. */
export class AggregateBusyError extends ConflictError {
  constructor(readonly key: string) {
    super({ en: `${key} is being changed by someone else right now; try again`, sv: `${key} ändras av någon annan just nu; försök igen` });
  }
}

/**
 * The pause before attempt `attempt + 1`: the cap doubles with each attempt (initial, 2×, 4×, … up to the maximum),
 * and the pause is drawn between half the cap and the cap. The random half spreads contenders out, so 20 writers on
 * one document do not retry in lockstep (a fixed short pause took about 27,000 retries for 1,000 writes).
 */
export function lockBackoffDelay(attempt: number, options: Pick<AggregateLockOptions, 'initialBackoffMs' | 'maxBackoffMs'> = {}, random: () => number = Math.random): number {
  const initial = options.initialBackoffMs ?? DEFAULTS.initialBackoffMs;
  const cap = Math.min(initial * 2 ** Math.max(attempt - 1, 0), options.maxBackoffMs ?? DEFAULTS.maxBackoffMs);
  return cap / 2 + random() * (cap / 2);
}

/** What a lock needs of a model: its connection and its collection's name (any mongoose model has both). */
export interface LockableModel {
  db: Connection;
  collection: { collectionName: string };
}

/**
 * Runs `work` (typically: read the aggregate, decide, write it) while holding the aggregate's lock, and releases the
 * lock afterwards, also when `work` throws. Every writer of the document must go through here: a write that skips the
 * lock can still be lost, or lose another's. Keep `work` to this service's own database; the lease is short.
 */
export async function withAggregateLock<T>(model: LockableModel, id: unknown, work: () => Promise<T>, options: AggregateLockOptions = {}): Promise<T> {
  const locks = await lockCollection(model.db);
  const token = await acquire(locks, lockKey(model, id), { ...DEFAULTS, ...options });
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // the work's error is the one to report; a lock left behind by a failed release expires with its lease
    await locks.deleteOne({ _id: token }).catch(() => undefined);
    throw error;
  }
  await locks.deleteOne({ _id: token });
  return result;
}

/**
 * Runs `work` with the locks of those of `ids` that nobody holds, taken with one unordered insert and released with one
 * delete (also when `work` throws): for a writer of many documents at once, to whom a lock each would cost two requests
 * per document. `work` is given the ids it holds; the others are held by another writer (or one that crashed), and
 * are left to the caller to write one by one through withAggregateLock, which waits for them. Never waits itself, so
 * two such writers cannot deadlock.
 */
export async function withFreeAggregateLocks<T>(model: LockableModel, ids: readonly string[], work: (locked: string[]) => Promise<T>, options: Pick<AggregateLockOptions, 'leaseMs'> = {}): Promise<T> {
  if (ids.length === 0) return work([]);
  const locks = await lockCollection(model.db);
  const takenAt = new Date();
  const expiresAt = new Date(takenAt.getTime() + (options.leaseMs ?? DEFAULTS.leaseMs));
  const wanted = ids.map((id) => ({ id, lock: { _id: randomUUID(), key: lockKey(model, id), takenAt, expiresAt } }));
  let refused = new Set<number>();
  try {
    await locks.insertMany(
      wanted.map(({ lock }) => lock),
      { ordered: false },
    );
  } catch (error) {
    const positions = duplicateKeyPositions(error);
    if (!positions) {
      // which of them went in is unknown: remove every one of ours
      await locks.deleteMany({ _id: { $in: wanted.map(({ lock }) => lock._id) } }).catch(() => undefined);
      throw error;
    }
    refused = new Set(positions);
  }
  const held = wanted.filter((_, position) => !refused.has(position));
  const release = () => locks.deleteMany({ _id: { $in: held.map(({ lock }) => lock._id) } });
  let result: T;
  try {
    result = await work(held.map(({ id }) => id));
  } catch (error) {
    // as in withAggregateLock: the work's error is the one to report, and a lock left behind expires with its lease
    await release().catch(() => undefined);
    throw error;
  }
  await release();
  return result;
}

/**
 * The lock's name for an aggregate. Lower case: an id written in capitals names the same document to the server
 * (ObjectIds), and a lock shared by two ids that differ only in case merely makes one wait.
 */
function lockKey(model: LockableModel, id: unknown): string {
  return `${model.collection.collectionName}/${String(id).toLowerCase()}`;
}

/**
 * Applies an update to every document `filter` matches, one document at a time under its lock, with the filter checked
 * again under the lock (a document changed meanwhile so that it no longer matches is left alone). For the writes that
 * would otherwise be one `updateMany`, which on FerretDB rewrites each document unlocked. `update` may be planned on
 * each document as read under its lock (null: leave it), which is how array elements are rewritten without the
 * positional operator FerretDB lacks. Returns how many documents changed.
 */
export async function updateEach<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  update: UpdateQuery<T> | ((doc: T) => UpdateQuery<T> | null),
  options: MongooseUpdateQueryOptions<T> = {},
): Promise<number> {
  const matching = await model.find(filter as QueryFilter<T>, { _id: 1 }).lean<Array<{ _id: unknown }>>();
  let modified = 0;
  for (const { _id } of matching) {
    modified += await withAggregateLock(model, _id, async () => {
      // The filter is checked by a read and the write goes by `_id` alone: FerretDB 1.24 on PostgreSQL matches a path
      // into an array of subdocuments (`needs.recordedBy`) in a find, but in an update's filter it matches nothing.
      const doc = await model.findOne({ ...filter, _id } as QueryFilter<T>).lean<T>();
      if (!doc) return 0;
      const planned = typeof update === 'function' ? update(doc) : update;
      return planned ? (await model.updateOne({ _id } as QueryFilter<T>, planned, options).exec()).modifiedCount : 0;
    });
  }
  return modified;
}

async function acquire(locks: mongo.Collection<LockDocument>, key: string, options: Required<AggregateLockOptions>): Promise<string> {
  const token = randomUUID();
  const deadline = Date.now() + options.maxWaitMs;
  // The holder's expiry, once read: no need to read the lock again before then (a later holder expires later still).
  let heldUntil = 0;
  for (let attempt = 1; ; attempt++) {
    const now = new Date();
    try {
      await locks.insertOne({ _id: token, key, takenAt: now, expiresAt: new Date(now.getTime() + options.leaseMs) });
      return token;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    if (now.getTime() >= heldUntil) {
      const holder = await locks.findOne({ key });
      // released meanwhile: try again at once
      if (!holder) continue;
      if (holder.expiresAt.getTime() <= Date.now()) {
        // its holder crashed or stalled past the lease: remove exactly that lock and compete for the key again
        await locks.deleteOne({ _id: holder._id });
        continue;
      }
      heldUntil = holder.expiresAt.getTime();
    }
    // the last pause is cut to the deadline, so the lock is tried once more at the end of the wait
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new AggregateBusyError(key);
    await new Promise((resolve) => setTimeout(resolve, Math.min(lockBackoffDelay(attempt, options), remaining)));
  }
}

/**
 * The lock collection with its unique index on `key`, ensured once per database (idempotently, on both servers) also
 * where the connection did not come from connectMongo: without that index the lock would not exclude anyone.
 */
const ready = new WeakMap<mongo.Db, Promise<mongo.Collection<LockDocument>>>();

function lockCollection(connection: Connection): Promise<mongo.Collection<LockDocument>> {
  const db = connection.db;
  if (!db) return Promise.reject(new Error('the database connection is not open'));
  let collection = ready.get(db);
  if (!collection) {
    const locks = db.collection<LockDocument>(LOCKS_COLLECTION);
    collection = locks.createIndex({ key: 1 }, { unique: true }).then(() => locks);
    // a failed creation is tried again by the next writer rather than remembered
    collection.catch(() => ready.delete(db));
    ready.set(db, collection);
  }
  return collection;
}
