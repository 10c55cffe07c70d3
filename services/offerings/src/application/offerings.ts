import { Types } from 'mongoose';
import { hasRole, type HubClaims } from '@hub/shared/auth';
import { OfferingClosed, OfferingPublished, OfferingUpdated, type Need, type OfferingFormat, type OfferingKind, type OfferingStatus, type TargetGroup } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/shared/errors';
import type { OutboxEntry, OutboxNudge } from '@hub/shared/messaging';
import { findByIds, serverOperator, withAggregateLock, type Page } from '@hub/shared/mongo';
import { swedishSortKey } from '@hub/shared/search';
import { swedishDate } from '@hub/shared/calendar';
import {
  assertEditable,
  assertMayEditOffering,
  assertPublishable,
  assertTransition,
  changedFields,
  isoDate,
  isVisibleTo,
  knownMunicipality,
  sniPrefix,
  validateOfferingDetails,
  validateSession,
  type OfferingDetails,
  type OfferingDetailsInput,
  type PublishableDetails,
  type SessionInput,
} from '../domain/offering';
import type { OfferingSnapshot } from '../domain/enrolment';
import {
  assertMayImportOfferings,
  importedFields,
  importedOfferingId,
  newFundingCallDefaults,
  validateExternalIds,
  type FundingCallInput,
} from '../domain/funding-call';
import type { IndicatorScope } from '../domain/indicators';
import { hotQueries } from '../infrastructure/hot-queries';
import type { OfferingDocument, OfferingsModels } from '../infrastructure/models';
import type { CatalogueIndex, OfferingItem, OfferingSort } from '../infrastructure/offering-index';
import { outboxEntry } from './event-sink';
import type { OrganisationDirectory } from './organisation-directory';

export type CreateOfferingInput = OfferingDetailsInput & { providerId: string };
export type UpdateOfferingInput = Partial<OfferingDetailsInput>;

export interface OfferingFilter {
  text?: string | null;
  kind?: OfferingKind | null;
  /** Offerings addressing any of these needs. */
  needs?: Need[] | null;
  /** Offerings for any of these target groups. */
  targetGroups?: TargetGroup[] | null;
  /** An SNI code or prefix: finds offerings for that industry and those open to every industry. */
  industry?: string | null;
  /** Offerings serving this municipality, including those serving the whole region. */
  municipalityCode?: string | null;
  format?: OfferingFormat | null;
  status?: OfferingStatus | null;
  providerId?: string | null;
  projectId?: string | null;
  deadlineFrom?: string | null;
  deadlineTo?: string | null;
  startFrom?: string | null;
  startTo?: string | null;
  /** Only offerings still taking applications: deadline and period not passed. */
  openOnly?: boolean | null;
}

export type { OfferingSort };

/** Stored as the date sort key of an undated offering: "~" sorts after every YYYY-MM-DD, so nulls come last. */
const UNDATED = '~';
const MAX_FILTER_VALUES = 50;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** A write to one offering: the state change and, when it concerns the public, its event. */
interface Change {
  set: Record<string, unknown>;
  event?: OutboxEntry;
}

/** What an import did, item by item. */
export interface OfferingSyncResult {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
}

/** What one imported item needs: nothing, a new published offering, or a change to the published one. */
type ImportPlan =
  | { action: 'keep' }
  | { action: 'create'; details: PublishableDetails }
  | { action: 'update'; current: OfferingDocument; change: Change };

type CapacityListener = (offeringId: string, correlationId: string) => Promise<unknown>;

export class OfferingsApplication {
  private readonly capacityListeners: CapacityListener[] = [];

  constructor(
    private readonly models: OfferingsModels,
    private readonly catalogue: CatalogueIndex,
    private readonly outbox: OutboxNudge,
    private readonly directory: OrganisationDirectory,
    private readonly today: () => string = swedishDate,
  ) {}

  /** A draft is the provider's own work in progress: it emits no event until it is published. */
  async createDraft(claims: HubClaims, input: CreateOfferingInput): Promise<OfferingDocument> {
    const providerId = objectId(input.providerId, 'input.providerId');
    assertMayEditOffering(claims, providerId);
    const details = validateOfferingDetails(input);
    await this.directory.assertActive(providerId, 'input.providerId');
    await this.assertFunderKnown(details, 'input.funding.funderId');
    if (details.projectId !== null) await this.directory.assertProjectRunBy(details.projectId, providerId, 'input.projectId');
    const offering = new this.models.offerings(storedOffering(providerId, 'draft', details));
    await offering.save();
    return offering.toObject() as OfferingDocument;
  }

  /** Called after an offering's capacity changed, so the waitlist is served when seats were added. */
  onCapacityChanged(listener: CapacityListener): void {
    this.capacityListeners.push(listener);
  }

  async update(claims: HubClaims, id: string, patch: UpdateOfferingInput, correlationId: string): Promise<OfferingDocument> {
    let capacityChanged = false;
    const updated = await this.change(claims, id, async (current) => {
      assertEditable(current.status);
      const before = detailsOf(current);
      const after = validateOfferingDetails({ ...before, ...presentOnly(patch) });
      const changed = changedFields(before, after);
      capacityChanged = changed.includes('capacity');
      if (changed.length === 0) return null;
      if (changed.includes('funding')) await this.assertFunderKnown(after, 'input.funding.funderId');
      if (changed.includes('projectId') && after.projectId !== null) await this.directory.assertProjectRunBy(after.projectId, current.providerId, 'input.projectId');
      if (current.status !== 'published') return { set: { ...after, ...derivedFields(after) } };
      assertPublishable(after, 'input');
      return {
        set: { ...after, ...derivedFields(after) },
        event: outboxEntry(OfferingUpdated, id, { ...offeringFacts(id, current.providerId, after), status: current.status, changedFields: changed }, correlationId),
      };
    });
    if (capacityChanged) for (const listener of this.capacityListeners) await listener(id, correlationId);
    return updated;
  }

  async publish(claims: HubClaims, id: string, correlationId: string): Promise<OfferingDocument> {
    return this.change(claims, id, async (current) => {
      assertTransition(current.status, 'published');
      const details = detailsOf(current);
      assertPublishable(details);
      // A provider deactivated since the draft was written may not start offering anything new.
      await this.directory.assertActive(current.providerId, 'providerId');
      return { set: { status: 'published' }, event: outboxEntry(OfferingPublished, id, offeringFacts(id, current.providerId, details), correlationId) };
    });
  }

  /**
   * Closing and archiving are the provider's decisions. A deactivated provider's published offerings are left as
   * they are on purpose: companies may be enrolled and sessions under way, and whether they go on is for the
   * provider or the municipal office to decide, not a side effect of a register change.
   */
  async close(claims: HubClaims, id: string, correlationId: string): Promise<OfferingDocument> {
    return this.moveTo(claims, id, 'closed', correlationId);
  }

  async archive(claims: HubClaims, id: string, correlationId: string): Promise<OfferingDocument> {
    return this.moveTo(claims, id, 'archived', correlationId);
  }

  async addSession(claims: HubClaims, offeringId: string, input: SessionInput, correlationId: string): Promise<OfferingDocument> {
    return this.change(claims, offeringId, async (current) => {
      assertEditable(current.status);
      if (current.sessions.length >= 100) throw new ValidationError({ en: 'At most 100 sessions', sv: 'Högst 100 tillfällen' }, 'input');
      const session = validateSession(input, new Types.ObjectId().toHexString(), 'input');
      return this.sessionsChange(current, [...current.sessions.map(plainSession), session], correlationId);
    });
  }

  async removeSession(claims: HubClaims, offeringId: string, sessionId: string, correlationId: string): Promise<OfferingDocument> {
    return this.change(claims, offeringId, async (current) => {
      assertEditable(current.status);
      if (!current.sessions.some((session) => session.id === sessionId)) throw new NotFoundError({ en: `No session ${sessionId} in this offering`, sv: `Insatsen har inget tillfälle ${sessionId}` }, 'sessionId');
      // the whole list is rewritten under the offering's lock: FerretDB 1.24 ignores a conditional $pull
      return this.sessionsChange(current, current.sessions.filter((session) => session.id !== sessionId).map(plainSession), correlationId);
    });
  }

  /**
   * Creates and updates a provider's funding calls as an integration imports them. Every item is validated before
   * anything is stored, so a bad item refuses the whole batch. Each call is then one single-document write with the
   * same events the provider's own edits publish; an unchanged call is neither written nor announced, so a batch
   * sent twice (a run redone after a failure) changes nothing the second time. Closed calls stay closed: the
   * lifecycle runs one way.
   */
  async syncFundingCalls(claims: HubClaims, providerIdInput: string, inputs: FundingCallInput[], correlationId: string): Promise<OfferingSyncResult> {
    const providerId = objectId(providerIdInput, 'providerId');
    assertMayImportOfferings(claims, providerId);
    const externalIds = validateExternalIds(inputs.map((input) => input.externalId), 'input', (index) => `input.${index}.externalId`);
    await this.directory.assertActive(providerId, 'providerId');
    const ids = externalIds.map((externalId) => importedOfferingId(providerId, externalId));
    const stored = await findByIds<OfferingDocument>(this.models.offerings, ids);
    const current = new Map(stored.map((offering) => [offering._id.toHexString(), offering]));
    const planFor = (index: number, offering: OfferingDocument | undefined) =>
      planImport(providerId, offering, importedFields(inputs[index] as FundingCallInput, `input.${index}`), `input.${index}`, correlationId);
    // every item checked on what is stored before anything is written: one bad item refuses the whole batch
    ids.forEach((id, index) => planFor(index, current.get(id)));

    const result: OfferingSyncResult = { created: 0, updated: 0, unchanged: 0, closed: 0 };
    for (const [index, id] of ids.entries()) {
      // planned again on what is stored now: someone else (another import, the provider) may have written it since
      const plan = await withAggregateLock(this.models.offerings, id, async () => {
        const now = planFor(index, (await this.models.offerings.findOne(hotQueries.offeringById.filter(id)).lean<OfferingDocument>()) ?? undefined);
        if (now.action !== 'keep') await this.applyImport(providerId, id, externalIds[index] as string, now, correlationId);
        return now;
      });
      result[plan.action === 'keep' ? 'unchanged' : plan.action === 'create' ? 'created' : 'updated'] += 1;
    }
    return result;
  }

  /** Closes a provider's imported offerings that are gone at their source; unknown and already closed ones are left as they are. */
  async closeImportedOfferings(claims: HubClaims, providerIdInput: string, externalIdsInput: string[], correlationId: string): Promise<OfferingSyncResult> {
    const providerId = objectId(providerIdInput, 'providerId');
    assertMayImportOfferings(claims, providerId);
    const externalIds = validateExternalIds(externalIdsInput, 'externalIds', (index) => `externalIds.${index}`);
    const result: OfferingSyncResult = { created: 0, updated: 0, unchanged: 0, closed: 0 };
    for (const externalId of externalIds) {
      const id = importedOfferingId(providerId, externalId);
      const closed = await withAggregateLock(this.models.offerings, id, async () => {
        const current = await this.models.offerings.findOne(hotQueries.offeringById.filter(id)).lean<OfferingDocument>();
        if (current?.status !== 'published') return false;
        await this.writeGuarded(current, { set: { status: 'closed' }, event: outboxEntry(OfferingClosed, id, { offeringId: id, status: 'closed' }, correlationId) });
        return true;
      });
      result[closed ? 'closed' : 'unchanged'] += 1;
    }
    return result;
  }

  /** Stores an import's plan; called under the offering's lock, so its id is free when the plan is to create. */
  private async applyImport(providerId: string, id: string, externalId: string, plan: Exclude<ImportPlan, { action: 'keep' }>, correlationId: string): Promise<void> {
    if (plan.action === 'update') return this.writeGuarded(plan.current, plan.change);
    const created = await this.models.offerings.create({
      _id: new Types.ObjectId(id),
      externalId,
      ...storedOffering(providerId, 'published', plan.details),
      outbox: [outboxEntry(OfferingPublished, id, offeringFacts(id, providerId, plan.details), correlationId)],
    });
    this.outbox.nudgeCreated(this.models.offerings, [created.toObject()]);
    await this.catalogue.refresh([id]);
  }

  /** Null when there is no such offering or the caller may not see it: a draft is as unknown as a missing id. */
  async byId(claims: HubClaims, id: string): Promise<OfferingDocument | null> {
    if (!OBJECT_ID.test(id)) return null;
    const offering = await this.models.offerings.findOne(hotQueries.offeringById.filter(id)).lean<OfferingDocument>();
    return offering && isVisibleTo(claims, offering) ? offering : null;
  }

  async requireById(claims: HubClaims, id: string): Promise<OfferingDocument> {
    const offering = await this.byId(claims, id);
    if (!offering) throw new NotFoundError({ en: `No offering with id ${id}`, sv: `Det finns ingen insats med id ${id}` }, 'id');
    return offering;
  }

  /** An offering as its enrolments refer to it: whoever may see an enrolment sees what it was for, whatever its status now. */
  async enrolledIn(id: string): Promise<OfferingDocument> {
    const offering = OBJECT_ID.test(id) ? await this.models.offerings.findOne(hotQueries.offeringById.filter(id)).lean<OfferingDocument>() : null;
    if (!offering) throw new NotFoundError({ en: `No offering with id ${id}`, sv: `Det finns ingen insats med id ${id}` }, 'offeringId');
    return offering;
  }

  /** For entity references and loaders: unknown, malformed and invisible ids are simply not found. */
  async byIds(claims: HubClaims, ids: readonly string[]): Promise<Map<string, OfferingDocument>> {
    const valid = ids.filter((id) => OBJECT_ID.test(id));
    const rows = await findByIds(this.models.offerings, valid);
    return new Map(rows.filter((row) => isVisibleTo(claims, row)).map((row) => [row._id.toHexString(), row]));
  }

  /** What enrolment needs to know of an offering, whoever asks: its own checks decide what the caller may do. */
  async snapshot(id: string): Promise<OfferingSnapshot | null> {
    if (!OBJECT_ID.test(id)) return null;
    const offering = await this.models.offerings.findOne(hotQueries.offeringById.filter(id)).lean<OfferingDocument>();
    return offering ? toSnapshot(offering) : null;
  }

  /**
   * Offerings an indicator report covers: by offering and project, every one ever published when neither is given. One
   * filter, not an `$and` of conditions, so FerretDB hands the `_id` or the project to an index (the status it checks).
   */
  async snapshotsIn(scope: Pick<IndicatorScope, 'offeringId' | 'projectId'>): Promise<OfferingSnapshot[]> {
    const filter: Record<string, unknown> = { status: serverOperator({ $in: ['published', 'closed', 'archived'] }) };
    if (scope.offeringId) {
      if (!OBJECT_ID.test(scope.offeringId)) return [];
      filter._id = new Types.ObjectId(scope.offeringId);
    }
    if (scope.projectId) filter.projectId = scope.projectId.toLowerCase();
    const offerings = await this.models.offerings.find(filter, { outbox: 0, description: 0 }).lean<OfferingDocument[]>();
    return offerings.map(toSnapshot);
  }

  /**
   * Published, closed and archived offerings from this replica's index; a provider's drafts from the database. The
   * page holds the offerings as listed (OfferingItem): what else a query asks of them is read by id then.
   */
  async search(claims: HubClaims, filter: OfferingFilter, sort: OfferingSort, first: number, after?: string | null): Promise<Page<OfferingItem>> {
    const { status, providerId } = this.visibility(claims, filter);
    const conditions = this.filterConditions(filter);
    const index = await this.catalogue.forStatus(status, providerId);
    const page = index.page({ sort, text: filter.text, where: [(offering) => offering.status === status, ...conditions], keys: this.keyRange(filter, sort), first, after });
    return { items: page.ids.map((id) => index.get(id) as OfferingItem), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  /**
   * The status searched (published by default) and the provider it is limited to: other statuses only for the
   * provider's own staff, and admins.
   */
  private visibility(claims: HubClaims, filter: OfferingFilter): { status: OfferingStatus; providerId?: string } {
    const status = filter.status ?? 'published';
    if (status === 'published' || claims.roles.includes('admin')) return { status };
    const own = hasRole(claims, 'partner-staff', 'municipal-staff') ? claims.organisationId : undefined;
    if (!own || (filter.providerId && filter.providerId !== own)) {
      throw new ForbiddenError({ en: 'Only the provider\'s own staff see offerings that are not published', sv: 'Bara arrangörens egen personal ser insatser som inte är publicerade' }, 'filter.status');
    }
    return { status, providerId: own };
  }

  /**
   * The sort keys the date conditions confine a page to (deadline keys are deadlines, start keys start dates, undated
   * ones "~"), so the page starts among them: most of an open-only list by deadline would otherwise be walked past.
   * Called after filterConditions has checked the dates.
   */
  private keyRange(filter: OfferingFilter, sort: OfferingSort): { from?: string | null; to?: string | null } | undefined {
    if (sort === 'start') return { from: filter.startFrom, to: filter.startTo };
    if (sort !== 'deadline') return undefined;
    const today = filter.openOnly ? this.today() : null;
    const from = [filter.deadlineFrom, today].filter((date): date is string => Boolean(date)).sort().at(-1);
    return { from, to: filter.deadlineTo };
  }

  private filterConditions(filter: OfferingFilter): Array<(offering: OfferingItem) => boolean> {
    const conditions: Array<(offering: OfferingItem) => boolean> = [];
    if (filter.text && filter.text.length > 200) throw new ValidationError({ en: 'At most 200 characters', sv: 'Högst 200 tecken' }, 'filter.text');
    const { kind, format } = filter;
    if (kind) conditions.push((offering) => offering.kind === kind);
    if (format) conditions.push((offering) => offering.format === format);
    if (filter.needs?.length) {
      const needs = new Set<string>(limited(filter.needs, 'filter.needs'));
      conditions.push((offering) => offering.needs.some((need) => needs.has(need)));
    }
    if (filter.targetGroups?.length) {
      const groups = new Set<string>(limited(filter.targetGroups, 'filter.targetGroups'));
      conditions.push((offering) => offering.targetGroups.some((group) => groups.has(group)));
    }
    if (filter.industry) {
      const code = sniPrefix(filter.industry, 'filter.industry');
      // an offering for division 56 suits a company in 56100; an offering for 5610 is found by a search for 56;
      // one for no industry in particular suits every company
      conditions.push((offering) => offering.industries.length === 0 || offering.industries.some((industry) => code.startsWith(industry) || industry.startsWith(code)));
    }
    if (filter.municipalityCode) {
      const code = knownMunicipality(filter.municipalityCode, 'filter.municipalityCode');
      conditions.push((offering) => offering.municipalityCodes.length === 0 || offering.municipalityCodes.includes(code));
    }
    if (filter.providerId) {
      const providerId = filter.providerId.toLowerCase();
      conditions.push((offering) => offering.providerId === providerId);
    }
    if (filter.projectId) {
      const projectId = filter.projectId.toLowerCase();
      conditions.push((offering) => offering.projectId === projectId);
    }
    const deadline = dateRange(filter.deadlineFrom, filter.deadlineTo, 'filter.deadline');
    if (deadline) conditions.push((offering) => deadline(offering.applicationDeadline));
    const start = dateRange(filter.startFrom, filter.startTo, 'filter.start');
    if (start) conditions.push((offering) => start(offering.startDate));
    if (filter.openOnly) {
      const today = this.today();
      conditions.push((offering) => (offering.applicationDeadline ?? today) >= today && (offering.endDate ?? today) >= today);
    }
    return conditions;
  }

  private async moveTo(claims: HubClaims, id: string, status: 'closed' | 'archived', correlationId: string): Promise<OfferingDocument> {
    return this.change(claims, id, async (current) => {
      assertTransition(current.status, status);
      return { set: { status }, event: outboxEntry(OfferingClosed, id, { offeringId: id, status }, correlationId) };
    });
  }

  private sessionsChange(current: OfferingDocument, sessions: ReturnType<typeof plainSession>[], correlationId: string): Change {
    if (current.status !== 'published') return { set: { sessions } };
    const id = current._id.toHexString();
    const details = detailsOf(current);
    assertPublishable(details);
    return {
      set: { sessions },
      event: outboxEntry(OfferingUpdated, id, { ...offeringFacts(id, current.providerId, details), status: 'published', changedFields: ['sessions'] }, correlationId),
    };
  }

  /**
   * Applies a change to one offering as one single-document write under the offering's lock: the state and its event
   * are stored together, planned on what is stored. `plan` returns null when nothing changes.
   */
  private async change(claims: HubClaims, id: string, plan: (current: OfferingDocument) => Promise<Change | null>): Promise<OfferingDocument> {
    await withAggregateLock(this.models.offerings, id, async () => {
      const locked = await this.requireById(claims, id);
      assertMayEditOffering(claims, locked.providerId);
      const planned = await plan(locked);
      if (planned) await this.writeGuarded(locked, planned);
    });
    return this.requireById(claims, id);
  }

  /**
   * One single-document write of the state and its event; called under the offering's lock. The revision check
   * guards against a writer that went around the lock.
   */
  private async writeGuarded(current: OfferingDocument, planned: Change): Promise<void> {
    const result = await this.models.offerings.updateOne(
      hotQueries.offeringAtRevision.filter(current._id, current.revision),
      { $set: planned.set, $inc: { revision: 1 }, ...(planned.event ? { $push: { outbox: planned.event } } : {}) },
    );
    if (result.modifiedCount !== 1) throw new ConflictError({ en: 'The offering was changed by someone else at the same time; try again', sv: 'Insatsen ändrades av någon annan samtidigt; försök igen' });
    if (planned.event) {
      this.outbox.nudge(this.models.offerings, [current._id]);
      // what is announced is what the catalogue holds: this replica searches its own write at once
      await this.catalogue.refresh([current._id.toHexString()]);
    }
  }

  private async assertFunderKnown(details: OfferingDetails, field: string): Promise<void> {
    if (details.funding?.funderId) await this.directory.assertActive(details.funding.funderId, field);
  }
}

/** The offering's editable details as stored, in the shape validation produces. */
export function detailsOf(offering: OfferingDocument): OfferingDetails {
  const localised = (value: { sv: string; en?: string | null } | null | undefined) => (value ? { sv: value.sv, ...(value.en ? { en: value.en } : {}) } : null);
  const funding = offering.funding;
  return {
    projectId: offering.projectId ?? null,
    kind: offering.kind,
    title: localised(offering.title),
    description: localised(offering.description),
    targetGroups: [...offering.targetGroups] as TargetGroup[],
    industries: [...offering.industries],
    municipalityCodes: [...offering.municipalityCodes],
    format: offering.format ?? null,
    startDate: offering.startDate ?? null,
    endDate: offering.endDate ?? null,
    applicationDeadline: offering.applicationDeadline ?? null,
    link: offering.link ?? null,
    capacity: offering.capacity ?? null,
    priceSek: offering.priceSek,
    funding: funding?.description ? { description: funding.description } : funding?.funderId ? { funderId: funding.funderId } : null,
    eligibility: {
      maxEmployees: offering.eligibility.maxEmployees ?? null,
      maxCompanyAgeYears: offering.eligibility.maxCompanyAgeYears ?? null,
      sniPrefixes: [...offering.eligibility.sniPrefixes],
      municipalityCodes: [...offering.eligibility.municipalityCodes],
    },
    needs: [...offering.needs] as Need[],
  };
}

function toSnapshot(offering: OfferingDocument): OfferingSnapshot {
  return {
    id: offering._id.toHexString(),
    providerId: offering.providerId,
    projectId: offering.projectId ?? null,
    status: offering.status,
    capacity: offering.capacity ?? null,
    applicationDeadline: offering.applicationDeadline ?? null,
    municipalityCodes: [...offering.municipalityCodes],
    sessions: offering.sessions.map((session) => ({ id: session.id, startsAt: session.startsAt })),
  };
}

/**
 * What an imported item means for the offering stored under its id: a new one is created published with the
 * defaults of a funding call; a published one takes the source's fields and keeps the rest as its provider set it.
 */
function planImport(providerId: string, current: OfferingDocument | undefined, imported: Partial<OfferingDetailsInput>, field: string, correlationId: string): ImportPlan {
  if (!current) {
    const details = validateOfferingDetails({ ...newFundingCallDefaults(providerId), ...imported }, field);
    assertPublishable(details, field);
    return { action: 'create', details };
  }
  if (current.status !== 'published') return { action: 'keep' };
  const before = detailsOf(current);
  const after = validateOfferingDetails({ ...before, ...imported }, field);
  assertPublishable(after, field);
  const changed = changedFields(before, after);
  if (changed.length === 0) return { action: 'keep' };
  const id = current._id.toHexString();
  return {
    action: 'update',
    current,
    change: {
      set: { ...after, ...derivedFields(after) },
      event: outboxEntry(OfferingUpdated, id, { ...offeringFacts(id, current.providerId, after), status: 'published', changedFields: changed }, correlationId),
    },
  };
}

/** What matching needs of a published offering: ids, codes and classifications, never its texts. */
function offeringFacts(offeringId: string, providerId: string, details: PublishableDetails) {
  return {
    offeringId,
    providerId,
    projectId: details.projectId,
    kind: details.kind,
    needs: details.needs,
    targetGroups: details.targetGroups,
    sniCodes: details.industries,
    municipalityCodes: details.municipalityCodes,
    format: details.format,
    startDate: details.startDate,
    endDate: details.endDate,
    applicationDeadline: details.applicationDeadline,
    capacity: details.capacity,
    eligibility: details.eligibility,
  };
}

/**
 * A new offering as stored, with the sort keys its details imply. Exported so the benchmark
 * can bulk-insert documents exactly as the application writes them.
 */
export function storedOffering(providerId: string, status: OfferingStatus, details: OfferingDetails) {
  return { providerId, status, ...details, ...derivedFields(details) };
}

function derivedFields(details: OfferingDetails) {
  return {
    titleSortKey: swedishSortKey(details.title?.sv ?? ''),
    deadlineSortKey: details.applicationDeadline ?? UNDATED,
    startSortKey: details.startDate ?? UNDATED,
  };
}

function plainSession(session: OfferingDocument['sessions'][number]) {
  return {
    id: session.id,
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    ...(session.place ? { place: session.place } : {}),
    ...(session.link ? { link: session.link } : {}),
  };
}

/** Fields the caller left out stay as they are; an explicit null clears a field (an unlimited capacity, say). */
function presentOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function objectId(value: string, field: string): string {
  if (!OBJECT_ID.test(value)) throw new ValidationError({ en: 'Not a valid id', sv: 'Inte ett giltigt id' }, field);
  return value.toLowerCase();
}

function limited<T>(values: T[], field: string): T[] {
  if (values.length > MAX_FILTER_VALUES) throw new ValidationError({ en: `At most ${MAX_FILTER_VALUES} values`, sv: `Högst ${MAX_FILTER_VALUES} värden` }, field);
  return values;
}

/** Whether a date lies in the range; an undated offering is in no range. Undefined when no bound is given. */
function dateRange(from: string | null | undefined, to: string | null | undefined, field: string): ((date: string | null) => boolean) | undefined {
  const lower = isoDate(from, `${field}From`);
  const upper = isoDate(to, `${field}To`);
  if (!lower && !upper) return undefined;
  return (date) => date !== null && (!lower || date >= lower) && (!upper || date <= upper);
}
