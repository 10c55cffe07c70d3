import type { HubClaims } from '@hub/shared/auth';
import { VacancyClosed, VacancyPublished } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { keysetPage, parseObjectId, type Page } from '@hub/shared/mongo';
import { isOccupationCode } from '../domain/occupations';
import { isRegion10Municipality } from '../domain/municipalities';
import { validateVacancy, type VacancyInput, type VacancyStatus } from '../domain/vacancy';
import type { VacancyFacts, VacancyIndex } from '../domain/matching';
import type { MigrationModels, VacancyDocument } from '../infrastructure/models';
import { canActForEmployer } from './access';
import { outboxEntry, type OutboxNudge } from './event-sink';

/** Organisations that may publish vacancies: employers, and companies that hire. */
const EMPLOYING_KINDS = new Set(['employer', 'company']);

export interface VacancyFilter {
  municipalityCode?: string | null;
  occupationCode?: string | null;
  status?: VacancyStatus | null;
}

export function toVacancyFacts(doc: VacancyDocument): VacancyFacts {
  return {
    id: doc._id.toHexString(),
    employerId: doc.employerId,
    municipalityCode: doc.municipalityCode,
    occupationCode: doc.occupationCode,
    startDate: doc.startDate ?? null,
    workMode: doc.workMode,
    housingHelp: doc.housingHelp,
    status: doc.status,
    applicationDeadline: doc.applicationDeadline ?? null,
  };
}

/** Employers' vacancies: public like job ads; published by the employer's staff or an integration job. */
export class VacanciesApplication {
  constructor(
    private readonly models: MigrationModels,
    private readonly index: VacancyIndex,
    private readonly outbox: OutboxNudge,
  ) {}

  /** Loads every open vacancy into the matching index; called once at start. */
  async loadIndex(): Promise<void> {
    const open = await this.models.vacancies.find({ status: 'open' }, { outbox: 0 }).lean<VacancyDocument[]>();
    for (const doc of open) this.index.upsert(toVacancyFacts(doc));
  }

  async publish(claims: HubClaims, employerId: string, input: VacancyInput, correlationId: string): Promise<VacancyDocument> {
    if (!canActForEmployer(claims, employerId)) throw new ForbiddenError("Vacancies are published by the employer's own staff");
    const details = validateVacancy(input);
    const employer = await this.models.employers.findById(employerId.toLowerCase()).lean();
    if (!employer || !employer.kind || !EMPLOYING_KINDS.has(employer.kind)) throw new ValidationError('No employer or company with this id', 'employerId');
    if (employer.status !== 'active') throw new ValidationError('The employer is no longer active', 'employerId');
    const publishedAt = new Date().toISOString();
    const doc = new this.models.vacancies({ employerId: employerId.toLowerCase(), ...details, status: 'open', publishedAt });
    const vacancyId = doc._id.toHexString();
    doc.outbox.push(
      outboxEntry(
        VacancyPublished,
        vacancyId,
        { vacancyId, employerId: doc.employerId, municipalityCode: details.municipalityCode, occupationCode: details.occupationCode, externalId: details.externalId },
        correlationId,
      ),
    );
    await doc.save();
    this.outbox.nudge();
    const saved = doc.toObject() as VacancyDocument;
    this.index.upsert(toVacancyFacts(saved));
    return saved;
  }

  async close(claims: HubClaims, id: string, correlationId: string): Promise<VacancyDocument> {
    const current = await this.require(id);
    if (!canActForEmployer(claims, current.employerId)) throw new ForbiddenError("Vacancies are closed by the employer's own staff");
    if (current.status === 'closed') throw new ConflictError('The vacancy is already closed');
    const event = outboxEntry(VacancyClosed, id, { vacancyId: current._id.toHexString(), employerId: current.employerId }, correlationId);
    const result = await this.models.vacancies.updateOne({ _id: current._id, status: 'open' }, { $set: { status: 'closed' }, $push: { outbox: event } });
    if (result.modifiedCount !== 1) throw new ConflictError('The vacancy was closed by someone else at the same time');
    this.outbox.nudge();
    this.index.remove(current._id.toHexString());
    return this.require(id);
  }

  async find(id: string): Promise<VacancyDocument | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    return this.models.vacancies.findById(id, { outbox: 0 }).lean<VacancyDocument>();
  }

  async require(id: string, field = 'id'): Promise<VacancyDocument> {
    parseObjectId(id, field);
    const doc = await this.find(id);
    if (!doc) throw new NotFoundError('No vacancy with this id', field);
    return doc;
  }

  list(filter: VacancyFilter | null | undefined, first: number, after?: string | null): Promise<Page<VacancyDocument>> {
    const query: Record<string, unknown> = {};
    if (filter?.municipalityCode) {
      if (!isRegion10Municipality(filter.municipalityCode)) throw new ValidationError('Not one of Region 10’s municipalities', 'filter.municipalityCode');
      query.municipalityCode = filter.municipalityCode;
    }
    if (filter?.occupationCode) {
      if (!isOccupationCode(filter.occupationCode)) throw new ValidationError('Not an SSYK 2012 occupation code', 'filter.occupationCode');
      query.occupationCode = filter.occupationCode;
    }
    if (filter?.status) query.status = filter.status;
    return keysetPage(this.models.vacancies, query, { sortField: 'publishedAt', first, after });
  }

  async ofEmployer(employerId: string, status?: VacancyStatus | null): Promise<VacancyDocument[]> {
    const query: Record<string, unknown> = { employerId: employerId.toLowerCase() };
    if (status) query.status = status;
    return this.models.vacancies.find(query, { outbox: 0 }).sort({ publishedAt: 1 }).lean<VacancyDocument[]>();
  }
}
