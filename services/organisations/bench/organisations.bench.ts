/**
 * Benchmark of the organisations subgraph as deployed: `node dist/main.js` for the subgraph and the gateway, on
 * their own FerretDB and Kafka (started here under .cache/run/bench-<time>, stopped at the end).
 *
 * Measures, in one run:
 *  - seeding: 10,000 registerOrganisation mutations through the gateway (20 in flight) and 20 projects;
 *  - query load: a golden set of realistic operations, 50 closed-loop clients, through the gateway and directly
 *    against the subgraph (same queries, forwarded-claims header) → req/s, p50/p99, gateway/direct ratio;
 *  - event latency: mutation sent → OrganisationRegistered received by a Kafka consumer (300 registrations);
 *  - idle memory (settled after the load) of the subgraph, the gateway and the database; peak memory (VmHWM) of
 *    the subgraph, the gateway, Kafka, FerretDB and this process.
 * Prints a table and a last line `BENCH_RESULT {json}`. Exits 1 on any error response or lost event; missed
 * performance targets are reported, not fatal, because the figures depend on what else the machine runs.
 *
 * Run: `npm run build` at the repo root, then `cd services/organisations && npm run bench`. On FerretDB over
 * PostgreSQL a run at 10,000 takes about 3 minutes on 2 cores, a third of it seeding; BENCH_ORGANISATIONS=2000 gives a
 * quicker, smaller one.
 */
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signForwardedClaims, FORWARDED_CLAIMS_HEADER, type HubClaims } from '@hub/shared/auth';
import { TOPICS } from '@hub/shared/contracts';
import { createLogger } from '@hub/shared/logging';
import { createKafka } from '@hub/shared/messaging';
import { withDatabase } from '@hub/infra';
import { organisationNumber } from '@hub/infra/testkit';
import {
  BenchRun,
  createBenchAuth,
  closedLoop,
  cpuSeconds,
  CpuMeter,
  openLoop,
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
  runPool,
  summarise,
  treeCpuSeconds,
  until,
  type LoadResult,
  type Operation,
  type Target,
} from '@hub/infra/bench';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(PACKAGE_DIR, '../..');
const GATEWAY_DIR = path.join(REPO_DIR, 'gateway');

// BENCH_ORGANISATIONS scales the data set down for a quick look; the figures that count are at 10,000.
const SEED_COUNT = Number(process.env.BENCH_ORGANISATIONS ?? 10_000);
const SEED_CONCURRENCY = 20;
const PROJECT_COUNT = 20;
// Low: a project registration checks its references with queries FerretDB/SQLite answers by scanning the collection.
const PROJECT_CONCURRENCY = 4;
const LOAD_CLIENTS = 50;
const WARMUP_MS = 3_000;
const LOAD_MS = 15_000;
const EVENT_COUNT = 300;
const EVENT_CONCURRENCY = 10;
const DRAIN_TIMEOUT_MS = 60_000;
const TARGETS = { ratio: 0.7, gatewayP99Ms: 50, eventP99Ms: 250 };

const REGION10 = ['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463'];
const PLACES: Record<string, string> = {
  '2506': 'Arjeplog', '2505': 'Arvidsjaur', '2425': 'Dorotea', '2481': 'Lycksele', '2418': 'Malå',
  '2417': 'Norsjö', '2422': 'Sorsele', '2421': 'Storuman', '2462': 'Vilhelmina', '2463': 'Åsele',
};
const SNI_CODES = ['02100', '02200', '16101', '41200', '43210', '47111', '49410', '55101', '56100', '62010', '70220', '79900', '85420', '01110', '07290'];

const random = prng(10);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// ─── seed data ──────────────────────────────────────────────────────────────────────────────────────────────

const KINDS = [
  ['COMPANY', 70], ['EMPLOYER', 12], ['SUPPORT_ORGANISATION', 5], ['NETWORK', 4],
  ['FUNDER', 3], ['MUNICIPAL_BUSINESS_OFFICE', 3], ['UNIVERSITY_OR_ACADEMY', 2], ['REGION', 1],
] as const;
type Kind = (typeof KINDS)[number][0];

// The form's first digits: 55 limited companies, 80 non-profit associations, 21 municipalities, 20 state bodies.
const NUMBER_PREFIX: Record<Kind, string> = {
  COMPANY: '556', EMPLOYER: '559', SUPPORT_ORGANISATION: '802', NETWORK: '802',
  FUNDER: '202', MUNICIPAL_BUSINESS_OFFICE: '212', UNIVERSITY_OR_ACADEMY: '202', REGION: '232',
};

function pickKind(): Kind {
  let roll = random() * 100;
  for (const [kind, weight] of KINDS) {
    if ((roll -= weight) < 0) return kind;
  }
  return 'COMPANY';
}

const STEMS = ['Skogs', 'Fjäll', 'Älv', 'Myr', 'Sjö', 'Norr', 'Ren', 'Gruv', 'Tall', 'Björk', 'Gran', 'Vind', 'Snö', 'Malm', 'Östra', 'Lapp'];
const TRADES = ['bygg', 'tjänst', 'teknik', 'konsult', 'trä', 'turism', 'handel', 'el', 'data', 'transport', 'vård', 'mat', 'gården', 'maskin'];
// invented, marked as such, with Swedish letters to exercise search and sorting
const PEOPLE = ['Åsa Exempelsson (fiktiv)', 'Björn Åprovsson (fiktiv)', 'Märta Testström (fiktiv)', 'Göran Älvtest (fiktiv)', 'Nils-Åke Påhittad (fiktiv)'];

/** A kind prefix and a unique serial, with the check digit. */
function organisationNumberOf(kind: Kind, serial: number): string {
  return organisationNumber(`${NUMBER_PREFIX[kind]}${String(serial).padStart(6, '0')}`);
}

function organisationName(kind: Kind, place: string, serial: number): string {
  switch (kind) {
    case 'MUNICIPAL_BUSINESS_OFFICE': return `Näringslivskontoret i ${place} ${serial}`;
    case 'SUPPORT_ORGANISATION': return `${pick(['Nyföretagarcentrum', 'Coompanion', 'Almi Företagspartner'])} ${place} ${serial}`;
    case 'NETWORK': return `Företagarna ${place} ${pick(['Skogsnätverk', 'Besöksnäring', 'Kvinnligt företagande'])}`;
    case 'FUNDER': return `${place}s utvecklingsfond ${serial}`;
    case 'UNIVERSITY_OR_ACADEMY': return `Akademi Norr ${place} ${serial}`;
    case 'REGION': return `Region Västerbotten ${place} ${serial}`;
    default: return `${pick(STEMS)}${pick(TRADES)} i ${place} ${pick(['AB', 'HB', 'Ekonomisk förening'])}`;
  }
}

function registrationInput(serial: number): Record<string, unknown> {
  const kind = pickKind();
  const municipalityCode = pick(REGION10);
  const person = pick(PEOPLE);
  return {
    kind,
    name: organisationName(kind, PLACES[municipalityCode]!, serial),
    organisationNumber: organisationNumberOf(kind, serial),
    municipalityCode,
    industries: [...new Set([pick(SNI_CODES), pick(SNI_CODES)])].map((code) => ({ code, version: 'SNI2007' })),
    ...(random() < 0.6 ? { website: `https://foretag-${serial}.example.se/` } : {}),
    contacts: random() < 0.5
      ? [{ name: person, role: pick(['ADVISER', 'MANAGER', 'BUSINESS_DEVELOPER']), email: `kontakt${serial}@example.se`, phone: '070-123 45 67', expertise: ['export', 'financing'] }]
      : [],
  };
}

const REGISTER = `mutation Register($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id kind organisationNumber }
}`;
const REGISTER_PROJECT = `mutation RegisterProject($input: RegisterProjectInput!) { registerProject(input: $input) { id } }`;

// ─── golden query set ───────────────────────────────────────────────────────────────────────────────────────

interface SeedResult {
  ids: string[];
  numbers: string[];
  projectOrganisationIds: string[];
  secondPageCursors: Array<{ municipalityCode: string; after: string }>;
}

const LIST_FIELDS = 'nodes { id name organisationNumber kind industries { code } municipality { name } } pageInfo { endCursor hasNextPage }';

function goldenSet(seed: SeedResult): Operation[] {
  return [
    {
      name: 'OrganisationById',
      query: `query OrganisationById($id: ID!) { organisation(id: $id) {
        id name kind organisationNumber vatNumber status website
        municipality { code name region10 county { code name } }
        industries { code version }
        projects { id name kind startDate endDate funders { sharePercent funder { id name } } municipalities { name } }
      } }`,
      // Half of the lookups hit organisations that take part in projects, so the projects join does work.
      variables: () => ({ id: random() < 0.5 ? pick(seed.projectOrganisationIds) : pick(seed.ids) }),
    },
    {
      name: 'OrganisationByNumber',
      query: `query OrganisationByNumber($n: String!) { organisationByNumber(organisationNumber: $n) {
        id name kind vatNumber municipality { name } contacts { name role email expertise }
      } }`,
      variables: () => ({ n: pick(seed.numbers) }),
    },
    {
      name: 'ListByMunicipalityKind',
      query: `query ListByMunicipalityKind($m: String!, $k: OrganisationKind!) {
        organisations(filter: { municipalityCode: $m, kind: $k }, first: 20) { ${LIST_FIELDS} }
      }`,
      variables: () => ({ m: pick(REGION10), k: pick(['COMPANY', 'EMPLOYER']) }),
    },
    {
      name: 'SearchText',
      query: `query SearchText($text: String!) { organisations(filter: { text: $text }, first: 20) { ${LIST_FIELDS} } }`,
      variables: () => ({ text: pick(['mala', 'skog', 'skog asele', 'bjork']) }),
    },
    {
      name: 'SecondPage',
      query: `query SecondPage($m: String!, $after: String!) {
        organisations(filter: { municipalityCode: $m, kind: COMPANY }, first: 20, after: $after) { ${LIST_FIELDS} }
      }`,
      variables: () => {
        const page = pick(seed.secondPageCursors);
        return { m: page.municipalityCode, after: page.after };
      },
    },
    {
      name: 'Region10Municipalities',
      query: `query Region10Municipalities { municipalities(region10Only: true) { code name region10 jobtechConceptId county { name } } }`,
      variables: () => ({}),
    },
  ];
}

// ─── phases ─────────────────────────────────────────────────────────────────────────────────────────────────

async function seed(gateway: Target): Promise<SeedResult & { seconds: number; perSecond: number; chunkRates: number[]; projectSeconds: number }> {
  const ids: string[] = [];
  const numbers: string[] = [];
  const byKind = new Map<string, string[]>();
  const started = performance.now();
  // Throughput per fifth of the data set, to show whether writes slow down as the collection grows.
  const chunk = Math.max(1, Math.floor(SEED_COUNT / 5));
  const chunkRates: number[] = [];
  let chunkStarted = started;
  await runPool(SEED_COUNT, SEED_CONCURRENCY, async (serial) => {
    const data = await mustGraphql<{ registerOrganisation: { id: string; kind: string; organisationNumber: string } }>(
      gateway, REGISTER, { input: registrationInput(serial) },
    );
    const { id, kind, organisationNumber: number } = data.registerOrganisation;
    ids.push(id);
    numbers.push(number);
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind)!.push(id);
    if (ids.length % chunk === 0) {
      const now = performance.now();
      chunkRates.push(round(chunk / ((now - chunkStarted) / 1000)));
      chunkStarted = now;
      log(`seeded ${ids.length} (${chunkRates.at(-1)}/s over the last ${chunk})`);
    }
  });
  const seconds = (performance.now() - started) / 1000;

  // Projects owned by support organisations, funded by two funders and with company partners.
  const projectOrganisationIds = new Set<string>();
  const projectStarted = performance.now();
  await runPool(PROJECT_COUNT, PROJECT_CONCURRENCY, async (index) => {
    const owner = pick(byKind.get('SUPPORT_ORGANISATION')!);
    const [funderA, funderB] = [pick(byKind.get('FUNDER')!), pick(byKind.get('FUNDER')!)];
    const funders = funderA === funderB ? [{ funderId: funderA, sharePercent: 100 }] : [{ funderId: funderA, sharePercent: 60 }, { funderId: funderB, sharePercent: 40 }];
    const partnerIds = [pick(byKind.get('COMPANY')!), pick(byKind.get('COMPANY')!), pick(byKind.get('EMPLOYER')!)];
    await mustGraphql(gateway, REGISTER_PROJECT, {
      input: {
        kind: index % 5 === 0 ? 'PROGRAMME' : 'PROJECT',
        name: `${pick(['Skogsnäringens', 'Fjällturismens', 'Inlandets', 'Älvdalens'])} utvecklingsprojekt ${index}`,
        description: 'Kompetensförsörjning och företagsutveckling i Region 10:s inlandskommuner.',
        ownerId: owner,
        startDate: '2025-01-01',
        endDate: '2027-12-31',
        municipalityCodes: [pick(REGION10), pick(REGION10)],
        funders,
        partnerIds,
      },
    });
    for (const id of [owner, ...funders.map((f) => f.funderId), ...partnerIds]) projectOrganisationIds.add(id);
  });
  const projectSeconds = (performance.now() - projectStarted) / 1000;

  const secondPageCursors: SeedResult['secondPageCursors'] = [];
  for (const municipalityCode of REGION10) {
    const data = await mustGraphql<{ organisations: { pageInfo: { endCursor: string | null } } }>(
      gateway, `query($m: String!) { organisations(filter: { municipalityCode: $m, kind: COMPANY }, first: 20) { pageInfo { endCursor } } }`, { m: municipalityCode },
    );
    const after = data.organisations.pageInfo.endCursor;
    if (after) secondPageCursors.push({ municipalityCode, after });
  }
  return {
    ids, numbers, projectOrganisationIds: [...projectOrganisationIds], secondPageCursors,
    seconds, perSecond: SEED_COUNT / seconds, chunkRates, projectSeconds,
  };
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the event's occurredAt. */
const wallNow = (): number => performance.timeOrigin + performance.now();

async function eventLatency(gateway: Target, brokers: string[], expectedOffsets: number) {
  const kafka = createKafka({ brokers, clientId: 'organisations-bench', logger: createLogger('organisations-bench', 'warn') });
  const topic = TOPICS.organisations.name;

  // Every seeding event should be on the topic first, or a relay backlog would be measured instead; if the
  // relay cannot catch up in time that is itself a finding, reported as the backlog left.
  const admin = kafka.admin();
  await admin.connect();
  const highWatermark = async () => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  const drainStarted = Date.now();
  const drained = await until('the outbox relay to publish the seeding events', DRAIN_TIMEOUT_MS, async () => (await highWatermark()) >= expectedOffsets)
    .then(
    () => true,
    (error: Error) => {
      log(error.message);
      return false;
    },
  );
  const drainMs = Date.now() - drainStarted;
  const backlogLeft = Math.max(0, expectedOffsets - (await highWatermark()));

  const received = new Map<string, { at: number; occurredAt: number; kafkaAt: number }>();
  const consumer = kafka.consumer({ groupId: `organisations-bench-${Date.now()}`, maxWaitTimeInMs: 500 });
  let fetched = false;
  consumer.on(consumer.events.FETCH, () => (fetched = true));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = wallNow();
      const envelope = JSON.parse(message.value?.toString('utf8') ?? '{}') as { type?: string; aggregateId?: string; occurredAt?: string };
      if (envelope.type === 'OrganisationRegistered' && envelope.aggregateId && envelope.occurredAt) {
        received.set(envelope.aggregateId, { at, occurredAt: Date.parse(envelope.occurredAt), kafkaAt: Number(message.timestamp) });
      }
    },
  });
  // After the first completed fetch the group's offsets are resolved to the end, so nothing sent later is skipped.
  await until('the consumer to join and fetch', 30_000, () => fetched);

  const sent = new Map<string, { at: number; respondedMs: number }>();
  // A failed registration is counted and the rest go on, so one slow write does not lose the other figures.
  let failedMutations = 0;
  let firstFailure: string | undefined;
  await runPool(EVENT_COUNT, EVENT_CONCURRENCY, async (index) => {
    const at = wallNow();
    try {
      const data = await mustGraphql<{ registerOrganisation: { id: string } }>(gateway, REGISTER, { input: registrationInput(SEED_COUNT + index) });
      sent.set(data.registerOrganisation.id, { at, respondedMs: wallNow() - at });
    } catch (error) {
      failedMutations++;
      firstFailure ??= (error as Error).message;
    }
  });
  if (firstFailure) log(`${failedMutations} registrations failed, the first with: ${firstFailure}`);
  await until(`all ${EVENT_COUNT} events to arrive`, 60_000, () => [...sent.keys()].every((id) => received.has(id))).catch((error: Error) => log(error.message));
  await consumer.disconnect();
  await admin.disconnect();

  const total: number[] = [];
  const toOccurred: number[] = [];
  const outbox: number[] = [];
  const delivery: number[] = [];
  const mutation: number[] = [];
  for (const [id, s] of sent) {
    mutation.push(s.respondedMs);
    const r = received.get(id);
    if (!r) continue;
    total.push(r.at - s.at);
    toOccurred.push(r.occurredAt - s.at);
    outbox.push(r.kafkaAt - r.occurredAt);
    delivery.push(r.at - r.kafkaAt);
  }
  return {
    drainMs,
    drained,
    backlogLeft,
    failedMutations,
    missing: sent.size - total.length,
    total: summarise(total),
    // Where the time goes: request → event created; created → relay sent it to Kafka; Kafka → consumer.
    stages: { sentToOccurred: summarise(toOccurred), occurredToProduced: summarise(outbox), producedToReceived: summarise(delivery) },
    mutation: summarise(mutation),
  };
}

// ─── main ───────────────────────────────────────────────────────────────────────────────────────────────────

const run = new BenchRun(REPO_DIR);

async function main(): Promise<number> {
  const subgraphMain = path.join(PACKAGE_DIR, 'dist/main.js');
  const gatewayMain = path.join(GATEWAY_DIR, 'dist/main.js');
  if (!existsSync(subgraphMain) || !existsSync(gatewayMain)) {
    console.error(`missing ${[subgraphMain, gatewayMain].filter((f) => !existsSync(f)).join(', ')}: run npm run build first`);
    return 1;
  }
  if (!Number.isInteger(SEED_COUNT) || SEED_COUNT < 500) {
    console.error('BENCH_ORGANISATIONS must be a whole number of at least 500 (enough funders and support organisations for the projects)');
    return 1;
  }
  const loadBefore = loadAverage();

  const { running: infrastructure, state: infraState } = await run.startInfrastructure();

  const auth = createBenchAuth();
  const [subgraphPort, gatewayPort] = [await freePort(), await freePort()];
  const subgraphBase = `http://127.0.0.1:${subgraphPort}`;
  const gatewayBase = `http://127.0.0.1:${gatewayPort}`;
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', GATEWAY_PUBLIC_KEY: auth.gatewayKeys.publicKey };
  const subgraph = await run.startService('organisations subgraph', PACKAGE_DIR, subgraphPort, {
    ...common,
    MONGO_URL: withDatabase(infrastructure.mongoUrl, 'hub_organisations_bench'),
    KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
  });
  const gatewayProcess = await run.startService('gateway', GATEWAY_DIR, gatewayPort, {
    ...common,
    ...auth.gatewayEnv,
    SUBGRAPH_ORGANISATIONS_URL: `${subgraphBase}/graphql`,
  });

  const adminBearer = auth.headers({ sub: 'bench-admin', roles: ['admin'] });
  const admin: Target = { name: 'gateway', url: new URL('/graphql', gatewayBase), headers: () => adminBearer };

  log(`seeding ${SEED_COUNT} organisations (${SEED_CONCURRENCY} in flight)`);
  const seeded = await seed(admin);
  log(`seeded in ${seeded.seconds.toFixed(1)} s (${seeded.perSecond.toFixed(0)}/s), ${PROJECT_COUNT} projects in ${seeded.projectSeconds.toFixed(1)} s`);

  const partner: HubClaims = { sub: 'bench-partner', roles: ['partner-staff'], organisationId: seeded.ids[0]! };
  const partnerBearer = auth.headers(partner);
  const viaGateway: Target = { name: 'gateway', url: new URL('/graphql', gatewayBase), headers: () => partnerBearer };
  // Forwarded claims live 30 s, so they are re-signed every 10 s rather than per request (the gateway's cost, not the client's).
  let forwarded = { value: signForwardedClaims(partner, auth.gatewayKeys.privateKey), at: Date.now() };
  const direct: Target = {
    name: 'direct',
    url: new URL('/graphql', subgraphBase),
    headers: () => {
      if (Date.now() - forwarded.at > 10_000) forwarded = { value: signForwardedClaims(partner, auth.gatewayKeys.privateKey), at: Date.now() };
      return { [FORWARDED_CLAIMS_HEADER]: forwarded.value };
    },
  };
  const operations = goldenSet(seeded);
  // Each measured phase's CPU by process: on a few cores every process of the run competes for them.
  const meter = () => new CpuMeter({
    postgres: () => treeCpuSeconds(infraState.postgres.pid),
    ferretdb: () => cpuSeconds(infraState.ferretdb.pid),
    subgraph: () => cpuSeconds(subgraph.pid),
    gateway: () => cpuSeconds(gatewayProcess.pid),
    kafka: () => cpuSeconds(infraState.kafka.pid),
    bench: () => { const { user, system } = process.cpuUsage(); return (user + system) / 1e6; },
  });
  const cpu: Record<string, { requests: number; seconds: Record<string, number | null> }> = {};
  const loadDuring = loadAverage();
  const load: Record<'gateway' | 'direct', LoadResult> = {} as Record<'gateway' | 'direct', LoadResult>;
  for (const target of [viaGateway, direct]) {
    log(`${target.name}: ${WARMUP_MS / 1000} s warm-up, then ${LOAD_MS / 1000} s with ${LOAD_CLIENTS} clients`);
    await closedLoop(target, operations, WARMUP_MS, LOAD_CLIENTS);
    const phase = meter();
    const result = await closedLoop(target, operations, LOAD_MS, LOAD_CLIENTS);
    cpu[`queries via ${target.name}`] = { requests: result.requests, seconds: phase.elapsed() };
    load[target.name as 'gateway' | 'direct'] = result;
    log(`${target.name}: ${result.perSecond.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors`);
  }
  // the latency target holds at a load the hub can carry: half the gateway's saturation, offered at a steady rate
  const offeredPerSecond = Math.max(1, Math.round(load.gateway.perSecond / 2));
  log(`gateway: open loop at ${offeredPerSecond} req/s for ${LOAD_MS / 1000} s`);
  const openPhase = meter();
  const atHalf = await openLoop(viaGateway, operations, LOAD_MS, offeredPerSecond);
  cpu['gateway at half saturation'] = { requests: atHalf.requests, seconds: openPhase.elapsed() };
  log(`gateway at ${offeredPerSecond} req/s: p50 ${atHalf.p50.toFixed(1)} ms, p99 ${atHalf.p99.toFixed(1)} ms, ${atHalf.errors} errors`);

  log(`event latency: ${EVENT_COUNT} registrations, ${EVENT_CONCURRENCY} in flight`);
  const eventsPhase = meter();
  const events = await eventLatency(admin, infrastructure.kafkaBrokers, SEED_COUNT + PROJECT_COUNT);
  cpu['event latency (drain included)'] = { requests: EVENT_COUNT, seconds: eventsPhase.elapsed() };

  log('waiting for the processes\' memory to settle after the load');
  const idle = await idleMemoryMiB({ subgraph: subgraph.pid, gateway: gatewayProcess.pid }, infraState);
  const memory = {
    subgraph: peakMemoryMiB(subgraph.pid),
    gateway: peakMemoryMiB(gatewayProcess.pid),
    kafka: peakMemoryMiB(infraState.kafka.pid),
    ferretdb: peakMemoryMiB(infraState.ferretdb.pid),
    bench: peakMemoryMiB(process.pid),
  };
  const loadAfter = loadAverage();

  const ratio = load.direct.perSecond > 0 ? load.gateway.perSecond / load.direct.perSecond : NaN;
  const errors = load.gateway.errors + load.direct.errors;
  const targets = {
    // A ratio of two runs full of timeouts says nothing about the gateway's overhead.
    ratio: ratio >= TARGETS.ratio && load.gateway.errors + load.direct.errors === 0,
    gatewayP99: atHalf.p99 < TARGETS.gatewayP99Ms && atHalf.errors === 0,
    eventP99: events.total.p99 < TARGETS.eventP99Ms,
    noErrors: errors === 0 && events.missing === 0 && events.failedMutations === 0,
  };
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const ms = (value: number): string => value.toFixed(1);

  const rows: Array<[string, string]> = [
    ['load average (1/5/15 min) before · during · after', formatLoadAverages(loadBefore, loadDuring, loadAfter)],
    ['seeding', `${SEED_COUNT} organisations in ${seeded.seconds.toFixed(1)} s = ${seeded.perSecond.toFixed(0)} registrations/s (${SEED_CONCURRENCY} in flight)`],
    ['seeding: rate per fifth', `${seeded.chunkRates.join(' → ')} registrations/s`],
    ['seeding: projects', `${PROJECT_COUNT} in ${seeded.projectSeconds.toFixed(1)} s`],
    ['outbox drain after seeding', events.drained ? `${(events.drainMs / 1000).toFixed(1)} s until every seeding event was on Kafka` : `NOT drained after ${(events.drainMs / 1000).toFixed(0)} s: ${events.backlogLeft} events still in the outbox`],
    ...(['gateway', 'direct'] as const).map((name): [string, string] => [
      `queries via ${name}`,
      `${load[name].perSecond.toFixed(1)} req/s, p50 ${ms(load[name].p50)} ms, p99 ${ms(load[name].p99)} ms, ${load[name].requests} requests, ${load[name].errors} errors`,
    ]),
    ...operations.map((op): [string, string] => {
      const g = load.gateway.byOperation[op.name]!;
      const d = load.direct.byOperation[op.name]!;
      return [`  ${op.name} p50/p99 ms`, `gateway ${ms(g.p50)}/${ms(g.p99)} · direct ${ms(d.p50)}/${ms(d.p99)}`];
    }),
    ['gateway/direct throughput', `${ratio.toFixed(2)} (target ≥ ${TARGETS.ratio} without errors: ${verdict(targets.ratio)})`],
    ['gateway p99 at saturation (50 clients)', `${ms(load.gateway.p99)} ms (queueing: 50 clients on ${os.cpus().length} cores)`],
    [`gateway p99 at ${offeredPerSecond} req/s (half saturation, open loop)`, `${ms(atHalf.p99)} ms, p50 ${ms(atHalf.p50)} ms, ${atHalf.errors} errors (target < ${TARGETS.gatewayP99Ms} ms: ${verdict(targets.gatewayP99)})`],
    ...operations.map((op): [string, string] => {
      const h = atHalf.byOperation[op.name]!;
      return [`  ${op.name} p50/p99 ms`, `${ms(h.p50)}/${ms(h.p99)}`];
    }),
    ['event latency (send → consumed)', `p50 ${ms(events.total.p50)} ms, p99 ${ms(events.total.p99)} ms, max ${ms(events.total.max)} ms, ${events.missing} missing, ${events.failedMutations} registrations failed (target p99 < ${TARGETS.eventP99Ms} ms: ${verdict(targets.eventP99)})`],
    ['  send → occurredAt', `p50 ${ms(events.stages.sentToOccurred.p50)}, p99 ${ms(events.stages.sentToOccurred.p99)} ms`],
    ['  occurredAt → produced (outbox)', `p50 ${ms(events.stages.occurredToProduced.p50)}, p99 ${ms(events.stages.occurredToProduced.p99)} ms`],
    ['  produced → consumed', `p50 ${ms(events.stages.producedToReceived.p50)}, p99 ${ms(events.stages.producedToReceived.p99)} ms`],
    ['  mutation response time', `p50 ${ms(events.mutation.p50)}, p99 ${ms(events.mutation.p99)} ms`],
    ...Object.entries(cpu).map(([phase, { requests, seconds }]): [string, string] => [
      `CPU s (ms per request): ${phase}`,
      Object.entries(seconds).map(([name, s]) => `${name} ${s ?? '?'} (${s === null ? '?' : ((s * 1000) / Math.max(1, requests)).toFixed(1)})`).join(', '),
    ]),
    ['idle memory (RSS settled after the load, MiB)', formatIdleMemory(idle)],
    ['peak memory (VmHWM, MiB)', Object.entries(memory).map(([name, mib]) => `${name} ${mib ?? '?'}`).join(', ')],
    ['errors', `${errors} query errors, ${events.failedMutations} failed registrations, ${events.missing} events missing (${verdict(targets.noErrors)})`],
  ];
  printTable(`Organisations subgraph benchmark — ${os.cpus().length} cores, Node ${process.version}`, rows);
  for (const message of [...load.gateway.firstErrors, ...load.direct.firstErrors]) console.log(`  error: ${message}`);

  const result = {
    cores: os.cpus().length,
    loadAverage: { before: loadBefore, during: loadDuring, after: loadAfter },
    seeding: { count: SEED_COUNT, seconds: round(seeded.seconds, 2), perSecond: round(seeded.perSecond), perSecondByFifth: seeded.chunkRates, projects: PROJECT_COUNT, outboxDrainMs: events.drainMs, outboxDrained: events.drained, outboxBacklogLeft: events.backlogLeft },
    queries: Object.fromEntries((['gateway', 'direct'] as const).map((name) => {
      const r = load[name];
      return [name, { clients: LOAD_CLIENTS, seconds: LOAD_MS / 1000, requests: r.requests, perSecond: round(r.perSecond), p50Ms: round(r.p50, 2), p99Ms: round(r.p99, 2), errors: r.errors, byOperation: r.byOperation }];
    })),
    gatewayToDirectRatio: round(ratio, 3),
    halfSaturation: { perSecond: offeredPerSecond, seconds: LOAD_MS / 1000, requests: atHalf.requests, p50Ms: round(atHalf.p50, 2), p99Ms: round(atHalf.p99, 2), errors: atHalf.errors, byOperation: atHalf.byOperation },
    events: {
      count: EVENT_COUNT, failedMutations: events.failedMutations, missing: events.missing,
      p50Ms: round(events.total.p50, 2), p99Ms: round(events.total.p99, 2), maxMs: round(events.total.max, 2),
      stagesP99Ms: Object.fromEntries(Object.entries(events.stages).map(([name, s]) => [name, round(s.p99, 2)])),
    },
    idleMemoryMiB: idle,
    peakMemoryMiB: memory,
    cpuSeconds: cpu,
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
