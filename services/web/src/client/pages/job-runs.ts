import type { JobName, JobRunStatus } from '../graphql/graphql';

/** The runs query's filter from the page's choices: an empty choice (any) asks for no filter on it. */
export function runFilter(job: JobName | '', status: JobRunStatus | ''): { job?: JobName; status?: JobRunStatus } {
  return { ...(job && { job }), ...(status && { status }) };
}

/** How long a run took, in whole seconds (under a second rounds up to 1); null while it runs. */
export function runSeconds(startedAt: string, endedAt: string | null | undefined): number | null {
  if (!endedAt) return null;
  return Math.max(1, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000));
}
