import { OfferingClosed, OfferingPublished, OfferingUpdated, TOPICS, type OfferingStatus } from '@hub/shared/contracts';
import type { Logger } from '@hub/shared/logging';
import type { Kafka } from '@hub/shared/messaging';
import { findByIds, serverOperator } from '@hub/shared/mongo';
import { IndexFollower, Interner, MemoryIndex, type Indexed } from '@hub/shared/search';
import { hotQueries } from './hot-queries';
import type { OfferingDocument, OfferingsModels } from './models';

export type OfferingSort = 'deadline' | 'start' | 'title';

/**
 * What search filters and sorts offerings on, and what a list shows of each (title and price besides): a page whose
 * fields are all here is answered from memory, and only a field beyond them (a description, sessions…) makes the
 * page read its documents. Descriptions, sessions and the rest stay in the database.
 */
export interface OfferingItem {
  id: string;
  status: OfferingStatus;
  providerId: string;
  projectId: string | null;
  kind: string;
  format: string | null;
  needs: readonly string[];
  targetGroups: readonly string[];
  industries: readonly string[];
  municipalityCodes: readonly string[];
  startDate: string | null;
  endDate: string | null;
  applicationDeadline: string | null;
  titleSortKey: string;
  deadlineSortKey: string;
  startSortKey: string;
  title: { sv: string; en?: string | null } | null;
  priceSek: number;
}

// the facts indexed and listed, and the texts searched: loading 50,000 offerings reads no sessions, outboxes or links
const OFFERING_FACTS = {
  status: 1,
  providerId: 1,
  projectId: 1,
  kind: 1,
  format: 1,
  needs: 1,
  targetGroups: 1,
  industries: 1,
  municipalityCodes: 1,
  startDate: 1,
  endDate: 1,
  applicationDeadline: 1,
  titleSortKey: 1,
  deadlineSortKey: 1,
  startSortKey: 1,
  title: 1,
  description: 1,
  priceSek: 1,
} as const;

type OfferingFacts = Pick<OfferingDocument, '_id' | keyof typeof OFFERING_FACTS>;
type OfferingIndex = MemoryIndex<OfferingItem, OfferingSort>;

/** Drafts are the provider's own work: no event announces them, so no replica's index holds them. */
const ANNOUNCED: readonly OfferingStatus[] = ['published', 'closed', 'archived'];

function newIndex(): OfferingIndex {
  return new MemoryIndex<OfferingItem, OfferingSort>({
    deadline: (offering) => offering.deadlineSortKey,
    start: (offering) => offering.startSortKey,
    title: (offering) => offering.titleSortKey,
  });
}

/**
 * The catalogue as this replica searches it: every offering that has been published, in memory, loaded at start,
 * updated by this replica's writes at once and by the other replicas' events as they arrive. Drafts are read from
 * the database when their provider lists them (by status and provider, an indexed equality) and searched the same way.
 */
export class CatalogueIndex {
  private readonly announced = newIndex();
  private readonly interner = new Interner();
  private readonly indexed = (doc: OfferingFacts) => indexedOffering(doc, this.interner);

  constructor(private readonly models: OfferingsModels) {}

  async load(): Promise<void> {
    const stored = this.models.offerings.find({ status: serverOperator({ $in: ANNOUNCED }) }, OFFERING_FACTS).lean<OfferingFacts[]>().cursor();
    await this.announced.load(stored, this.indexed);
  }

  /** The index to search for offerings of this status: this replica's, or for drafts one made of the provider's drafts now. */
  async forStatus(status: OfferingStatus, providerId: string | undefined): Promise<OfferingIndex> {
    if (ANNOUNCED.includes(status)) return this.announced;
    const drafts = newIndex();
    // an admin's list of every provider's drafts is the one read here by status alone
    const filter = providerId ? hotQueries.providerOfferings.filter(status, providerId) : { status };
    await drafts.load(this.models.offerings.find(filter, OFFERING_FACTS).lean<OfferingFacts[]>().cursor(), this.indexed);
    return drafts;
  }

  /** Puts what is stored now of these offerings in: after this replica's own writes, and for the others' events. */
  async refresh(ids: string[]): Promise<void> {
    const current = await findByIds<OfferingDocument, OfferingFacts>(this.models.offerings, ids, OFFERING_FACTS);
    this.announced.refresh(ids, current.filter((offering) => ANNOUNCED.includes(offering.status)).map(this.indexed));
  }

  follower(kafka: Kafka, groupPrefix: string, logger: Logger): IndexFollower {
    const refresh = (ids: string[]) => this.refresh(ids);
    return new IndexFollower({
      kafka,
      topic: TOPICS.offerings,
      groupPrefix,
      logger,
      refreshers: { [OfferingPublished.type]: refresh, [OfferingUpdated.type]: refresh, [OfferingClosed.type]: refresh },
    });
  }
}

/** Values many offerings share are held once: one copy of each status, code, date and list of needs. */
function indexedOffering(doc: OfferingFacts, shared: Interner): Indexed<OfferingItem> {
  return {
    item: {
      id: doc._id.toHexString(),
      status: shared.value(doc.status),
      providerId: shared.value(doc.providerId),
      projectId: shared.value(doc.projectId ?? null),
      kind: shared.value(doc.kind),
      format: shared.value(doc.format ?? null),
      needs: shared.list(doc.needs),
      targetGroups: shared.list(doc.targetGroups),
      industries: shared.list(doc.industries),
      municipalityCodes: shared.list(doc.municipalityCodes),
      startDate: shared.value(doc.startDate ?? null),
      endDate: shared.value(doc.endDate ?? null),
      applicationDeadline: shared.value(doc.applicationDeadline ?? null),
      titleSortKey: doc.titleSortKey,
      deadlineSortKey: shared.value(doc.deadlineSortKey),
      startSortKey: shared.value(doc.startSortKey),
      title: doc.title ?? null,
      priceSek: doc.priceSek,
    },
    text: [doc.title?.sv, doc.title?.en, doc.description?.sv, doc.description?.en].filter(Boolean).join(' '),
  };
}
