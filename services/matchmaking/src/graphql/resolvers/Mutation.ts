import type { PartnerMeetingInput } from '../../application/partner-meetings';
import type { FunnelStage } from '../../domain/funnel';
import type { NeedsAnalysisInput } from '../../domain/needs';
import type { ReferralInput, ReferralStatus } from '../../domain/referral';
import type { MatchmakingContext } from '../context';

type Move = { id: string; note?: string | null };
const move = (to: Exclude<ReferralStatus, 'proposed'>) => (_: unknown, { id, note }: Move, ctx: MatchmakingContext) =>
  ctx.app.referrals.move(ctx.claims, id, to, note ?? undefined, ctx.correlationId);

export const Mutation = {
  recordNeeds: (_: unknown, { companyId, input }: { companyId: string; input: NeedsAnalysisInput }, ctx: MatchmakingContext) =>
    ctx.app.needs.record(ctx.claims, companyId, input, ctx.correlationId),
  setFunnelStage: (_: unknown, args: { companyId: string; projectId: string; stage: FunnelStage; correction: boolean }, ctx: MatchmakingContext) =>
    ctx.app.funnel.setStage(ctx.claims, args.companyId, args.projectId, args.stage, args.correction, ctx.correlationId),
  referCompany: (_: unknown, { input }: { input: ReferralInput }, ctx: MatchmakingContext) => ctx.app.referrals.refer(ctx.claims, input, ctx.correlationId),
  acceptReferral: move('accepted'),
  declineReferral: move('declined'),
  startReferral: move('in-progress'),
  completeReferral: move('completed'),
  withdrawReferral: move('withdrawn'),
  createPartnerMeeting: (_: unknown, { input }: { input: PartnerMeetingInput }, ctx: MatchmakingContext) => ctx.app.partnerMeetings.create(ctx.claims, input),
  addMeetingParticipants: (_: unknown, { partnerMeetingId, companyIds }: { partnerMeetingId: string; companyIds: string[] }, ctx: MatchmakingContext) =>
    ctx.app.partnerMeetings.addParticipants(ctx.claims, partnerMeetingId, companyIds),
  requestMeetings: (_: unknown, args: { partnerMeetingId: string; companyId: string; withCompanyIds: string[] }, ctx: MatchmakingContext) =>
    ctx.app.partnerMeetings.request(ctx.claims, args.partnerMeetingId, args.companyId, args.withCompanyIds),
  schedulePartnerMeeting: (_: unknown, { id }: { id: string }, ctx: MatchmakingContext) => ctx.app.partnerMeetings.schedule(ctx.claims, id, ctx.correlationId),
};
