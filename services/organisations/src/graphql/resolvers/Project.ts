import type { ProjectDocument } from '../../infrastructure/models';
import type { OrganisationsContext } from '../context';

export const Project = {
  __resolveReference: (reference: { id: string }, ctx: OrganisationsContext) => ctx.loaders.project.load(reference.id),
  id: (project: ProjectDocument) => project._id.toHexString(),
  owner: (project: ProjectDocument, _: unknown, ctx: OrganisationsContext) => ctx.loaders.organisation.load(project.ownerId),
  municipalities: (project: ProjectDocument, _: unknown, ctx: OrganisationsContext) => project.municipalityCodes.map((code) => ctx.app.municipalities.byCode(code)),
  funders: (project: ProjectDocument, _: unknown, ctx: OrganisationsContext) =>
    project.funders.map((share) => ({ funder: ctx.loaders.organisation.load(share.funderId), sharePercent: share.sharePercent })),
  partners: (project: ProjectDocument, _: unknown, ctx: OrganisationsContext) => ctx.loaders.organisation.loadMany(project.partnerIds),
};
