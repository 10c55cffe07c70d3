import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { hasRole, type HubClaims } from '@hub/shared/auth';
import { VacancyClosed, VacancyPublished, VacancyUpdated } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/shared/errors';
import type { CreatedDocument, OutboxEntry, OutboxNudge } from '@hub/shared/messaging';
import { derivedObjectId, findByIds, parseObjectId, withAggregateLock, type Page } from '@hub/shared/mongo';
import { pageOf } from '@hub/shared/search';
import { isOccupationCode } from '../domain/occupations';
import { isRegion10Municipality } from '@hub/shared/contracts';
import { validateVacancy, type VacancyDetails, type VacancyInput, type VacancyStatus } from '../domain/vacancy';
import type { VacancyFacts, VacancyIndex } from '../domain/matching';
import { hotQueries } from '../infrastructure/hot-queries';
import type { MigrationModels, VacancyDocument } from '../infrastructure/models';
import type { ListedVacancy, VacancyList } from '../infrastructure/vacancy-list';
import { canActForEmployer } from './access';
import type { EmployerDirectory } from './employers';
import { outboxEntry } from './event-sink';
import { importFingerprint, ImportedVacancies } from './imported-vacancies';

export interface VacancyFilter {
  municipalityCode?: string | null;
  occupationCode?: string | null;
  status?: VacancyStatus | null;
}

/**
 * What the matching index keeps of a vacancy: the facts it ranks by and the title a match shows, never the description
 * (100,000 descriptions weigh).
 */
function vacancyFacts(id: string, employerId: string, details: VacancyDetails, status: VacancyStatus): VacancyFacts {
  const { title, municipalityCode, occupationCode, startDate, workMode, housingHelp, applicationDeadline } = details;
  return { id, employerId, title, municipalityCode, occupationCode, startDate, workMode, housingHelp, applicationDeadline, status };
}

function toVacancyFacts(doc: VacancyDocument): VacancyFacts {
  return vacancyFacts(doc._id.toHexString(), doc.employerId, detailsOf(doc), doc.status);
}

/** Employers' vacancies: public like job ads; published by the employer's staff or an integration job. */
export class VacanciesApplication {
  private readonly imported = new ImportedVacancies();

  constructor(
    private readonly models: MigrationModels,
    private readonly index: VacancyIndex,
    private readonly listed: VacancyList,
    private readonly employers: EmployerDirectory,
    private readonly outbox: OutboxNudge,
  ) {}

  /** Loads every vacancy into the lists, the open ones into the matching index and the imported ones by external id; once, at start. */
  async load(): Promise<void> {
    const all = await this.models.vacancies.find({}, { outbox: 0 }).lean<VacancyDocument[]>();
    await this.listed.fill(all);
    for (const doc of all) {
      if (doc.status === 'open') this.index.upsert(toVacancyFacts(doc));
      if (doc.externalId) this.imported.set(doc.externalId, { id: doc._id.toHexString(), employerId: doc.employerId, fingerprint: importFingerprint(doc.employerId, detailsOf(doc)), status: doc.status });
    }
  }

  async publish(claims: HubClaims, employerId: string, input: VacancyInput, correlationId: string): Promise<VacancyDocument> {
    if (!canActForEmployer(claims, employerId)) throw new ForbiddenError({ en: "Vacancies are published by the employer's own staff", sv: 'Lediga jobb publiceras av arbetsgivarens egen personal' });
    const details = validateVacancy(input);
    if (details.externalId && this.imported.get(details.externalId)) throw new ConflictError({ en: 'A vacancy with this external id exists already', sv: 'Det finns redan ett ledigt jobb med detta externa id' }, 'input.externalId');
    this.requireEmployers([employerId], () => 'employerId');
    const publishedAt = new Date().toISOString();
    const doc = new this.models.vacancies({ employerId: employerId.toLowerCase(), ...details, status: 'open', publishedAt });
    const vacancyId = doc._id.toHexString();
    const event = outboxEntry(
      VacancyPublished,
      vacancyId,
      { vacancyId, employerId: doc.employerId, municipalityCode: details.municipalityCode, occupationCode: details.occupationCode, externalId: details.externalId },
      correlationId,
    );
    doc.outbox.push(event);
    await doc.save();
    const saved = doc.toObject() as VacancyDocument;
    this.outbox.nudgeCreated(this.models.vacancies, [saved]);
    this.index.upsert(toVacancyFacts(saved));
    this.listed.written([{ id: vacancyId, employerId: saved.employerId, municipalityCode: saved.municipalityCode, occupationCode: saved.occupationCode, status: 'open', publishedAt }], [event.eventId]);
    if (details.externalId) this.imported.set(details.externalId, { id: vacancyId, employerId: saved.employerId, fingerprint: importFingerprint(saved.employerId, details), status: 'open' });
    return saved;
  }

  async close(claims: HubClaims, id: string, correlationId: string): Promise<VacancyDocument> {
    const closed = await withAggregateLock(this.models.vacancies, parseObjectId(id), async () => {
      const current = await this.require(id);
      if (!canActForEmployer(claims, current.employerId)) throw new ForbiddenError({ en: "Vacancies are closed by the employer's own staff", sv: 'Lediga jobb stängs av arbetsgivarens egen personal' });
      if (current.status === 'closed') throw new ConflictError({ en: 'The vacancy is already closed', sv: 'Jobbet är redan stängt' });
      const event = outboxEntry(VacancyClosed, id, { vacancyId: current._id.toHexString(), employerId: current.employerId }, correlationId);
      await this.models.vacancies.updateOne(hotQueries.vacancyById.filter(current._id), { $set: { status: 'closed' }, $push: { outbox: event } });
      return { current, event };
    });
    this.outbox.nudge(this.models.vacancies, [closed.current._id]);
    this.index.remove(closed.current._id.toHexString());
    this.listed.written(this.closedInList([closed.current._id.toHexString()]), [closed.event.eventId]);
    const imported = closed.current.externalId ? this.imported.get(closed.current.externalId) : undefined;
    if (imported) imported.status = 'closed';
    return this.require(id);
  }

  async find(id: string): Promise<VacancyDocument | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    return this.models.vacancies.findOne(hotQueries.vacancyById.filter(new Types.ObjectId(id)), { outbox: 0 }).lean<VacancyDocument>();
  }

  /** Vacancies by id, for a request's loader; ids of no vacancy are left out. */
  async byIds(ids: readonly string[]): Promise<Map<string, VacancyDocument>> {
    const found = await findByIds<VacancyDocument>(this.models.vacancies, ids, { outbox: 0 });
    return new Map(found.map((doc) => [doc._id.toHexString(), doc]));
  }

  async require(id: string, field = 'id'): Promise<VacancyDocument> {
    parseObjectId(id, field);
    const doc = await this.find(id);
    if (!doc) throw new NotFoundError({ en: 'No vacancy with this id', sv: 'Det finns inget ledigt jobb med detta id' }, field);
    return doc;
  }

  /** From this replica's list, oldest published first. */
  async list(filter: VacancyFilter | null | undefined, first: number, after?: string | null): Promise<Page<VacancyDocument>> {
    const conditions: Array<(vacancy: ListedVacancy) => boolean> = [];
    const municipalityCode = filter?.municipalityCode;
    if (municipalityCode) {
      if (!isRegion10Municipality(municipalityCode)) throw new ValidationError({ en: 'Not one of Region 10’s municipalities', sv: 'Inte en av Region 10:s kommuner' }, 'filter.municipalityCode');
      conditions.push((vacancy) => vacancy.municipalityCode === municipalityCode);
    }
    const occupationCode = filter?.occupationCode;
    if (occupationCode) {
      if (!isOccupationCode(occupationCode)) throw new ValidationError({ en: 'Not an SSYK 2012 occupation code', sv: 'Inte en yrkeskod enligt SSYK 2012' }, 'filter.occupationCode');
      conditions.push((vacancy) => vacancy.occupationCode === occupationCode);
    }
    const status = filter?.status;
    if (status) conditions.push((vacancy) => vacancy.status === status);
    const page = this.listed.index.page({ sort: 'published', where: conditions, first, after });
    return pageOf(page, (ids) => findByIds(this.models.vacancies, ids, { outbox: 0 }));
  }

  async ofEmployer(employerId: string, status?: VacancyStatus | null): Promise<VacancyDocument[]> {
    const employer = employerId.toLowerCase();
    const ids = this.listed.index.all('published', (vacancy) => vacancy.employerId === employer && (!status || vacancy.status === status)).map((vacancy) => vacancy.id);
    return findByIds(this.models.vacancies, ids, { outbox: 0 });
  }

  /**
   * Job ads from a source as vacancies, matched on their external id: new ones created, changed ones updated, the
   * same ones left alone, so a repeated import changes nothing. Every item is checked before anything is written.
   * A vacancy's id is derived from its external id and the batch's events are written first, so an import cut off
   * half-way and run again ends in the same vacancies, with each change's event sent at least once.
   */
  async sync(claims: HubClaims, items: VacancySyncItem[], correlationId: string): Promise<SyncCounts> {
    if (!hasRole(claims, 'integration')) throw new ForbiddenError({ en: 'Vacancies are imported by integrations', sv: 'Lediga jobb importeras av integrationer' });
    requireBatchSize(items.length, 'input');
    const planned = items.map((item, i) => {
      const details = validateVacancy(item.vacancy, `input.${i}.vacancy`);
      if (!details.externalId) throw new ValidationError({ en: 'An imported vacancy needs its external id', sv: 'Ett importerat ledigt jobb behöver sitt externa id' }, `input.${i}.vacancy.externalId`);
      return { employerId: item.employerId.toLowerCase(), details, externalId: details.externalId };
    });
    const seen = new Set<string>();
    planned.forEach(({ externalId }, i) => {
      if (seen.has(externalId)) throw new ValidationError({ en: 'The same external id twice in one batch', sv: 'Samma externa id två gånger i samma omgång' }, `input.${i}.vacancy.externalId`);
      seen.add(externalId);
    });
    this.requireEmployers(planned.map((p) => p.employerId), (i) => `input.${i}.employerId`);

    const counts: SyncCounts = { created: 0, updated: 0, unchanged: 0, closed: 0, unknown: 0 };
    const events: OutboxEntry[] = [];
    const created: NewVacancy[] = [];
    const updated: Array<{ id: string; set: Record<string, unknown> }> = [];
    const now = new Date();
    const publishedAt = now.toISOString();
    for (const { employerId, details, externalId } of planned) {
      const fingerprint = importFingerprint(employerId, details);
      const known = this.imported.get(externalId);
      if (known && known.fingerprint === fingerprint && known.status === 'open') {
        counts.unchanged += 1;
        continue;
      }
      const vacancyId = known?.id ?? importedVacancyId(externalId);
      const payload = { vacancyId, employerId, municipalityCode: details.municipalityCode, occupationCode: details.occupationCode, externalId };
      if (known) {
        counts.updated += 1;
        updated.push({ id: vacancyId, set: { employerId, ...details, status: 'open' } });
        events.push(outboxEntry(VacancyUpdated, vacancyId, payload, correlationId));
      } else {
        counts.created += 1;
        // whole, as mongoose would store it: the insert below skips its casting (see insertIgnoringExisting)
        created.push({ _id: new Types.ObjectId(vacancyId), employerId, ...details, status: 'open', publishedAt, outbox: [], outboxPending: false, createdAt: now, updatedAt: now, __v: 0 });
        events.push(outboxEntry(VacancyPublished, vacancyId, payload, correlationId));
      }
    }
    if (events.length === 0) return counts;
    const batch = await this.storeSyncBatch(events);
    if (created.length > 0) await this.insertIgnoringExisting(created);
    for (const { id, set } of updated) await this.setUnderLock(id, set);
    this.outbox.nudgeCreated(this.models.vacancySyncBatches, [batch]);
    const listed: ListedVacancy[] = [];
    for (const { employerId, details, externalId } of planned) {
      const id = this.imported.get(externalId)?.id ?? importedVacancyId(externalId);
      this.imported.set(externalId, { id, employerId, fingerprint: importFingerprint(employerId, details), status: 'open' });
      this.index.upsert(vacancyFacts(id, employerId, details, 'open'));
      // an update keeps the date it was first published
      listed.push({ id, employerId, municipalityCode: details.municipalityCode, occupationCode: details.occupationCode, status: 'open', publishedAt: this.listed.index.get(id)?.publishedAt ?? publishedAt });
    }
    this.listed.written(listed, events.map((event) => event.eventId));
    return counts;
  }

  /** Closes the imported vacancies whose ads were removed at the source; ids never imported are counted, not refused. */
  async closeImported(claims: HubClaims, externalIds: string[], correlationId: string): Promise<SyncCounts> {
    if (!hasRole(claims, 'integration')) throw new ForbiddenError({ en: 'Vacancies are imported by integrations', sv: 'Lediga jobb importeras av integrationer' });
    requireBatchSize(externalIds.length, 'externalIds');
    const counts: SyncCounts = { created: 0, updated: 0, unchanged: 0, closed: 0, unknown: 0 };
    const closing: Array<{ id: string; employerId: string; externalId: string }> = [];
    for (const externalId of new Set(externalIds)) {
      const known = this.imported.get(externalId);
      if (!known) counts.unknown += 1;
      else if (known.status === 'closed') counts.unchanged += 1;
      else closing.push({ id: known.id, employerId: known.employerId, externalId });
    }
    if (closing.length === 0) return counts;
    const events = closing.map(({ id, employerId }) => outboxEntry(VacancyClosed, id, { vacancyId: id, employerId }, correlationId));
    const batch = await this.storeSyncBatch(events);
    // one write by _id each, under its lock: an $in would read every vacancy to find them
    for (const { id } of closing) await this.setUnderLock(id, { status: 'closed' });
    this.outbox.nudgeCreated(this.models.vacancySyncBatches, [batch]);
    for (const { id, externalId } of closing) {
      this.index.remove(id);
      const known = this.imported.get(externalId);
      if (known) known.status = 'closed';
    }
    this.listed.written(this.closedInList(closing.map((c) => c.id)), events.map((event) => event.eventId));
    counts.closed = closing.length;
    return counts;
  }

  private async setUnderLock(id: string, set: Record<string, unknown>): Promise<void> {
    const _id = new Types.ObjectId(id);
    await withAggregateLock(this.models.vacancies, _id, () => this.models.vacancies.updateOne(hotQueries.vacancyById.filter(_id), { $set: set }).exec());
  }

  private closedInList(ids: string[]): ListedVacancy[] {
    return ids.flatMap((id) => {
      const listed = this.listed.index.get(id);
      return listed ? [{ ...listed, status: 'closed' as const }] : [];
    });
  }

  /** Every employer must be an active organisation of the register (any kind employs: companies, regions, municipalities…). */
  private requireEmployers(employerIds: string[], field: (index: number) => string): void {
    employerIds.forEach((id, i) => {
      const employer = this.employers.get(id);
      if (!employer || !employer.kind) throw new ValidationError({ en: 'No organisation with this id in the register', sv: 'Det finns ingen organisation med detta id i registret' }, field(i));
      if (employer.status !== 'active') throw new ValidationError({ en: 'The employer is no longer active', sv: 'Arbetsgivaren är inte längre aktiv' }, field(i));
    });
  }

  /**
   * A batch's events in one document for the relay. Built whole and inserted without mongoose's casting (`lean`): its
   * hundreds of outbox entries as subdocuments cost the service more than the database's insert. So the flag the
   * outbox plugin would set is set here. Returns the document as stored, for the relay to send without reading it back.
   */
  private async storeSyncBatch(events: OutboxEntry[]): Promise<CreatedDocument> {
    const batch = { _id: randomUUID(), outbox: events };
    await this.models.vacancySyncBatches.insertMany([{ ...batch, at: new Date(), outboxPending: true }], { lean: true });
    return batch;
  }

  /**
   * A batch run again after a cut-off finds some of its vacancies stored already: those stay as they are. The
   * documents come whole from sync (validated there), so they are inserted without mongoose's casting and validation,
   * which took more of the service's time than anything else in an import.
   */
  private async insertIgnoringExisting(docs: NewVacancy[]): Promise<void> {
    try {
      await this.models.vacancies.insertMany(docs, { ordered: false, lean: true });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
      if (!writeErrors || writeErrors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw error;
    }
  }
}

/** An imported vacancy as stored, every field the schema would fill in included. */
type NewVacancy = Omit<VacancyDocument, 'outbox'> & { outbox: OutboxEntry[]; __v: number };

export interface VacancySyncItem {
  employerId: string;
  vacancy: VacancyInput;
}

export interface SyncCounts {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  unknown: number;
}

export const MAX_SYNC_BATCH = 500;

function requireBatchSize(size: number, field: string): void {
  if (size < 1 || size > MAX_SYNC_BATCH) throw new ValidationError({ en: `Between 1 and ${MAX_SYNC_BATCH} at a time`, sv: `Mellan 1 och ${MAX_SYNC_BATCH} åt gången` }, field);
}

/** The same external id always makes the same vacancy id: a repeated import after a cut-off cannot create a twin. */
function importedVacancyId(externalId: string): string {
  return derivedObjectId('vacancy', externalId);
}

function detailsOf(doc: VacancyDocument): VacancyDetails {
  return {
    title: doc.title,
    occupationCode: doc.occupationCode,
    municipalityCode: doc.municipalityCode,
    startDate: doc.startDate ?? null,
    workMode: doc.workMode,
    housingHelp: doc.housingHelp,
    positions: doc.positions,
    applicationDeadline: doc.applicationDeadline ?? null,
    description: doc.description ?? null,
    externalId: doc.externalId ?? null,
  };
}
