import { TEST_GATEWAY_KEYS } from '@hub/gateway/testkit';
import { uniqueDbUrl, waitFor } from '@hub/infra/testkit';
import { GatewayRefusal } from '@hub/shared/client';
import { ConfigError } from '@hub/shared/config';
import { createLogger } from '@hub/shared/logging';
import { createApp, type JobsService } from '../src/app';
import type { Job, JobContext } from '../src/application/job';
import { JobBusyError, JobRunner } from '../src/application/runner';
import { JobScheduler } from '../src/application/scheduler';
import { loadJobsConfig } from '../src/config';
import { WordedError } from '../src/domain/text';

const logger = createLogger('jobs-runner-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const noGateway = { request: () => Promise.reject(new Error('these jobs do not call the hub')) };

let service: JobsService;
let runner: JobRunner;

beforeAll(async () => {
  service = await createApp(
    loadJobsConfig({ NODE_ENV: 'test', MONGO_URL: uniqueDbUrl('jobs_runner'), GATEWAY_PUBLIC_KEY: TEST_GATEWAY_KEYS.publicKey, HUB_INTEGRATION_TOKEN: 'unused' }),
    logger,
    [],
  );
  runner = new JobRunner(service.models, noGateway, logger, { saveEveryMs: 20 });
});

afterAll(async () => {
  await service?.stop();
});

beforeEach(async () => {
  await service.models.runs.deleteMany({});
  await service.models.cursors.deleteMany({});
  await service.models.locks.deleteMany({});
});

/** A job of the given name whose run is the given function. */
function job(run: (context: JobContext) => Promise<void>): Job {
  return { name: 'funding-calls', description: 'a test job', run };
}

/** A run that waits until released, to hold the job's lock for as long as a test needs. */
function heldRun() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  return {
    job: job(async () => {
      started();
      await released;
    }),
    running,
    release,
  };
}

describe('JobRunner', () => {
  it('records a run: counts, rejected items (the first 200 kept, all counted), options, cursor before and after', async () => {
    await service.models.cursors.create({ _id: 'funding-calls', value: '2026-01-01', committedAt: new Date() });
    const run = await runner.run(
      job(async (context) => {
        context.count('fetched', 250);
        context.count('created');
        for (let i = 0; i < 250; i++) context.reject(`item-${i}`, { sv: 'inte i Region 10', en: 'not in Region 10' });
        await context.cursor.commit('2026-03-01');
      }),
      { trigger: 'cli', options: { from: '2026-01-01' } },
    );

    expect(run).toMatchObject({ job: 'funding-calls', trigger: 'cli', status: 'succeeded', error: null, cursorBefore: '2026-01-01', cursorAfter: '2026-03-01' });
    expect(run.counts).toEqual({ fetched: 250, created: 1, updated: 0, unchanged: 0, closed: 0, rejected: 250, exported: 0 });
    expect(run.rejected).toHaveLength(200);
    // the English as before, the Swedish beside it
    expect(run.rejected[199]).toEqual({ item: 'item-199', reason: 'not in Region 10', reasonSv: 'inte i Region 10' });
    expect(run.options).toEqual([{ name: 'from', value: '2026-01-01' }]);
    expect(run.endedAt).toBeInstanceOf(Date);
    expect(await service.models.locks.countDocuments()).toBe(0);
  });

  it('records a failure with its message, keeping the cursor at the last committed batch', async () => {
    const run = await runner.run(
      job(async (context) => {
        await context.cursor.commit('batch-1');
        context.count('created', 10);
        throw new Error('the hub refused batch 2');
      }),
      { trigger: 'schedule' },
    );

    // a message the job did not word in Swedish stands for both languages
    expect(run).toMatchObject({ status: 'failed', error: 'the hub refused batch 2', errorSv: 'the hub refused batch 2', cursorBefore: null, cursorAfter: 'batch-1' });
    expect(run.counts.created).toBe(10);
    expect(await service.models.locks.countDocuments()).toBe(0);
  });

  it('records a failure in both languages: as the job words it, and a refusal of the hub in the hub’s own words', async () => {
    const worded = await runner.run(
      job(async () => {
        throw new WordedError({ sv: 'inget projekt p1 i hubben', en: 'no project p1 in the hub' });
      }),
      { trigger: 'cli' },
    );
    expect(worded).toMatchObject({ status: 'failed', error: 'no project p1 in the hub', errorSv: 'inget projekt p1 i hubben' });

    const refused = await runner.run(
      job(async () => {
        throw new GatewayRefusal([
          { message: 'Not allowed', code: 'FORBIDDEN', texts: { sv: 'Inte tillåtet', en: 'Not allowed' } },
          { message: 'Too many requests', code: 'RATE_LIMITED' },
        ]);
      }),
      { trigger: 'cli' },
    );
    expect(refused).toMatchObject({
      status: 'failed',
      error: 'gateway refused: Not allowed (FORBIDDEN); Too many requests (RATE_LIMITED)',
      // an error the hub gave no Swedish for keeps its English
      errorSv: 'hubben avvisade begäran: Inte tillåtet (FORBIDDEN); Too many requests (RATE_LIMITED)',
    });
  });

  it('saves the counts while the run goes on', async () => {
    let runId: string | undefined;
    const run = await runner.run(
      job(async (context) => {
        context.count('fetched', 5);
        // the run's own record, as the graph would show it half-way
        await waitFor(async () => {
          const record = await service.models.runs.findOne({ status: 'running' }).lean();
          runId = record?._id.toHexString();
          return record?.counts.fetched === 5 ? true : undefined;
        });
      }),
      { trigger: 'cli' },
    );
    expect(run._id.toHexString()).toBe(runId);
  });

  it('never runs one job twice at once, and takes it again once the first run has ended', async () => {
    const first = heldRun();
    const firstRun = runner.run(first.job, { trigger: 'schedule' });
    await first.running;

    await expect(runner.run(job(async () => undefined), { trigger: 'cli' })).rejects.toThrow(JobBusyError);
    await expect(runner.run(job(async () => undefined), { trigger: 'cli' })).rejects.toThrow(/^funding-calls is already running \(run [0-9a-f]{24}, last heard of at /);
    expect(await service.models.locks.exists({ _id: 'funding-calls' })).not.toBeNull();
    expect(await service.models.runs.countDocuments()).toBe(1);

    first.release();
    expect((await firstRun).status).toBe('succeeded');
    expect(await service.models.locks.exists({ _id: 'funding-calls' })).toBeNull();
    expect((await runner.run(job(async () => undefined), { trigger: 'cli' })).status).toBe('succeeded');
  });

  it('takes over the lock of a run whose process died, and records that run as abandoned', async () => {
    const abandoned = await service.models.runs.create({ job: 'funding-calls', trigger: 'schedule', status: 'running', startedAt: new Date('2026-03-01T02:00:00Z'), counts: {} });
    await service.models.locks.create({ _id: 'funding-calls', runId: abandoned._id.toHexString(), heartbeatAt: new Date('2026-03-01T02:00:05Z') });

    const run = await runner.run(job(async () => undefined), { trigger: 'schedule' });

    expect(run.status).toBe('succeeded');
    expect(await service.models.runs.findById(abandoned._id).lean()).toMatchObject({
      status: 'failed',
      error: 'abandoned: the process running it stopped without finishing',
      errorSv: 'övergiven: processen som körde den stannade utan att bli klar',
    });
  });

  it('records a run stopped by its signal as failed and resumable', async () => {
    const stop = new AbortController();
    const run = await runner.run(
      job(async (context) => {
        await context.cursor.commit('batch-1');
        stop.abort();
      }),
      { trigger: 'cli', signal: stop.signal },
    );
    expect(run).toMatchObject({
      status: 'failed',
      error: 'stopped before the end: the next run resumes from the last committed cursor',
      errorSv: 'stoppad före slutet: nästa körning fortsätter från den senast sparade positionen',
      cursorAfter: 'batch-1',
    });
  });
});

describe('JobScheduler', () => {
  it('refuses a schedule for a job this build does not have', () => {
    expect(() => new JobScheduler(runner, new Map(), [{ job: 'funding-calls', cron: '0 6 * * *' }], logger)).toThrow(ConfigError);
  });

  it('lists the schedules with their next run', () => {
    const scheduler = new JobScheduler(runner, new Map([['funding-calls', job(async () => undefined)]]), [{ job: 'funding-calls', cron: '0 6 * * *' }], logger);
    expect(scheduler.list()).toEqual([{ job: 'funding-calls', cron: '0 6 * * *', timeZone: 'Europe/Stockholm', nextRunAt: expect.any(Date) }]);
  });
});
