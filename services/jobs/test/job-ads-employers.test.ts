import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { organisationNumber } from '@hub/infra/testkit';
import type { GatewayClient } from '@hub/shared/client';
import { createLogger } from '@hub/shared/logging';
import type { JobContext, RunCount } from '../src/application/job';
import { jobAdsJob } from '../src/jobs/job-ads';

/**
 * The job-ads job against a stand-in gateway that records its requests: a batch's employers are looked up
 * together, in one request, and only the unknown ones registered; the snapshot is applied in id order.
 */
const EMPLOYERS = 60;
const numbers = Array.from({ length: EMPLOYERS }, (_, i) => organisationNumber(`559800${String(i).padStart(3, '0')}`));
/** Every second employer is registered already. */
const registered = new Map(numbers.filter((_, i) => i % 2 === 0).map((number, i) => [number, `known-${i}`]));

/** 120 ads, two per employer, listed highest id first. */
const ads = Array.from({ length: 2 * EMPLOYERS }, (_, i) => ({
  id: String(40_000_000 + i),
  headline: `Undersköterska ${i}`,
  employer: { name: `Arbetsgivare ${i % EMPLOYERS}`, organization_number: (numbers[i % EMPLOYERS] as string).replace('-', '') },
  occupation_group: { legacy_ams_taxonomy_id: '5321' },
  workplace_address: { municipality: 'Lycksele', municipality_code: '2481' },
  timestamp: 1_780_000_000_000 + i,
})).reverse();

interface Recorded {
  query: string;
  variables: Record<string, unknown>;
}

function standInGateway(requests: Recorded[]): GatewayClient {
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      requests.push({ query, variables });
      if (query.includes('organisationsByNumber')) {
        const asked = variables.numbers as string[];
        return { organisationsByNumber: asked.map((number) => (registered.has(number) ? { id: registered.get(number) } : null)) } as T;
      }
      if (query.includes('registerOrganisation')) {
        const input = variables.input as { organisationNumber: string };
        return { registerOrganisation: { id: `new-${input.organisationNumber}` } } as T;
      }
      if (query.includes('syncVacancies')) {
        const input = variables.input as unknown[];
        return { syncVacancies: { created: input.length, updated: 0, unchanged: 0, closed: 0, unknown: 0 } } as T;
      }
      throw new Error(`unexpected request ${query}`);
    },
  };
}

let server: ReturnType<typeof createServer>;
let baseUrl: string;
let spoolDir: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(ads.map((ad) => JSON.stringify(ad)).join('\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  spoolDir = mkdtempSync(path.join(tmpdir(), 'job-ads-employers-'));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(spoolDir, { recursive: true, force: true });
});

it('looks up a batch’s new employers together, registers only the unknown ones, and applies the snapshot in id order', async () => {
  const requests: Recorded[] = [];
  const commits: string[] = [];
  const counts: Partial<Record<RunCount, number>> = {};
  const context: JobContext = {
    gateway: standInGateway(requests),
    cursor: { read: async () => null, commit: async (value) => void commits.push(value) },
    options: {},
    count: (name, by = 1) => void (counts[name] = (counts[name] ?? 0) + by),
    reject: (item, reason) => {
      throw new Error(`rejected ${item}: ${reason}`);
    },
    progress: () => undefined,
    signal: new AbortController().signal,
    logger: createLogger('jobs-test', 'silent'),
  };

  await jobAdsJob({ source: { baseUrl, timeoutMs: 2_000, retries: 0, backoffMs: 0, spoolDir }, batchSize: 100 }).run(context);

  expect(counts).toMatchObject({ fetched: 120, created: 120 });
  // the first batch holds every employer, looked up in one request; the second batch needs none
  const lookUps = requests.filter((request) => request.query.includes('organisationsByNumber'));
  expect(lookUps).toHaveLength(1);
  expect(new Set(lookUps[0]!.variables.numbers as string[])).toEqual(new Set(numbers));
  const registrations = requests.filter((request) => request.query.includes('registerOrganisation'));
  expect(registrations.map((request) => (request.variables.input as { organisationNumber: string }).organisationNumber).sort()).toEqual(numbers.filter((number) => !registered.has(number)).sort());

  const synced = requests
    .filter((request) => request.query.includes('syncVacancies'))
    .flatMap((request) => request.variables.input as Array<{ employerId: string; vacancy: { externalId: string } }>);
  expect(synced.map((item) => item.vacancy.externalId)).toEqual([...ads].reverse().map((ad) => `jobtech:${ad.id}`));
  expect(synced[0]).toMatchObject({ employerId: 'known-0' });
  expect(synced[1]).toMatchObject({ employerId: `new-${numbers[1]}` });
  expect(commits.map((commit) => JSON.parse(commit) as Record<string, unknown>)).toEqual([
    { phase: 'snapshot', since: 1_780_000_000_119, afterId: '40000099' },
    { phase: 'snapshot', since: 1_780_000_000_119, afterId: '40000119' },
    { phase: 'stream', after: 1_780_000_000_119 },
  ]);
  expect(readdirSync(spoolDir)).toEqual([]);
});
