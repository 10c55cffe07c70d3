import { toConnection } from '@hub/shared/graphql';
import type { IndicatorScope } from '../../application/indicators';
import type { OfferingFilter, OfferingSort } from '../../application/offerings';
import type { OfferingsContext } from '../context';

export interface PageArgs {
  first: number;
  after?: string | null;
}

export const Query = {
  offering: (_: unknown, { id }: { id: string }, ctx: OfferingsContext) => ctx.app.offerings.requireById(ctx.claims, id),
  offerings: async (_: unknown, { filter, sort, first, after }: PageArgs & { filter?: OfferingFilter | null; sort?: OfferingSort | null }, ctx: OfferingsContext) =>
    toConnection(await ctx.app.offerings.search(ctx.claims, filter ?? {}, sort ?? 'deadline', first, after)),
  indicators: (_: unknown, { scope }: { scope: IndicatorScope }, ctx: OfferingsContext) => ctx.app.indicators.indicators(ctx.claims, scope),
  indicatorsCsv: (_: unknown, { scope }: { scope: IndicatorScope }, ctx: OfferingsContext) => ctx.app.indicators.csv(ctx.claims, scope),
};
