import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { startTestGateway, TEST_INTERNAL_SECRET } from '@hub/gateway/testkit';
import { organisationNumber, testEndpoints, uniqueDbUrl, uniqueName, waitFor } from '@hub/infra/testkit';
import { createApp as createOfferingsApp, loadOfferingsConfig, SCHEMA_PATH as OFFERINGS_SCHEMA_PATH } from '@hub/offerings';
import { createApp as createOrganisationsApp, loadOrganisationsConfig, SCHEMA_PATH as ORGANISATIONS_SCHEMA_PATH } from '@hub/organisations';
import { swedishDate } from '@hub/shared/calendar';
import { createLogger } from '@hub/shared/logging';
import { connectMongo } from '@hub/shared/mongo';
import type { Connection } from 'mongoose';
import { JobRunner } from '../src/application/runner';
import { createHubClient } from '../src/infrastructure/hub-client';
import { registerModels, type JobsModels } from '../src/infrastructure/models';
import { fundingCallsJob, type FundingCallsSettings } from '../src/jobs/funding-calls';

type Answer = 'ansokningsomgangar-2025-06-01' | 'ansokningsomgangar-changes';

/**
 * Vinnova's open API as recorded in fixtures/vinnova, on 127.0.0.1 and a free port: `/api/ansokningsomgangar/{date}`
 * answers the recorded answer the test chose, whatever the date, and records the dates asked for. Faults can be
 * switched on for a number of requests.
 */
async function startVinnova() {
  const dates: string[] = [];
  let answer: Answer = 'ansokningsomgangar-2025-06-01';
  let fault: { kind: 'status' | 'hang' | 'garbage'; times: number } | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const match = /^\/api\/ansokningsomgangar\/([^/]+)$/.exec(req.url ?? '');
    if (!match?.[1]) {
      res.writeHead(404).end();
      return;
    }
    dates.push(match[1]);
    if (fault && fault.times > 0) {
      fault.times -= 1;
      if (fault.kind === 'hang') return;
      if (fault.kind === 'status') {
        res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Server Error</h1>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"Message":"An error has occurred."}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(readFileSync(path.join(__dirname, 'fixtures', 'vinnova', `${answer}.json`)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dates,
    answer: (name: Answer) => (answer = name),
    fail: (kind: 'status' | 'hang' | 'garbage', times: number) => (fault = { kind, times }),
    heal: () => (fault = null),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Organisations and offerings behind a real gateway; the job runs through a JobRunner with an integration token. */
async function startHub() {
  const logger = createLogger('funding-calls-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const env = (name: string) => ({
    NODE_ENV: 'test',
    PORT: '0',
    KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
    INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
    MONGO_URL: uniqueDbUrl(name),
    CONSUMER_GROUP: uniqueName(`${name}-test`),
  });
  const organisations = await createOrganisationsApp(loadOrganisationsConfig(env('organisations')), logger);
  const offerings = await createOfferingsApp(loadOfferingsConfig(env('offerings')), logger);
  const gateway = await startTestGateway(
    [
      { name: 'organisations', schemaPath: ORGANISATIONS_SCHEMA_PATH, app: organisations.app },
      { name: 'offerings', schemaPath: OFFERINGS_SCHEMA_PATH, app: offerings.app },
    ],
    logger,
  );
  const admin = gateway.token({ roles: ['admin'] });
  const client = createHubClient(gateway.url, gateway.token({ roles: ['integration'] }));
  const connections: Connection[] = [];
  let serial = 0;

  return {
    offerings,
    gql: gateway.gql,
    publicToken: gateway.token({ roles: ['public'] }),
    /** A runner on a database of its own: no cursor yet. */
    runner: async (): Promise<{ runner: JobRunner; models: JobsModels }> => {
      const connection = await connectMongo(uniqueDbUrl('jobs'), logger);
      connections.push(connection);
      const models = registerModels(connection);
      return { runner: new JobRunner(models, client, logger), models };
    },
    /** A funder of its own per scenario, known to the offerings service; returns its id and organisation number. */
    registerProvider: async (name: string) => {
      serial += 1;
      const number = organisationNumber(`2021${String(process.pid % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`);
      const response = await gateway.gql<{ registerOrganisation: { id: string } }>(
        'mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }',
        { input: { kind: 'FUNDER', name, organisationNumber: number, municipalityCode: '0180' } },
        admin,
      );
      const id = response.data?.registerOrganisation.id;
      if (!id) throw new Error(`registering ${name} failed: ${JSON.stringify(response.errors)}`);
      await waitFor(async () => (await offerings.directory.facts(id)) ?? undefined);
      return { id, number };
    },
    stop: async () => {
      for (const connection of connections) await connection.close();
      await gateway.stop();
      await offerings.stop();
      await organisations.stop();
    },
  };
}

interface ImportedCall {
  externalId: string;
  status: string;
  title: { sv: string; en: string | null };
  description: { sv: string };
  link: string | null;
  startDate: string;
  endDate: string;
  applicationDeadline: string;
}

describe('funding-calls: Vinnova\'s application rounds as offerings', () => {
  let hub: Awaited<ReturnType<typeof startHub>>;
  let vinnova: Awaited<ReturnType<typeof startVinnova>>;
  const source = { timeoutMs: 300, retries: 3, backoffMs: 5 };
  const job = (settings: Partial<FundingCallsSettings> = {}) => fundingCallsJob({ baseUrl: `${vinnova.url}/`, source, ...settings });

  /** The provider's calls as the public sees them, and the closed ones from the offerings database. */
  async function callsOf(providerId: string) {
    const response = await hub.gql<{ offerings: { nodes: ImportedCall[] } }>(
      `query ($providerId: ID!) { offerings(filter: { providerId: $providerId }, first: 50) {
        nodes { externalId status title { sv en } description { sv } link startDate endDate applicationDeadline } } }`,
      { providerId },
      hub.publicToken,
    );
    const published = (response.data?.offerings.nodes ?? []).sort((a, b) => a.externalId.localeCompare(b.externalId));
    const closed = (await hub.offerings.models.offerings.find({ providerId, status: 'closed' }).lean()).map((o) => o.externalId).sort();
    return { published, closed };
  }

  beforeAll(async () => {
    hub = await startHub();
    vinnova = await startVinnova();
  });

  afterAll(async () => {
    await vinnova?.stop();
    await hub?.stop();
  });

  beforeEach(() => {
    vinnova.heal();
    vinnova.answer('ansokningsomgangar-2025-06-01');
  });

  it('imports public rounds with their deadlines, rejects what it cannot take, and changes nothing on a second run', async () => {
    const provider = await hub.registerProvider('Vinnova (sync)');
    const { runner } = await hub.runner();
    const today = swedishDate();

    const first = await runner.run(job(), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });
    expect(first.error).toBeNull();
    expect(first.status).toBe('succeeded');
    expect(first.counts).toMatchObject({ fetched: 6, created: 3, updated: 0, unchanged: 1, closed: 0, rejected: 2 });
    expect(first.rejected).toEqual([
      { item: '2026-412', reason: 'Diarienummer is not written NNNN-NNNNN' },
      { item: '2026-00520', reason: 'no closing date (Stangningsdatum: null)' },
    ]);
    expect(first.cursorBefore).toBeNull();
    expect(first.cursorAfter).toBe(today);
    expect(vinnova.dates.at(-1)).toBe('2025-06-01');

    const { published } = await callsOf(provider.id);
    expect(published.map((call) => call.externalId)).toEqual(['vinnova:2026-00101', 'vinnova:2026-00214', 'vinnova:2026-00330']);
    expect(published[0]).toMatchObject({
      status: 'PUBLISHED',
      title: { sv: 'Innovativa startups – steg 1', en: 'Innovative startups – step 1' },
      link: 'https://www.vinnova.se/e/innovativa-startups/steg-1-2026/',
      startDate: '2026-02-01',
      endDate: '2026-04-15',
      applicationDeadline: '2026-04-15',
    });
    expect(published[0]?.description.sv).toContain('unga & små företag');
    expect(published[0]?.description.sv).not.toContain('<p>');
    // a closing time late in the evening is still that day in Sweden
    expect(published[2]).toMatchObject({ externalId: 'vinnova:2026-00330', applicationDeadline: '2026-03-31' });

    const revisions = (await hub.offerings.models.offerings.find({ providerId: provider.id }).lean()).map((o) => [o.externalId, o.revision, o.updatedAt.getTime()]);
    const second = await runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(second.status).toBe('succeeded');
    expect(vinnova.dates.at(-1)).toBe(today);
    expect(second.counts).toMatchObject({ fetched: 6, created: 0, updated: 0, unchanged: 4, closed: 0, rejected: 2 });
    expect((await hub.offerings.models.offerings.find({ providerId: provider.id }).lean()).map((o) => [o.externalId, o.revision, o.updatedAt.getTime()])).toEqual(revisions);
  });

  it('updates changed rounds, closes withdrawn ones and adds new ones', async () => {
    const provider = await hub.registerProvider('Vinnova (changes)');
    const { runner } = await hub.runner();
    await runner.run(job(), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });

    vinnova.answer('ansokningsomgangar-changes');
    const run = await runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ fetched: 3, created: 1, updated: 1, unchanged: 0, closed: 1, rejected: 0 });

    const { published, closed } = await callsOf(provider.id);
    expect(published.map((call) => [call.externalId, call.applicationDeadline])).toEqual([
      ['vinnova:2026-00101', '2026-04-29'],
      ['vinnova:2026-00330', '2026-03-31'],
      ['vinnova:2026-00640', '2026-06-10'],
    ]);
    expect(published[0]?.description.sv).toContain('Sista dag förlängd.');
    expect(closed).toEqual(['vinnova:2026-00214']);

    const again = await runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, closed: 0 });
  });

  it('retries a source that fails twice and then answers', async () => {
    const provider = await hub.registerProvider('Vinnova (flaky)');
    const { runner } = await hub.runner();
    const before = vinnova.dates.length;
    vinnova.fail('status', 2);
    const run = await runner.run(job(), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });
    expect(run.error).toBeNull();
    expect(vinnova.dates.length - before).toBe(3);
    expect(run.counts).toMatchObject({ created: 3 });
  });

  it.each([
    ['answers 500 every time', 'status', /answered HTTP 500 Internal Server Error; gave up after 4 attempts/],
    ['never answers', 'hang', /timed out after 300 ms; gave up after 4 attempts/],
    ['answers garbage', 'garbage', /sent an answer that is not what was expected: expected an array of application rounds, got object; gave up after 4 attempts/],
  ] as const)('fails with a clear message when the source %s, applying nothing and keeping the cursor', async (_case, fault, message) => {
    const provider = await hub.registerProvider(`Vinnova (${fault})`);
    const { runner, models } = await hub.runner();
    await models.cursors.create({ _id: 'funding-calls', value: '2025-06-01', committedAt: new Date() });
    vinnova.fail(fault, Infinity);
    const run = await runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^could not read Vinnova's application rounds changed since 2025-06-01: GET http:\/\/127\.0\.0\.1:\d+\/api\/ansokningsomgangar\/2025-06-01 /);
    expect(run.error).toMatch(message);
    expect(run.cursorAfter).toBe('2025-06-01');
    expect(await hub.offerings.models.offerings.countDocuments({ providerId: provider.id })).toBe(0);

    vinnova.heal();
    const resumed = await runner.run(job(), { trigger: 'cli', options: { provider: provider.number } });
    expect(vinnova.dates.at(-1)).toBe('2025-06-01');
    expect(resumed.counts).toMatchObject({ created: 3 });
  });

  it('stops between batches when interrupted, and the next run resumes from the last committed cursor', async () => {
    const provider = await hub.registerProvider('Vinnova (interrupted)');
    const { runner } = await hub.runner();
    const stop = new AbortController();
    const interrupted = await runner.run(job({ batchSize: 2 }), {
      trigger: 'cli',
      options: { provider: provider.number, since: '2025-06-01' },
      signal: stop.signal,
      onProgress: (done) => {
        if (done >= 2) stop.abort();
      },
    });
    expect(interrupted.status).toBe('failed');
    expect(interrupted.error).toMatch(/^stopped before the end/);
    expect(interrupted.cursorAfter).toBeNull();
    // the batches go in diarienummer order: the withdrawn 2025-04410 and 2026-00101 came first
    expect(interrupted.counts).toMatchObject({ created: 1, unchanged: 1 });
    expect((await callsOf(provider.id)).published.map((call) => call.externalId)).toEqual(['vinnova:2026-00101']);

    const resumed = await runner.run(job({ batchSize: 2 }), { trigger: 'cli', options: { provider: provider.number, since: '2025-06-01' } });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.counts).toMatchObject({ created: 2, unchanged: 2 });
    expect(resumed.cursorAfter).toBe(swedishDate());
    expect((await callsOf(provider.id)).published).toHaveLength(3);
  });

  it('fails at once, naming it, when the provider is not in the hub', async () => {
    const { runner } = await hub.runner();
    const run = await runner.run(job(), { trigger: 'cli', options: { provider: '202100-5216', since: '2025-06-01' } });
    expect(run.status).toBe('failed');
    expect(run.error).toBe('no organisation 202100-5216 in the hub to import the funding calls under: register it, or name another with the provider option');
  });
});
