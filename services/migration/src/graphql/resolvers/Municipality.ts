import { toConnection } from '@hub/shared/graphql';
import type { CaseStatus } from '../../domain/case';
import type { MigrationContext } from '../context';

type MunicipalityKey = { code: string };

export const Municipality = {
  __resolveReference: (reference: MunicipalityKey) => ({ code: reference.code }),
  inMigrationCases: async (m: MunicipalityKey, args: { status?: CaseStatus | null; first: number; after?: string | null }, ctx: MigrationContext) =>
    toConnection(await ctx.app.cases.listForMunicipality(ctx.claims, m.code, args.status, args.first, args.after, ctx.correlationId)),
  migrationIndicators: async (m: MunicipalityKey, args: { from: string; to: string }, ctx: MigrationContext) => ({
    ...(await ctx.app.cases.indicators(m.code, { from: args.from, to: args.to })),
    from: args.from,
    to: args.to,
    receivingCapacity: await ctx.app.cases.capacity(m.code, Number(args.to.slice(0, 4))),
  }),
  receivingCapacity: (m: MunicipalityKey, args: { year: number }, ctx: MigrationContext) => ctx.app.cases.capacity(m.code, args.year),
};
