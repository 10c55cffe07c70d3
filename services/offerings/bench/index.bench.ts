/**
 * What the in-memory catalogue costs, on a FerretDB of its own (started here under .cache/run/bench-<time>, stopped
 * at the end): BENCH_OFFERINGS (default 50,000) published offerings stored as the service stores them, then the
 * catalogue loaded from the database: load time and heap per offering (heap after a full GC, minus before); and
 * searches answered by the catalogue alone (no database): p50/p95. Prints a table and `BENCH_RESULT {json}`.
 *
 * Run: `npm run build` at the repo root, then `cd services/offerings && npm run bench:index`.
 */
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { withDatabase } from '@hub/infra';
import { BenchRun, heapAfterGc, log, printTable, round, summarise, type Summary } from '@hub/infra/bench';
import { registerModels } from '../src/infrastructure/models';
import { CatalogueIndex, type OfferingItem } from '../src/infrastructure/offering-index';
import { pick, REGION10, seedOfferings } from './catalogue';

const REPO_DIR = path.resolve(__dirname, '../../..');
const COUNT = Number(process.env.BENCH_OFFERINGS ?? 50_000);
const PROVIDERS = 20;
const QUERIES = 500;

/** `before` runs untimed ahead of each run. */
function timed(run: () => unknown, before: () => void = () => undefined): Summary {
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    before();
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return summarise(times);
}

async function main(): Promise<void> {
  const run = new BenchRun(REPO_DIR);
  try {
    const { running } = await run.startInfrastructure();
    const url = withDatabase(running.mongoUrl, 'offerings_index_bench');
    const providers = Array.from({ length: PROVIDERS }, () => new Types.ObjectId().toHexString());
    log(`seeding ${COUNT} offerings`);
    await seedOfferings(url, providers, COUNT);

    const connection = await mongoose.createConnection(url).asPromise();
    const before = heapAfterGc();
    const catalogue = new CatalogueIndex(registerModels(connection));
    const loadStarted = performance.now();
    await catalogue.load();
    const loadMs = performance.now() - loadStarted;
    const index = await catalogue.forStatus('published', undefined);
    const heapPerItem = (heapAfterGc() - before) / index.size;
    await connection.close();

    const published = (offering: OfferingItem) => offering.status === 'published';
    const textSearch = () => index.page({ sort: 'deadline', text: pick(['steget', 'export', 'mala', 'alvdalen', 'finansiering vaxande']), where: [published], first: 20 });
    // a write forgets the matches of recent queries: each search then scores its matches anew
    const written = { ...(index.get(index.page({ sort: 'title', first: 1 }).ids[0] as string) as OfferingItem), id: 'f'.repeat(24) };
    const text = timed(textSearch, () => {
      index.upsert({ item: written, text: 'nytt erbjudande' });
      index.remove(written.id);
    });
    const repeated = timed(textSearch);
    const municipality = timed(() => {
      const code = pick(REGION10);
      index.page({ sort: 'title', where: [published, (o) => o.municipalityCodes.length === 0 || o.municipalityCodes.includes(code), (o) => o.needs.includes('export')], first: 20 });
    });
    const openOnly = timed(() => index.page({ sort: 'start', where: [published, (o) => (o.applicationDeadline ?? '2027-01-01') >= '2027-01-01'], first: 20 }));

    const ms = (summary: Summary) => `p50 ${round(summary.p50, 2)} ms, p95 ${round(summary.p95, 2)} ms`;
    printTable(`catalogue at ${index.size} offerings`, [
      ['load from the database', `${Math.round(loadMs)} ms`],
      ['heap per offering', `${Math.round(heapPerItem)} bytes`],
      ['text search by deadline, first 20, after a write', ms(text)],
      ['the same searches again (pages of one search)', ms(repeated)],
      ['municipality + need by title, first 20', ms(municipality)],
      ['open after a date by start, first 20', ms(openOnly)],
    ]);
    console.log(`BENCH_RESULT ${JSON.stringify({ offerings: index.size, loadMs: Math.round(loadMs), heapBytesPerItem: Math.round(heapPerItem), text, repeated, municipality, openOnly })}`);
  } finally {
    await run.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
