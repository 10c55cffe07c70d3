import { Schema, type Model } from 'mongoose';
import { withAggregateLock } from '../src/mongo';

export interface Counter {
  _id: string;
  n: number;
}

export const counterSchema = new Schema<Counter>({ _id: String, n: Number }, { versionKey: false });

/**
 * `times` increments of one counter, each a `$inc` behind the counter's lock; the wait is long because 20 clients on
 * one document take turns, and which of them waits longest is down to chance.
 */
export async function incrementThroughLock(counters: Model<Counter>, id: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await withAggregateLock(counters, id, () => counters.updateOne({ _id: id }, { $inc: { n: 1 } }).exec(), { maxWaitMs: 120_000 });
  }
}
