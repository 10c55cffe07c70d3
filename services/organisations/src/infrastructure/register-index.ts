import { OrganisationDeactivated, OrganisationRegistered, OrganisationUpdated, ProjectRegistered, ProjectUpdated, TOPICS, type OrganisationKind, type OrganisationStatus } from '@hub/shared/contracts';
import type { Logger } from '@hub/shared/logging';
import type { Kafka } from '@hub/shared/messaging';
import { findByIds } from '@hub/shared/mongo';
import { IndexFollower, Interner, MemoryIndex, type Indexed } from '@hub/shared/search';
import type { OrganisationDocument, OrganisationsModels, ProjectDocument } from './models';

/** What the register's lists filter and sort organisations on; names and contacts stay in the database. */
export interface OrganisationItem {
  id: string;
  sortName: string;
  kind: OrganisationKind;
  municipalityCode: string;
  status: OrganisationStatus;
  industryCodes: readonly string[];
}

/** What project lists filter and sort on: the organisations involved and the municipalities served. */
export interface ProjectItem {
  id: string;
  sortName: string;
  ownerId: string;
  partnerIds: readonly string[];
  funderIds: readonly string[];
  municipalityCodes: readonly string[];
}

// only the facts indexed (and the words searched), so loading 10,000 organisations reads little
const ORGANISATION_FACTS = { sortName: 1, name: 1, organisationNumber: 1, kind: 1, municipalityCode: 1, status: 1, 'industries.code': 1 } as const;
const PROJECT_FACTS = { sortName: 1, name: 1, ownerId: 1, partnerIds: 1, 'funders.funderId': 1, municipalityCodes: 1 } as const;

type OrganisationFacts = Pick<OrganisationDocument, '_id' | 'sortName' | 'name' | 'organisationNumber' | 'kind' | 'municipalityCode' | 'status' | 'industries'>;
type ProjectFacts = Pick<ProjectDocument, '_id' | 'sortName' | 'name' | 'ownerId' | 'partnerIds' | 'funders' | 'municipalityCodes'>;

/**
 * The organisations and projects lists of this replica, answered from memory: loaded from the database at start,
 * updated by this replica's own writes at once and by the other replicas' events as they arrive.
 */
export class RegisterIndex {
  readonly organisations = new MemoryIndex<OrganisationItem, 'name'>({ name: (organisation) => organisation.sortName });
  readonly projects = new MemoryIndex<ProjectItem, 'name'>({ name: (project) => project.sortName });
  /** Municipalities are reference data: their names are searched with their organisations ("lycksele" finds its companies). */
  private municipalityNames = new Map<string, string>();
  /** Kinds, statuses, codes and ids many items repeat, held once rather than decoded anew per item. */
  private readonly shared = new Interner();

  constructor(private readonly models: OrganisationsModels) {}

  async load(): Promise<void> {
    const municipalities = await this.models.municipalities.find({}, { name: 1 }).lean();
    this.municipalityNames = new Map(municipalities.map((municipality) => [municipality._id, municipality.name]));
    const organisations = this.models.organisations.find({}, ORGANISATION_FACTS).lean<OrganisationFacts[]>().cursor();
    await this.organisations.load(organisations, (doc) => this.indexedOrganisation(doc));
    const projects = this.models.projects.find({}, PROJECT_FACTS).lean<ProjectFacts[]>().cursor();
    await this.projects.load(projects, (doc) => this.indexedProject(doc));
  }

  /** After this replica wrote an organisation: its lists show the write at once. */
  organisationWritten(doc: OrganisationFacts): void {
    this.organisations.upsert(this.indexedOrganisation(doc));
  }

  projectWritten(doc: ProjectFacts): void {
    this.projects.upsert(this.indexedProject(doc));
  }

  /** Follows the register's topic for the other replicas' writes, from the moment this index is loaded. */
  follower(kafka: Kafka, groupPrefix: string, logger: Logger): IndexFollower {
    const organisations = async (ids: string[]) =>
      this.organisations.refresh(ids, (await findByIds<OrganisationDocument, OrganisationFacts>(this.models.organisations, ids, ORGANISATION_FACTS)).map((doc) => this.indexedOrganisation(doc)));
    const projects = async (ids: string[]) => this.projects.refresh(ids, (await findByIds<ProjectDocument, ProjectFacts>(this.models.projects, ids, PROJECT_FACTS)).map((doc) => this.indexedProject(doc)));
    return new IndexFollower({
      kafka,
      topic: TOPICS.organisations,
      groupPrefix,
      logger,
      refreshers: {
        [OrganisationRegistered.type]: organisations,
        [OrganisationUpdated.type]: organisations,
        [OrganisationDeactivated.type]: organisations,
        [ProjectRegistered.type]: projects,
        [ProjectUpdated.type]: projects,
      },
    });
  }

  private indexedOrganisation(doc: OrganisationFacts): Indexed<OrganisationItem> {
    return {
      item: {
        id: doc._id.toHexString(),
        sortName: doc.sortName,
        kind: this.shared.value(doc.kind),
        municipalityCode: this.shared.value(doc.municipalityCode),
        status: this.shared.value(doc.status),
        industryCodes: this.shared.list(doc.industries.map((industry) => industry.code)),
      },
      text: `${doc.name} ${doc.organisationNumber} ${this.municipalityNames.get(doc.municipalityCode) ?? ''}`,
    };
  }

  private indexedProject(doc: ProjectFacts): Indexed<ProjectItem> {
    return {
      item: {
        id: doc._id.toHexString(),
        sortName: doc.sortName,
        ownerId: this.shared.value(doc.ownerId),
        partnerIds: this.shared.list(doc.partnerIds),
        funderIds: this.shared.list(doc.funders.map((funder) => funder.funderId)),
        municipalityCodes: this.shared.list(doc.municipalityCodes),
      },
      text: doc.name,
    };
  }
}
