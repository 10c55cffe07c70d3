import type { OrganisationDetails } from '../../domain/organisation';
import type { ProjectDetails } from '../../domain/project';
import type { OrganisationsContext } from '../context';

export const Mutation = {
  registerOrganisation: (_: unknown, { input }: { input: OrganisationDetails }, ctx: OrganisationsContext) =>
    ctx.app.organisations.register(ctx.claims, input, ctx.correlationId),
  updateOrganisation: (_: unknown, { id, input }: { id: string; input: Partial<OrganisationDetails> }, ctx: OrganisationsContext) =>
    ctx.app.organisations.update(ctx.claims, id, input, ctx.correlationId),
  deactivateOrganisation: (_: unknown, { id }: { id: string }, ctx: OrganisationsContext) =>
    ctx.app.organisations.deactivate(ctx.claims, id, ctx.correlationId),
  registerProject: (_: unknown, { input }: { input: ProjectDetails }, ctx: OrganisationsContext) =>
    ctx.app.projects.register(ctx.claims, input, ctx.correlationId),
  updateProject: (_: unknown, { id, input }: { id: string; input: Partial<ProjectDetails> }, ctx: OrganisationsContext) =>
    ctx.app.projects.update(ctx.claims, id, input, ctx.correlationId),
};
