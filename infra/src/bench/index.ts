/**
 * The machinery the services' benchmarks share: their own infrastructure, services spawned as deployed
 * (`node dist/main.js`), a keep-alive GraphQL client, a closed-loop load runner, percentiles, peak memory and the
 * printed table. What a benchmark measures, and its data, stay in the benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateGatewayKeyPair, generateKeyPair, signUserToken, type HubClaims } from '@hub/shared/auth';
import { provisionInfrastructure, readState, startInfrastructure, type InfrastructureState, type RunningInfrastructure } from '../infrastructure';
import { nodeRuntimeEnv } from '../node-runtime';

// ─── secrets of a run ───────────────────────────────────────────────────────────────────────────────────────

/** One run's keys: the gateway's key pair for forwarded claims, its token settings, and tokens it accepts. */
export interface BenchAuth {
  /** The gateway's signing key pair: subgraphs get GATEWAY_PUBLIC_KEY, the gateway GATEWAY_SIGNING_KEY. */
  gatewayKeys: { publicKey: string; privateKey: string };
  /** The gateway's issuer, signing key and rate limits (far above any bench's load, which comes from one address). */
  gatewayEnv: Record<string, string>;
  /** The Authorization header of a caller with these claims, valid for an hour. */
  headers(claims: HubClaims): Record<string, string>;
}

export function createBenchAuth(): BenchAuth {
  const issuer = 'region10-hub-bench';
  const audience = 'region10-hub-graph-bench';
  const keys = generateKeyPair();
  const gatewayKeys = generateGatewayKeyPair();
  const unlimited = '1000000';
  return {
    gatewayKeys,
    gatewayEnv: {
      AUTH_ISSUERS: JSON.stringify([{ issuer, audience, publicKey: keys.publicKey }]),
      GATEWAY_SIGNING_KEY: gatewayKeys.privateKey,
      RATE_LIMIT_SUBJECT_PER_SEC: unlimited,
      RATE_LIMIT_SUBJECT_BURST: unlimited,
      RATE_LIMIT_ADDRESS_PER_SEC: unlimited,
      RATE_LIMIT_ADDRESS_BURST: unlimited,
    },
    headers: (claims) => ({ authorization: `Bearer ${signUserToken(claims, { privateKey: keys.privateKey, issuer, audience, expiresIn: '1h' })}` }),
  };
}

// ─── small utilities ────────────────────────────────────────────────────────────────────────────────────────

export function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Deterministic data, so runs are comparable. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs task(0..count-1) with at most `concurrency` in flight; the first failure rejects. */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < count && !failed) {
      await task(next++).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export async function until(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

/** VmHWM (peak resident set) in MiB, or null when the process is gone. */
export function peakMemoryMiB(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** VmRSS (resident set now) in MiB, or null when the process is gone. */
export function residentMemoryMiB(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * Memory once the load is over and the processes have settled, by name: V8 gives its heap back to the system only
 * some seconds after the work ends, so a reading taken at once counts garbage as memory in use. A service collects
 * once it has rested for 10 s (collectGarbageWhenRested), so the first `minWaitMs` count as the load's end; then it
 * samples every `intervalMs` until no reading moved by more than 1 MiB since the last one, or `maxWaitMs`.
 */
export async function settledMemoryMiB<Name extends string>(
  readings: Record<Name, () => number | null>,
  { intervalMs = 5_000, minWaitMs = 25_000, maxWaitMs = 60_000 }: { intervalMs?: number; minWaitMs?: number; maxWaitMs?: number } = {},
): Promise<Record<Name, number | null>> {
  const names = Object.keys(readings) as Name[];
  const sample = () => Object.fromEntries(names.map((name) => [name, readings[name]()])) as Record<Name, number | null>;
  let last = sample();
  for (let waited = intervalMs; waited <= maxWaitMs; waited += intervalMs) {
    await sleep(intervalMs);
    const now = sample();
    const steady = names.every((name) => Math.abs((now[name] ?? 0) - (last[name] ?? 0)) <= 1);
    last = now;
    if (steady && waited >= minWaitMs) break;
  }
  return last;
}

/** The targets for memory at rest: each service under 150 MB, PostgreSQL and FerretDB together under 300 MB (in MiB). */
export const IDLE_TARGETS_MIB = { service: 150e6 / 2 ** 20, database: 300e6 / 2 ** 20 };

export interface IdleMemory {
  /** Resident set of each service process, MiB. */
  services: Record<string, number | null>;
  /** PostgreSQL and FerretDB, proportional set of their process trees, MiB. */
  database: number | null;
  servicesMet: boolean;
  databaseMet: boolean;
}

/** The services' and the database's memory once settled after a benchmark's load, against IDLE_TARGETS_MIB. */
export async function idleMemoryMiB(pids: Record<string, number | null | undefined>, state: InfrastructureState): Promise<IdleMemory> {
  const readings: Record<string, () => number | null> = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, () => residentMemoryMiB(pid)]));
  readings.database = () => {
    const { ferretdb, postgres } = databaseMemoryMiB(state);
    return ferretdb === null || postgres === null ? null : round(ferretdb + postgres);
  };
  const { database, ...services } = await settledMemoryMiB(readings);
  return {
    services,
    database: database ?? null,
    servicesMet: Object.values(services).every((mib) => (mib ?? Infinity) < IDLE_TARGETS_MIB.service),
    databaseMet: (database ?? Infinity) < IDLE_TARGETS_MIB.database,
  };
}

export function formatIdleMemory(idle: IdleMemory): string {
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const services = Object.entries(idle.services).map(([name, mib]) => `${name} ${mib ?? '?'}`).join(', ');
  return `${services} (each < ${IDLE_TARGETS_MIB.service.toFixed(0)} MiB: ${verdict(idle.servicesMet)}); PostgreSQL + FerretDB ${idle.database ?? '?'} (< ${IDLE_TARGETS_MIB.database.toFixed(0)} MiB: ${verdict(idle.databaseMet)})`;
}

/**
 * This process's live heap in bytes after full collections, so the difference between two calls is what was kept
 * in between (an in-memory index, say), not garbage waiting to be collected.
 */
export function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** A process and its children (PostgreSQL's backends are the postmaster's), from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited while listed
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Proportional set size of a process and its children now, in MiB: shared pages (PostgreSQL's shared buffers) count
 * once across the processes that map them, where adding up each one's resident set would count them per backend.
 */
export function treeMemoryMiB(pid: number | null | undefined): number | null {
  if (!pid) return null;
  let kib = 0;
  for (const member of processTree(pid)) {
    try {
      kib += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${member}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return round(kib / 1024);
}

/** CPU seconds (user + system) a process has used so far, from /proc; null when it is gone. */
export function cpuSeconds(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command's closing parenthesis, where utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

// USER_HZ: 100 on the Linux kernels the hub runs on (sysconf is not reachable from Node)
const CLOCK_TICKS_PER_SECOND = 100;

/** cpuSeconds of a process and its live children (PostgreSQL's backends are the postmaster's). */
export function treeCpuSeconds(pid: number | null | undefined): number | null {
  if (!pid) return null;
  const seconds = processTree(pid).map(cpuSeconds);
  return seconds[0] === null ? null : seconds.reduce<number>((sum, s) => sum + (s ?? 0), 0);
}

/**
 * CPU seconds each process spent since the meter was made: where a phase's time went, as the load generator, the
 * database and the services share the machine's few cores.
 */
export class CpuMeter {
  private readonly before: Record<string, number | null>;

  constructor(private readonly sources: Record<string, () => number | null>) {
    this.before = this.sample();
  }

  private sample(): Record<string, number | null> {
    return Object.fromEntries(Object.entries(this.sources).map(([name, read]) => [name, read()]));
  }

  elapsed(): Record<string, number | null> {
    const now = this.sample();
    return Object.fromEntries(Object.entries(now).map(([name, seconds]) => {
      const start = this.before[name];
      return [name, seconds === null || start === null || start === undefined ? null : round(seconds - start, 2)];
    }));
  }
}

/** The database the hub runs on here, FerretDB and PostgreSQL with its backends, now (PSS, MiB). */
export function databaseMemoryMiB(state: InfrastructureState): { ferretdb: number | null; postgres: number | null } {
  return { ferretdb: treeMemoryMiB(state.ferretdb.pid), postgres: treeMemoryMiB(state.postgres.pid) };
}

/** The 1/5/15-minute load averages: other work on the machine skews the figures, so they are printed with them. */
export function loadAverage(): number[] {
  return os.loadavg();
}

export function formatLoadAverages(...samples: number[][]): string {
  return samples.map((l) => l.map((v) => v.toFixed(2)).join('/')).join(' · ');
}

/** Label/value rows, labels padded to one column. */
export function printTable(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}\n`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}

// ─── HTTP ───────────────────────────────────────────────────────────────────────────────────────────────────

// Generous: on FerretDB a list query scans the whole collection, seconds at tens of thousands of documents.
export const REQUEST_TIMEOUT_MS = 30_000;

// node:http with keep-alive rather than fetch: the load generator shares the cores with what it measures. No
// socket cap: the closed-loop clients bound the requests in flight.
const agent = new http.Agent({ keepAlive: true });

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export function request(url: URL, method: 'GET' | 'POST', body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        agent,
        headers: body === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Where operations are sent: the gateway or a subgraph, with the headers that authenticate them. */
export interface Target {
  name: string;
  url: URL;
  headers: () => Record<string, string>;
}

export async function graphql(target: Target, query: string, variables: Record<string, unknown>): Promise<{ status: number; body: GraphQLBody }> {
  const { status, text } = await request(target.url, 'POST', JSON.stringify({ query, variables }), target.headers());
  return { status, body: JSON.parse(text) as GraphQLBody };
}

/** The data of a successful operation; anything else throws with the first error message. */
export async function mustGraphql<T>(target: Target, query: string, variables: Record<string, unknown>): Promise<T> {
  const { status, body } = await graphql(target, query, variables);
  if (status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`${target.name}: HTTP ${status}: ${body.errors?.[0]?.message ?? 'no data'}`);
  }
  return body.data as T;
}

// ─── load ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface Operation {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
}

export interface LoadResult {
  requests: number;
  /** Successful answers per second. */
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Errors that were the client's timeout, a subset of errors. */
  timeouts: number;
  firstErrors: string[];
  byOperation: Record<string, { count: number; p50: number; p95: number; p99: number }>;
}

/** One unit of load: a name to group latencies by, and the work, which resolves to a problem or undefined. */
export interface Call {
  name: string;
  perform(): Promise<string | undefined>;
}

/** A GraphQL operation as a Call: any HTTP status but 200, any error or missing data is a problem. */
export function graphqlCall(target: Target, operation: Operation): Call {
  return {
    name: operation.name,
    perform: async () => {
      const { status, body } = await graphql(target, operation.query, operation.variables());
      return status !== 200 || body.errors?.length || !body.data ? `HTTP ${status}: ${body.errors?.[0]?.message ?? 'no data'}` : undefined;
    },
  };
}

/** Records each call's latency and failures, and sums them up as a LoadResult. */
class LoadRecorder {
  private readonly latencies = new Map<string, number[]>();
  private readonly firstErrors: string[] = [];
  private errors = 0;
  private timeouts = 0;

  /** Performs one call; its latency counts from `since` (the send, or for an open loop the moment it was due). */
  async record(call: Call, since: number): Promise<void> {
    let problem: string | undefined;
    try {
      problem = await call.perform();
    } catch (error) {
      problem = (error as Error).message;
      if (problem.startsWith('timeout after')) this.timeouts++;
    }
    const latencies = this.latencies.get(call.name) ?? [];
    latencies.push(performance.now() - since);
    this.latencies.set(call.name, latencies);
    if (problem) {
      this.errors++;
      if (this.firstErrors.length < 5) this.firstErrors.push(`${call.name}: ${problem}`);
    }
  }

  result(elapsedSec: number): LoadResult {
    const all = summarise([...this.latencies.values()].flat());
    return {
      requests: all.count,
      perSecond: (all.count - this.errors) / elapsedSec,
      p50: all.p50,
      p95: all.p95,
      p99: all.p99,
      errors: this.errors,
      timeouts: this.timeouts,
      firstErrors: this.firstErrors,
      byOperation: Object.fromEntries([...this.latencies].map(([name, values]) => {
        const s = summarise(values);
        return [name, { count: s.count, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99) }];
      })),
    };
  }
}

/**
 * Closed loop: each of `clients` makes the next call as soon as its previous one is answered. Its throughput is the
 * saturation figure; its latencies are mostly queueing once clients outnumber the cores.
 */
export async function closedLoopCalls(next: (sequence: number) => Call, durationMs: number, clients: number): Promise<LoadResult> {
  const recorder = new LoadRecorder();
  let sequence = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  // A second bound beside the clock, far above what the machine can reach.
  const maxRequests = durationMs * 100;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline && sequence < maxRequests) await recorder.record(next(sequence++), performance.now());
  };
  await Promise.all(Array.from({ length: clients }, client));
  return recorder.result((performance.now() - started) / 1000);
}

/**
 * Open loop: calls leave at `perSecond`, evenly spaced, whether or not earlier ones have been answered (as
 * independent users arrive). Latency counts from the moment a call was due, so a server that falls behind shows it
 * instead of slowing the sender down (no coordinated omission). `perSecond` is the offered rate; the result's
 * perSecond is what was answered.
 */
export async function openLoopCalls(next: (sequence: number) => Call, durationMs: number, perSecond: number): Promise<LoadResult> {
  const recorder = new LoadRecorder();
  const total = Math.floor((durationMs / 1000) * perSecond);
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(recorder.record(next(i), due));
  }
  await Promise.all(inFlight);
  return recorder.result((performance.now() - started) / 1000);
}

/** closedLoopCalls over GraphQL operations sent in turn. */
export function closedLoop(target: Target, operations: Operation[], durationMs: number, clients: number): Promise<LoadResult> {
  return closedLoopCalls((i) => graphqlCall(target, operations[i % operations.length]!), durationMs, clients);
}

/** openLoopCalls over GraphQL operations sent in turn. */
export function openLoop(target: Target, operations: Operation[], durationMs: number, perSecond: number): Promise<LoadResult> {
  return openLoopCalls((i) => graphqlCall(target, operations[i % operations.length]!), durationMs, perSecond);
}

// ─── processes ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * One benchmark run's processes: its own Kafka and FerretDB under .cache/run/bench-<time>, and the services it
 * spawns. `stop` ends them all; `main` wires that to the exit paths.
 */
export class BenchRun {
  readonly dataDir: string;
  private readonly children: ChildProcess[] = [];
  private infrastructure: RunningInfrastructure | undefined;
  /** The one stop in progress: a second caller (Ctrl-C during a failing run) waits for it instead of exiting early. */
  private stopping: Promise<void> | undefined;

  constructor(repoDir: string) {
    this.dataDir = path.join(repoDir, '.cache/run', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  }

  async startInfrastructure(): Promise<{ running: RunningInfrastructure; state: InfrastructureState }> {
    await provisionInfrastructure();
    this.infrastructure = await startInfrastructure({ dataDir: this.dataDir });
    return { running: this.infrastructure, state: readState(this.infrastructure.stateFile) };
  }

  /** `node dist/main.js` in `cwd` with the runtime settings of infra/node-runtime.env, ready when its /ready answers 200. */
  async startService(name: string, cwd: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
    // Only PATH from this environment, so a developer's MONGO_URL or the like cannot leak into the measurement.
    // FerretDB's PostgreSQL too, so a service adds its GIN indexes as it does under npm start
    const postgres = this.infrastructure?.postgresUrl ? { FERRETDB_POSTGRESQL_URL: this.infrastructure.postgresUrl } : {};
    // BENCH_NODE_ARGS go to the services' node only: `--cpu-prof --cpu-prof-dir=/tmp/prof` profiles them (written at
    // exit); a V8 flag here overrides the same one in NODE_OPTIONS, so `--max-semi-space-size=4` tries another setting
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, 'dist/main.js'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...nodeRuntimeEnv(), ...postgres, ...env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (this.stopping === undefined) log(`${name} exited early (code ${code}, signal ${signal})`);
    });
    this.children.push(child);
    const baseUrl = `http://127.0.0.1:${port}`;
    // a service loads its in-memory indexes before it is ready: 50,000 offerings take most of a minute
    const ms = await until(`${name} /ready`, 180_000, async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} during start-up`);
      return request(new URL('/ready', baseUrl), 'GET').then((r) => r.status === 200, () => false);
    });
    log(`${name} ready on ${baseUrl} in ${(ms / 1000).toFixed(1)} s (pid ${child.pid})`);
    return child;
  }

  /**
   * Stops a service this run started and starts it again, as a deployment restarts it: what it loads at start (its
   * in-memory indexes) is then loaded from what the benchmark wrote straight into its database.
   */
  async restartService(child: ChildProcess, name: string, cwd: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
    this.children.splice(this.children.indexOf(child), 1);
    await stopChild(child);
    return this.startService(name, cwd, port, env);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      agent.destroy();
      await Promise.all(this.children.map(stopChild));
      if (this.infrastructure) await this.infrastructure.stop();
    })();
    return this.stopping;
  }

  /**
   * Runs `body` to its exit code, stopping everything on the way out: on failure, on Ctrl-C and on a kill (SIGTERM),
   * which before left the servers running (they are detached, stopped by PID).
   */
  main(body: () => Promise<number>): void {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        log(`${signal}; stopping`);
        void this.stop().finally(() => process.exit(code));
      });
    }
    body().then(
      async (code) => {
        await this.stop().catch((stopError: unknown) => console.error(stopError));
        process.exit(code);
      },
      async (error: unknown) => {
        console.error(error);
        await this.stop().catch((stopError: unknown) => console.error(stopError));
        process.exit(1);
      },
    );
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
