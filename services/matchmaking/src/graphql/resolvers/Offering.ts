import type { MatchmakingContext } from '../context';
import { organisationRef } from './references';

export const Offering = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  suitedCompanies: (offering: { id: string }, args: { first: number }, ctx: MatchmakingContext) =>
    ctx.app.matching.suitedCompanies(ctx.claims, offering.id, args.first).map((m) => ({ companyId: m.companyId, company: organisationRef(m.companyId), score: m.score, reasons: m.reasons })),
};
