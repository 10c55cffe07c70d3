import { Cron } from 'croner';
import { ConfigError } from '@hub/shared/config';
import type { Logger } from '@hub/shared/logging';
import { nextRunAt, SCHEDULE_TIME_ZONE, type JobSchedule } from '../domain/schedules';
import type { Job, JobName } from './job';
import { JobBusyError, type JobRunner } from './runner';

export interface ScheduleView {
  job: JobName;
  cron: string;
  timeZone: string;
  nextRunAt: Date | null;
}

/**
 * Runs each scheduled job on its cron schedule (Swedish time). A tick that finds the job still running, here or
 * in another process, is skipped: the next tick picks up from the cursor anyway.
 */
export class JobScheduler {
  private readonly crons: Cron[] = [];
  private readonly stopping = new AbortController();
  private readonly runsUnderWay = new Set<Promise<unknown>>();

  constructor(
    private readonly runner: JobRunner,
    private readonly jobs: ReadonlyMap<JobName, Job>,
    private readonly schedules: readonly JobSchedule[],
    private readonly logger: Logger,
  ) {
    const unimplemented = schedules.filter((schedule) => !jobs.has(schedule.job)).map((schedule) => schedule.job);
    if (unimplemented.length > 0) throw new ConfigError(`invalid configuration: JOB_SCHEDULES: no job ${unimplemented.join(', ')} in this build`);
  }

  start(): void {
    for (const schedule of this.schedules) {
      const job = this.jobs.get(schedule.job);
      if (!job) continue;
      // protect: a tick while this process still runs the job is skipped (the lock covers other processes)
      const cron = new Cron(schedule.cron, { timezone: SCHEDULE_TIME_ZONE, protect: () => this.skipped(schedule.job) }, () => this.tick(job));
      this.crons.push(cron);
      this.logger.info({ job: schedule.job, cron: schedule.cron, nextRunAt: cron.nextRun() }, 'job scheduled');
    }
  }

  list(): ScheduleView[] {
    return this.schedules.map((schedule) => ({ job: schedule.job, cron: schedule.cron, timeZone: SCHEDULE_TIME_ZONE, nextRunAt: nextRunAt(schedule.cron) }));
  }

  /** Stops scheduling, asks runs under way to stop after their current batch, and waits for them. */
  async stop(): Promise<void> {
    for (const cron of this.crons) cron.stop();
    this.stopping.abort();
    await Promise.allSettled(this.runsUnderWay);
  }

  private async tick(job: Job): Promise<void> {
    const run = this.runner.run(job, { trigger: 'schedule', signal: this.stopping.signal });
    this.runsUnderWay.add(run);
    try {
      await run;
    } catch (error) {
      if (error instanceof JobBusyError) this.skipped(job.name);
      else this.logger.error({ err: error, job: job.name }, 'scheduled run could not be recorded');
    } finally {
      this.runsUnderWay.delete(run);
    }
  }

  private skipped(job: JobName): void {
    this.logger.info({ job }, 'skipped a scheduled run: the job is still running');
  }
}
