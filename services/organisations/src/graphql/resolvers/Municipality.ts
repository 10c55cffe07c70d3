import { toConnection } from '@hub/shared/graphql';
import type { OrganisationKind } from '@hub/shared/contracts';
import { countyOf } from '../../domain/municipalities';
import type { MunicipalityDocument } from '../../infrastructure/models';
import type { OrganisationsContext } from '../context';

export const Municipality = {
  __resolveReference: (reference: { code: string }, ctx: OrganisationsContext) => ctx.app.municipalities.byCode(reference.code),
  code: (municipality: MunicipalityDocument) => municipality._id,
  county: (municipality: MunicipalityDocument) => countyOf(municipality._id),
  organisations: async (
    municipality: MunicipalityDocument,
    { kind, first, after }: { kind?: OrganisationKind | null; first: number; after?: string | null },
    ctx: OrganisationsContext,
  ) => toConnection(await ctx.app.organisations.list({ municipalityCode: municipality._id, ...(kind ? { kind } : {}) }, first, after)),
};
