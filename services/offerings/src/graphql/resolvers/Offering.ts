import { documentOrItem } from '@hub/shared/graphql';
import type { OfferingDocument } from '../../infrastructure/models';
import type { OfferingItem } from '../../infrastructure/offering-index';
import type { OfferingsContext } from '../context';

/** An offering as stored, or as a list holds it in memory (a search's page): the fields lists show, and its id. */
type OfferingView = OfferingDocument | OfferingItem;

/** The stored offering is read by id (one lookup per page, batched) only when a field lists do not hold is asked for. */
const { idOf, stored, storedField } = documentOrItem<OfferingDocument, OfferingItem, OfferingsContext>((id) => ({ en: `No offering with id ${id}`, sv: `Det finns ingen insats med id ${id}` }), (id, ctx) => ctx.loaders.offering.load(id));

export const Offering = {
  __resolveReference: (reference: { id: string }, ctx: OfferingsContext) => ctx.loaders.offering.load(reference.id),
  id: idOf,
  provider: (offering: OfferingView) => ({ id: offering.providerId }),
  project: (offering: OfferingView) => (offering.projectId ? { id: offering.projectId } : null),
  municipalitiesServed: (offering: OfferingView) => offering.municipalityCodes.map((code) => ({ code })),
  servesWholeRegion: (offering: OfferingView) => offering.municipalityCodes.length === 0,
  description: storedField('description'),
  link: storedField('link'),
  externalId: storedField('externalId'),
  capacity: storedField('capacity'),
  eligibility: storedField('eligibility'),
  sessions: storedField('sessions'),
  createdAt: storedField('createdAt'),
  updatedAt: storedField('updatedAt'),
  funding: async (offering: OfferingView, _: unknown, ctx: OfferingsContext) => {
    const { funding } = await stored(offering, ctx);
    return funding ? { description: funding.description ?? null, funder: funding.funderId ? { id: funding.funderId } : null } : null;
  },
  seats: async (offering: OfferingView, _: unknown, ctx: OfferingsContext) =>
    (await ctx.loaders.seats.load(idOf(offering))) ?? { capacity: (await stored(offering, ctx)).capacity ?? null, enrolled: 0, waitlisted: 0 },
  enrolments: (offering: OfferingView, _: unknown, ctx: OfferingsContext) => ctx.app.enrolments.enrolmentsOf(ctx.claims, idOf(offering)),
};
