/**
 * A second process for the aggregate-lock test: `CLIENTS` clients, each on its own connection, each increments one
 * counter `INCREMENTS` times through the lock, then the process exits (non-zero on any error).
 */
import mongoose from 'mongoose';
import { counterSchema, incrementThroughLock, type Counter } from './lock-counter';

async function main(): Promise<void> {
  const { MONGO_URL, COUNTER_COLLECTION, COUNTER_ID, CLIENTS, INCREMENTS } = process.env;
  if (!MONGO_URL || !COUNTER_COLLECTION || !COUNTER_ID || !CLIENTS || !INCREMENTS) throw new Error('MONGO_URL, COUNTER_COLLECTION, COUNTER_ID, CLIENTS and INCREMENTS are required');
  const connections = await Promise.all(Array.from({ length: Number(CLIENTS) }, () => mongoose.createConnection(MONGO_URL).asPromise()));
  try {
    await Promise.all(connections.map((connection) => incrementThroughLock(connection.model<Counter>('Counter', counterSchema, COUNTER_COLLECTION), COUNTER_ID, Number(INCREMENTS))));
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
