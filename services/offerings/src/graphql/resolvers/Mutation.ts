import type { CreateOfferingInput, UpdateOfferingInput } from '../../application/offerings';
import type { FundingCallInput } from '../../domain/funding-call';
import type { OutcomeInput } from '../../application/enrolments';
import type { OwnerProfile } from '../../domain/enrolment';
import type { SessionInput } from '../../domain/offering';
import type { OfferingsContext } from '../context';

export const Mutation = {
  createOfferingDraft: (_: unknown, { input }: { input: CreateOfferingInput }, ctx: OfferingsContext) => ctx.app.offerings.createDraft(ctx.claims, input),
  updateOffering: (_: unknown, { id, input }: { id: string; input: UpdateOfferingInput }, ctx: OfferingsContext) =>
    ctx.app.offerings.update(ctx.claims, id, input, ctx.correlationId),
  publishOffering: (_: unknown, { id }: { id: string }, ctx: OfferingsContext) => ctx.app.offerings.publish(ctx.claims, id, ctx.correlationId),
  closeOffering: (_: unknown, { id }: { id: string }, ctx: OfferingsContext) => ctx.app.offerings.close(ctx.claims, id, ctx.correlationId),
  archiveOffering: (_: unknown, { id }: { id: string }, ctx: OfferingsContext) => ctx.app.offerings.archive(ctx.claims, id, ctx.correlationId),
  addOfferingSession: (_: unknown, { offeringId, input }: { offeringId: string; input: SessionInput }, ctx: OfferingsContext) =>
    ctx.app.offerings.addSession(ctx.claims, offeringId, input, ctx.correlationId),
  removeOfferingSession: (_: unknown, { offeringId, sessionId }: { offeringId: string; sessionId: string }, ctx: OfferingsContext) =>
    ctx.app.offerings.removeSession(ctx.claims, offeringId, sessionId, ctx.correlationId),
  enrol: (_: unknown, { offeringId, companyId, ownerProfile }: { offeringId: string; companyId: string; ownerProfile?: OwnerProfile | null }, ctx: OfferingsContext) =>
    ctx.app.enrolments.enrol(ctx.claims, offeringId, companyId, ownerProfile ?? undefined, ctx.correlationId),
  withdrawEnrolment: (_: unknown, { enrolmentId }: { enrolmentId: string }, ctx: OfferingsContext) =>
    ctx.app.enrolments.withdraw(ctx.claims, enrolmentId, ctx.correlationId),
  recordAttendance: (_: unknown, { enrolmentId, sessionId, attended }: { enrolmentId: string; sessionId: string; attended: boolean }, ctx: OfferingsContext) =>
    ctx.app.enrolments.recordAttendance(ctx.claims, enrolmentId, sessionId, attended, ctx.correlationId),
  recordOutcome: (_: unknown, { enrolmentId, input }: { enrolmentId: string; input: OutcomeInput }, ctx: OfferingsContext) =>
    ctx.app.enrolments.recordOutcome(ctx.claims, enrolmentId, input, ctx.correlationId),
  syncFundingCalls: (_: unknown, { providerId, input }: { providerId: string; input: FundingCallInput[] }, ctx: OfferingsContext) =>
    ctx.app.offerings.syncFundingCalls(ctx.claims, providerId, input, ctx.correlationId),
  closeImportedOfferings: (_: unknown, { providerId, externalIds }: { providerId: string; externalIds: string[] }, ctx: OfferingsContext) =>
    ctx.app.offerings.closeImportedOfferings(ctx.claims, providerId, externalIds, ctx.correlationId),
};
