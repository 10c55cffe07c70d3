import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { Logger } from '../logging';

/**
 * One connection per service, to the service's own database. Filters are sanitised (a `{ $ne: null }` smuggled
 * into an input becomes a literal value, never an operator) and unknown filter paths throw instead of being
 * silently dropped, which would otherwise widen a query.
 */
export async function connectMongo(url: string, logger: Logger): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(url, {
    sanitizeFilter: true,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 15_000,
  });
  connection.set('strictQuery', 'throw');
  await connection.asPromise();
  logger.info({ database: connection.name }, 'connected to database');
  return connection;
}

/** Indexes are declared on the schemas and created once at start, not lazily on first use. */
export async function createIndexes(connection: mongoose.Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch((error: { codeName?: string }) => {
      if (error.codeName !== 'NamespaceExists') throw error;
    });
    await model.createIndexes();
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

export { serverOperator } from './operators';
export { findByIds } from './by-ids';
export { keysetPage, parseObjectId, MAX_PAGE_SIZE, type Page } from './pagination';

/**
 * The same 24-hex document id for the same key, always: a write repeated after a cut-off or a redelivery finds
 * its document by `_id` (the one lookup FerretDB answers without a scan) and cannot make a twin.
 */
export function derivedObjectId(namespace: string, key: string): string {
  return createHash('sha256').update(`${namespace}:${key}`).digest().subarray(0, 12).toString('hex');
}
