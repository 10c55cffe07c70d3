import { JOB_NAMES } from '../../application/job';
import { RUN_STATUSES, RUN_TRIGGERS } from '../../domain/job-run';

/** GraphQL enum values mapped to the values the domain uses: JOB_ADS ↔ 'job-ads'. */
function byConstantName<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase().replace(/-/g, '_'), value]));
}

export const JobName = byConstantName(JOB_NAMES);
export const JobRunStatus = byConstantName(RUN_STATUSES);
export const JobRunTrigger = byConstantName(RUN_TRIGGERS);
