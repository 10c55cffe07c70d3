// The reads every write and every relay pass make are index reads on FerretDB over PostgreSQL: the relay's pending
// documents (equality on the outbox flag), and a lock's release and a document's removal (by `_id`). The filters are
// the ones the relay and the lock send. (A lock's holder, read by its unique key only while the lock is taken, cannot
// be planned here: the kit fills a collection with rows sharing the example's value.)
import { Schema, type Connection } from 'mongoose';
import { hotQueryPlans } from '@hub/infra/testkit';
import { outboxSchema } from '../src/messaging';
import { hotQuery, type HotQuery } from '../src/mongo';

const register = (connection: Connection) => connection.model('Aggregate', new Schema({ _id: String, status: String, ...outboxSchema }), 'aggregates');

const queries: Record<string, HotQuery<unknown[]>> = {
  pendingOutboxes: hotQuery('Aggregate', () => ({ outboxPending: true }), []),
  aggregateById: hotQuery('Aggregate', (id: string) => ({ _id: id }), ['aggregate-1']),
  lockByToken: hotQuery('AggregateLock', (token: string) => ({ _id: token }), ['2f1c0e8a-4b0e-4f57-9a57-0d3c1b8e6f10']),
};

describe('the outbox relay and the aggregate lock read through indexes on FerretDB over PostgreSQL', () => {
  let reports: Map<string, { pushdown: boolean; nodes: string[] }>;

  beforeAll(async () => {
    reports = new Map((await hotQueryPlans(register, queries)).map((report) => [report.name, report]));
  }, 120_000);

  it.each(Object.keys(queries))('reads %s from an index', (name) => {
    expect(reports.get(name)).toMatchObject({ pushdown: true });
    expect(reports.get(name)!.nodes).not.toContain('Seq Scan');
  });
});
