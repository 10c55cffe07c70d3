import { createHash } from 'node:crypto';
import type mongoose from 'mongoose';
import { Client } from 'pg';
import type { Logger } from '../logging';

/**
 * FerretDB 1.24 on PostgreSQL sends every equality filter on a top-level field as `WHERE _jsonb->$1 @> $2`, and the
 * btree indexes it creates itself cannot serve `@>`: every read would scan its table. A GIN index on the same
 * expression can, once PostgreSQL plans each prepared statement for its parameters (`plan_cache_mode =
 * force_custom_plan`). This adds that index for `_id` and for every top-level field of every index a schema declares.
 *
 * FerretDB keeps a schema per database and a table per collection, mapped in `<schema>._ferretdb_database_metadata`;
 * 1.24.2 is the last 1.x release, so that layout stays. Dotted paths are left out: FerretDB pushes them down as
 * `_jsonb #> path`, which is null for an array of subdocuments (the only kind the hub's schemas index).
 */
export async function addFerretdbGinIndexes(connection: mongoose.Connection, postgresUrl: string, logger: Logger): Promise<number> {
  const client = new Client({ connectionString: postgresUrl, application_name: 'hub-gin-indexes' });
  await client.connect();
  try {
    const { rows: planRows } = await client.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
    if (planRows[0]?.plan_cache_mode !== 'force_custom_plan') {
      logger.warn({ planCacheMode: planRows[0]?.plan_cache_mode }, 'PostgreSQL under FerretDB plans prepared statements generically: the GIN indexes go unused until plan_cache_mode = force_custom_plan');
    }
    const schema = connection.name;
    let created = 0;
    for (const model of Object.values(connection.models)) {
      const table = await tableOf(client, schema, model.collection.collectionName);
      if (!table) continue;
      for (const field of indexedTopLevelFields(model.schema)) {
        if (await createGinIndex(client, schema, table, field)) created += 1;
      }
    }
    return created;
  } finally {
    await client.end();
  }
}

/** `_id` and the top-level fields of the schema's declared indexes, each once. */
export function indexedTopLevelFields(schema: mongoose.Schema): string[] {
  const fields = new Set<string>(['_id']);
  for (const [keys] of schema.indexes()) {
    for (const field of Object.keys(keys)) if (!field.includes('.')) fields.add(field);
  }
  return [...fields];
}

async function tableOf(client: Client, schema: string, collection: string): Promise<string | undefined> {
  const exists = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, '_ferretdb_database_metadata']);
  if (exists.rowCount === 0) return undefined;
  const { rows } = await client.query<{ table: string }>(
    `SELECT _jsonb->>'table' AS table FROM ${quoteIdent(schema)}._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`,
    [collection],
  );
  return rows[0]?.table;
}

// duplicate_table and unique_violation: another replica created the same index at the same moment
const CREATED_CONCURRENTLY = new Set(['42P07', '23505']);

/** True when the index is new. Named by a hash of table and field: PostgreSQL truncates names over 63 bytes. */
async function createGinIndex(client: Client, schema: string, table: string, field: string): Promise<boolean> {
  const name = `hub_gin_${createHash('sha256').update(`${table}\0${field}`).digest('hex').slice(0, 20)}`;
  const { rowCount } = await client.query('SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2', [schema, name]);
  if (rowCount) return false;
  try {
    await client.query(`CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(schema)}.${quoteIdent(table)} USING gin ((_jsonb->${quoteLiteral(field)}))`);
    return true;
  } catch (error) {
    if (CREATED_CONCURRENTLY.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** FerretDB answers buildInfo with its own version beside the MongoDB one it emulates. */
export async function isFerretdb(connection: mongoose.Connection): Promise<boolean> {
  if (!connection.db) throw new Error('not connected');
  const info = await connection.db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}
