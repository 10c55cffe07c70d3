import { ValidationError } from '@hub/shared/errors';
import type { OrganisationFacts } from '../domain/enrolment';
import { hotQueries } from '../infrastructure/hot-queries';
import type { OfferingsModels } from '../infrastructure/models';

/** What this service knows of the hub's organisations and projects, from the organisations service's events. */
export class OrganisationDirectory {
  constructor(private readonly models: OfferingsModels) {}

  async facts(id: string): Promise<OrganisationFacts | null> {
    const row = await this.models.organisations.findOne(hotQueries.organisationFactsById.filter(id.toLowerCase())).lean();
    if (!row?.kind || !row.municipalityCode) return null;
    return { id: row._id, kind: row.kind, municipalityCode: row.municipalityCode, status: row.status };
  }

  /**
   * Refuses an organisation this service has not heard of or that is deactivated. The read model follows the
   * organisations service a moment behind, so an organisation registered a second ago may still be unknown.
   */
  async assertActive(id: string, field: string): Promise<OrganisationFacts> {
    const facts = await this.facts(id);
    if (!facts) throw new ValidationError({ en: `Unknown organisation ${id} (if it was just registered, try again in a moment)`, sv: `Okänd organisation ${id} (om den nyss registrerats, försök igen om en stund)` }, field);
    if (facts.status !== 'active') throw new ValidationError({ en: `Organisation ${id} is deactivated`, sv: `Organisationen ${id} är avaktiverad` }, field);
    return facts;
  }

  /** An offering of a project is run by the project's owner or one of its partners. */
  async assertProjectRunBy(projectId: string, providerId: string, field: string): Promise<void> {
    const project = await this.models.projects.findOne(hotQueries.projectFactsById.filter(projectId)).lean();
    if (!project) throw new ValidationError({ en: `Unknown project ${projectId} (if it was just registered, try again in a moment)`, sv: `Okänt projekt ${projectId} (om det nyss registrerats, försök igen om en stund)` }, field);
    if (project.ownerOrganisationId !== providerId && !project.partnerOrganisationIds.includes(providerId)) {
      throw new ValidationError({ en: `The provider is neither the owner nor a partner of project ${projectId}`, sv: `Arrangören är varken ägare av eller partner i projektet ${projectId}` }, field);
    }
  }
}
