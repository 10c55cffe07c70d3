import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobAdsSettings } from '../src/jobs/job-ads';
import { expectedAfterSnapshot, startHub, vacanciesInHub, type Hub } from './harness';

/**
 * A source that fails, hangs or answers garbage: retried with backoff, then the run fails with a clear message
 * and nothing half-applied; a run stopped half-way resumes from its last committed batch. The snapshot is spooled
 * to a directory of the test's own, which every run leaves empty, whether it succeeds or fails.
 */
let hub: Hub;
let spoolDir: string;

beforeAll(async () => {
  hub = await startHub();
  spoolDir = mkdtempSync(path.join(tmpdir(), 'job-ads-faults-'));
});

afterAll(async () => {
  await hub?.stop();
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
});

/** The harness's job-ads job, spooling to `spoolDir`. */
function jobAds(settings: Partial<JobAdsSettings> = {}) {
  return hub.jobAds({ source: { baseUrl: hub.source.url, apiKey: 'test-api-key', timeoutMs: 500, retries: 2, backoffMs: 5, spoolDir }, ...settings });
}

function spooled(): string[] {
  return readdirSync(spoolDir);
}

async function cursor(): Promise<string | null> {
  return (await hub.service.models.cursors.findById('job-ads').lean())?.value ?? null;
}

describe('job-ads sync when the source misbehaves', () => {
  it('fails after the retries when the source keeps answering 500, saying so, with nothing applied', async () => {
    hub.source.failWith(500, Infinity);
    const run = await hub.runner.run(jobAds(), { trigger: 'schedule' });

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/snapshot answered HTTP 500 Internal Server Error; gave up after 3 attempts$/);
    expect(hub.source.count('/snapshot')).toBe(3);
    expect(run.cursorAfter).toBeNull();
    expect(await cursor()).toBeNull();
    expect(await vacanciesInHub(hub)).toEqual([]);
    expect(spooled()).toEqual([]);
  });

  it('fails the same way on garbage', async () => {
    hub.source.sendGarbage(Infinity);
    const run = await hub.runner.run(jobAds(), { trigger: 'schedule' });

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/\/snapshot sent an answer that is not what was expected: line 1: .*JSON.*; gave up after 3 attempts$/);
    expect(await cursor()).toBeNull();
    expect(await vacanciesInHub(hub)).toEqual([]);
    expect(spooled()).toEqual([]);
  });

  it('fails on a source that never answers, once every attempt has timed out', async () => {
    hub.source.hang(Infinity);
    const run = await hub.runner.run(jobAds(), { trigger: 'schedule' });

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/\/snapshot timed out after 500 ms; gave up after 3 attempts$/);
    expect(await cursor()).toBeNull();
    expect(spooled()).toEqual([]);
  });

  it('stops after the batch under way when interrupted, and resumes from it, through a source failing twice', async () => {
    hub.source.heal();
    const interruption = new AbortController();
    let spooledMeanwhile: string[] = [];
    // one batch at a time, so the interruption falls after the first (with several in flight, those end too)
    const stopped = await hub.runner.run(jobAds({ batchSize: 10, batchesInFlight: 1 }), {
      trigger: 'cli',
      signal: interruption.signal,
      onProgress: () => {
        spooledMeanwhile = spooled();
        interruption.abort();
      },
    });

    expect(stopped.status).toBe('failed');
    expect(stopped.error).toBe('stopped before the end: the next run resumes from the last committed cursor');
    expect(stopped.counts).toMatchObject({ fetched: 30, created: 10 });
    // the recorded snapshot lists its 30 ads shuffled: the first batch read back from the spooled file is the
    // ten lowest ids
    expect(spooledMeanwhile).toHaveLength(1);
    expect(JSON.parse(stopped.cursorAfter as string)).toMatchObject({ phase: 'snapshot', afterId: '29710010' });
    expect((await vacanciesInHub(hub)).map((vacancy) => vacancy.externalId)).toEqual(expectedAfterSnapshot().slice(0, 10).map((vacancy) => vacancy.externalId));
    expect(spooled()).toEqual([]);

    hub.source.failWith(500, 2);
    const resumed = await hub.runner.run(jobAds({ batchSize: 10 }), { trigger: 'cli' });

    expect(resumed.status).toBe('succeeded');
    expect(resumed.cursorBefore).toBe(stopped.cursorAfter);
    // the ten ads committed before are not read back nor sent again (they would count as unchanged)
    expect(resumed.counts).toMatchObject({ fetched: 30, created: 17, updated: 0, unchanged: 0, rejected: 3 });
    // the same vacancies as one uninterrupted run, none twice
    expect(await vacanciesInHub(hub)).toEqual(expectedAfterSnapshot());
    expect(spooled()).toEqual([]);
  });

  it('keeps the cursor where it was when the stream fails, and catches up once it answers again', async () => {
    const before = await cursor();
    const vacancies = await vacanciesInHub(hub);
    hub.source.publish('stream-1');
    hub.source.failWith(503, Infinity, '/stream');
    const failed = await hub.runner.run(jobAds(), { trigger: 'schedule' });

    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/stream\?updated-after=2026-02-22T07%3A24%3A00&location-concept-id=.* answered HTTP 503 Service Unavailable; gave up after 3 attempts$/);
    expect(failed.cursorAfter).toBe(before);
    expect(await vacanciesInHub(hub)).toEqual(vacancies);

    hub.source.heal();
    const caughtUp = await hub.runner.run(jobAds(), { trigger: 'schedule' });
    expect(caughtUp.status).toBe('succeeded');
    expect(caughtUp.counts).toMatchObject({ fetched: 6, created: 2, updated: 2, unchanged: 1, closed: 1 });
  });

  it('records the failed runs for the graph', async () => {
    const data = await hub.must<{ jobRuns: { nodes: Array<{ status: string; error: string | null; errorTexts: { sv: string; en: string } | null }> } }>(
      'query { jobRuns(job: JOB_ADS, status: FAILED) { nodes { status error errorTexts { sv en } } } }',
      {},
      hub.integration,
    );
    expect(data.jobRuns.nodes).toHaveLength(5);
    expect(data.jobRuns.nodes.every((run) => run.status === 'FAILED' && run.error && run.errorTexts?.en === run.error)).toBe(true);
    // the newest: the stream that answered 503, in Swedish
    expect(data.jobRuns.nodes[0]?.errorTexts?.sv).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/stream\?.* svarade HTTP 503 Service Unavailable; gav upp efter 3 försök$/);
  });
});
