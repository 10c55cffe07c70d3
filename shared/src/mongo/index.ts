import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { Logger } from '../logging';
import { registerLockModel } from './aggregate-lock';
import { addFerretdbGinIndexes, isFerretdb } from './postgres-indexes';
import { registerProcessedEventModel } from './processed-events';

/**
 * One connection per service, to the service's own database. Filters are sanitised (a `{ $ne: null }` smuggled
 * into an input becomes a literal value, never an operator) and unknown filter paths throw instead of being
 * silently dropped, which would otherwise widen a query. Its aggregate locks' and processed-event markers' collections
 * are declared on it, so createIndexes makes their indexes with the service's.
 */
export async function connectMongo(url: string, logger: Logger): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(url, {
    sanitizeFilter: true,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 15_000,
  });
  connection.set('strictQuery', 'throw');
  registerLockModel(connection);
  registerProcessedEventModel(connection);
  await connection.asPromise();
  logger.info({ database: connection.name }, 'connected to database');
  return connection;
}

/** Where FerretDB keeps its data, when the server is FerretDB on PostgreSQL. */
export interface StorageOptions {
  /** FERRETDB_POSTGRESQL_URL: the PostgreSQL database FerretDB stores in. */
  postgresUrl?: string;
  logger: Logger;
}

/**
 * Indexes are declared on the schemas and created once at start, not lazily on first use. On FerretDB they are also
 * added as GIN indexes in its PostgreSQL, the only kind its reads can use (see addFerretdbGinIndexes); MongoDB uses
 * its own.
 */
export async function createIndexes(connection: mongoose.Connection, storage?: StorageOptions): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch((error: { codeName?: string }) => {
      if (error.codeName !== 'NamespaceExists') throw error;
    });
    await model.createIndexes();
  }
  if (!storage || !(await isFerretdb(connection))) return;
  if (!storage.postgresUrl) {
    storage.logger.warn('the database is FerretDB but FERRETDB_POSTGRESQL_URL is not set: every read scans its collection');
    return;
  }
  const created = await addFerretdbGinIndexes(connection, storage.postgresUrl, storage.logger);
  if (created > 0) storage.logger.info({ database: connection.name, created }, 'added GIN indexes for FerretDB');
}

export { duplicateKeyPositions, isDuplicateKeyError } from './duplicate-key';
export { AggregateBusyError, LOCKS_COLLECTION, lockBackoffDelay, updateEach, withAggregateLock, withFreeAggregateLocks, type AggregateLockOptions, type LockableModel } from './aggregate-lock';
export { serverOperator } from './operators';
export { findByIds } from './by-ids';
export { isFerretdb } from './postgres-indexes';
export { hotQuery, type HotQuery } from './hot-queries';
export { keysetPage, parseObjectId, MAX_PAGE_SIZE, type Page } from './pagination';

/**
 * The same 24-hex document id for the same key, always: a write repeated after a cut-off or a redelivery finds
 * its document by `_id` (the one lookup FerretDB answers without a scan) and cannot make a twin.
 */
export function derivedObjectId(namespace: string, key: string): string {
  return createHash('sha256').update(`${namespace}:${key}`).digest().subarray(0, 12).toString('hex');
}
