import { allow, fields, INHERIT, type SubgraphPolicy } from '@hub/shared/auth';

/** Who may read what this subgraph serves (see @hub/shared/auth's policy): the jobs' runs are for operators and integrations. */
export const POLICY: SubgraphPolicy = {
  Query: fields(allow('error', 'admin', 'integration'), 'jobRuns', 'jobRun', 'jobSchedules'),
  JobRun: fields(INHERIT, 'id', 'job', 'trigger', 'status', 'startedAt', 'endedAt', 'counts', 'rejected', 'error', 'errorTexts', 'cursorBefore', 'cursorAfter', 'options'),
  JobRunCounts: fields(INHERIT, 'fetched', 'created', 'updated', 'unchanged', 'closed', 'rejected', 'exported'),
  RejectedItem: fields(INHERIT, 'item', 'reason', 'texts'),
  LocalisedText: fields(INHERIT, 'sv', 'en'),
  JobRunOption: fields(INHERIT, 'name', 'value'),
  JobSchedule: fields(INHERIT, 'job', 'cron', 'timeZone', 'nextRunAt'),
  JobRunConnection: fields(INHERIT, 'nodes', 'pageInfo'),
  PageInfo: fields(INHERIT, 'endCursor', 'hasNextPage'),
};
