import type { ReferralStatus } from '../../domain/referral';
import type { MatchmakingContext } from '../context';
import { organisationRef, offeringRef } from './references';

type OrganisationKey = { id: string };

export const Organisation = {
  __resolveReference: (reference: OrganisationKey) => ({ id: reference.id }),
  needsAnalysis: (organisation: OrganisationKey, _: unknown, ctx: MatchmakingContext) => ctx.app.needs.read(ctx.claims, organisation.id),
  funnelPositions: (organisation: OrganisationKey, _: unknown, ctx: MatchmakingContext) => ctx.app.funnel.positionsOf(ctx.claims, organisation.id),
  offeringMatches: (organisation: OrganisationKey, args: { first: number; excludedFirst: number }, ctx: MatchmakingContext) => {
    const result = ctx.app.matching.offeringMatches(ctx.claims, organisation.id, args.first, args.excludedFirst);
    return {
      matches: result.matches.map((m) => ({ offeringId: m.offeringId, offering: offeringRef(m.offeringId), score: m.score, reasons: m.reasons })),
      excluded: result.excluded.map((e) => ({ offeringId: e.offeringId, offering: offeringRef(e.offeringId), reason: e.reason, text: e.text, texts: e.texts })),
    };
  },
  companyMatches: (organisation: OrganisationKey, args: { first: number }, ctx: MatchmakingContext) =>
    ctx.app.matching.companyMatches(ctx.claims, organisation.id, args.first).map((m) => ({ companyId: m.companyId, company: organisationRef(m.companyId), score: m.score, reasons: m.reasons })),
  adviserMatches: (organisation: OrganisationKey, args: { first: number }, ctx: MatchmakingContext) =>
    ctx.app.matching
      .adviserMatches(ctx.claims, organisation.id, args.first)
      .map((m) => ({ organisationId: m.organisationId, organisation: organisationRef(m.organisationId), contactId: m.contactId, score: m.score, reasons: m.reasons })),
  referralsSent: (organisation: OrganisationKey, args: { status?: ReferralStatus | null }, ctx: MatchmakingContext) =>
    ctx.app.referrals.listFor(ctx.claims, organisation.id, 'sent', args.status),
  referralsReceived: (organisation: OrganisationKey, args: { status?: ReferralStatus | null }, ctx: MatchmakingContext) =>
    ctx.app.referrals.listFor(ctx.claims, organisation.id, 'received', args.status),
};
