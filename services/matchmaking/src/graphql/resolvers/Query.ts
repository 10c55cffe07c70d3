import { toConnection } from '@hub/shared/graphql';
import type { FunnelFilterInput } from '../../application/funnel';
import { dayPeriod } from '../../application/period';
import type { MatchmakingContext } from '../context';
import { offeringRef } from './references';

export const Query = {
  referral: (_: unknown, { id }: { id: string }, ctx: MatchmakingContext) => ctx.app.referrals.byId(ctx.claims, id),
  explainMatch: (_: unknown, { companyId, offeringId }: { companyId: string; offeringId: string }, ctx: MatchmakingContext) => {
    const explanation = ctx.app.matching.explain(ctx.claims, companyId, offeringId);
    return { ...explanation, offering: offeringRef(explanation.offeringId) };
  },
  funnel: (_: unknown, { filter }: { filter?: FunnelFilterInput | null }, ctx: MatchmakingContext) => ctx.app.funnel.report(ctx.claims, filter ?? {}),
  referralResponseTimes: (_: unknown, args: { organisationId?: string | null; from?: string | null; to?: string | null }, ctx: MatchmakingContext) =>
    ctx.app.referrals.responseTimes(ctx.claims, args.organisationId, dayPeriod(args.from, args.to)),
  partnerMeeting: (_: unknown, { id }: { id: string }, ctx: MatchmakingContext) => ctx.app.partnerMeetings.byId(ctx.claims, id),
  partnerMeetings: async (_: unknown, args: { first: number; after?: string | null }, ctx: MatchmakingContext) =>
    toConnection(await ctx.app.partnerMeetings.list(ctx.claims, args.first, args.after)),
};
