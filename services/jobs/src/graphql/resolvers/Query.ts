import { toConnection } from '@hub/shared/graphql';
import type { RunFilter } from '../../application/run-history';
import type { JobsContext } from '../context';

export const Query = {
  jobRuns: async (_: unknown, args: RunFilter & { first: number; after?: string | null }, ctx: JobsContext) =>
    toConnection(await ctx.app.runs.list(ctx.claims, { job: args.job, status: args.status }, args.first, args.after)),
  jobRun: (_: unknown, args: { id: string }, ctx: JobsContext) => ctx.app.runs.get(ctx.claims, args.id),
  jobSchedules: (_: unknown, __: unknown, ctx: JobsContext) => ctx.app.runs.schedules(ctx.claims),
};
