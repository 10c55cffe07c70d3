// FerretDB on PostgreSQL serves equality reads from the GIN indexes createIndexes adds for the declared indexes: the
// plan FerretDB itself gets from PostgreSQL for the statement it sends (its explain command) is an index scan, where
// without those indexes it was a sequential scan of the whole table.
import { Schema, type Connection } from 'mongoose';
import { Client } from 'pg';
import { testEndpoints, uniqueDbUrl } from '@hub/infra/testkit';
import { createLogger } from '../src/logging';
import { connectMongo, createIndexes, isFerretdb } from '../src/mongo';
import { indexedTopLevelFields } from '../src/mongo/postgres-indexes';

const logger = createLogger('storage-test', 'silent');

const itemSchema = new Schema(
  { kind: String, ownerId: String, tags: [String], note: String, children: [{ id: String }] },
  { strict: 'throw' },
);
itemSchema.index({ kind: 1, ownerId: 1 });
itemSchema.index({ tags: 1 });
itemSchema.index({ 'children.id': 1 });

/** Every plan node's type, depth first. */
function nodeTypes(plan: Record<string, unknown>): string[] {
  const children = (plan.Plans as Array<Record<string, unknown>> | undefined) ?? [];
  return [String(plan['Node Type']), ...children.flatMap(nodeTypes)];
}

async function planOf(connection: Connection, filter: Record<string, unknown>): Promise<{ pushdown: boolean; nodes: string[] }> {
  const explained = await connection.db!.command({ explain: { find: 'items', filter }, verbosity: 'queryPlanner' });
  const planner = explained.queryPlanner as { Plan: Record<string, unknown> } | Array<{ Plan: Record<string, unknown> }>;
  const plan = Array.isArray(planner) ? planner[0]!.Plan : planner.Plan;
  return { pushdown: explained.filterPushdown === true, nodes: nodeTypes(plan) };
}

describe('storage on FerretDB over PostgreSQL', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectMongo(uniqueDbUrl('storage'), logger);
    connection.model('Item', itemSchema, 'items');
    await createIndexes(connection, { postgresUrl: testEndpoints().postgresUrl, logger });
    // enough rows that a scan costs more than an index lookup in the planner's eyes
    const items = Array.from({ length: 5000 }, (_, i) => ({ kind: `kind-${i % 50}`, ownerId: `owner-${i}`, tags: [`tag-${i % 100}`, 'common'], note: 'x'.repeat(200) }));
    await connection.collection('items').insertMany(items);
    const client = new Client({ connectionString: testEndpoints().postgresUrl });
    await client.connect();
    await client.query(`ANALYZE "${connection.name}".${await tableName(client, connection.name)}`);
    await client.end();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  async function tableName(client: Client, schema: string): Promise<string> {
    const { rows } = await client.query<{ table: string }>(`SELECT _jsonb->>'table' AS table FROM "${schema}"._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'items'`);
    return `"${rows[0]!.table}"`;
  }

  it('runs on FerretDB with its PostgreSQL known to the tests', async () => {
    expect(await isFerretdb(connection)).toBe(true);
    expect(testEndpoints().postgresUrl).toMatch(/^postgres:\/\//);
  });

  it('indexes _id and the top-level fields of declared indexes, not paths into arrays', () => {
    expect(indexedTopLevelFields(itemSchema).sort()).toEqual(['_id', 'kind', 'ownerId', 'tags']);
  });

  it.each([
    ['an indexed field', () => ({ ownerId: 'owner-4711' })],
    ['two fields of a compound index', () => ({ kind: 'kind-11', ownerId: 'owner-4711' })],
    ['an element of an indexed array', () => ({ tags: 'tag-42' })],
  ])('reads %s from an index', async (_name, filter) => {
    const plan = await planOf(connection, filter());
    expect(plan.pushdown).toBe(true);
    expect(plan.nodes).toContain('Bitmap Index Scan');
    expect(plan.nodes).not.toContain('Seq Scan');
  });

  it('reads by _id from an index', async () => {
    const one = await connection.collection('items').findOne({ ownerId: 'owner-10' });
    const plan = await planOf(connection, { _id: one!._id });
    expect(plan.nodes).toContain('Bitmap Index Scan');
    expect(plan.nodes).not.toContain('Seq Scan');
  });

  it('still scans for a field no index declares (so the check above can fail)', async () => {
    const plan = await planOf(connection, { note: 'y' });
    expect(plan.pushdown).toBe(true);
    expect(plan.nodes).toContain('Seq Scan');
  });

  it('adds nothing twice when a second instance starts', async () => {
    const client = new Client({ connectionString: testEndpoints().postgresUrl });
    await client.connect();
    const count = async () => Number((await client.query(`SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'hub_gin_%'`, [connection.name])).rows[0].count);
    const before = await count();
    await Promise.all([createIndexes(connection, { postgresUrl: testEndpoints().postgresUrl, logger }), createIndexes(connection, { postgresUrl: testEndpoints().postgresUrl, logger })]);
    // items: _id, kind, ownerId, tags; what every connection declares: the aggregate locks (_id, key), the processed-event markers (_id)
    // and the processed batches (_id)
    expect(before).toBe(8);
    expect(await count()).toBe(before);
    await client.end();
  });
});
