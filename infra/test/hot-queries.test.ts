// The check every service's hot-query test relies on: it reports an index scan for equality on declared indexes (a
// unique one included) and fails a query FerretDB cannot hand to an index in full (an undeclared field, a range, a
// `$and`, an `$in` beside an indexed equality).
import { Schema, type Connection } from 'mongoose';
import { hotQuery, type HotQuery } from '@hub/shared/mongo';
import { serverOperator } from '@hub/shared/mongo';
import { hotQueryPlans, unindexedHotQueries, type PlanReport } from '../src/testkit';

const itemSchema = new Schema({ ownerId: String, kind: String, pending: Boolean, serial: String, createdAt: Date, note: String }, { strict: 'throw' });
itemSchema.index({ ownerId: 1, kind: 1 });
itemSchema.index({ pending: 1 });
itemSchema.index({ serial: 1 }, { unique: true });

const register = (connection: Connection) => connection.model('Item', itemSchema, 'items');

const queries: Record<string, HotQuery<unknown[]>> = {
  byOwnerAndKind: hotQuery('Item', (ownerId: string, kind: string) => ({ ownerId, kind }), ['owner-1', 'company']),
  pending: hotQuery('Item', () => ({ pending: true }), []),
  byId: hotQuery('Item', (id: string) => ({ _id: id }), ['0123456789abcdef01234567']),
  bySerial: hotQuery('Item', (serial: string) => ({ serial }), ['A-1001']),
  byNote: hotQuery('Item', (note: string) => ({ note }), ['undeclared']),
  createdSince: hotQuery('Item', (since: Date) => ({ createdAt: serverOperator({ $gte: since }) }), [new Date('2026-01-01')]),
  wrappedInAnd: hotQuery('Item', (ownerId: string) => ({ $and: [{ ownerId }] }), ['owner-1']),
  ownerWithKindIn: hotQuery('Item', (ownerId: string, kinds: string[]) => ({ ownerId, kind: serverOperator({ $in: kinds }) }), ['owner-1', ['company', 'employer']]),
};

describe('hot-query plans on FerretDB over PostgreSQL', () => {
  let reports: PlanReport[];
  let byName: Map<string, PlanReport>;

  beforeAll(async () => {
    reports = await hotQueryPlans(register, queries);
    byName = new Map(reports.map((report) => [report.name, report]));
  }, 120_000);

  it.each(['byOwnerAndKind', 'pending', 'byId', 'bySerial'])('reads %s from an index', (name) => {
    expect(byName.get(name)).toMatchObject({ pushdown: true, kept: [] });
    expect(byName.get(name)!.nodes).toContain('Bitmap Index Scan');
    expect(byName.get(name)!.nodes).not.toContain('Seq Scan');
  });

  it('reports a scan for equality on a field no index declares', () => {
    expect(byName.get('byNote')!.nodes).toContain('Seq Scan');
  });

  it.each(['createdSince', 'wrappedInAnd'])('reports %s as a full read that FerretDB filters itself', (name) => {
    expect(byName.get(name)!.pushdown).toBe(false);
    expect(byName.get(name)!.nodes).toContain('Seq Scan');
  });

  it('reports the part of a filter FerretDB keeps to itself beside an indexed equality', () => {
    expect(byName.get('ownerWithKindIn')).toMatchObject({ pushdown: true, kept: ['kind'] });
  });

  it('names every query that is not read from an index in full', () => {
    expect(unindexedHotQueries(reports)).toEqual(['byNote', 'createdSince', 'wrappedInAnd', 'ownerWithKindIn']);
  });
});
