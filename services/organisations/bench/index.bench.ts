/**
 * What the register's in-memory index costs and how pages are best fetched, on a FerretDB of its own (started here
 * under .cache/run/bench-<time>, stopped at the end):
 *  - BENCH_ORGANISATIONS (default 10,000) organisations inserted as the service stores them, then the index loaded
 *    from the database: load time and heap per organisation (heap after a full GC, minus before);
 *  - the index answering a text search, a filtered list and a deep page, alone (no database): p50/p95;
 *  - a page of 20 documents fetched by `_id`: one `$in` against 20 lookups in parallel, with the provisioned
 *    connection string and with a pool of 10.
 * Prints a table and a last line `BENCH_RESULT {json}`.
 *
 * Run: `npm run build` at the repo root, then `cd services/organisations && npm run bench:index`.
 */
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { withDatabase } from '@hub/infra';
import { BenchRun, heapAfterGc, log, printTable, prng, round, summarise } from '@hub/infra/bench';
import { organisationNumber } from '@hub/infra/testkit';
import { createLogger } from '@hub/shared/logging';
import { createIndexes, findByIds, serverOperator } from '@hub/shared/mongo';
import { swedishSortKey } from '@hub/shared/search';
import { REGION10_MUNICIPALITIES } from '@hub/shared/contracts';
import { registerModels } from '../src/infrastructure/models';
import { RegisterIndex } from '../src/infrastructure/register-index';

const REPO_DIR = path.resolve(__dirname, '../../..');
const COUNT = Number(process.env.BENCH_ORGANISATIONS ?? 10_000);
const BATCH = 1_000;
const FETCHES = 30;
const QUERIES = 500;

async function timed(runs: number, run: (index: number) => unknown): Promise<ReturnType<typeof summarise>> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return summarise(times);
}

const WORDS = ['Skog', 'Fjäll', 'Älv', 'Bygg', 'Turism', 'Data', 'Snickeri', 'Åkeri', 'Café', 'Maskin', 'Ödemark', 'Renskötsel', 'Konsult', 'Smide'];

async function main(): Promise<void> {
  const run = new BenchRun(REPO_DIR);
  try {
    const { running } = await run.startInfrastructure();
    const url = withDatabase(running.mongoUrl, 'organisations_index_bench');
    const connection = await mongoose.createConnection(url).asPromise();
    const models = registerModels(connection);
    // as the service creates them at start: on FerretDB also the GIN indexes in its PostgreSQL (`_id`'s among them)
    await createIndexes(connection, { postgresUrl: running.postgresUrl, logger: createLogger('bench', 'warn') });
    await models.municipalities.insertMany(REGION10_MUNICIPALITIES.map((m) => ({ _id: m.code, name: m.name, region10: true })));
    const random = prng(10);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    log(`inserting ${COUNT} organisations`);
    for (let start = 0; start < COUNT; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, i) => {
        const name = `${pick(WORDS)}${pick(WORDS).toLowerCase()} ${pick(WORDS)} AB ${start + i}`;
        return {
          kind: 'company',
          name,
          sortName: swedishSortKey(name),
          organisationNumber: organisationNumber(`55${String(start + i).padStart(7, '0')}`),
          industries: [{ code: pick(['62010', '55101', '02100', '41200', '47190']), version: 'SNI2007' }],
          municipalityCode: pick(REGION10_MUNICIPALITIES).code,
          contacts: [{ id: new Types.ObjectId().toHexString(), name: 'Testa Kontakt (fiktiv)', role: 'manager', email: 'kontakt@example.invalid', expertise: ['export'] }],
          status: random() < 0.95 ? 'active' : 'inactive',
        };
      });
      await models.organisations.insertMany(batch);
    }

    const before = heapAfterGc();
    const index = new RegisterIndex(models);
    const loadStarted = performance.now();
    await index.load();
    const loadMs = performance.now() - loadStarted;
    const heapPerItem = (heapAfterGc() - before) / index.organisations.size;

    const active = [(organisation: { status: string }) => organisation.status === 'active'];
    const text = await timed(QUERIES, () => index.organisations.page({ sort: 'name', text: pick(['mala', 'skog', 'alv bygg', 'odemark', 'lycksele']), where: active, first: 20 }));
    const filtered = await timed(QUERIES, () => index.organisations.page({ sort: 'name', where: [...active, (o) => o.municipalityCode === '2418', (o) => o.industryCodes.some((c) => c.startsWith('62'))], first: 20 }));
    let cursor: string | null = null;
    const deep = await timed(QUERIES, () => {
      const page = index.organisations.page({ sort: 'name', where: active, first: 20, after: cursor });
      cursor = page.hasNextPage ? page.endCursor : null;
    });

    const allIds = index.organisations.all('name', () => true).map((organisation) => organisation.id);
    const ids = () => Array.from({ length: 20 }, () => pick(allIds));
    const fetches: Record<string, ReturnType<typeof summarise>> = {};
    for (const [pool, poolUrl] of [['provisioned', url], ['pool of 10', withPool(url, 10)]] as const) {
      const pooled = await mongoose.createConnection(poolUrl).asPromise();
      const pooledModels = registerModels(pooled);
      fetches[`$in, ${pool}`] = await timed(FETCHES, () => pooledModels.organisations.find({ _id: serverOperator({ $in: ids() }) }).lean());
      fetches[`20 lookups, ${pool}`] = await timed(FETCHES, () => findByIds(pooledModels.organisations, ids()));
      await pooled.close();
    }
    await connection.close();

    const ms = (summary: ReturnType<typeof summarise>) => `p50 ${round(summary.p50, 2)} ms, p95 ${round(summary.p95, 2)} ms`;
    printTable(`register index at ${index.organisations.size} organisations`, [
      ['load from the database', `${Math.round(loadMs)} ms`],
      ['heap per organisation', `${Math.round(heapPerItem)} bytes`],
      ['text search, first 20', ms(text)],
      ['municipality + SNI filter, first 20', ms(filtered)],
      ['successive pages of 20', ms(deep)],
      ...Object.entries(fetches).map(([name, summary]): [string, string] => [`page fetch: ${name}`, ms(summary)]),
    ]);
    console.log(`BENCH_RESULT ${JSON.stringify({ organisations: index.organisations.size, loadMs: Math.round(loadMs), heapBytesPerItem: Math.round(heapPerItem), text, filtered, deep, fetches })}`);
  } finally {
    await run.stop();
  }
}

function withPool(url: string, size: number): string {
  const parsed = new URL(url);
  parsed.searchParams.set('maxPoolSize', String(size));
  return parsed.toString();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
