/**
 * Benchmark of the job-ad sync: import BENCH_ADS (default 100,000) job ads from recorded JobTech files, target
 * under 60 s and under 300 MB peak memory (the issue's words).
 *  - BENCH_ADS ads in JobTech's JobStream shape, generated deterministically into .cache/run/bench-<time>/jobtech:
 *    the ten Region 10 municipalities, SSYK 2012 unit groups the migration service accepts, ~2,000 employers (one
 *    per 50 ads) with valid organisation numbers; served by a local HTTP server as JobTech's /snapshot (and an
 *    empty /stream);
 *  - the hub as deployed: its own FerretDB and Kafka, `node dist/main.js` for organisations, migration and the
 *    gateway;
 *  - the employers registered through the gateway first (BENCH_CONCURRENCY callers), and waited for until the
 *    migration service has heard of them all from Kafka, so the timed run measures the ads, not the register;
 *  - one `job-ads` run through the jobs core's runner, in this process, as `hub run job-ads` runs it: total
 *    seconds, ads/s, the run's counts, peak memory of this process and of each server process;
 *  - the same snapshot again with the cursor cleared (every ad already there: all unchanged), and an incremental
 *    run after it (the stream, nothing changed).
 * Figures only, never asserted: they depend on what else the machine runs (the load averages are printed).
 *
 * Run: `npx turbo run build` at the repo root, then `npm run bench -w @hub/jobs`.
 */
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import mongoose from 'mongoose';
import { withDatabase } from '@hub/infra';
import { organisationNumber } from '@hub/infra/testkit';
import {
  BenchRun,
  createBenchAuth,
  formatLoadAverages,
  freePort,
  loadAverage,
  log,
  mustGraphql,
  peakMemoryMiB,
  printTable,
  prng,
  round,
  runPool,
  until,
  type Target,
} from '@hub/infra/bench';
import { createLogger } from '@hub/shared/logging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { JobRunner } from '../src/application/runner';
import { REGION10_MUNICIPALITIES } from '@hub/shared/contracts';
import { createGatewayClient } from '@hub/shared/client';
import { registerModels, type JobRunDocument } from '../src/infrastructure/models';
import { jobAdsJob } from '../src/jobs/job-ads';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(PACKAGE_DIR, '../..');
const SERVICE_DIRS = {
  organisations: path.join(REPO_DIR, 'services/organisations'),
  migration: path.join(REPO_DIR, 'services/migration'),
  gateway: path.join(REPO_DIR, 'gateway'),
};

const AD_COUNT = Number(process.env.BENCH_ADS ?? 100_000);
const EMPLOYER_COUNT = Math.max(1, Math.min(2_000, Math.ceil(AD_COUNT / 50)));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 6);
/**
 * Ads per syncVacancies request. The job's default (200) exceeds the gateway's 100 kB request-body limit with ads
 * of this size (~0.7 kB as vacancy input each), so the bench sends 100 (BENCH_BATCH).
 */
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const TARGETS = { seconds: 60, peakMiB: 300 };

/** SSYK 2012 unit groups, each in the migration service's list (services/migration/src/domain/occupations.ts). */
const OCCUPATIONS: Array<[string, string]> = [
  ['2221', 'Grundutbildad sjuksköterska'], ['2222', 'Barnmorska'], ['2235', 'Specialistsjuksköterska'], ['2341', 'Grundskollärare'],
  ['2342', 'Fritidspedagog'], ['2343', 'Förskollärare'], ['3411', 'Behandlingsassistent'], ['5120', 'Kock'], ['5131', 'Servitör'],
  ['5132', 'Bartender'], ['5223', 'Butikssäljare'], ['5311', 'Barnskötare'], ['5321', 'Undersköterska'], ['5322', 'Skötare'],
  ['5330', 'Vårdbiträde'], ['4111', 'Ekonomiassistent'], ['4222', 'Kundtjänstmedarbetare'], ['7111', 'Träarbetare'], ['7112', 'Murare'],
  ['7119', 'Byggnadsarbetare'], ['7125', 'VVS-montör'], ['7126', 'Tunnplåtslagare'], ['7131', 'Målare'], ['7213', 'Plåtslagare'],
  ['7233', 'Maskinreparatör'], ['7311', 'Finmekaniker'], ['7411', 'Elektriker'], ['8211', 'Montör'], ['8332', 'Lastbilsförare'],
  ['8341', 'Förare av jordbruksmaskiner'], ['8342', 'Anläggningsmaskinförare'], ['9111', 'Städare'], ['9412', 'Restaurangbiträde'],
  ['2512', 'Mjukvaruutvecklare'], ['2514', 'Systemtestare'], ['3331', 'Speditör'], ['3321', 'Försäkringsrådgivare'], ['2611', 'Advokat'],
  ['6121', 'Uppfödare av nötkreatur'], ['2351', 'Speciallärare'], ['1311', 'IT-chef'],
];
const EMPLOYER_WORDS = ['Fjäll', 'Skog', 'Älv', 'Myr', 'Norr', 'Ren', 'Is', 'Sjö', 'Berg', 'Lav', 'Tall', 'Gran'];
const EMPLOYER_KINDS = ['Bygg AB', 'Vård AB', 'Mekaniska AB', 'Transport AB', 'Turism AB', 'Data AB', 'Livs AB', 'Service AB'];
/** The snapshot's changes lie in the month before this moment; the stream continues after the newest. */
const SNAPSHOT_UNTIL = Date.parse('2026-06-01T00:00:00Z');

interface Employer {
  name: string;
  number: string;
  municipality: (typeof REGION10_MUNICIPALITIES)[number];
}

function employers(): Employer[] {
  const random = prng(10);
  return Array.from({ length: EMPLOYER_COUNT }, (_, i) => ({
    name: `${EMPLOYER_WORDS[i % EMPLOYER_WORDS.length]}${EMPLOYER_WORDS[Math.floor(i / EMPLOYER_WORDS.length) % EMPLOYER_WORDS.length]!.toLowerCase()} ${EMPLOYER_KINDS[i % EMPLOYER_KINDS.length]} ${i} (bench)`,
    number: organisationNumber(`5597${String(i).padStart(5, '0')}`).replace('-', ''),
    municipality: REGION10_MUNICIPALITIES[Math.floor(random() * REGION10_MUNICIPALITIES.length)]!,
  }));
}

/** One ad in JobTech's shape: the fields the sync reads and, as the real ones have, many it does not. */
function ad(i: number, employer: Employer, random: () => number): Record<string, unknown> {
  const [code, label] = OCCUPATIONS[Math.floor(random() * OCCUPATIONS.length)]!;
  const id = String(30_000_000 + i);
  const place = random() < 0.8 ? employer.municipality : REGION10_MUNICIPALITIES[Math.floor(random() * REGION10_MUNICIPALITIES.length)]!;
  const headline = `${label} till ${employer.name.replace(/ \(bench\)$/, '')} i ${place.name}`;
  const text = `${headline}.\n\nVi söker dig som vill arbeta hos oss i ${place.name}. Du trivs med att arbeta i team och har erfarenhet av yrket. ` +
    `Tjänsten är ${random() < 0.7 ? 'en tillsvidareanställning på heltid' : 'ett vikariat på deltid'} med start enligt överenskommelse. ` +
    `Vi erbjuder kollektivavtal, friskvårdsbidrag och hjälp att hitta boende för dig som flyttar hit. Välkommen med din ansökan!`;
  const deadline = new Date(SNAPSHOT_UNTIL + Math.floor(random() * 60) * 86_400_000).toISOString().slice(0, 10);
  return {
    id,
    external_id: `bench-${id}`,
    webpage_url: `https://arbetsformedlingen.se/platsbanken/annonser/${id}`,
    headline,
    application_deadline: `${deadline}T23:59:59`,
    number_of_vacancies: 1 + Math.floor(random() * 3),
    description: { text, text_formatted: text.replace(/\n/g, '<br>'), company_information: null, needs: null, requirements: null, conditions: 'Heltid' },
    employment_type: { concept_id: 'PFZr_Syz_cUq', label: 'Vanlig anställning', legacy_ams_taxonomy_id: '1' },
    salary_type: { concept_id: 'oG8G_9cW_nRf', label: 'Fast månads- vecko- eller timlön', legacy_ams_taxonomy_id: '1' },
    working_hours_type: { concept_id: '6YE1_gAC_R2G', label: 'Heltid', legacy_ams_taxonomy_id: '1' },
    employer: { phone_number: null, email: null, url: null, organization_number: employer.number, name: employer.name, workplace: employer.name },
    application_details: { information: null, reference: null, email: null, via_af: true, url: null, other: null },
    occupation: { concept_id: null, label, legacy_ams_taxonomy_id: null },
    occupation_group: { concept_id: null, label, legacy_ams_taxonomy_id: code },
    workplace_address: { municipality: place.name, municipality_code: place.code, municipality_concept_id: place.jobtechConceptId, region: 'Västerbottens län', country: 'Sverige' },
    remote_work: random() < 0.05,
    publication_date: new Date(SNAPSHOT_UNTIL - 40 * 86_400_000).toISOString().slice(0, 19),
    removed: false,
    timestamp: SNAPSHOT_UNTIL - Math.floor(random() * 30 * 86_400_000),
  };
}

/** Writes the snapshot as line-delimited JSON, a chunk at a time, so this process never holds it whole. */
async function writeSnapshot(file: string, list: Employer[]): Promise<number> {
  const random = prng(2026);
  const out = createWriteStream(file);
  let lines: string[] = [];
  for (let i = 0; i < AD_COUNT; i++) {
    lines.push(JSON.stringify(ad(i, list[i % list.length]!, random)));
    if (lines.length === 1_000 || i === AD_COUNT - 1) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end();
  await once(out, 'finish');
  return statSync(file).size;
}

/** JobTech's JobStream on 127.0.0.1: /snapshot streams the recorded file; /stream has no changes. */
async function serveJobTech(snapshotFile: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://jobtech.invalid');
    if (url.pathname === '/snapshot') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      createReadStream(snapshotFile).pipe(res);
    } else if (url.pathname === '/stream') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const REGISTER = 'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }';

async function registerEmployers(admin: Target, list: Employer[]): Promise<number> {
  const started = performance.now();
  let done = 0;
  await runPool(list.length, CONCURRENCY, async (i) => {
    const employer = list[i]!;
    await mustGraphql(admin, REGISTER, {
      input: { kind: 'EMPLOYER', name: employer.name, organisationNumber: employer.number, municipalityCode: employer.municipality.code, industries: [] },
    });
    done += 1;
    if (done % 500 === 0) log(`registered ${done}/${list.length} employers`);
  });
  return performance.now() - started;
}

interface Timed {
  seconds: number;
  run: JobRunDocument;
  peakMiB: number | null;
}

const run = new BenchRun(REPO_DIR);

run.main(async () => {
  const loadBefore = loadAverage();
  const dataDir = path.join(run.dataDir, 'jobtech');
  mkdirSync(dataDir, { recursive: true });
  const list = employers();
  const snapshotFile = path.join(dataDir, 'snapshot.jsonl');
  const generateStarted = performance.now();
  const bytes = await writeSnapshot(snapshotFile, list);
  log(`wrote ${AD_COUNT} ads of ${EMPLOYER_COUNT} employers to ${snapshotFile} (${round(bytes / 2 ** 20)} MiB) in ${round((performance.now() - generateStarted) / 1000)} s`);
  const jobtech = await serveJobTech(snapshotFile);

  const { running: infrastructure } = await run.startInfrastructure();
  const auth = createBenchAuth();
  const ports = { organisations: await freePort(), migration: await freePort(), gateway: await freePort() };
  const suffix = `bench_${Date.now().toString(36)}`;
  const database = (service: string): string => withDatabase(infrastructure.mongoUrl, `hub_${service}_${suffix}`);
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', GATEWAY_PUBLIC_KEY: auth.gatewayKeys.publicKey, KAFKA_BROKERS: infrastructure.kafkaBrokers.join(',') };
  const serviceEnv = (service: string) => ({ ...common, MONGO_URL: database(service), CONSUMER_GROUP: `${service}-${suffix}` });
  const processes = {
    organisations: await run.startService('organisations subgraph', SERVICE_DIRS.organisations, ports.organisations, serviceEnv('organisations')),
    migration: await run.startService('migration subgraph', SERVICE_DIRS.migration, ports.migration, serviceEnv('migration')),
    gateway: await run.startService('gateway', SERVICE_DIRS.gateway, ports.gateway, {
      ...common,
      ...auth.gatewayEnv,
      SUBGRAPH_ORGANISATIONS_URL: `http://127.0.0.1:${ports.organisations}/graphql`,
      SUBGRAPH_MIGRATION_URL: `http://127.0.0.1:${ports.migration}/graphql`,
    }),
  };
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  const admin: Target = { name: 'gateway', url: new URL(gatewayUrl), headers: () => auth.headers({ sub: 'bench-admin', roles: ['admin'] }) };

  // the register first, so the timed run measures the ads; migration learns of the employers from Kafka
  const registerMs = await registerEmployers(admin, list);
  const migrationDb = await mongoose.createConnection(database('migration')).asPromise();
  const heardMs = await until('migration heard of every employer', 600_000, async () => (await migrationDb.collection('employers').countDocuments({})) >= EMPLOYER_COUNT);
  log(`registered ${EMPLOYER_COUNT} employers in ${round(registerMs / 1000)} s; migration had them all ${round(heardMs / 1000)} s later`);

  // the jobs core, in this process, as `hub run job-ads` runs it
  const logger = createLogger('jobs-bench', 'warn');
  const connection = await connectMongo(database('jobs'), logger);
  const models = registerModels(connection);
  await createIndexes(connection);
  const integrationToken = auth.headers({ sub: 'bench-integration', roles: ['integration'] }).authorization!.replace(/^Bearer /, '');
  const runner = new JobRunner(models, createGatewayClient(gatewayUrl, integrationToken, 300_000), logger);
  const job = jobAdsJob({ source: { baseUrl: jobtech.url, timeoutMs: 600_000, retries: 0, backoffMs: 0 }, batchSize: BATCH });

  const timedRun = async (label: string): Promise<Timed> => {
    let lastLogged = 0;
    const started = performance.now();
    const record = await runner.run(job, {
      trigger: 'cli',
      onProgress: (done, total) => {
        if (done - lastLogged >= 10_000 || done === total) {
          lastLogged = done;
          const seconds = (performance.now() - started) / 1000;
          log(`${label}: ${done}/${total ?? '?'} ads in ${round(seconds)} s (${round(done / seconds)} ads/s)`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    log(`${label}: ${record.status} in ${round(seconds, 2)} s ${JSON.stringify(record.counts)}${record.error ? ` error: ${record.error}` : ''}`);
    return { seconds, run: record, peakMiB: peakMemoryMiB(process.pid) };
  };

  const first = await timedRun('first import');
  const peaksAfterFirst = Object.fromEntries(Object.entries(processes).map(([name, child]) => [name, peakMemoryMiB(child.pid)]));
  // the same snapshot again from the start: every ad is there already
  await models.cursors.deleteOne({ _id: 'job-ads' });
  const again = await timedRun('snapshot again');
  const incremental = await timedRun('incremental');
  const loadAfter = loadAverage();

  const counts = (timed: Timed): string => Object.entries(timed.run.counts).filter(([, value]) => value > 0).map(([name, value]) => `${name} ${value}`).join(', ') || 'nothing';
  const rate = (timed: Timed): string => `${round(timed.seconds, 1)} s, ${round(AD_COUNT / timed.seconds)} ads/s`;
  printTable(`Job-ad sync: ${AD_COUNT.toLocaleString('en')} ads of ${EMPLOYER_COUNT.toLocaleString('en')} employers (${round(bytes / 2 ** 20)} MiB of JobTech JSON lines), ${BATCH} ads per request`, [
    ['first import', `${rate(first)} (target < ${TARGETS.seconds} s${first.seconds < TARGETS.seconds ? ', met' : ', MISSED'})`],
    ['  run', `${first.run.status}; ${counts(first)}${first.run.error ? `; ${first.run.error}` : ''}`],
    ['  peak memory, the job (this process)', `${first.peakMiB} MiB (target < ${TARGETS.peakMiB} MB${(first.peakMiB ?? Infinity) < TARGETS.peakMiB ? ', met' : ', MISSED'})`],
    ...Object.entries(peaksAfterFirst).map(([name, peak]): [string, string] => [`  peak memory, ${name}`, `${peak} MiB`]),
    ['snapshot again (cursor cleared)', `${rate(again)}; ${again.run.status}; ${counts(again)}`],
    ['incremental (stream, no changes)', `${round(incremental.seconds, 2)} s; ${incremental.run.status}; ${counts(incremental)}`],
    ['employers registered beforehand', `${round(registerMs / 1000)} s through the gateway (${CONCURRENCY} callers); migration had them ${round(heardMs / 1000)} s later`],
    ['peak memory at the end', Object.entries(processes).map(([name, child]) => `${name} ${peakMemoryMiB(child.pid)} MiB`).concat(`this process ${peakMemoryMiB(process.pid)} MiB`).join(', ')],
    ['load averages before · after', formatLoadAverages(loadBefore, loadAfter)],
  ]);
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      ads: AD_COUNT,
      batch: BATCH,
      employers: EMPLOYER_COUNT,
      snapshotMiB: round(bytes / 2 ** 20),
      first: { seconds: round(first.seconds, 2), adsPerSecond: round(AD_COUNT / first.seconds), status: first.run.status, counts: first.run.counts, peakMiB: first.peakMiB },
      again: { seconds: round(again.seconds, 2), status: again.run.status, counts: again.run.counts },
      incremental: { seconds: round(incremental.seconds, 2), status: incremental.run.status, counts: incremental.run.counts },
      peakMiB: { ...Object.fromEntries(Object.entries(processes).map(([name, child]) => [name, peakMemoryMiB(child.pid)])), bench: peakMemoryMiB(process.pid) },
      registerSeconds: round(registerMs / 1000),
    })}`,
  );

  await connection.close();
  await migrationDb.close();
  jobtech.server.close();
  await run.stop();
  return 0;
});
