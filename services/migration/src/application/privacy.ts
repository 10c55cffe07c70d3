import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { requireRole, type HubClaims } from '@hub/shared/auth';
import { HUB_SERVICES, PersonErased, type AccessOutcome, type HubService } from '@hub/shared/contracts';
import { NotFoundError, ValidationError } from '@hub/shared/errors';
import { derivedObjectId, isDuplicateKeyError, keysetPage, updateEach, withAggregateLock, type Page } from '@hub/shared/mongo';
import { ERASED_PERSON, forgetInAccessLog, type PrivacyLedger } from '@hub/shared/privacy';
import type { OutboxNudge } from '@hub/shared/messaging';
import { ANONYMISED, anonymisationDue } from '../domain/retention';
import { hotQueries } from '../infrastructure/hot-queries';
import type { AccessRecordDocument, CaseDocument, ErasureDocument, MigrationModels } from '../infrastructure/models';
import { outboxEntry } from './event-sink';

const PERSON_ID = /^[0-9a-f]{24}$/;

export interface AccessLogFilter {
  subjectId?: string | null;
  readerId?: string | null;
}

export interface ErasureView {
  id: string;
  requestedAt: Date;
  completions: Array<{ service: HubService; at: Date }>;
  complete: boolean;
}

/** Complete once every service has completed it and it no longer knows whom it erased (see recordCompletion). */
function toErasureView(doc: ErasureDocument): ErasureView {
  const completions = doc.completions.map((c) => ({ service: c.service, at: c.at }));
  return { id: doc._id, requestedAt: doc.requestedAt, completions, complete: HUB_SERVICES.every((s) => completions.some((c) => c.service === s)) && !doc.personId };
}

/** What stays of a case when the person goes: the municipality, dates, household size and follow-ups; not who, not the notes. */
function anonymousCase(): Record<string, unknown> {
  return { householdId: `${ANONYMISED}:${randomUUID()}`, candidateId: null, notes: [], anonymisedAt: new Date() };
}

/**
 * The hub's personal-data duties that the migration service owns: the access log of every service, the right of
 * access (this service's part), erasure requests (published to every service, completed here first) and the
 * retention of closed cases.
 */
export class PrivacyApplication {
  constructor(
    private readonly models: MigrationModels,
    private readonly ledger: PrivacyLedger,
    private readonly outbox: OutboxNudge,
    private readonly retentionDays: number,
  ) {}

  /** The key every service's part of a right-of-access answer hangs on. */
  personalDataKey(claims: HubClaims, personId: string): { personId: string } {
    requireRole(claims, 'admin');
    return { personId: requirePersonId(personId, 'personId') };
  }

  /** This service's part of a right-of-access answer; the read itself is logged. */
  async personalData(claims: HubClaims, personId: string, correlationId: string): Promise<Record<string, unknown>> {
    requireRole(claims, 'admin');
    const id = requirePersonId(personId, 'personId');
    const [candidate, cases, accessAsSubject, accessAsReader] = await Promise.all([
      this.models.candidates.findById(new Types.ObjectId(id), { outbox: 0, revision: 0, __v: 0 }).lean(),
      this.models.cases.find({ candidateId: id }, { outbox: 0, revision: 0, __v: 0 }).lean(),
      this.models.accessRecords.find({ subjectIds: id }).sort({ at: 1 }).lean(),
      this.models.accessRecords.find({ readerId: id }).sort({ at: 1 }).lean(),
    ]);
    await this.ledger.recordRead({ readerId: claims.sub, subjectIds: [id], fields: ['personalData'] }, correlationId);
    return JSON.parse(
      JSON.stringify({ candidate, cases, readsOfTheirData: accessAsSubject, readsTheyMade: accessAsReader }),
    ) as Record<string, unknown>;
  }

  async accessLog(claims: HubClaims, filter: AccessLogFilter | null | undefined, first: number, after?: string | null): Promise<Page<AccessRecordDocument>> {
    requireRole(claims, 'admin');
    const query: Record<string, unknown> = {};
    if (filter?.subjectId) query.subjectIds = filter.subjectId;
    if (filter?.readerId) query.readerId = filter.readerId;
    return keysetPage<AccessRecordDocument>(this.models.accessRecords, query, { sortField: 'at', first, after });
  }

  /**
   * Folds one service's PersonalDataAccessed into the hub's log: one insert under an id derived from the access, the
   * write FerretDB makes atomic, so no lock. A redelivery finds the record and leaves it as it is, also when an erasure
   * has rewritten it since (an upsert would give it back the erased person's id).
   */
  async recordAccess(entry: { accessId: string; readerId: string; subjectIds: string[]; fields: string[]; service: HubService; outcome: AccessOutcome; at: string }): Promise<void> {
    try {
      await this.models.accessRecords.create({ _id: new Types.ObjectId(derivedObjectId('access', entry.accessId)), ...entry });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /**
   * Publishes the erasure to every service and erases here at once. The request keeps whom it erases only until every
   * service has completed it; after that the person's id is only in the PersonErased event.
   */
  async requestErasure(claims: HubClaims, personId: string, correlationId: string): Promise<ErasureView> {
    requireRole(claims, 'admin');
    const id = requirePersonId(personId, 'personId');
    const erasureId = randomUUID();
    const requested = await this.models.erasures.create({
      _id: erasureId,
      personId: id,
      requestedBy: claims.sub,
      requestedAt: new Date(),
      outbox: [outboxEntry(PersonErased, erasureId, { erasureId, personId: id }, correlationId)],
    });
    this.outbox.nudgeCreated(this.models.erasures, [requested.toObject()]);
    await this.eraseHere(erasureId, id, correlationId);
    return this.erasure(claims, erasureId);
  }

  /**
   * Removes the person from this service; the same steps run again for a redelivered PersonErased change nothing.
   * Every document is rewritten under its lock; array elements whole (FerretDB 1.24 has no positional operator).
   */
  async eraseHere(erasureId: string, personId: string, correlationId: string): Promise<void> {
    const { models } = this;
    // a delete needs no lock: a write meeting it finds no document, and an update never brings one back
    if (PERSON_ID.test(personId)) await models.candidates.deleteOne({ _id: new Types.ObjectId(personId) });
    await updateEach(models.cases, { candidateId: personId }, { $set: anonymousCase() });
    await updateEach(models.cases, { officerId: personId }, { $set: { officerId: ERASED_PERSON } });
    await updateEach(models.cases, { 'notes.by': personId }, (c) => ({ $set: { notes: c.notes.map((n) => (n.by === personId ? { ...n, by: ERASED_PERSON } : n)) }, $inc: { revision: 1 } }));
    await updateEach(models.candidates, { registeredBy: personId }, { $set: { registeredBy: ERASED_PERSON } });
    await updateEach(models.candidates, { 'consents.recordedBy': personId }, (c) => ({
      $set: { consents: c.consents.map((r) => (r.recordedBy === personId ? { ...r, recordedBy: ERASED_PERSON } : r)) },
      $inc: { revision: 1 },
    }));
    await updateEach(models.capacities, { updatedBy: personId }, { $set: { updatedBy: ERASED_PERSON } });
    await updateEach(models.erasures, { requestedBy: personId }, { $set: { requestedBy: ERASED_PERSON } });
    await forgetInAccessLog<AccessRecordDocument>(models.accessRecords, personId);
    await this.ledger.completeErasure(erasureId, personId, correlationId);
  }

  /**
   * Folds a service's completion into its erasure request, once per service. After the last one, the hub's access log
   * forgets the person once more, and only then does the request forget whom it erased (and count as complete): a
   * PersonalDataAccessed logged before the erasure travels on another partition than PersonErased and may be folded
   * after it. Each service sends such a read before its own completion (its relay sends the oldest first, and its
   * erasure scrubbed what still waited in its outbox), so by the last completion they have arrived, unless one lags on
   * its partition behind that completion. A completion delivered again finishes what a crash interrupted.
   */
  async recordCompletion(erasureId: string, service: HubService, at: Date): Promise<void> {
    const forget = await withAggregateLock(this.models.erasures, erasureId, async () => {
      const erasure = await this.models.erasures.findOne(hotQueries.erasureById.filter(erasureId), { personId: 1, completions: 1 }).lean<ErasureDocument>();
      if (!erasure) return undefined;
      if (!erasure.completions.some((c) => c.service === service)) await this.models.erasures.updateOne(hotQueries.erasureById.filter(erasureId), { $push: { completions: { service, at } } });
      const everyService = HUB_SERVICES.every((s) => s === service || erasure.completions.some((c) => c.service === s));
      return everyService ? (erasure.personId ?? undefined) : undefined;
    });
    if (!forget) return;
    // outside the request's lock: it rewrites many documents, each under its own
    await forgetInAccessLog<AccessRecordDocument>(this.models.accessRecords, forget);
    await withAggregateLock(this.models.erasures, erasureId, () => this.models.erasures.updateOne(hotQueries.erasureById.filter(erasureId), { $unset: { personId: 1 } }).exec());
  }

  async erasure(claims: HubClaims, id: string): Promise<ErasureView> {
    requireRole(claims, 'admin');
    const doc = await this.models.erasures.findOne(hotQueries.erasureById.filter(id), { outbox: 0 }).lean<ErasureDocument>();
    if (!doc) throw new NotFoundError({ en: 'No erasure with this id', sv: 'Det finns ingen radering med detta id' }, 'id');
    return toErasureView(doc);
  }

  runRetentionFor(claims: HubClaims): Promise<{ anonymisedCases: number; closedBefore: Date }> {
    requireRole(claims, 'admin');
    return this.runRetention();
  }

  /** Anonymises every case closed longer ago than the retention period; run on a schedule and on an admin's request. */
  async runRetention(now: Date = new Date()): Promise<{ anonymisedCases: number; closedBefore: Date }> {
    const closedBefore = new Date(now.getTime() - this.retentionDays * 24 * 60 * 60 * 1000);
    const closed = await this.models.cases.find({ status: 'closed', anonymisedAt: null }, { closedAt: 1 }).lean<CaseDocument[]>();
    let anonymisedCases = 0;
    for (const c of closed) {
      if (!c.closedAt || !anonymisationDue(c.closedAt, this.retentionDays, now)) continue;
      anonymisedCases += await updateEach(this.models.cases, { _id: c._id, anonymisedAt: null }, { $set: anonymousCase() });
    }
    return { anonymisedCases, closedBefore };
  }
}

function requirePersonId(personId: string, field: string): string {
  const id = personId.trim().toLowerCase();
  if (!PERSON_ID.test(id)) throw new ValidationError({ en: 'Not a person id (24 hexadecimal characters)', sv: 'Inte ett person-id (24 hexadecimala tecken)' }, field);
  return id;
}
