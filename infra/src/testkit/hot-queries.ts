import { Types, type Connection } from 'mongoose';
import { Client } from 'pg';
import { createLogger } from '@hub/shared/logging';
import { connectMongo, createIndexes, type HotQuery } from '@hub/shared/mongo';
import { testEndpoints, uniqueDbUrl } from '.';

/** Enough rows that PostgreSQL's planner prefers an index to reading the table. */
const ROWS = 3000;
/** One row in this many holds the example's values, the others values of the same type that differ. */
const MATCH_EVERY = 100;

export interface PlanReport {
  name: string;
  /** FerretDB handed the filter to PostgreSQL (a filter it keeps to itself is always a full read). */
  pushdown: boolean;
  /** The filter's keys that are no equality on a top-level field, which FerretDB checks itself on every row it reads. */
  kept: string[];
  nodes: string[];
}

/** The names of the queries whose plan reads a whole table, or whose filter FerretDB (in part) keeps to itself. */
export function unindexedHotQueries(reports: PlanReport[]): string[] {
  return reports.filter((report) => !report.pushdown || report.kept.length > 0 || report.nodes.includes('Seq Scan')).map((report) => report.name);
}

/**
 * Registers a service's models on a database of its own, adds its indexes as the service does at start, fills each
 * hot query's collection with rows like the query's example, and returns the plan PostgreSQL makes for each query as
 * FerretDB sends it (FerretDB's explain command). Only meaningful on FerretDB over PostgreSQL.
 */
export async function hotQueryPlans(register: (connection: Connection) => unknown, queries: Record<string, HotQuery<unknown[]>>): Promise<PlanReport[]> {
  const postgresUrl = testEndpoints().postgresUrl;
  if (!postgresUrl) throw new Error('hot-query plans need FerretDB over PostgreSQL (FERRETDB_POSTGRESQL_URL)');
  const logger = createLogger('hot-queries', 'silent');
  const connection = await connectMongo(uniqueDbUrl('hot_queries'), logger);
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    register(connection);
    await createIndexes(connection, { postgresUrl, logger });
    const filled = new Set<string>();
    const reports: PlanReport[] = [];
    for (const [name, query] of Object.entries(queries)) {
      const model = connection.model(query.model);
      // the filter as the service's query casts it (ids become ObjectIds, dates Dates), so it is stored as it would be
      const filter = model.find(query.filter(...query.example)).cast() as Record<string, unknown>;
      const collection = model.collection.collectionName;
      if (!filled.has(`${collection}:${JSON.stringify(Object.keys(filter))}`)) {
        // a unique index over the filter's fields admits one row with the example's values
        const matchEvery = model.schema.indexes().some(([keys, options]) => options.unique && Object.keys(keys).every((key) => key in filter)) ? ROWS : MATCH_EVERY;
        await connection.collection(collection).insertMany(Array.from({ length: ROWS }, (_, i) => rowLike(filter, i, matchEvery)));
        filled.add(`${collection}:${JSON.stringify(Object.keys(filter))}`);
        await analyze(client, connection.name, collection);
      }
      const explained = await connection.db!.command({ explain: { find: collection, filter }, verbosity: 'queryPlanner' });
      const planner = explained.queryPlanner as { Plan: PlanNode } | Array<{ Plan: PlanNode }>;
      const kept = Object.entries(filter).filter(([field, condition]) => field.startsWith('$') || field.includes('.') || !isEquality(condition)).map(([field]) => field);
      reports.push({ name, pushdown: explained.filterPushdown === true, kept, nodes: nodeTypes(Array.isArray(planner) ? planner[0]!.Plan : planner.Plan) });
    }
    return reports;
  } finally {
    await client.end();
    await connection.dropDatabase();
    await connection.close();
  }
}

interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
}

function nodeTypes(plan: PlanNode): string[] {
  return [plan['Node Type'], ...(plan.Plans ?? []).flatMap(nodeTypes)];
}

/** A row with the filter's fields: the example's values on every `matchEvery`-th row, other values elsewhere. */
function rowLike(filter: Record<string, unknown>, i: number, matchEvery: number): Record<string, unknown> {
  const matches = i % matchEvery === 0;
  const row: Record<string, unknown> = { filler: 'x'.repeat(120) };
  for (const [field, condition] of Object.entries(filter)) {
    // `$and`/`$or` add no fields of their own; FerretDB keeps such a filter to itself anyway
    if (field === '_id' || field.startsWith('$')) continue;
    const value = operand(condition);
    row[field] = matches ? value : otherValue(value, i);
  }
  return row;
}

/** A value FerretDB compares by equality in PostgreSQL: a scalar, or `{ $eq: scalar }` (not an array or a subdocument). */
function isEquality(condition: unknown): boolean {
  if (condition instanceof Date || condition instanceof Types.ObjectId) return true;
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
    const keys = Object.keys(condition);
    return keys.length === 1 && keys[0] === '$eq' && isEquality((condition as { $eq: unknown }).$eq);
  }
  return ['string', 'number', 'boolean'].includes(typeof condition);
}

/** The value an operator compares with (`{ $gte: d }` → d, `{ $in: [a, b] }` → a), or the value itself. */
function operand(condition: unknown): unknown {
  if (condition === null || typeof condition !== 'object' || condition instanceof Date || condition instanceof Types.ObjectId) return condition;
  const [first] = Object.values(condition);
  return Array.isArray(first) ? first[0] : first;
}

function otherValue(value: unknown, i: number): unknown {
  if (value instanceof Types.ObjectId) return new Types.ObjectId();
  if (value instanceof Date) return new Date(value.getTime() + (i + 1) * 60_000);
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + i + 1;
  if (typeof value === 'string') return `${value}~${i}`;
  throw new Error(`hot-query example values are strings, numbers, booleans, dates or ObjectIds (got ${JSON.stringify(value)})`);
}

async function analyze(client: Client, schema: string, collection: string): Promise<void> {
  const { rows } = await client.query<{ table: string }>(`SELECT _jsonb->>'table' AS table FROM "${schema}"._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`, [collection]);
  if (!rows[0]) throw new Error(`FerretDB has no table for ${schema}.${collection}`);
  await client.query(`ANALYZE "${schema}"."${rows[0].table}"`);
}

/**
 * A service's hot-query test: every query is planned on FerretDB over PostgreSQL and must be read from an index in full;
 * a failure names the queries that are not.
 */
export function describeHotQueries(title: string, register: (connection: Connection) => unknown, queries: Record<string, HotQuery<unknown[]>>): void {
  describe(title, () => {
    let reports: PlanReport[];

    beforeAll(async () => {
      reports = await hotQueryPlans(register, queries);
    }, 120_000);

    it('plans every query', () => {
      expect(reports.map((report) => report.name)).toEqual(Object.keys(queries));
    });

    it('reads each from an index, with nothing left for FerretDB to filter', () => {
      expect(unindexedHotQueries(reports)).toEqual([]);
    });
  });
}
