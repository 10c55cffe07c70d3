/**
 * Benchmark of the database the hub runs on here, FerretDB 1.24 over PostgreSQL 15, as the services use it: the
 * driver's default pool, a collection of BENCH_DOCUMENTS (default 10,000) organisation-like documents, and the
 * equality reads and `_id` writes of the services' hot paths.
 *
 * Measures, in one run, with and without the GIN indexes the mongo kit adds (so the ratio needs no other run):
 *  - an equality mix (40 % find by _id, 30 % by a unique number, 10 % by two fields of a compound index with a limit,
 *    20 % update by _id) at 20 closed-loop clients: operations/s (saturation) and latency;
 *  - the same mix in an open loop at half that saturation: latency at a load the server can carry;
 *  - 20 ids read with `$in` against 20 parallel `_id` lookups;
 *  - the memory of FerretDB and PostgreSQL (PSS of the server and its backends) after the load.
 * Prints a table and a last line `BENCH_RESULT {json}`. Targets: ≥ 1,000 operations/s at 20 clients, PostgreSQL +
 * FerretDB < 300 MB.
 *
 * Run: `npm run build` at the repo root, then `npm run bench -w @hub/infra`.
 */
import path from 'node:path';
import type { Types } from 'mongoose';
import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { Client } from 'pg';
import { createLogger } from '@hub/shared/logging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { withDatabase } from '../src/external';
import { BenchRun, closedLoopCalls, databaseMemoryMiB, log, openLoopCalls, printTable, prng, round, summarise, type Call, type Summary } from '../src/bench';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 10_000);
const CLIENTS = 20;
const LOAD_MS = 10_000;
const TARGETS = { operationsPerSecond: 1000, databaseMiB: 300 };
const MUNICIPALITIES = ['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463'];
const KINDS = ['company', 'employer', 'support-organisation', 'network'];

const organisationSchema = new Schema(
  { name: String, organisationNumber: String, municipalityCode: String, kind: String, status: String, employees: Number, note: String, revision: Number },
  { strict: 'throw' },
);
organisationSchema.index({ organisationNumber: 1 }, { unique: true });
organisationSchema.index({ municipalityCode: 1, kind: 1 });

const numberOf = (i: number): string => `55${String(i).padStart(8, '0')}`;

function equalityMix(collection: mongoose.mongo.Collection, ids: Types.ObjectId[]): () => Call {
  const random = prng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const call = (name: string, perform: () => Promise<unknown>): Call => ({ name, perform: () => perform().then(() => undefined) });
  return () => {
    const roll = random();
    if (roll < 0.4) return call('find by _id', () => collection.findOne({ _id: pick(ids) }));
    if (roll < 0.7) return call('find by number', () => collection.findOne({ organisationNumber: numberOf(Math.floor(random() * DOCUMENTS)) }));
    if (roll < 0.8) return call('find by two fields', () => collection.find({ municipalityCode: pick(MUNICIPALITIES), kind: pick(KINDS) }).limit(20).toArray());
    return call('update by _id', () => collection.updateOne({ _id: pick(ids) }, { $set: { note: `seen ${random()}` } }));
  };
}

async function timeIt(runs: number, body: () => Promise<unknown>): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await body();
    times.push(performance.now() - started);
  }
  return summarise(times);
}

const ms = (value: number): string => `${round(value, 2)} ms`;

async function main(run: BenchRun): Promise<number> {
  const { running, state } = await run.startInfrastructure();
  const postgresUrl = running.postgresUrl!;
  const logger = createLogger('storage-bench', 'warn');
  const connection = await connectMongo(withDatabase(running.mongoUrl, 'hub_storage_bench'), logger);
  connection.model('Organisation', organisationSchema, 'organisations');
  await createIndexes(connection, { postgresUrl, logger });
  const collection = connection.collection('organisations');

  const random = prng(3);
  log(`inserting ${DOCUMENTS} documents`);
  for (let start = 0; start < DOCUMENTS; start += 1000) {
    await collection.insertMany(
      Array.from({ length: Math.min(1000, DOCUMENTS - start) }, (_, j) => ({
        name: `Företag ${start + j}`,
        organisationNumber: numberOf(start + j),
        municipalityCode: MUNICIPALITIES[Math.floor(random() * MUNICIPALITIES.length)],
        kind: KINDS[Math.floor(random() * KINDS.length)],
        status: 'active',
        employees: Math.floor(random() * 200),
        note: 'x'.repeat(400),
        revision: 0,
      })),
    );
  }
  const ids = (await collection.find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id as Types.ObjectId);
  const pg = new Client({ connectionString: postgresUrl });
  await pg.connect();
  // what autovacuum does within a minute of a bulk load; done here so both phases plan on the same statistics
  const table = (await pg.query<{ table: string }>(`SELECT _jsonb->>'table' AS table FROM hub_storage_bench._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'organisations'`)).rows[0]!.table;
  await pg.query(`ANALYZE hub_storage_bench."${table}"`);

  const phase = async (label: string) => {
    log(`${label}: equality mix, ${CLIENTS} clients, ${LOAD_MS / 1000} s`);
    const saturated = await closedLoopCalls(equalityMix(collection, ids), LOAD_MS, CLIENTS);
    const offered = Math.max(1, Math.round(saturated.perSecond / 2));
    log(`${label}: ${round(saturated.perSecond)} operations/s; open loop at ${offered}/s`);
    const open = await openLoopCalls(equalityMix(collection, ids), LOAD_MS, offered);
    const twenty = ids.slice(0, 20);
    const inList = await timeIt(30, () => collection.find({ _id: { $in: twenty } }).toArray());
    const parallel = await timeIt(30, () => Promise.all(twenty.map((id) => collection.findOne({ _id: id }))));
    return { saturated, offered, open, inList, parallel };
  };

  const indexed = await phase('with GIN indexes');
  const memory = databaseMemoryMiB(state);
  const gin = (await pg.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'hub_storage_bench' AND indexname LIKE 'hub_gin_%'`)).rows;
  for (const { indexname } of gin) await pg.query(`DROP INDEX hub_storage_bench."${indexname}"`);
  const scanned = await phase('without them (FerretDB alone)');
  await pg.end();
  await connection.close();

  const databaseMiB = (memory.ferretdb ?? 0) + (memory.postgres ?? 0);
  printTable(`Storage: FerretDB 1.24 over PostgreSQL 15, ${DOCUMENTS} documents`, [
    ['equality mix, 20 clients (saturation)', `${round(indexed.saturated.perSecond)} ops/s, p50 ${ms(indexed.saturated.p50)}, p95 ${ms(indexed.saturated.p95)}, errors ${indexed.saturated.errors} (target ≥ ${TARGETS.operationsPerSecond} ops/s)`],
    [`open loop at ${indexed.offered}/s`, `p50 ${ms(indexed.open.p50)}, p95 ${ms(indexed.open.p95)}, p99 ${ms(indexed.open.p99)}`],
    ['$in of 20 ids / 20 parallel _id lookups', `p50 ${ms(indexed.inList.p50)} / ${ms(indexed.parallel.p50)}`],
    ['without GIN indexes: 20 clients', `${round(scanned.saturated.perSecond)} ops/s, p95 ${ms(scanned.saturated.p95)}`],
    [`without: open loop at ${scanned.offered}/s`, `p95 ${ms(scanned.open.p95)}, p99 ${ms(scanned.open.p99)}`],
    ['without: $in of 20 / 20 parallel _id', `p50 ${ms(scanned.inList.p50)} / ${ms(scanned.parallel.p50)}`],
    ['indexes / without, throughput', `${round(indexed.saturated.perSecond / scanned.saturated.perSecond, 1)}×`],
    ['FerretDB + PostgreSQL memory (PSS)', `${round(databaseMiB)} MiB (FerretDB ${memory.ferretdb}, PostgreSQL ${memory.postgres}; target < ${TARGETS.databaseMiB} MB)`],
  ]);
  console.log(`BENCH_RESULT ${JSON.stringify({ documents: DOCUMENTS, indexed, scanned, memory, databaseMiB })}`);
  await run.stop();
  return 0;
}

const run = new BenchRun(path.resolve(__dirname, '../..'));
run.main(() => main(run));
