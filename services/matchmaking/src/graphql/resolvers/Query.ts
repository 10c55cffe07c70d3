import type { FunnelFilterInput } from '../../application/funnel';
import { dayPeriod } from '../../application/period';
import type { MatchmakingContext } from '../context';

export const Query = {
  referral: (_: unknown, { id }: { id: string }, ctx: MatchmakingContext) => ctx.app.referrals.byId(ctx.claims, id),
  funnel: (_: unknown, { filter }: { filter?: FunnelFilterInput | null }, ctx: MatchmakingContext) => ctx.app.funnel.report(ctx.claims, filter ?? {}),
  referralResponseTimes: (_: unknown, args: { organisationId?: string | null; from?: string | null; to?: string | null }, ctx: MatchmakingContext) =>
    ctx.app.referrals.responseTimes(ctx.claims, args.organisationId, dayPeriod(args.from, args.to)),
  partnerMeeting: (_: unknown, { id }: { id: string }, ctx: MatchmakingContext) => ctx.app.partnerMeetings.byId(ctx.claims, id),
};
