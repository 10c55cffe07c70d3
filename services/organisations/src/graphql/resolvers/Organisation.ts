import { assertMayReadContacts } from '../../domain/access';
import { vatNumber } from '../../domain/organisation-number';
import type { OrganisationDocument } from '../../infrastructure/models';
import type { OrganisationsContext } from '../context';

export const Organisation = {
  __resolveReference: (reference: { id: string }, ctx: OrganisationsContext) => ctx.loaders.organisation.load(reference.id),
  id: (organisation: OrganisationDocument) => organisation._id.toHexString(),
  vatNumber: (organisation: OrganisationDocument) => vatNumber(organisation.organisationNumber),
  municipality: (organisation: OrganisationDocument, _: unknown, ctx: OrganisationsContext) => ctx.app.municipalities.byCode(organisation.municipalityCode),
  contacts: async (organisation: OrganisationDocument, _: unknown, ctx: OrganisationsContext) => {
    assertMayReadContacts(ctx.claims);
    // people's names, e-mails and phones: the read is logged before they are returned
    await Promise.all(organisation.contacts.flatMap((c) => (c.id ? [ctx.loaders.contactRead.load(c.id)] : [])));
    return organisation.contacts;
  },
  projects: (organisation: OrganisationDocument, _: unknown, ctx: OrganisationsContext) =>
    ctx.app.projects.forOrganisation(organisation._id.toHexString()),
};
