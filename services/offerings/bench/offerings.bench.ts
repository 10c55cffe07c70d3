/**
 * Benchmark of the offerings subgraph as deployed: `node dist/main.js` for organisations, offerings and the
 * gateway, on their own FerretDB and Kafka (started here under .cache/run/bench-<time>, stopped at the end).
 *
 * Measures, in one run:
 *  - seeding: BENCH_OFFERINGS (default 50,000) published offerings inserted straight into the offerings database
 *    in batches of 1,000, built by the service's own validation and stored-document code (through the API it
 *    would take hours on FerretDB); their ~20 providers are registered through the gateway first;
 *  - search: realistic searches through the gateway, each alone (what it costs without queueing), then 20
 *    closed-loop clients → p50/p95/p99, errors and timeouts;
 *  - federation: offerings with provider and municipalities (two subgraphs) against the same list without them
 *    (one subgraph) → throughput of each and the ratio;
 *  - memory: each process's resident set once it has settled after the load (idle), the offerings subgraph's also
 *    before seeding, so what the catalogue costs per offering shows; PostgreSQL and FerretDB (proportional set of
 *    their process trees); and the peaks (VmHWM).
 * Prints a table and a last line `BENCH_RESULT {json}`. Exits 1 on any error response; missed performance targets
 * are reported, not fatal, because the figures depend on what else the machine runs.
 *
 * Run: `npm run build` at the repo root, then `cd services/offerings && npm run bench`. FerretDB scans the whole
 * collection for sorts, regexes and `$in`, so searches slow down with the size; BENCH_OFFERINGS=10000 is quicker.
 */
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { withDatabase } from '@hub/infra';
import { organisationNumber } from '@hub/infra/testkit';
import {
  BenchRun,
  createBenchAuth,
  closedLoop,
  openLoop,
  formatLoadAverages,
  freePort,
  graphql,
  IDLE_TARGETS_MIB,
  loadAverage,
  log,
  mustGraphql,
  peakMemoryMiB,
  printTable,
  residentMemoryMiB,
  round,
  runPool,
  settledMemoryMiB,
  summarise,
  treeMemoryMiB,
  until,
  type LoadResult,
  type Operation,
  type Summary,
  type Target,
} from '@hub/infra/bench';
import { NEEDS, OFFERING_KINDS } from '../src/domain/offering';
import { registerModels } from '../src/infrastructure/models';
import { BATCH_SIZE, PLACES, pick, REGION10, seedOfferings, some } from './catalogue';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(PACKAGE_DIR, '../..');
const ORGANISATIONS_DIR = path.join(REPO_DIR, 'services/organisations');
const GATEWAY_DIR = path.join(REPO_DIR, 'gateway');

const OFFERING_COUNT = Number(process.env.BENCH_OFFERINGS ?? 50_000);
const PROVIDER_COUNT = 20;
const LOAD_CLIENTS = 20;
const WARMUP_MS = 3_000;
const LOAD_MS = 20_000;
const ALONE_REPEATS = 3;
const SETTLE_TIMEOUT_MS = 180_000;
const TARGETS = { searchP95Ms: 30 };

/** GraphQL enum values are the stored values upper-cased with underscores. */
const enumValue = (value: string): string => value.toUpperCase().replace(/-/g, '_');

// ─── providers ──────────────────────────────────────────────────────────────────────────────────────────────

const REGISTER = `mutation Register($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;

async function registerProviders(admin: Target): Promise<string[]> {
  const ids: string[] = [];
  await runPool(PROVIDER_COUNT, 4, async (serial) => {
    const municipalityCode = REGION10[serial % REGION10.length]!;
    const data = await mustGraphql<{ registerOrganisation: { id: string } }>(admin, REGISTER, {
      input: {
        kind: serial % 2 === 0 ? 'SUPPORT_ORGANISATION' : 'MUNICIPAL_BUSINESS_OFFICE',
        name: `${serial % 2 === 0 ? 'Nyföretagarcentrum' : 'Näringslivskontoret i'} ${PLACES[municipalityCode]} ${serial}`,
        // a non-profit association's number (802…)
        organisationNumber: organisationNumber(`802${String(serial).padStart(6, '0')}`),
        municipalityCode,
        industries: [{ code: '70220', version: 'SNI2007' }],
        contacts: [],
      },
    });
    ids.push(data.registerOrganisation.id);
  });
  return ids;
}

// ─── operations ─────────────────────────────────────────────────────────────────────────────────────────────

const SEARCH = `query Search($filter: OfferingFilter, $sort: OfferingSort, $after: String) {
  offerings(filter: $filter, sort: $sort, first: 20, after: $after) {
    nodes { id kind title { sv } applicationDeadline startDate format priceSek }
    pageInfo { endCursor hasNextPage }
  }
}`;

function search(name: string, variables: () => Record<string, unknown>): Operation {
  return { name, query: SEARCH, variables };
}

function searchSet(secondPages: Array<Record<string, unknown>>): Operation[] {
  return [
    search('TextSteget', () => ({ filter: { text: 'steget' } })),
    search('TextMala', () => ({ filter: { text: 'mala' } })),
    search('KindMunicipality', () => ({ filter: { kind: enumValue(pick(OFFERING_KINDS)), municipalityCode: pick(REGION10) } })),
    search('Needs', () => ({ filter: { needs: some(NEEDS, 2).map(enumValue) } })),
    search('OpenByDeadline', () => ({ filter: { openOnly: true }, sort: 'DEADLINE' })),
    search('SecondPage', () => pick(secondPages)),
  ];
}

/** The first page's cursor of a few kind searches by title, so SecondPage asks for a real page 2. */
async function secondPages(target: Target): Promise<Array<Record<string, unknown>>> {
  const pages: Array<Record<string, unknown>> = [];
  for (const kind of OFFERING_KINDS.slice(0, 4)) {
    const variables = { filter: { kind: enumValue(kind) }, sort: 'TITLE' };
    const data = await mustGraphql<{ offerings: { pageInfo: { endCursor: string | null } } }>(target, SEARCH, variables);
    if (data.offerings.pageInfo.endCursor) pages.push({ ...variables, after: data.offerings.pageInfo.endCursor });
  }
  if (pages.length === 0) throw new Error('no second pages to ask for: too few offerings');
  return pages;
}

const FEDERATED: Operation = {
  name: 'TwoSubgraphs',
  query: 'query TwoSubgraphs { offerings(first: 20) { nodes { title { sv } provider { name } municipalitiesServed { name } } } }',
  variables: () => ({}),
};
const SINGLE: Operation = {
  name: 'OneSubgraph',
  query: 'query OneSubgraph { offerings(first: 20) { nodes { title { sv } } } }',
  variables: () => ({}),
};

const PROBE = 'query Probe { offering(id: "000000000000000000000000") { id } }';

/**
 * A request the client gave up on still runs in the subgraph, queued behind its one database connection, so a
 * phase waits until a by-id lookup answers within a second again rather than measuring the last one's backlog.
 */
async function settle(target: Target): Promise<void> {
  const waited = await until('the offerings subgraph to work off its backlog', SETTLE_TIMEOUT_MS, async () => {
    const sent = performance.now();
    return graphql(target, PROBE, {}).then(() => performance.now() - sent < 1_000, () => false);
  }).catch((error: Error) => {
    log(`${error.message}; measuring anyway`);
    return NaN;
  });
  if (waited > 1_000) log(`waited ${(waited / 1000).toFixed(1)} s for the backlog of timed-out requests`);
}

/** Each operation ALONE_REPEATS times, one at a time: latency without queueing behind other clients. */
async function alone(target: Target, operations: Operation[]): Promise<{ byOperation: Record<string, Summary>; errors: string[] }> {
  const byOperation: Record<string, Summary> = {};
  const errors: string[] = [];
  for (const operation of operations) {
    const latencies: number[] = [];
    for (let i = 0; i < ALONE_REPEATS; i++) {
      const sent = performance.now();
      await mustGraphql(target, operation.query, operation.variables()).catch((error: Error) => errors.push(`${operation.name}: ${error.message}`));
      latencies.push(performance.now() - sent);
    }
    byOperation[operation.name] = summarise(latencies);
  }
  return { byOperation, errors };
}

async function measure(target: Target, operations: Operation[], label: string): Promise<LoadResult> {
  log(`${label}: ${WARMUP_MS / 1000} s warm-up, then ${LOAD_MS / 1000} s with ${LOAD_CLIENTS} clients`);
  await closedLoop(target, operations, WARMUP_MS, LOAD_CLIENTS);
  await settle(target);
  const result = await closedLoop(target, operations, LOAD_MS, LOAD_CLIENTS);
  log(`${label}: ${result.perSecond.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.errors} errors`);
  return result;
}

// ─── main ───────────────────────────────────────────────────────────────────────────────────────────────────

const run = new BenchRun(REPO_DIR);

async function main(): Promise<number> {
  const mains = [PACKAGE_DIR, ORGANISATIONS_DIR, GATEWAY_DIR].map((dir) => path.join(dir, 'dist/main.js'));
  if (mains.some((file) => !existsSync(file))) {
    console.error(`missing ${mains.filter((file) => !existsSync(file)).join(', ')}: run npm run build first`);
    return 1;
  }
  if (!Number.isInteger(OFFERING_COUNT) || OFFERING_COUNT < 100) {
    console.error('BENCH_OFFERINGS must be a whole number of at least 100 (enough for second pages)');
    return 1;
  }
  const loadBefore = loadAverage();

  const { running: infrastructure, state: infraState } = await run.startInfrastructure();
  const auth = createBenchAuth();
  const [organisationsPort, offeringsPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const offeringsMongoUrl = withDatabase(infrastructure.mongoUrl, 'hub_offerings_bench');
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', GATEWAY_PUBLIC_KEY: auth.gatewayKeys.publicKey, KAFKA_BROKERS: infrastructure.kafkaBrokers.join(',') };
  const organisations = await run.startService('organisations subgraph', ORGANISATIONS_DIR, organisationsPort, {
    ...common,
    MONGO_URL: withDatabase(infrastructure.mongoUrl, 'hub_organisations_bench'),
  });
  const offeringsEnv = { ...common, MONGO_URL: offeringsMongoUrl };
  let offerings = await run.startService('offerings subgraph', PACKAGE_DIR, offeringsPort, offeringsEnv);
  const gatewayProcess = await run.startService('gateway', GATEWAY_DIR, gatewayPort, {
    ...common,
    ...auth.gatewayEnv,
    SUBGRAPH_ORGANISATIONS_URL: `http://127.0.0.1:${organisationsPort}/graphql`,
    SUBGRAPH_OFFERINGS_URL: `http://127.0.0.1:${offeringsPort}/graphql`,
  });

  const bearer = auth.headers;
  const gatewayUrl = new URL(`http://127.0.0.1:${gatewayPort}/graphql`);
  const adminHeaders = bearer({ sub: 'bench-admin', roles: ['admin'] });
  const admin: Target = { name: 'gateway', url: gatewayUrl, headers: () => adminHeaders };

  log(`registering ${PROVIDER_COUNT} providers`);
  const providers = await registerProviders(admin);
  // The offerings service learns organisations from their events; offerings of an unknown provider would be refused.
  const readModel = await mongoose.createConnection(offeringsMongoUrl, { autoIndex: false, autoCreate: false }).asPromise();
  const known = registerModels(readModel).organisations;
  const readModelMs = await until('the offerings read model to know every provider', 60_000, async () => (await known.countDocuments({ status: 'active' })) >= PROVIDER_COUNT);
  await readModel.close();
  log('providers known to offerings; waiting for its memory to settle before seeding');
  const emptyOfferings = (await settledMemoryMiB({ offerings: () => residentMemoryMiB(offerings.pid) })).offerings ?? NaN;
  log(`providers known to offerings after ${(readModelMs / 1000).toFixed(1)} s, which holds ${emptyOfferings} MiB; seeding ${OFFERING_COUNT} offerings`);
  const seeded = await seedOfferings(offeringsMongoUrl, providers, OFFERING_COUNT);
  // written straight into the database, past the service: a restart loads them into its in-memory catalogue
  const restartStarted = performance.now();
  offerings = await run.restartService(offerings, 'offerings subgraph', PACKAGE_DIR, offeringsPort, offeringsEnv);
  const startupSeconds = (performance.now() - restartStarted) / 1000;
  log(`offerings subgraph started with ${OFFERING_COUNT} offerings in ${startupSeconds.toFixed(1)} s`);

  const partnerHeaders = bearer({ sub: 'bench-partner', roles: ['partner-staff'], organisationId: providers[0]! });
  const viaGateway: Target = { name: 'gateway', url: gatewayUrl, headers: () => partnerHeaders };
  const operations = searchSet(await secondPages(viaGateway));
  log(`search: each operation alone, ${ALONE_REPEATS} times`);
  const unqueued = await alone(viaGateway, operations);
  const loadDuring = loadAverage();
  const searches = await measure(viaGateway, operations, 'search');
  // the latency target holds at a load the service can carry: half its saturation, offered at a steady rate
  const offeredPerSecond = Math.max(1, Math.round(searches.perSecond / 2));
  log(`search: open loop at ${offeredPerSecond} req/s for ${LOAD_MS / 1000} s`);
  const searchesAtHalf = await openLoop(viaGateway, operations, LOAD_MS, offeredPerSecond);
  const single = await measure(viaGateway, [SINGLE], 'one subgraph');
  const federated = await measure(viaGateway, [FEDERATED], 'two subgraphs');

  const peakMemory = {
    organisations: peakMemoryMiB(organisations.pid),
    offerings: peakMemoryMiB(offerings.pid),
    gateway: peakMemoryMiB(gatewayProcess.pid),
    kafka: peakMemoryMiB(infraState.kafka.pid),
    ferretdb: peakMemoryMiB(infraState.ferretdb.pid),
    bench: peakMemoryMiB(process.pid),
  };
  log('waiting for the processes\' memory to settle after the load');
  const idleMemory = await settledMemoryMiB({
    organisations: () => residentMemoryMiB(organisations.pid),
    offerings: () => residentMemoryMiB(offerings.pid),
    gateway: () => residentMemoryMiB(gatewayProcess.pid),
    kafka: () => residentMemoryMiB(infraState.kafka.pid),
    postgres: () => treeMemoryMiB(infraState.postgres.pid),
    ferretdb: () => treeMemoryMiB(infraState.ferretdb.pid),
  });
  const databaseIdle = (idleMemory.postgres ?? NaN) + (idleMemory.ferretdb ?? NaN);
  const kibPerOffering = (((idleMemory.offerings ?? NaN) - emptyOfferings) * 1024) / OFFERING_COUNT;
  const loadAfter = loadAverage();

  const ratio = single.perSecond > 0 ? federated.perSecond / single.perSecond : NaN;
  const errors = unqueued.errors.length + searches.errors + single.errors + federated.errors;
  const targets = {
    searchP95: searchesAtHalf.p95 < TARGETS.searchP95Ms && searchesAtHalf.errors === 0,
    servicesIdle: [idleMemory.offerings, idleMemory.organisations].every((mib) => (mib ?? Infinity) < IDLE_TARGETS_MIB.service),
    databaseIdle: databaseIdle < IDLE_TARGETS_MIB.database,
    noErrors: errors === 0,
  };
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const ms = (value: number): string => value.toFixed(1);
  const figures = (r: LoadResult): string =>
    `${r.perSecond.toFixed(1)} req/s, p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, p99 ${ms(r.p99)} ms, ${r.requests} requests, ${r.errors} errors (${r.timeouts} timeouts)`;

  const rows: Array<[string, string]> = [
    ['load average (1/5/15 min) before · during · after', formatLoadAverages(loadBefore, loadDuring, loadAfter)],
    ['seeding', `${OFFERING_COUNT} published offerings in ${seeded.seconds.toFixed(1)} s = ${seeded.perSecond.toFixed(0)} offerings/s (insertMany, ${BATCH_SIZE} a batch); ${PROVIDER_COUNT} providers, read model caught up in ${(readModelMs / 1000).toFixed(1)} s`],
    ['start-up with the catalogue', `${startupSeconds.toFixed(1)} s to ready, loading ${OFFERING_COUNT} offerings into memory`],
    ['search via gateway', figures(searches)],
    ...operations.map((op): [string, string] => {
      const o = searches.byOperation[op.name]!;
      const byItself = unqueued.byOperation[op.name]!;
      return [`  ${op.name} p50/p95/p99 ms`, `${ms(o.p50)}/${ms(o.p95)}/${ms(o.p99)} (${o.count} requests); alone p50 ${ms(byItself.p50)}, max ${ms(byItself.max)}`];
    }),
    [`search at ${offeredPerSecond} req/s (half saturation, open loop)`, figures(searchesAtHalf)],
    ['search p95 at half saturation', `${ms(searchesAtHalf.p95)} ms (target < ${TARGETS.searchP95Ms} ms without errors: ${verdict(targets.searchP95)})`],
    ['one subgraph (offerings title)', figures(single)],
    ['two subgraphs (+ provider, municipalities)', figures(federated)],
    ['two/one subgraph throughput', Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a: no successful answers'],
    ['idle memory (RSS settled after the load, MiB)', Object.entries(idleMemory).map(([name, mib]) => `${name} ${mib ?? '?'}`).join(', ') + ' (PostgreSQL and FerretDB: PSS of their process trees)'],
    ['  offerings subgraph idle', `${idleMemory.offerings ?? '?'} MiB with ${OFFERING_COUNT} offerings, ${emptyOfferings} MiB before seeding: ${kibPerOffering.toFixed(2)} KiB per offering (target < 150 MB = ${IDLE_TARGETS_MIB.service.toFixed(0)} MiB for each subgraph: ${verdict(targets.servicesIdle)})`],
    ['  PostgreSQL + FerretDB idle', `${databaseIdle.toFixed(1)} MiB (target < 300 MB = ${IDLE_TARGETS_MIB.database.toFixed(0)} MiB: ${verdict(targets.databaseIdle)})`],
    ['peak memory (VmHWM, MiB)', Object.entries(peakMemory).map(([name, mib]) => `${name} ${mib ?? '?'}`).join(', ')],
    ['errors', `${errors} (${verdict(targets.noErrors)})`],
  ];
  printTable(`Offerings subgraph benchmark — ${OFFERING_COUNT} offerings, ${LOAD_CLIENTS} clients, ${os.cpus().length} cores, Node ${process.version}`, rows);
  for (const message of [...unqueued.errors, ...searches.firstErrors, ...single.firstErrors, ...federated.firstErrors]) console.log(`  error: ${message}`);

  const loadFigures = (r: LoadResult) => ({
    clients: LOAD_CLIENTS, seconds: LOAD_MS / 1000, requests: r.requests, perSecond: round(r.perSecond),
    p50Ms: round(r.p50, 2), p95Ms: round(r.p95, 2), p99Ms: round(r.p99, 2), errors: r.errors, timeouts: r.timeouts,
  });
  const result = {
    cores: os.cpus().length,
    loadAverage: { before: loadBefore, during: loadDuring, after: loadAfter },
    seeding: { count: OFFERING_COUNT, providers: PROVIDER_COUNT, seconds: round(seeded.seconds, 2), perSecond: round(seeded.perSecond), readModelMs },
    startupSeconds: round(startupSeconds, 1),
    searchAlone: {
      repeats: ALONE_REPEATS,
      errors: unqueued.errors.length,
      byOperation: Object.fromEntries(Object.entries(unqueued.byOperation).map(([name, s]) => [name, { p50Ms: round(s.p50), maxMs: round(s.max) }])),
    },
    search: { ...loadFigures(searches), byOperation: searches.byOperation },
    searchAtHalf: { offeredPerSecond, ...loadFigures(searchesAtHalf) },
    oneSubgraph: loadFigures(single),
    twoSubgraphs: loadFigures(federated),
    twoToOneSubgraphRatio: round(ratio, 3),
    idleMemoryMiB: { ...idleMemory, offeringsBeforeSeeding: emptyOfferings, kibPerOffering: round(kibPerOffering, 2) },
    peakMemoryMiB: peakMemory,
    targets,
  };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);

  // Keep the run's logs when something went wrong; otherwise leave nothing behind.
  await run.stop();
  if (targets.noErrors) rmSync(run.dataDir, { recursive: true, force: true });
  else log(`kept ${run.dataDir} for its logs`);
  return targets.noErrors ? 0 : 1;
}

run.main(main);
