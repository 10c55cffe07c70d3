import { NotFoundError } from '@hub/shared/errors';
import type { OfferingDocument } from '../../infrastructure/models';
import type { OfferingItem } from '../../infrastructure/offering-index';
import type { OfferingsContext } from '../context';

/** An offering as stored, or as a list holds it in memory (a search's page): the fields lists show, and its id. */
type OfferingView = OfferingDocument | OfferingItem;

const idOf = (offering: OfferingView): string => ('_id' in offering ? offering._id.toHexString() : offering.id);

/** The stored offering, read by id (one lookup per page, batched) only when a field lists do not hold is asked for. */
async function stored(offering: OfferingView, ctx: OfferingsContext): Promise<OfferingDocument> {
  if ('_id' in offering) return offering;
  const found = await ctx.loaders.offering.load(offering.id);
  if (!found) throw new NotFoundError(`No offering with id ${offering.id}`, 'id');
  return found;
}

/** A field only the stored offering has. */
const storedField =
  <Field extends keyof OfferingDocument>(field: Field) =>
  async (offering: OfferingView, _: unknown, ctx: OfferingsContext): Promise<OfferingDocument[Field]> =>
    (await stored(offering, ctx))[field];

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
