import { toConnection } from '@hub/shared/graphql';
import type { OfferingStatus } from '@hub/shared/contracts';
import type { OfferingsContext } from '../context';
import type { PageArgs } from './Query';

// Enum defaults in the SDL would reach resolvers as the GraphQL name, not the mapped value, so defaults live here.
export const Organisation = {
  // Only the key is known here; the organisations subgraph resolves everything else.
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  offerings: async (organisation: { id: string }, { status, first, after }: PageArgs & { status?: OfferingStatus | null }, ctx: OfferingsContext) =>
    toConnection(await ctx.app.offerings.search(ctx.claims, { providerId: organisation.id, status: status ?? 'published' }, 'title', first, after)),
};
