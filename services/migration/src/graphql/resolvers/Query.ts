import { toConnection } from '@hub/shared/graphql';
import type { AccessLogFilter } from '../../application/privacy';
import type { VacancyFilter } from '../../application/vacancies';
import type { MigrationContext } from '../context';
import { municipalityRef } from './references';

export const Query = {
  candidate: (_: unknown, args: { id: string }, ctx: MigrationContext) => ctx.app.candidates.read(ctx.claims, args.id, ctx.correlationId),
  candidates: async (_: unknown, args: { municipalityCode?: string | null; first: number; after?: string | null }, ctx: MigrationContext) =>
    toConnection(await ctx.app.candidates.list(ctx.claims, args.municipalityCode, args.first, args.after, ctx.correlationId)),
  inMigrationCase: (_: unknown, args: { id: string }, ctx: MigrationContext) => ctx.app.cases.read(ctx.claims, args.id, ctx.correlationId),
  vacancy: (_: unknown, args: { id: string }, ctx: MigrationContext) => ctx.app.vacancies.require(args.id),
  vacancies: async (_: unknown, args: { filter?: VacancyFilter | null; first: number; after?: string | null }, ctx: MigrationContext) =>
    toConnection(await ctx.app.vacancies.list(args.filter, args.first, args.after)),
  candidateMatches: async (_: unknown, args: { candidateId: string; first: number }, ctx: MigrationContext) => {
    const matches = await ctx.app.matching.candidateMatches(ctx.claims, args.candidateId, args.first, ctx.correlationId);
    return { vacancies: matches.vacancies, places: matches.places.map((p) => ({ ...p, municipality: municipalityRef(p.municipalityCode) })) };
  },
  personalData: (_: unknown, args: { personId: string }, ctx: MigrationContext) => ctx.app.privacy.personalDataKey(ctx.claims, args.personId),
  accessLog: async (_: unknown, args: { filter?: AccessLogFilter | null; first: number; after?: string | null }, ctx: MigrationContext) =>
    toConnection(await ctx.app.privacy.accessLog(ctx.claims, args.filter, args.first, args.after)),
  erasure: (_: unknown, args: { id: string }, ctx: MigrationContext) => ctx.app.privacy.erasure(ctx.claims, args.id),
};
