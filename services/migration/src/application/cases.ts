import { hasRole, type HubClaims } from '@hub/shared/auth';
import { swedishDate } from '@hub/shared/calendar';
import { CaseClosed, CaseOpened, CaseStepCompleted, type CaseOutcome, type CaseStep } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { findByIds, isDuplicateKeyError, parseObjectId, withAggregateLock, type Page } from '@hub/shared/mongo';
import { pageAmong, pageOf } from '@hub/shared/search';
import type { OutboxEntry, OutboxNudge } from '@hub/shared/messaging';
import type { PrivacyLedger } from '@hub/shared/privacy';
import { addNote, closeCase, completeStep, openCase, recordFollowUp, recordMoveIn, type CaseStatus, type FollowUp, type InMigrationCase } from '../domain/case';
import { hasConsent, type ConsentRecord } from '../domain/consent';
import { migrationIndicators, validatePeriod, type MunicipalityIndicators, type Period } from '../domain/indicators';
import { isRegion10Municipality } from '@hub/shared/contracts';
import { hotQueries } from '../infrastructure/hot-queries';
import type { CapacityDocument, CaseDocument, MigrationModels } from '../infrastructure/models';
import { isOfficerFor, requireOfficerFor } from './access';
import type { CandidatesApplication } from './candidates';
import { outboxEntry } from './event-sink';

const CASE_FIELDS = ['case'];

export interface CapacityInput {
  households: number;
  housingUnits: number;
  preschoolPlaces: number;
  schoolPlaces: number;
}

function followUpsOf(doc: Pick<CaseDocument, 'followUps'>): FollowUp[] {
  return doc.followUps.map((f) => ({ months: f.months as 6 | 12, stillLiving: f.stillLiving, peopleEmployed: f.peopleEmployed, recordedAt: f.recordedAt }));
}

function toDomain(doc: CaseDocument): InMigrationCase {
  return {
    municipalityCode: doc.municipalityCode,
    householdSize: doc.householdSize,
    status: doc.status,
    steps: doc.steps.map((s) => ({ step: s.step, completedAt: s.completedAt ?? null })),
    notes: doc.notes.map((n) => ({ text: n.text, by: n.by, at: n.at })),
    movedInOn: doc.movedInOn ?? null,
    closedAt: doc.closedAt ?? null,
    outcome: doc.outcome ?? null,
    followUps: followUpsOf(doc),
  };
}

/** The municipalities' in-migration cases: one per household and municipality, worked by that municipality's officers. */
export class CasesApplication {
  constructor(
    private readonly models: MigrationModels,
    private readonly candidates: CandidatesApplication,
    private readonly ledger: PrivacyLedger,
    private readonly outbox: OutboxNudge,
  ) {}

  async open(claims: HubClaims, candidateId: string, municipalityCode: string, correlationId: string): Promise<CaseDocument> {
    if (!isRegion10Municipality(municipalityCode)) throw new ValidationError({ en: 'Not one of Region 10’s municipalities', sv: 'Inte en av Region 10:s kommuner' }, 'municipalityCode');
    requireOfficerFor(claims, municipalityCode);
    const candidate = await this.candidates.read(claims, candidateId, correlationId, 'candidateId');
    if (!hasConsent(candidate.consents as ConsentRecord[], 'in-migration-service')) {
      throw new ValidationError({ en: 'The candidate has withdrawn their consent to the in-migration service', sv: 'Kandidaten har återkallat sitt samtycke till inflyttarservicen' }, 'candidateId');
    }
    const id = candidate._id.toHexString();
    const household = candidate.household;
    const householdSize = 1 + (household.partnerOccupation ? 1 : 0) + household.childrenAges.length;
    const doc = new this.models.cases({
      ...openCase(municipalityCode, householdSize),
      householdId: id,
      candidateId: id,
      officerId: claims.sub,
      openedAt: new Date().toISOString(),
    });
    doc.outbox.push(outboxEntry(CaseOpened, doc._id.toHexString(), { caseId: doc._id.toHexString(), candidateId: id, municipalityCode }, correlationId));
    try {
      await doc.save();
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError({ en: 'The household already has a case in this municipality', sv: 'Hushållet har redan ett inflyttningsärende i den här kommunen' }, 'candidateId');
      throw error;
    }
    await withAggregateLock(this.models.candidates, candidate._id, () =>
      this.models.candidates.updateOne(hotQueries.candidateById.filter(candidate._id), { $addToSet: { caseMunicipalityCodes: municipalityCode } }).exec(),
    );
    this.outbox.nudgeCreated(this.models.cases, [doc.toObject()]);
    return this.read(claims, doc._id.toHexString(), correlationId, 'candidateId');
  }

  async read(claims: HubClaims, id: string, correlationId: string, field = 'id'): Promise<CaseDocument> {
    const doc = await this.visible(claims, id, field, correlationId);
    if (doc.candidateId) await this.ledger.recordRead({ readerId: claims.sub, subjectIds: [doc.candidateId], fields: CASE_FIELDS }, correlationId);
    return doc;
  }

  async listForMunicipality(claims: HubClaims, municipalityCode: string, status: CaseStatus | null | undefined, first: number, after: string | null | undefined, correlationId: string): Promise<Page<CaseDocument>> {
    requireOfficerFor(claims, municipalityCode);
    const opened = await this.models.cases.find(hotQueries.casesIn.filter(municipalityCode, status ?? undefined), { openedAt: 1 }).lean<Array<Pick<CaseDocument, '_id' | 'openedAt'>>>();
    const ids = await pageAmong(opened, (doc) => ({ id: doc._id.toHexString(), sortKey: doc.openedAt }), { first, after });
    const page = await pageOf(ids, (found) => findByIds(this.models.cases, found, { outbox: 0 }));
    const subjects = page.items.flatMap((c) => (c.candidateId ? [c.candidateId] : []));
    await this.ledger.recordRead({ readerId: claims.sub, subjectIds: subjects, fields: CASE_FIELDS }, correlationId);
    return page;
  }

  /** A candidate's cases as far as the caller may see them: an officer only their own municipality's. */
  async ofCandidate(claims: HubClaims, candidateId: string): Promise<CaseDocument[]> {
    const cases = await this.models.cases.find(hotQueries.casesOfCandidate.filter(candidateId), { outbox: 0 }).sort({ openedAt: 1 }).lean<CaseDocument[]>();
    return cases.filter((c) => isOfficerFor(claims, c.municipalityCode));
  }

  completeStep(claims: HubClaims, id: string, step: CaseStep, correlationId: string): Promise<CaseDocument> {
    return this.change(claims, id, correlationId, (current, caseId) => ({
      next: completeStep(current, step, new Date()),
      event: outboxEntry(CaseStepCompleted, caseId, { caseId, municipalityCode: current.municipalityCode, step }, correlationId),
    }));
  }

  addNote(claims: HubClaims, id: string, text: string, correlationId: string): Promise<CaseDocument> {
    return this.change(claims, id, correlationId, (current) => ({ next: addNote(current, text, claims.sub, new Date()) }));
  }

  recordMoveIn(claims: HubClaims, id: string, movedInOn: string, correlationId: string): Promise<CaseDocument> {
    return this.change(claims, id, correlationId, (current) => ({ next: recordMoveIn(current, movedInOn, swedishDate()) }));
  }

  recordFollowUp(claims: HubClaims, id: string, followUp: { months: number; stillLiving: boolean; peopleEmployed: number }, correlationId: string): Promise<CaseDocument> {
    if (followUp.months !== 6 && followUp.months !== 12) throw new ValidationError({ en: 'Follow-ups are made at 6 and 12 months', sv: 'Uppföljningar görs efter 6 och 12 månader' }, 'input.months');
    const months = followUp.months;
    return this.change(claims, id, correlationId, (current) => ({ next: recordFollowUp(current, { ...followUp, months }, swedishDate(), new Date()) }));
  }

  close(claims: HubClaims, id: string, outcome: CaseOutcome, correlationId: string): Promise<CaseDocument> {
    return this.change(claims, id, correlationId, (current, caseId) => ({
      next: closeCase(current, outcome, new Date()),
      event: outboxEntry(CaseClosed, caseId, { caseId, municipalityCode: current.municipalityCode, outcome }, correlationId),
    }));
  }

  /** Aggregates only: anyone may read them. */
  async indicators(municipalityCode: string, period: Period): Promise<MunicipalityIndicators> {
    const valid = validatePeriod(period, 'period');
    const cases = await this.models.cases
      .find(hotQueries.casesIn.filter(municipalityCode), { municipalityCode: 1, openedAt: 1, movedInOn: 1, closedAt: 1, householdSize: 1, followUps: 1 })
      .lean<CaseDocument[]>();
    const facts = cases.map((c) => ({
      municipalityCode: c.municipalityCode,
      openedAt: new Date(c.openedAt),
      movedInOn: c.movedInOn ?? null,
      closedAt: c.closedAt ?? null,
      householdSize: c.householdSize,
      followUps: followUpsOf(c),
    }));
    const [row] = migrationIndicators(facts, valid);
    return row ?? { municipalityCode, activeCases: 0, householdsMovedIn: 0, peopleMovedIn: 0, peopleEmployed: 0, followedUpAt12Months: 0, stillLivingAfter12Months: 0 };
  }

  async setCapacity(claims: HubClaims, municipalityCode: string, year: number, input: CapacityInput): Promise<CapacityDocument> {
    if (!isRegion10Municipality(municipalityCode)) throw new ValidationError({ en: 'Not one of Region 10’s municipalities', sv: 'Inte en av Region 10:s kommuner' }, 'municipalityCode');
    requireOfficerFor(claims, municipalityCode);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError({ en: 'A year between 2000 and 2100', sv: 'Ett år mellan 2000 och 2100' }, 'year');
    for (const [key, value] of Object.entries(input)) {
      if (!Number.isInteger(value) || value < 0 || value > 100_000) throw new ValidationError({ en: 'A whole number from 0 to 100,000', sv: 'Ett heltal från 0 till 100 000' }, `input.${key}`);
    }
    const _id = `${municipalityCode}:${year}`;
    await withAggregateLock(this.models.capacities, _id, () =>
      this.models.capacities.updateOne(hotQueries.capacityById.filter(_id), { $set: { municipalityCode, year, ...input, updatedBy: claims.sub } }, { upsert: true }).exec(),
    );
    return (await this.capacity(municipalityCode, year)) as CapacityDocument;
  }

  async capacity(municipalityCode: string, year: number): Promise<CapacityDocument | null> {
    return this.models.capacities.findOne(hotQueries.capacityById.filter(`${municipalityCode}:${year}`)).lean<CapacityDocument>();
  }

  async capacitiesOf(year: number): Promise<CapacityDocument[]> {
    return this.models.capacities.find(hotQueries.capacitiesOfYear.filter(year)).lean<CapacityDocument[]>();
  }

  private async visible(claims: HubClaims, id: string, field: string, correlationId: string): Promise<CaseDocument> {
    if (!hasRole(claims, 'migration-officer')) throw new ForbiddenError({ en: 'Cases are for migration officers', sv: 'Inflyttningsärenden visas bara för inflyttningshandläggare' });
    const doc = await this.models.cases.findOne(hotQueries.caseById.filter(parseObjectId(id, field)), { outbox: 0 }).lean<CaseDocument>();
    if (!doc) throw new NotFoundError({ en: 'No case with this id', sv: 'Det finns inget ärende med detta id' }, field);
    if (!isOfficerFor(claims, doc.municipalityCode)) {
      if (doc.candidateId) await this.ledger.recordRefusal({ readerId: claims.sub, subjectIds: [doc.candidateId], fields: CASE_FIELDS }, correlationId);
      requireOfficerFor(claims, doc.municipalityCode);
    }
    return doc;
  }

  /** One write under the case's lock; the revision check guards against a writer that went around the lock. */
  private async change(
    claims: HubClaims,
    id: string,
    correlationId: string,
    plan: (current: InMigrationCase, caseId: string) => { next: InMigrationCase; event?: OutboxEntry },
  ): Promise<CaseDocument> {
    // the case's id when the write stored an event
    const withEvent = await withAggregateLock(this.models.cases, id, async () => {
      const current = await this.visible(claims, id, 'caseId', correlationId);
      if (current.anonymisedAt) throw new ConflictError({ en: 'The case is anonymised and can no longer change', sv: 'Ärendet är anonymiserat och kan inte längre ändras' }, 'caseId');
      const planned = plan(toDomain(current), current._id.toHexString());
      const update: Record<string, unknown> = { $set: { ...planned.next }, $inc: { revision: 1 } };
      if (planned.event) update.$push = { outbox: planned.event };
      const result = await this.models.cases.updateOne(hotQueries.caseAtRevision.filter(current._id, current.revision), update);
      if (result.modifiedCount !== 1) throw new ConflictError({ en: 'The case was changed by someone else at the same time; try again', sv: 'Ärendet ändrades av någon annan samtidigt; försök igen' });
      return planned.event ? current._id : null;
    });
    if (withEvent) this.outbox.nudge(this.models.cases, [withEvent]);
    return this.read(claims, id, correlationId, 'caseId');
  }
}
