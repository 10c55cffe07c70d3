import type { EnrolmentView } from '../../domain/enrolment';
import type { OfferingsContext } from '../context';

export const Enrolment = {
  offering: (enrolment: EnrolmentView, _: unknown, ctx: OfferingsContext) => ctx.app.offerings.enrolledIn(enrolment.offeringId),
  company: (enrolment: EnrolmentView) => ({ id: enrolment.companyId }),
  outcomes: (enrolment: EnrolmentView, _: unknown, ctx: OfferingsContext) => ctx.app.enrolments.outcomesOf(ctx.claims, enrolment.id),
};
