import { RUN_STATUSES } from '../../domain/job-run';
import { callerToken } from '../dev-token';
import { UsageError } from '../exit-codes';
import { formatRunsTable, JOB_RUN_FIELDS, runViewFromGraph, toGraphEnum, type GraphJobRun } from '../format';
import { cliGateway } from '../gateway';
import { printJson, printText, type CliIo } from '../io';
import { gatewayUrl } from '../settings';

export interface RunsOptions {
  job?: string;
  status?: string;
  limit?: string;
  json?: boolean;
}

/** The jobs subgraph pages at most this many runs at a time. */
const PAGE = 100;
export const MAX_LIMIT = 1000;

const JOB_RUNS = `query ($job: JobName, $status: JobRunStatus, $first: Int, $after: String) {
  jobRuns(job: $job, status: $status, first: $first, after: $after) { nodes { ${JOB_RUN_FIELDS} } pageInfo { endCursor hasNextPage } } }`;

/** Past runs, newest first, through the graph (the jobs subgraph's `jobRuns`), with an integration token. */
export async function runsCommand(io: CliIo, options: RunsOptions): Promise<void> {
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UsageError(`--limit is a whole number from 1 to ${MAX_LIMIT}`);
  if (options.status !== undefined && !(RUN_STATUSES as readonly string[]).includes(options.status)) {
    throw new UsageError(`--status is one of ${RUN_STATUSES.join(', ')}`);
  }
  const gateway = cliGateway(gatewayUrl(io.env), (await callerToken(io.env, 'integration')).token);
  const runs: GraphJobRun[] = [];
  let after: string | null = null;
  while (runs.length < limit) {
    const page: { jobRuns: { nodes: GraphJobRun[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await gateway.request(JOB_RUNS, {
      job: options.job === undefined ? null : toGraphEnum(options.job),
      status: options.status === undefined ? null : toGraphEnum(options.status),
      first: Math.min(PAGE, limit - runs.length),
      after,
    });
    runs.push(...page.jobRuns.nodes);
    if (!page.jobRuns.pageInfo.hasNextPage) break;
    after = page.jobRuns.pageInfo.endCursor;
  }
  const views = runs.map(runViewFromGraph);
  if (options.json) printJson(io, views);
  else printText(io, formatRunsTable(views));
}
