import { Types } from 'mongoose';
import { hotQuery } from '@hub/shared/mongo';
import type { JobName } from '../application/job';

/**
 * Every read a job run makes of this service's own database (at its start and end, per committed batch and per
 * heartbeat), each an `_id` lookup or an equality on indexed top-level fields, the only reads FerretDB 1.24 hands to
 * PostgreSQL's indexes (test/hot-queries.test.ts checks their plans). Not here: the run history that admins and
 * integrations page through (newest first, by job and status), and the `hub replay` command's counts and removals.
 */
export const hotQueries = {
  runById: hotQuery('JobRun', (id: Types.ObjectId | string) => ({ _id: id }), [new Types.ObjectId('6650c0ffee000000000000a1')]),
  /** A run whose process went silent, marked failed only if it is still recorded as running. */
  runStillRunning: hotQuery('JobRun', (id: string) => ({ _id: id, status: 'running' as const }), ['6650c0ffee000000000000a1']),
  cursorOf: hotQuery('JobCursor', (job: JobName) => ({ _id: job }), ['job-ads']),
  lockOf: hotQuery('JobLock', (job: JobName) => ({ _id: job }), ['job-ads']),
  /** The lock as long as this run holds it: a heartbeat or a release of a lock taken over since changes nothing. */
  lockHeldBy: hotQuery('JobLock', (job: JobName, runId: string) => ({ _id: job, runId }), ['job-ads', '6650c0ffee000000000000a1']),
};
