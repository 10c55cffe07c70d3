// The check every service's hot-query test relies on: it reports an index scan for equality on declared indexes and
// fails a query FerretDB cannot hand to an index (an undeclared field, a range, a `$and`).
import { Schema, type Connection } from 'mongoose';
import { hotQuery, type HotQuery } from '@hub/shared/mongo';
import { serverOperator } from '@hub/shared/mongo';
import { hotQueryPlans } from '../src/testkit';

const itemSchema = new Schema({ ownerId: String, kind: String, pending: Boolean, createdAt: Date, note: String }, { strict: 'throw' });
itemSchema.index({ ownerId: 1, kind: 1 });
itemSchema.index({ pending: 1 });

const register = (connection: Connection) => connection.model('Item', itemSchema, 'items');

const queries: Record<string, HotQuery<unknown[]>> = {
  byOwnerAndKind: hotQuery('Item', (ownerId: string, kind: string) => ({ ownerId, kind }), ['owner-1', 'company']),
  pending: hotQuery('Item', () => ({ pending: true }), []),
  byId: hotQuery('Item', (id: string) => ({ _id: id }), ['0123456789abcdef01234567']),
  byNote: hotQuery('Item', (note: string) => ({ note }), ['undeclared']),
  createdSince: hotQuery('Item', (since: Date) => ({ createdAt: serverOperator({ $gte: since }) }), [new Date('2026-01-01')]),
  wrappedInAnd: hotQuery('Item', (ownerId: string) => ({ $and: [{ ownerId }] }), ['owner-1']),
};

describe('hot-query plans on FerretDB over PostgreSQL', () => {
  let reports: Map<string, { pushdown: boolean; nodes: string[] }>;

  beforeAll(async () => {
    reports = new Map((await hotQueryPlans(register, queries)).map((report) => [report.name, report]));
  }, 120_000);

  it.each(['byOwnerAndKind', 'pending', 'byId'])('reads %s from an index', (name) => {
    expect(reports.get(name)).toMatchObject({ pushdown: true });
    expect(reports.get(name)!.nodes).toContain('Bitmap Index Scan');
    expect(reports.get(name)!.nodes).not.toContain('Seq Scan');
  });

  it('reports a scan for equality on a field no index declares', () => {
    expect(reports.get('byNote')!.nodes).toContain('Seq Scan');
  });

  it.each(['createdSince', 'wrappedInAnd'])('reports %s as a full read that FerretDB filters itself', (name) => {
    expect(reports.get(name)!.pushdown).toBe(false);
    expect(reports.get(name)!.nodes).toContain('Seq Scan');
  });
});
