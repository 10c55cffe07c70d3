import type { GatewayClient } from '@hub/shared/client';
import { ConflictError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logging';
import { isDuplicateKeyError, withAggregateLock } from '@hub/shared/mongo';
import { REJECTED_KEPT, type RunTrigger } from '../domain/job-run';
import { hotQueries } from '../infrastructure/hot-queries';
import type { JobRunDocument, JobsModels } from '../infrastructure/models';
import type { LocalisedText } from '../domain/text';
import { failureTexts, RUN_COUNTS, type Job, type JobContext, type JobCursor, type JobName, type RunCount } from './job';

export interface RunRequest {
  trigger: RunTrigger;
  options?: Readonly<Record<string, string>>;
  /** Stops the run between batches (Ctrl-C, shutdown); the run is then recorded as failed, resumable. */
  signal?: AbortSignal;
  onProgress?: (done: number, total?: number) => void;
}

export interface RunnerSettings {
  /** Counts and the lock's heartbeat are saved this often while a run goes on. */
  saveEveryMs: number;
  /** A lock whose holder has not beaten for this long belongs to a process that died; it is taken over. */
  staleLockMs: number;
}

// A heartbeat every 5 s: a lock silent for 10 min belongs to a process that was killed (a shutdown waits only 10 s).
const DEFAULT_SETTINGS: RunnerSettings = { saveEveryMs: 5_000, staleLockMs: 10 * 60 * 1000 };

/** Refused because a run of the same job is under way (here or in another process). */
export class JobBusyError extends ConflictError {}

/**
 * Runs jobs and records every run: running → succeeded or failed with a message, counts and rejected items, the
 * cursor before and after. Never two runs of one job at once, across processes (a lock document per job).
 */
export class JobRunner {
  private readonly settings: RunnerSettings;

  constructor(
    private readonly models: JobsModels,
    private readonly gateway: GatewayClient,
    private readonly logger: Logger,
    settings: Partial<RunnerSettings> = {},
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  /** Runs the job to its end and returns its record; a failed run is a record with status `failed`, not a throw. */
  async run(job: Job, request: RunRequest): Promise<JobRunDocument> {
    const options = request.options ?? {};
    const cursorBefore = (await this.models.cursors.findOne(hotQueries.cursorOf.filter(job.name)).lean())?.value ?? null;
    const run = new this.models.runs({
      job: job.name,
      trigger: request.trigger,
      status: 'running',
      startedAt: new Date(),
      counts: {},
      cursorBefore,
      options: Object.entries(options).map(([name, value]) => ({ name, value })),
    });
    const runId = run._id.toHexString();
    await this.acquireLock(job.name, runId);
    await run.save();
    const logger = this.logger.child({ job: job.name, runId });
    logger.info({ trigger: request.trigger, cursorBefore }, 'job run started');

    const tally = new RunTally();
    const signal = request.signal ?? new AbortController().signal;
    const context: JobContext = {
      gateway: this.gateway,
      cursor: this.cursor(job.name),
      options,
      count: (name, by = 1) => tally.count(name, by),
      reject: (item, reason) => {
        tally.reject(item, reason);
        logger.debug({ item, reason: reason.en }, 'rejected');
      },
      progress: (done, total) => request.onProgress?.(done, total),
      signal,
      logger,
    };

    let saving = Promise.resolve();
    const heartbeat = setInterval(() => {
      saving = this.saveProgress(job.name, runId, tally).catch((error: unknown) => logger.warn({ err: error }, 'could not save the run’s progress'));
    }, this.settings.saveEveryMs);
    let error: LocalisedText | null = null;
    try {
      await job.run(context);
      if (signal.aborted) error = STOPPED;
    } catch (thrown) {
      const why = failureTexts(thrown);
      error = signal.aborted
        ? { sv: `stoppad före slutet (${why.sv}): ${RESUMES.sv}`, en: `stopped before the end (${why.en}): ${RESUMES.en}` }
        : why;
    } finally {
      clearInterval(heartbeat);
      // an intermediate save still under way must not land after, and overwrite, the final one
      await saving;
    }

    try {
      const cursorAfter = (await this.models.cursors.findOne(hotQueries.cursorOf.filter(job.name)).lean())?.value ?? null;
      const finished = await withAggregateLock(this.models.runs, run._id, () =>
        this.models.runs
          .findOneAndUpdate(
            hotQueries.runById.filter(run._id),
            { $set: { status: error ? 'failed' : 'succeeded', endedAt: new Date(), error: error?.en ?? null, errorSv: error?.sv ?? null, cursorAfter, ...tally.snapshot() } },
            { returnDocument: 'after' },
          )
          .lean<JobRunDocument>(),
      );
      if (!finished) throw new Error(`the record of run ${runId} disappeared`);
      if (error) logger.error({ error: error.en, counts: tally.counts, cursorAfter }, 'job run failed');
      else logger.info({ counts: tally.counts, cursorAfter }, 'job run succeeded');
      return finished;
    } finally {
      await withAggregateLock(this.models.locks, job.name, () => this.models.locks.deleteOne(hotQueries.lockHeldBy.filter(job.name, runId)).exec());
    }
  }

  private cursor(job: JobName): JobCursor {
    return {
      read: async () => (await this.models.cursors.findOne(hotQueries.cursorOf.filter(job)).lean())?.value ?? null,
      commit: async (value) => {
        await withAggregateLock(this.models.cursors, job, () =>
          this.models.cursors.updateOne(hotQueries.cursorOf.filter(job), { $set: { value, committedAt: new Date() } }, { upsert: true }).exec(),
        );
      },
    };
  }

  private async acquireLock(job: JobName, runId: string): Promise<void> {
    try {
      await this.models.locks.create({ _id: job, runId, heartbeatAt: new Date() });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    // Taken over under the lock document's own aggregate lock, so two processes finding it stale cannot both win.
    const stale = await withAggregateLock(this.models.locks, job, async () => {
      const held = await this.models.locks.findOne(hotQueries.lockOf.filter(job)).lean();
      if (!held) throw new JobBusyError({ en: `${job} was running a moment ago; try again`, sv: `${job} kördes för en stund sedan; försök igen` });
      if (Date.now() - held.heartbeatAt.getTime() < this.settings.staleLockMs) {
        throw new JobBusyError({
          en: `${job} is already running (run ${held.runId}, last heard of at ${held.heartbeatAt.toISOString()})`,
          sv: `${job} körs redan (körning ${held.runId}, hördes senast av ${held.heartbeatAt.toISOString()})`,
        });
      }
      await this.models.locks.updateOne(hotQueries.lockOf.filter(job), { $set: { runId, heartbeatAt: new Date() } });
      return held.runId;
    });
    await withAggregateLock(this.models.runs, stale, () =>
      this.models.runs
        .updateOne(hotQueries.runStillRunning.filter(stale), { $set: { status: 'failed', endedAt: new Date(), error: ABANDONED.en, errorSv: ABANDONED.sv } })
        .exec(),
    );
    this.logger.warn({ job, staleRunId: stale }, 'took over the lock of a run whose process went silent');
  }

  private async saveProgress(job: JobName, runId: string, tally: RunTally): Promise<void> {
    await withAggregateLock(this.models.runs, runId, () => this.models.runs.updateOne(hotQueries.runById.filter(runId), { $set: tally.snapshot() }).exec());
    await withAggregateLock(this.models.locks, job, () => this.models.locks.updateOne(hotQueries.lockHeldBy.filter(job, runId), { $set: { heartbeatAt: new Date() } }).exec());
  }
}

/** What a run has counted and rejected so far; kept in memory, saved now and then and at the end. */
class RunTally {
  readonly counts = Object.fromEntries(RUN_COUNTS.map((name) => [name, 0])) as Record<RunCount, number>;
  /** The first REJECTED_KEPT, the reason in English beside its Swedish; `counts.rejected` counts them all. */
  private readonly rejected: Array<{ item: string; reason: string; reasonSv: string }> = [];

  count(name: RunCount, by: number): void {
    this.counts[name] += by;
  }

  reject(item: string, reason: LocalisedText): void {
    this.counts.rejected += 1;
    if (this.rejected.length < REJECTED_KEPT) this.rejected.push({ item, reason: reason.en, reasonSv: reason.sv });
  }

  snapshot() {
    return { counts: { ...this.counts }, rejected: [...this.rejected] };
  }
}

const RESUMES: LocalisedText = { sv: 'nästa körning fortsätter från den senast sparade positionen', en: 'the next run resumes from the last committed cursor' };
const STOPPED: LocalisedText = { sv: `stoppad före slutet: ${RESUMES.sv}`, en: `stopped before the end: ${RESUMES.en}` };
const ABANDONED: LocalisedText = { sv: 'övergiven: processen som körde den stannade utan att bli klar', en: 'abandoned: the process running it stopped without finishing' };
