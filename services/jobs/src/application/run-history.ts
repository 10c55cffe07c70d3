import { requireRole, type HubClaims } from '@hub/shared/auth';
import { ValidationError } from '@hub/shared/errors';
import { MAX_PAGE_SIZE, parseObjectId, serverOperator, type Page } from '@hub/shared/mongo';
import type { RunStatus } from '../domain/job-run';
import { hotQueries } from '../infrastructure/hot-queries';
import type { JobRunDocument, JobsModels } from '../infrastructure/models';
import type { JobName } from './job';
import type { JobScheduler, ScheduleView } from './scheduler';

export interface RunFilter {
  job?: JobName | null;
  status?: RunStatus | null;
}

/** What operators and integrations read about the jobs: their runs, newest first, and their schedules. */
export class RunHistory {
  constructor(
    private readonly models: JobsModels,
    private readonly scheduler: JobScheduler,
  ) {}

  async list(claims: HubClaims, filter: RunFilter, first: number, after?: string | null): Promise<Page<JobRunDocument>> {
    requireRole(claims, 'integration');
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new ValidationError({ en: `first is between 1 and ${MAX_PAGE_SIZE}`, sv: `first ska vara mellan 1 och ${MAX_PAGE_SIZE}` }, 'first');
    const conditions: Record<string, unknown>[] = [];
    if (filter.job) conditions.push({ job: filter.job });
    if (filter.status) conditions.push({ status: filter.status });
    if (after) {
      const [startedAt, id] = decodeCursor(after);
      conditions.push({
        $or: [{ startedAt: serverOperator({ $lt: startedAt }) }, { startedAt, _id: serverOperator({ $lt: id }) }],
      });
    }
    const rows = await this.models.runs
      .find(conditions.length > 0 ? { $and: conditions } : {})
      .sort({ startedAt: -1, _id: -1 })
      .limit(first + 1)
      .lean<JobRunDocument[]>();
    const items = rows.slice(0, first);
    const last = items[items.length - 1];
    return { items, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null };
  }

  async get(claims: HubClaims, id: string): Promise<JobRunDocument | null> {
    requireRole(claims, 'integration');
    return this.models.runs.findOne(hotQueries.runById.filter(parseObjectId(id))).lean<JobRunDocument>();
  }

  schedules(claims: HubClaims): ScheduleView[] {
    requireRole(claims, 'integration');
    return this.scheduler.list();
  }
}

function encodeCursor(run: JobRunDocument): string {
  return Buffer.from(JSON.stringify([run.startedAt.toISOString(), run._id.toHexString()])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, ReturnType<typeof parseObjectId>] {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof startedAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(startedAt))) return [new Date(startedAt), parseObjectId(id, 'after')];
  } catch {
    // fall through to the one error below
  }
  throw new ValidationError({ en: 'Not a cursor this service gave out', sv: 'Inte en markör som den här tjänsten har lämnat ut' }, 'after');
}
