import type { HubClaims } from '@hub/shared/auth';
import { ProjectRegistered, ProjectUpdated } from '@hub/shared/contracts';
import { ConflictError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { findByIds, parseObjectId, withAggregateLock, type Page } from '@hub/shared/mongo';
import { pageOf, swedishSortKey } from '@hub/shared/search';
import type { OutboxNudge } from '@hub/shared/messaging';
import { assertMayEditProject } from '../domain/access';
import { validateProjectDetails, type ProjectDetails } from '../domain/project';
import { hotQueries } from '../infrastructure/hot-queries';
import type { OrganisationDocument, OrganisationsModels, ProjectDocument } from '../infrastructure/models';
import type { ProjectItem, RegisterIndex } from '../infrastructure/register-index';
import { outboxEntry } from './event-sink';
import type { MunicipalitiesApplication } from './municipalities';

export interface ProjectFilter {
  municipalityCode?: string;
  organisationId?: string;
  text?: string;
}

export class ProjectsApplication {
  constructor(
    private readonly models: OrganisationsModels,
    private readonly municipalities: MunicipalitiesApplication,
    private readonly index: RegisterIndex,
    private readonly outbox: OutboxNudge,
  ) {}

  /** Every organisation a project names must exist and be active; every municipality must be known. */
  private async assertReferencesExist(details: ProjectDetails): Promise<void> {
    const references: Array<[string, string]> = [
      [details.ownerId, 'input.ownerId'],
      ...details.funders.map((f, i): [string, string] => [f.funderId, `input.funders.${i}.funderId`]),
      ...details.partnerIds.map((id, i): [string, string] => [id, `input.partnerIds.${i}`]),
    ];
    const ids = references.map(([id, field]) => parseObjectId(id, field).toHexString());
    const found = await findByIds<OrganisationDocument, Pick<OrganisationDocument, '_id' | 'status'>>(this.models.organisations, [...new Set(ids)], { status: 1 });
    const active = new Set(found.filter((row) => row.status === 'active').map((row) => row._id.toHexString()));
    for (const [id, field] of references) {
      if (!active.has(id.toLowerCase())) throw new ValidationError({ en: `No active organisation with id ${id}`, sv: `Det finns ingen aktiv organisation med id ${id}` }, field);
    }
    details.municipalityCodes.forEach((code, index) => this.municipalities.assertExists(code, `input.municipalityCodes.${index}`));
  }

  async register(claims: HubClaims, input: ProjectDetails, correlationId: string): Promise<ProjectDocument> {
    const details = validateProjectDetails(input);
    assertMayEditProject(claims, details.ownerId);
    await this.assertReferencesExist(details);
    const project = new this.models.projects({ ...details, sortName: swedishSortKey(details.name) });
    project.set('outbox', [
      outboxEntry(
        ProjectRegistered,
        project.id as string,
        { projectId: project.id as string, ownerOrganisationId: details.ownerId, municipalityCodes: details.municipalityCodes, partnerOrganisationIds: details.partnerIds },
        correlationId,
      ),
    ]);
    await project.save();
    const registered = project.toObject() as ProjectDocument;
    this.outbox.nudgeCreated(this.models.projects, [registered]);
    this.index.projectWritten(registered);
    return registered;
  }

  async update(claims: HubClaims, id: string, patch: Partial<ProjectDetails>, correlationId: string): Promise<ProjectDocument> {
    const written = await withAggregateLock(this.models.projects, parseObjectId(id), async () => {
      const current = await this.requireById(id);
      assertMayEditProject(claims, current.ownerId);
      const before = detailsOf(current);
      const merged = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null));
      const after = validateProjectDetails({ ...before, ...merged });
      if (after.ownerId !== before.ownerId) assertMayEditProject(claims, after.ownerId);
      const changed = (Object.keys(after) as Array<keyof ProjectDetails>).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
      if (changed.length === 0) return false;
      await this.assertReferencesExist(after);
      const entry = outboxEntry(
        ProjectUpdated,
        id,
        { projectId: id, changedFields: changed, ownerOrganisationId: after.ownerId, municipalityCodes: after.municipalityCodes, partnerOrganisationIds: after.partnerIds },
        correlationId,
      );
      // the lock serialises writers; the revision check guards against one that went around it
      const result = await this.models.projects.updateOne(
        hotQueries.projectAtRevision.filter(current._id, current.revision),
        {
          $set: { ...after, description: after.description ?? null, endDate: after.endDate ?? null, sortName: swedishSortKey(after.name) },
          $inc: { revision: 1 },
          $push: { outbox: entry },
        },
      );
      if (result.modifiedCount !== 1) throw new ConflictError({ en: 'The project was changed by someone else at the same time; try again', sv: 'Projektet ändrades av någon annan samtidigt; försök igen' });
      return true;
    });
    if (written) this.outbox.nudge(this.models.projects, [parseObjectId(id)]);
    const updated = await this.requireById(id);
    this.index.projectWritten(updated);
    return updated;
  }

  async byId(id: string): Promise<ProjectDocument | null> {
    return this.models.projects.findOne(hotQueries.projectById.filter(parseObjectId(id))).lean<ProjectDocument>();
  }

  async requireById(id: string): Promise<ProjectDocument> {
    const project = await this.byId(id);
    if (!project) throw new NotFoundError({ en: `No project with id ${id}`, sv: `Det finns inget projekt med id ${id}` }, 'id');
    return project;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, ProjectDocument>> {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id));
    const rows = await findByIds(this.models.projects, valid);
    return new Map(rows.map((row) => [row._id.toHexString(), row]));
  }

  /** Projects an organisation owns, funds or takes part in, in Swedish order (at most 200). */
  async forOrganisation(organisationId: string): Promise<ProjectDocument[]> {
    const ids = this.index.projects.all('name', involving(organisationId)).slice(0, 200).map((project) => project.id);
    return findByIds(this.models.projects, ids);
  }

  /** From this replica's index: municipality served, organisation involved and text, in Swedish order. */
  async list(filter: ProjectFilter, first: number, after?: string | null): Promise<Page<ProjectDocument>> {
    const conditions: Array<(project: ProjectItem) => boolean> = [];
    const { municipalityCode, organisationId } = filter;
    if (municipalityCode) conditions.push((project) => project.municipalityCodes.includes(municipalityCode));
    if (organisationId) conditions.push(involving(organisationId));
    if ((filter.text ?? '').length > 200) throw new ValidationError({ en: 'At most 200 characters', sv: 'Högst 200 tecken' }, 'filter.text');
    const page = this.index.projects.page({ sort: 'name', text: filter.text, where: conditions, first, after });
    return pageOf(page, (ids) => findByIds(this.models.projects, ids));
  }
}

function involving(organisationId: string): (project: ProjectItem) => boolean {
  return (project) => project.ownerId === organisationId || project.partnerIds.includes(organisationId) || project.funderIds.includes(organisationId);
}

function detailsOf(project: ProjectDocument): ProjectDetails {
  return {
    kind: project.kind,
    name: project.name,
    ...(project.description ? { description: project.description } : {}),
    ownerId: project.ownerId,
    startDate: project.startDate,
    ...(project.endDate ? { endDate: project.endDate } : {}),
    municipalityCodes: [...project.municipalityCodes],
    funders: project.funders.map((f) => ({ funderId: f.funderId, sharePercent: f.sharePercent })),
    partnerIds: [...project.partnerIds],
  };
}
