import { OrganisationDeactivated, OrganisationRegistered, OrganisationUpdated, ProjectRegistered, ProjectUpdated, TOPICS, type OrganisationKind, type OrganisationStatus } from '@hub/shared/contracts';
import type { Logger } from '@hub/shared/logging';
import type { Kafka } from '@hub/shared/messaging';
import mongoose from 'mongoose';
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

// the whole record but its outbox: the index keeps it to answer reads (see RegisterIndex.organisationDocuments)
const ORGANISATION_RECORD = { outbox: 0, outboxPending: 0 } as const;
const PROJECT_FACTS = { sortName: 1, name: 1, ownerId: 1, partnerIds: 1, 'funders.funderId': 1, municipalityCodes: 1 } as const;

type OrganisationFacts = Pick<OrganisationDocument, '_id' | 'sortName' | 'name' | 'organisationNumber' | 'kind' | 'municipalityCode' | 'status' | 'industries'>;
type ProjectFacts = Pick<ProjectDocument, '_id' | 'sortName' | 'name' | 'ownerId' | 'partnerIds' | 'funders' | 'municipalityCodes'>;

/**
 * The organisations and projects lists of this replica, answered from memory: loaded from the database at start,
 * updated by this replica's own writes at once and by the other replicas' events as they arrive. The organisations'
 * records are kept too, each encoded as BSON (about 1.5 kB; decoded per read in microseconds): a page of 20 read by
 * `_id` cost 20 FerretDB lookups, most of a list's time and of the database's CPU (organisations bench).
 */
export class RegisterIndex {
  readonly organisations = new MemoryIndex<OrganisationItem, 'name'>({ name: (organisation) => organisation.sortName });
  readonly projects = new MemoryIndex<ProjectItem, 'name'>({ name: (project) => project.sortName });
  /** Municipalities are reference data: their names are searched with their organisations ("lycksele" finds its companies). */
  private municipalityNames = new Map<string, string>();
  /** Kinds, statuses, codes and ids many items repeat, held once rather than decoded anew per item. */
  private readonly shared = new Interner();
  private readonly records = new Map<string, Buffer>();
  private readonly idsByNumber = new Map<string, string>();

  constructor(private readonly models: OrganisationsModels) {}

  async load(): Promise<void> {
    const municipalities = await this.models.municipalities.find({}, { name: 1 }).lean();
    this.municipalityNames = new Map(municipalities.map((municipality) => [municipality._id, municipality.name]));
    const organisations = this.models.organisations.find({}, ORGANISATION_RECORD).lean<OrganisationDocument[]>().cursor();
    await this.organisations.load(organisations, (doc) => this.keptOrganisation(doc));
    const projects = this.models.projects.find({}, PROJECT_FACTS).lean<ProjectFacts[]>().cursor();
    await this.projects.load(projects, (doc) => this.indexedProject(doc));
  }

  /** After this replica wrote an organisation: its lists and reads show the write at once. */
  organisationWritten(doc: OrganisationDocument): void {
    this.organisations.upsert(this.keptOrganisation(doc));
  }

  /** The records of the organisations with these ids that exist, in no particular order. */
  organisationRecords(ids: Iterable<string>): OrganisationDocument[] {
    const found: OrganisationDocument[] = [];
    for (const id of ids) {
      const record = this.records.get(id);
      if (record) found.push(mongoose.mongo.BSON.deserialize(record) as OrganisationDocument);
    }
    return found;
  }

  organisationIdByNumber(organisationNumber: string): string | undefined {
    return this.idsByNumber.get(organisationNumber);
  }

  projectWritten(doc: ProjectFacts): void {
    this.projects.upsert(this.indexedProject(doc));
  }

  /** Follows the register's topic for the other replicas' writes, from the moment this index is loaded. */
  follower(kafka: Kafka, groupPrefix: string, logger: Logger): IndexFollower {
    const organisations = async (ids: string[]) => {
      const docs = await findByIds<OrganisationDocument>(this.models.organisations, ids, ORGANISATION_RECORD);
      const present = new Set(docs.map((doc) => doc._id.toHexString()));
      for (const id of ids) if (!present.has(id)) this.forgetRecord(id);
      this.organisations.refresh(ids, docs.map((doc) => this.keptOrganisation(doc)));
    };
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

  /** Keeps the record and returns what the index holds of it. */
  private keptOrganisation(doc: OrganisationDocument): Indexed<OrganisationItem> {
    const id = doc._id.toHexString();
    this.forgetRecord(id);
    const { outbox: _outbox, outboxPending: _pending, ...record } = doc as OrganisationDocument & { outbox?: unknown; outboxPending?: unknown };
    this.records.set(id, Buffer.from(mongoose.mongo.BSON.serialize(record)));
    this.idsByNumber.set(doc.organisationNumber, id);
    return this.indexedOrganisation(doc);
  }

  private forgetRecord(id: string): void {
    const record = this.records.get(id);
    if (!record) return;
    const { organisationNumber } = mongoose.mongo.BSON.deserialize(record, { promoteValues: true }) as Pick<OrganisationDocument, 'organisationNumber'>;
    if (this.idsByNumber.get(organisationNumber) === id) this.idsByNumber.delete(organisationNumber);
    this.records.delete(id);
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
