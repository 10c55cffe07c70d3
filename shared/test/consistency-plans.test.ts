// The reads every write, every relay pass and every consumed event make are index reads on FerretDB over PostgreSQL:
// the relay's pending documents (equality on the outbox flag, the privacy ledger's own outboxes too), a document's
// removal and a lock's release (by `_id`), a lock's holder (by its unique key), and a consumer's processed-event marker
// (by `_id`, on the collection every connection declares) and the batch that claimed it (by `_id`). The filters are the ones the relay, the lock and the consumer
// send; the ledger's other reads are erasures, which are not on a hot path.
import { Schema, type Connection } from 'mongoose';
import { describeHotQueries } from '@hub/infra/testkit';
import { outboxSchema } from '../src/messaging';
import { hotQuery, type HotQuery } from '../src/mongo';
import { registerPrivacyModels } from '../src/privacy';

const register = (connection: Connection) => {
  connection.model('Aggregate', new Schema({ _id: String, status: String, ...outboxSchema }), 'aggregates');
  registerPrivacyModels(connection);
};

const pending = () => ({ outboxPending: true });

const queries: Record<string, HotQuery<unknown[]>> = {
  pendingOutboxes: hotQuery('Aggregate', pending, []),
  pendingAccessLogEntries: hotQuery('AccessLogEntry', pending, []),
  pendingErasureReceipts: hotQuery('ErasureReceipt', pending, []),
  aggregateById: hotQuery('Aggregate', (id: string) => ({ _id: id }), ['aggregate-1']),
  lockByToken: hotQuery('AggregateLock', (token: string) => ({ _id: token }), ['2f1c0e8a-4b0e-4f57-9a57-0d3c1b8e6f10']),
  lockByKey: hotQuery('AggregateLock', (key: string) => ({ key }), ['offerings/6650c0ffee0000000000abcd']),
  processedEventMarker: hotQuery('ProcessedEvent', (marker: string) => ({ _id: marker }), ['matchmaking/1b4e28ba-2fa1-41d2-883f-0016d3cca427']),
  processedBatch: hotQuery('ProcessedBatch', (batch: string) => ({ _id: batch }), ['matchmaking/6b1d7c52-0f3a-4c1e-9d7e-2a5b8c9e0f11']),
};

describeHotQueries('the outbox relay, the aggregate lock and the consumers read through indexes on FerretDB over PostgreSQL', register, queries);
