import type { OfferingDocument } from '../../infrastructure/models';
import type { OfferingsContext } from '../context';

export const Offering = {
  __resolveReference: (reference: { id: string }, ctx: OfferingsContext) => ctx.loaders.offering.load(reference.id),
  id: (offering: OfferingDocument) => offering._id.toHexString(),
  provider: (offering: OfferingDocument) => ({ id: offering.providerId }),
  project: (offering: OfferingDocument) => (offering.projectId ? { id: offering.projectId } : null),
  municipalitiesServed: (offering: OfferingDocument) => offering.municipalityCodes.map((code) => ({ code })),
  servesWholeRegion: (offering: OfferingDocument) => offering.municipalityCodes.length === 0,
  funding: (offering: OfferingDocument) =>
    offering.funding ? { description: offering.funding.description ?? null, funder: offering.funding.funderId ? { id: offering.funding.funderId } : null } : null,
  seats: async (offering: OfferingDocument, _: unknown, ctx: OfferingsContext) =>
    (await ctx.loaders.seats.load(offering._id.toHexString())) ?? { capacity: offering.capacity ?? null, enrolled: 0, waitlisted: 0 },
  enrolments: (offering: OfferingDocument, _: unknown, ctx: OfferingsContext) => ctx.app.enrolments.enrolmentsOf(ctx.claims, offering._id.toHexString()),
};
