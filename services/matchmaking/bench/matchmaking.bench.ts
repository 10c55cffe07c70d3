/**
 * Benchmark of matchmaking, in one run:
 *  - the engine alone (bench/matching.ts, bench/scheduling.ts): top 10 among 50,000 offerings, re-matching 10,000
 *    companies after a bulk change, scheduling 200 participants with 6 requests each;
 *  - the service as deployed: `node dist/main.js` for organisations, matchmaking and the gateway, on their own
 *    FerretDB and Kafka (under .cache/run/bench-<time>, stopped at the end):
 *      · BENCH_OFFERINGS (default 50,000) offerings written into matchmaking's read model before it starts, as a
 *        replay of the offerings topic would leave them (replaying 50,000 events through FerretDB takes long);
 *      · 50 companies registered and given needs analyses through the gateway;
 *      · a company's top 10 through the gateway: each request alone, then 20 closed-loop clients → p50/p95/p99;
 *      · a bulk change: BENCH_CHANGES (default 5,000) OfferingUpdated events, one per offering, produced to Kafka as
 *        the offerings service would, and the time from the first send until matchmaking has committed every one
 *        (stored in the read model and the matching view), as events per second, with the CPU each process spent
 *        on it (per event: less distorted by what else the machine runs than the rate);
 *      · idle memory (settled after the load) of every service and the database, and peak memory of every process.
 * Missed targets are reported, not fatal: the figures depend on what else the machine runs (the load is printed).
 * BENCH_ENGINE=0 leaves the engine alone out (half a minute of CPU), for runs that measure the service.
 *
 * Run: `npm run build` at the repo root, then `cd services/matchmaking && npm run bench`.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { OfferingUpdated, TOPICS } from '@hub/shared/contracts';
import { createEvent } from '@hub/shared/events';
import { createKafka, toKafkaMessage, toOutboxEntry } from '@hub/shared/messaging';
import { createLogger } from '@hub/shared/logging';
import { withDatabase } from '@hub/infra';
import { organisationNumber } from '@hub/infra/testkit';
import {
  BenchRun,
  createBenchAuth,
  closedLoop,
  cpuSeconds,
  CpuMeter,
  formatLoadAverages,
  freePort,
  loadAverage,
  log,
  mustGraphql,
  peakMemoryMiB,
  idleMemoryMiB,
  formatIdleMemory,
  printTable,
  prng,
  round,
  summarise,
  treeCpuSeconds,
  until,
  type LoadResult,
  type Target,
} from '@hub/infra/bench';
import { registerModels } from '../src/infrastructure/models';
import { benchMatching, syntheticOffering } from './matching';
import { benchScheduling } from './scheduling';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(PACKAGE_DIR, '../..');
const ORGANISATIONS_DIR = path.join(REPO_DIR, 'services/organisations');
const GATEWAY_DIR = path.join(REPO_DIR, 'gateway');

const OFFERING_COUNT = Number(process.env.BENCH_OFFERINGS ?? 50_000);
const COMPANY_COUNT = 50;
/** Events for the service's bulk change, each for another offering; enough that the rate is not start-up and polling. */
const CHANGED_OFFERINGS = Number(process.env.BENCH_CHANGES ?? 5_000);
const ENGINE_ALONE = process.env.BENCH_ENGINE !== '0';
const CONSUMER_GROUP = 'matchmaking-bench';
const BATCH = 1_000;
const ALONE_REQUESTS = 200;
const LOAD_CLIENTS = 20;
const LOAD_MS = 20_000;
const CHANGED_CAPACITY = 777;
const TARGETS = { topP95Ms: 50, ingestedPerSecond: 1_000 };
const REGION10 = ['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463'];
const NEEDS = ['EXPORT', 'DIGITALISATION', 'FINANCING', 'RECRUITMENT', 'SUSTAINABILITY', 'INNOVATION'];

const TOP_TEN = `query ($id: ID!) { organisation(id: $id) { offeringMatches(first: 10, excludedFirst: 1) { matches { offering { id } score reasons { code } } } } }`;

const run = new BenchRun(REPO_DIR);

/** Offerings as the read model stores them, from the same generator as the engine bench. */
async function seedReadModel(mongoUrl: string): Promise<number> {
  const connection = await mongoose.createConnection(mongoUrl, { autoIndex: false }).asPromise();
  const { offerings } = registerModels(connection);
  const random = prng(20_261_123);
  const started = performance.now();
  for (let from = 0; from < OFFERING_COUNT; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, OFFERING_COUNT - from) }, (_, i) => {
      const { id, ...facts } = syntheticOffering(random, new mongoose.Types.ObjectId().toHexString());
      return { _id: id, ...facts, lastEventId: `bench-seed-${from + i}` };
    });
    await offerings.insertMany(batch, { ordered: false, lean: true });
  }
  await connection.close();
  return (performance.now() - started) / 1000;
}

async function registerCompanies(admin: Target): Promise<string[]> {
  const random = prng(5);
  const ids: string[] = [];
  for (let i = 0; i < COMPANY_COUNT; i++) {
    const data = await mustGraphql<{ registerOrganisation: { id: string } }>(admin, 'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }', {
      input: { kind: 'COMPANY', name: `Benchföretag ${i} AB (fiktivt)`, organisationNumber: organisationNumber(`5597${String(i).padStart(5, '0')}`), municipalityCode: REGION10[i % REGION10.length], employees: Math.floor(random() * 40), foundedYear: 1990 + (i % 35) },
    });
    ids.push(data.registerOrganisation.id);
  }
  return ids;
}

async function recordNeeds(admin: Target, companies: string[]): Promise<void> {
  const random = prng(11);
  for (const id of companies) {
    const needs = [...new Set([NEEDS[Math.floor(random() * NEEDS.length)]!, NEEDS[Math.floor(random() * NEEDS.length)]!])].map((need, i) => ({ need, priority: i + 1 }));
    // the company reaches matchmaking by its registration event a moment after it is written
    await until(`matchmaking to know company ${id}`, 60_000, async () =>
      mustGraphql(admin, 'mutation ($id: ID!, $input: NeedsAnalysisInput!) { recordNeeds(companyId: $id, input: $input) { updatedAt } }', { id, input: { needs } }).then(
        () => true,
        () => false,
      ),
    );
  }
}

/**
 * OfferingUpdated events for offerings the read model holds, as the offerings service would publish them, and the time
 * from the first send until matchmaking has committed every one: it commits a batch's offsets only after the batch's
 * writes (and the view's updates) and markers, so committed offsets at the topic's end mean every event is stored. The
 * group's offsets are read every 50 ms, which costs the database nothing; the read model is checked once afterwards.
 */
async function bulkChange(brokers: string[], mongoUrl: string, cpuSources: Record<string, () => number | null>): Promise<{ produceSeconds: number; absorbedSeconds: number; cpuSeconds: Record<string, number | null> }> {
  const connection = await mongoose.createConnection(mongoUrl, { autoIndex: false }).asPromise();
  const { offerings } = registerModels(connection);
  const ids = (await offerings.find({}, { _id: 1 }).limit(CHANGED_OFFERINGS).lean()).map((doc) => doc._id);
  if (ids.length < CHANGED_OFFERINGS) throw new Error(`BENCH_CHANGES ${CHANGED_OFFERINGS} is more than the ${ids.length} offerings the read model holds`);
  const random = prng(7);
  const kafka = createKafka({ brokers, clientId: 'matchmaking-bench', logger: createLogger('matchmaking-bench', 'warn') });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  const committed = async (): Promise<number> => {
    const [topic] = await admin.fetchOffsets({ groupId: CONSUMER_GROUP, topics: [TOPICS.offerings.name] });
    return (topic?.partitions ?? []).reduce((sum, partition) => sum + Math.max(Number(partition.offset), 0), 0);
  };
  const before = await committed();
  // from the first send, as the rate: reading the ids above is the bench's own work
  const cpu = new CpuMeter(cpuSources);
  const started = performance.now();
  for (let from = 0; from < ids.length; from += 500) {
    const messages = ids.slice(from, from + 500).map((offeringId) => {
      const { id: _, status: __, enrolled: ___, eligibility, ...facts } = syntheticOffering(random, offeringId);
      // the engine's facts hold read-only lists, an event's payload lists of its own
      const lists = { needs: [...facts.needs], targetGroups: [...facts.targetGroups], sniCodes: [...facts.sniCodes], municipalityCodes: [...facts.municipalityCodes] };
      const eligibilityLists = { sniPrefixes: [...eligibility.sniPrefixes], municipalityCodes: [...eligibility.municipalityCodes] };
      const event = createEvent(OfferingUpdated, {
        aggregateId: offeringId,
        producer: 'offerings',
        payload: { ...facts, ...lists, eligibility: { ...eligibility, ...eligibilityLists }, offeringId, capacity: CHANGED_CAPACITY, status: 'published', changedFields: ['capacity'] },
      });
      return toKafkaMessage(toOutboxEntry(event, TOPICS.offerings));
    });
    await producer.send({ topic: TOPICS.offerings.name, messages });
  }
  const produceSeconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  await until('matchmaking to absorb the bulk change', 900_000, async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (await committed()) - before >= ids.length;
  });
  const absorbedSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpu.elapsed();
  await admin.disconnect();
  const changed = await offerings.countDocuments({ capacity: CHANGED_CAPACITY });
  await connection.close();
  if (changed < ids.length) throw new Error(`matchmaking committed the bulk change but its read model holds ${changed} of ${ids.length} changed offerings`);
  return { produceSeconds, absorbedSeconds, cpuSeconds };
}

async function main(): Promise<number> {
  const mains = [PACKAGE_DIR, ORGANISATIONS_DIR, GATEWAY_DIR].map((dir) => path.join(dir, 'dist/main.js'));
  if (mains.some((file) => !existsSync(file))) {
    console.error(`missing ${mains.filter((file) => !existsSync(file)).join(', ')}: run npm run build first`);
    return 1;
  }
  const engine: string[] = [];
  if (ENGINE_ALONE) {
    await benchMatching((line) => engine.push(line));
    await benchScheduling((line) => engine.push(line));
  }
  for (const line of engine) log(line);

  const loadBefore = loadAverage();
  const { running: infrastructure, state: infraState } = await run.startInfrastructure();
  const auth = createBenchAuth();
  const [organisationsPort, matchmakingPort, gatewayPort, unusedPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const matchmakingMongoUrl = withDatabase(infrastructure.mongoUrl, 'hub_matchmaking_bench');
  log(`writing ${OFFERING_COUNT} offerings into matchmaking's read model`);
  const seedSeconds = await seedReadModel(matchmakingMongoUrl);

  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', GATEWAY_PUBLIC_KEY: auth.gatewayKeys.publicKey, KAFKA_BROKERS: infrastructure.kafkaBrokers.join(',') };
  const organisations = await run.startService('organisations subgraph', ORGANISATIONS_DIR, organisationsPort, { ...common, MONGO_URL: withDatabase(infrastructure.mongoUrl, 'hub_organisations_bench') });
  const startedAt = performance.now();
  const matchmaking = await run.startService('matchmaking subgraph', PACKAGE_DIR, matchmakingPort, { ...common, MONGO_URL: matchmakingMongoUrl, CONSUMER_GROUP });
  const startSeconds = (performance.now() - startedAt) / 1000;
  const gatewayProcess = await run.startService('gateway', GATEWAY_DIR, gatewayPort, {
    ...common,
    ...auth.gatewayEnv,
    SUBGRAPH_ORGANISATIONS_URL: `http://127.0.0.1:${organisationsPort}/graphql`,
    SUBGRAPH_MATCHMAKING_URL: `http://127.0.0.1:${matchmakingPort}/graphql`,
    // the offerings subgraph is not started: the queries measured here ask nothing of it
    SUBGRAPH_OFFERINGS_URL: `http://127.0.0.1:${unusedPort}/graphql`,
  });
  const bearer = auth.headers;
  const gatewayUrl = new URL(`http://127.0.0.1:${gatewayPort}/graphql`);
  const adminHeaders = bearer({ sub: 'bench-admin', roles: ['admin'] });
  const admin: Target = { name: 'gateway', url: gatewayUrl, headers: () => adminHeaders };

  log(`registering ${COMPANY_COUNT} companies and their needs through the gateway`);
  const companies = await registerCompanies(admin);
  await recordNeeds(admin, companies);

  log(`top 10 through the gateway: ${ALONE_REQUESTS} requests one at a time`);
  const alone: number[] = [];
  let matchesSeen = 0;
  for (let i = 0; i < ALONE_REQUESTS; i++) {
    const sent = performance.now();
    const data = await mustGraphql<{ organisation: { offeringMatches: { matches: unknown[] } } }>(admin, TOP_TEN, { id: companies[i % companies.length] });
    alone.push(performance.now() - sent);
    matchesSeen += data.organisation.offeringMatches.matches.length;
  }
  const aloneSummary = summarise(alone);
  log(`top 10 alone: p50 ${aloneSummary.p50.toFixed(1)} ms, p95 ${aloneSummary.p95.toFixed(1)} ms, p99 ${aloneSummary.p99.toFixed(1)} ms`);
  const loadDuring = loadAverage();
  log(`top 10 through the gateway: ${LOAD_CLIENTS} clients for ${LOAD_MS / 1000} s`);
  let next = 0;
  const loaded: LoadResult = await closedLoop(admin, [{ name: 'top 10', query: TOP_TEN, variables: () => ({ id: companies[next++ % companies.length] }) }], LOAD_MS, LOAD_CLIENTS);
  log(`top 10 at ${LOAD_CLIENTS} clients: ${loaded.perSecond.toFixed(1)} req/s, p95 ${loaded.p95.toFixed(1)} ms, ${loaded.errors} errors`);

  log(`bulk change: ${CHANGED_OFFERINGS} OfferingUpdated events through Kafka`);
  const loadBeforeBulk = loadAverage();
  const bulk = await bulkChange(infrastructure.kafkaBrokers, matchmakingMongoUrl, {
    matchmaking: () => cpuSeconds(matchmaking.pid),
    ferretdb: () => cpuSeconds(infraState.ferretdb.pid),
    postgres: () => treeCpuSeconds(infraState.postgres.pid),
    kafka: () => cpuSeconds(infraState.kafka.pid),
    // the bench process produces the events and polls the group's offsets
    bench: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
  });
  const loadAfterBulk = loadAverage();
  const ingestedPerSecond = CHANGED_OFFERINGS / bulk.absorbedSeconds;

  log('waiting for the processes\' memory to settle after the load');
  const idle = await idleMemoryMiB({ organisations: organisations.pid, matchmaking: matchmaking.pid, gateway: gatewayProcess.pid }, infraState);
  const memory = {
    organisations: peakMemoryMiB(organisations.pid),
    matchmaking: peakMemoryMiB(matchmaking.pid),
    gateway: peakMemoryMiB(gatewayProcess.pid),
    kafka: peakMemoryMiB(infraState.kafka.pid),
    ferretdb: peakMemoryMiB(infraState.ferretdb.pid),
    bench: peakMemoryMiB(process.pid),
  };
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const ms = (value: number): string => value.toFixed(1);
  printTable(`Matchmaking benchmark — ${OFFERING_COUNT} offerings, ${os.cpus().length} cores, Node ${process.version}`, [
    ['load average (1/5/15 min) before · during · after', formatLoadAverages(loadBefore, loadDuring, loadAverage())],
    ...engine.map((line): [string, string] => ['engine', line]),
    ['read model', `${OFFERING_COUNT} offerings written in ${round(seedSeconds)} s; the service started (view loaded) in ${round(startSeconds)} s`],
    ['top 10 via gateway, alone', `p50 ${ms(aloneSummary.p50)} ms, p95 ${ms(aloneSummary.p95)} ms, p99 ${ms(aloneSummary.p99)} ms (${ALONE_REQUESTS} requests, ${round(matchesSeen / ALONE_REQUESTS)} matches each)`],
    [
      `top 10 via gateway, ${LOAD_CLIENTS} clients`,
      `${loaded.perSecond.toFixed(1)} req/s, p50 ${ms(loaded.p50)} ms, p95 ${ms(loaded.p95)} ms, p99 ${ms(loaded.p99)} ms, ${loaded.errors} errors`,
    ],
    ['top 10 p95 alone', `${ms(aloneSummary.p95)} ms (target < ${TARGETS.topP95Ms} ms: ${verdict(aloneSummary.p95 < TARGETS.topP95Ms)})`],
    [
      'bulk change through Kafka',
      `${CHANGED_OFFERINGS} events produced in ${round(bulk.produceSeconds)} s, all in the read model and view after ${round(bulk.absorbedSeconds)} s = ${round(CHANGED_OFFERINGS / bulk.absorbedSeconds)} events/s ` +
        `(target ≥ ${TARGETS.ingestedPerSecond} events/s: ${verdict(ingestedPerSecond >= TARGETS.ingestedPerSecond)}), load ${formatLoadAverages(loadBeforeBulk, loadAfterBulk)}`,
    ],
    [
      'bulk change CPU s (ms per event)',
      Object.entries(bulk.cpuSeconds).map(([name, s]) => `${name} ${s ?? '?'} (${s === null ? '?' : ((s * 1000) / CHANGED_OFFERINGS).toFixed(2)})`).join(', '),
    ],
    ['idle memory (RSS settled after the load, MiB)', formatIdleMemory(idle)],
    ['peak memory (VmHWM, MiB)', Object.entries(memory).map(([name, mib]) => `${name} ${mib ?? '?'}`).join(', ')],
  ]);
  for (const message of loaded.firstErrors) console.log(`  error: ${message}`);
  const result = {
    cores: os.cpus().length,
    offerings: OFFERING_COUNT,
    loadAverage: { before: loadBefore, during: loadDuring, bulkChange: { before: loadBeforeBulk, after: loadAfterBulk } },
    topTen: { alone: { p50Ms: round(aloneSummary.p50, 2), p95Ms: round(aloneSummary.p95, 2), p99Ms: round(aloneSummary.p99, 2) }, loaded: { clients: LOAD_CLIENTS, perSecond: round(loaded.perSecond), p95Ms: round(loaded.p95, 2), errors: loaded.errors } },
    bulkChange: { events: CHANGED_OFFERINGS, produceSeconds: round(bulk.produceSeconds, 2), absorbedSeconds: round(bulk.absorbedSeconds, 2), perSecond: round(ingestedPerSecond), cpuSeconds: bulk.cpuSeconds },
    idleMemoryMiB: idle,
    peakMemoryMiB: memory,
  };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  await run.stop();
  return loaded.errors === 0 ? 0 : 1;
}

run.main(main);
