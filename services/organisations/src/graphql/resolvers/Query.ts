import { toConnection } from '@hub/shared/graphql';
import type { OrganisationFilter } from '../../application/organisations';
import type { ProjectFilter } from '../../application/projects';
import type { OrganisationsContext } from '../context';

export interface PageArgs {
  first: number;
  after?: string | null;
}

export const Query = {
  organisation: (_: unknown, { id }: { id: string }, ctx: OrganisationsContext) => ctx.app.organisations.byId(id),
  organisationByNumber: (_: unknown, { organisationNumber }: { organisationNumber: string }, ctx: OrganisationsContext) =>
    ctx.app.organisations.byOrganisationNumber(organisationNumber),
  organisationsByNumber: (_: unknown, { organisationNumbers }: { organisationNumbers: string[] }, ctx: OrganisationsContext) =>
    ctx.app.organisations.byOrganisationNumbers(organisationNumbers),
  organisations: async (_: unknown, { filter, first, after }: PageArgs & { filter?: OrganisationFilter | null }, ctx: OrganisationsContext) =>
    toConnection(await ctx.app.organisations.list(filter ?? {}, first, after)),
  municipality: (_: unknown, { code }: { code: string }, ctx: OrganisationsContext) => ctx.app.municipalities.byCode(code),
  municipalities: (_: unknown, { region10Only }: { region10Only: boolean }, ctx: OrganisationsContext) =>
    ctx.app.municipalities.list(region10Only),
  project: (_: unknown, { id }: { id: string }, ctx: OrganisationsContext) => ctx.app.projects.byId(id),
  projects: async (_: unknown, { filter, first, after }: PageArgs & { filter?: ProjectFilter | null }, ctx: OrganisationsContext) =>
    toConnection(await ctx.app.projects.list(filter ?? {}, first, after)),
};
