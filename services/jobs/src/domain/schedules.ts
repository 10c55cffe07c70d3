import { Cron } from 'croner';
import { JOB_NAMES, type JobName } from '../application/job';

/** Cron expressions are read in Swedish time, so "0 6 * * *" is six in the morning in Storuman all year round. */
export const SCHEDULE_TIME_ZONE = 'Europe/Stockholm';

export interface JobSchedule {
  job: JobName;
  cron: string;
}

function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

/**
 * Reads `job-ads=*\/15 * * * *;funding-calls=0 6 * * *`: one `job=cron` per job, separated by semicolons; empty
 * means no schedules. Throws an Error naming the entry at fault (unknown job, repeated job, invalid cron).
 */
export function parseJobSchedules(text: string): JobSchedule[] {
  const schedules: JobSchedule[] = [];
  for (const entry of text.split(';').map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf('=');
    const job = (separator < 0 ? entry : entry.slice(0, separator)).trim();
    const cron = separator < 0 ? '' : entry.slice(separator + 1).trim();
    if (!isJobName(job)) throw new Error(`unknown job "${job}" (jobs: ${JOB_NAMES.join(', ')})`);
    if (schedules.some((schedule) => schedule.job === job)) throw new Error(`job "${job}" is scheduled twice`);
    try {
      // paused: parsing only, nothing is scheduled
      new Cron(cron, { paused: true, timezone: SCHEDULE_TIME_ZONE }).stop();
    } catch (error) {
      throw new Error(`"${cron}" is not a cron expression for ${job}: ${(error as Error).message}`);
    }
    schedules.push({ job, cron });
  }
  return schedules;
}

/** When a schedule next fires after `from`; null if never again. */
export function nextRunAt(cron: string, from: Date = new Date()): Date | null {
  const pattern = new Cron(cron, { paused: true, timezone: SCHEDULE_TIME_ZONE });
  try {
    return pattern.nextRun(from);
  } finally {
    pattern.stop();
  }
}
