import { toConnection } from '@hub/shared/graphql';
import type { OfferingsContext } from '../context';
import type { PageArgs } from './Query';

export const Municipality = {
  __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
  offeringsAvailable: async (municipality: { code: string }, { first, after }: PageArgs, ctx: OfferingsContext) =>
    toConnection(await ctx.app.offerings.search(ctx.claims, { municipalityCode: municipality.code, openOnly: true }, 'deadline', first, after)),
};
