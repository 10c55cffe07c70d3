import { Schema, type Connection } from 'mongoose';
import { PROCESSED_BATCHES_COLLECTION, PROCESSED_EVENTS_COLLECTION } from '../messaging/consumer';

/**
 * The consumers' processed-event markers, which EventConsumer writes and reads through the driver. Declared on the
 * connection so createIndexes creates the collection with the service's and, on FerretDB, the GIN index on `_id` that
 * the marker lookup of every event needs: without a declared model the collection got none, and each event read every
 * marker ever written.
 */
const processedEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    groupId: { type: String, required: true },
    type: { type: String, required: true },
    topic: { type: String, required: true },
    partition: { type: Number, required: true },
    offset: { type: String, required: true },
    processedAt: { type: Date, required: true },
    batchId: String,
  },
  { strict: 'throw', versionKey: false },
);

/**
 * The batches of folds stored in full, whose claimed markers then stand for processed events; looked up by `_id` only
 * when a marker is found there already. A replay's deleted markers leave theirs unreferenced, never wrong.
 */
const processedBatchSchema = new Schema(
  {
    _id: { type: String, required: true },
    groupId: { type: String, required: true },
    completedAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);

export function registerProcessedEventModel(connection: Connection): void {
  connection.model('ProcessedEvent', processedEventSchema, PROCESSED_EVENTS_COLLECTION);
  connection.model('ProcessedBatch', processedBatchSchema, PROCESSED_BATCHES_COLLECTION);
}
