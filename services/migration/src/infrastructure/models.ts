import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { ACCESS_OUTCOMES, CASE_OUTCOMES, CASE_STEPS, CONSENT_PURPOSES, HUB_SERVICES, ORGANISATION_KINDS, ORGANISATION_STATUSES } from '@hub/shared/contracts';
import { outboxSchema, type OutboxModel } from '@hub/shared/messaging';
import { registerPrivacyModels, type PrivacyModels } from '@hub/shared/privacy';
import { CASE_STATUSES } from '../domain/case';
import { HOUSING_TYPES } from '../domain/candidate';
import { CONSENT_CHANNELS } from '../domain/consent';
import { VACANCY_STATUSES, WORK_MODES } from '../domain/vacancy';

export const SHARED_FIELDS = ['name', 'email', 'phone', 'current-location', 'occupations', 'skills', 'languages', 'household', 'wishes'] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];

const readModel = { strict: 'throw', timestamps: false, versionKey: false } as const;

/** The organisations service's register as far as vacancies need it: may this organisation employ? */
const employerFactsSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ORGANISATION_KINDS },
    status: { type: String, enum: ORGANISATION_STATUSES, required: true },
    lastEventId: { type: String, required: true },
  },
  readModel,
);

const vacancySchema = new Schema(
  {
    employerId: { type: String, required: true },
    title: { type: String, required: true },
    occupationCode: { type: String, required: true },
    municipalityCode: { type: String, required: true },
    startDate: { type: String, default: null },
    workMode: { type: String, enum: WORK_MODES, required: true },
    housingHelp: { type: Boolean, required: true },
    positions: { type: Number, required: true },
    applicationDeadline: { type: String, default: null },
    description: { type: String, default: null },
    externalId: { type: String, default: null },
    status: { type: String, enum: VACANCY_STATUSES, required: true },
    publishedAt: { type: String, required: true },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);

const consentRecordSchema = new Schema(
  {
    purpose: { type: String, enum: CONSENT_PURPOSES, required: true },
    given: { type: Boolean, required: true },
    at: { type: Date, required: true },
    channel: { type: String, enum: CONSENT_CHANNELS, required: true },
    textVersion: { type: String, required: true },
    recordedBy: { type: String, required: true },
  },
  { _id: false },
);

/** A person who considers moving; `_id` is the person's hub id. Deleted, not anonymised, when they are erased. */
const candidateSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    currentLocation: { type: String, required: true },
    occupations: { type: [String], required: true },
    skills: { type: [String], default: [] },
    languages: { type: [String], default: [] },
    household: {
      type: new Schema({ partnerOccupation: { type: String, default: null }, childrenAges: { type: [Number], default: [] } }, { _id: false }),
      required: true,
    },
    wishes: {
      type: new Schema(
        {
          municipalityCodes: { type: [String], required: true },
          housingType: { type: String, enum: HOUSING_TYPES, required: true },
          moveFrom: { type: String, default: null },
        },
        { _id: false },
      ),
      required: true,
    },
    consents: { type: [consentRecordSchema], default: [] },
    /**
     * Copies, written with what they copy, for the reads by equality FerretDB serves from an index (it reads a path into
     * `wishes` or `consents` in full): the municipalities of `wishes`, and whether the latest consent to share with
     * employers is given.
     */
    wishedMunicipalityCodes: { type: [String], required: true },
    sharesWithEmployers: { type: Boolean, required: true },
    sharedFields: { type: [{ type: String, enum: SHARED_FIELDS }], default: [] },
    /** Municipalities with a case for the candidate: their officers see the candidate too. */
    caseMunicipalityCodes: { type: [String], default: [] },
    registeredBy: { type: String, required: true },
    registeredAt: { type: String, required: true },
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
// a municipality's candidates are read by equality on each of the first two, employers' shared profiles by the third
candidateSchema.index({ wishedMunicipalityCodes: 1 });
candidateSchema.index({ caseMunicipalityCodes: 1 });
candidateSchema.index({ sharesWithEmployers: 1 });

const stepSchema = new Schema({ step: { type: String, enum: CASE_STEPS, required: true }, completedAt: { type: Date, default: null } }, { _id: false });
const noteSchema = new Schema({ text: { type: String, required: true }, by: { type: String, required: true }, at: { type: Date, required: true } }, { _id: false });
const followUpSchema = new Schema(
  {
    months: { type: Number, enum: [6, 12], required: true },
    stillLiving: { type: Boolean, required: true },
    peopleEmployed: { type: Number, required: true },
    recordedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One household's case in one municipality. `householdId` is the candidate's id until the case is anonymised,
 * then a random id, so the one-case-per-household rule and the figures survive while the person does not.
 */
const caseSchema = new Schema(
  {
    householdId: { type: String, required: true },
    candidateId: { type: String, default: null },
    municipalityCode: { type: String, required: true },
    officerId: { type: String, required: true },
    householdSize: { type: Number, required: true },
    status: { type: String, enum: CASE_STATUSES, required: true },
    steps: { type: [stepSchema], default: [] },
    notes: { type: [noteSchema], default: [] },
    movedInOn: { type: String, default: null },
    closedAt: { type: Date, default: null },
    outcome: { type: String, enum: CASE_OUTCOMES, default: null },
    followUps: { type: [followUpSchema], default: [] },
    openedAt: { type: String, required: true },
    anonymisedAt: { type: Date, default: null },
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
caseSchema.index({ householdId: 1, municipalityCode: 1 }, { unique: true });
caseSchema.index({ candidateId: 1 });
caseSchema.index({ municipalityCode: 1 });

/** What a municipality can receive in a year; `_id` "<municipalityCode>:<year>". */
const capacitySchema = new Schema(
  {
    _id: { type: String, required: true },
    municipalityCode: { type: String, required: true },
    year: { type: Number, required: true },
    households: { type: Number, required: true },
    housingUnits: { type: Number, required: true },
    preschoolPlaces: { type: Number, required: true },
    schoolPlaces: { type: Number, required: true },
    updatedBy: { type: String, required: true },
  },
  { timestamps: true, strict: 'throw' },
);
// candidate matches read every municipality's capacity for the year
capacitySchema.index({ year: 1 });

/** The hub's access log, folded from every service's PersonalDataAccessed events. */
const accessRecordSchema = new Schema(
  {
    accessId: { type: String, required: true },
    readerId: { type: String, required: true },
    subjectIds: { type: [String], required: true },
    fields: { type: [String], required: true },
    service: { type: String, enum: HUB_SERVICES, required: true },
    outcome: { type: String, enum: ACCESS_OUTCOMES, default: 'read' },
    at: { type: String, required: true },
  },
  readModel,
);
accessRecordSchema.index({ at: 1 });
accessRecordSchema.index({ subjectIds: 1 });
accessRecordSchema.index({ readerId: 1 });

/**
 * The events of one import (a batch of job ads synced or closed), in one document: the relay then removes one outbox
 * per batch instead of one per vacancy, which on FerretDB costs a collection scan each.
 */
const vacancySyncBatchSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true }, ...outboxSchema },
  { timestamps: false, strict: 'throw', versionKey: false },
);

/**
 * An erasure request: when, by whom and which services have completed it. Who is erased is kept only until every
 * service has completed it (see PrivacyApplication.recordCompletion), never after.
 */
const erasureSchema = new Schema(
  {
    _id: { type: String, required: true },
    personId: String,
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    completions: { type: [new Schema({ service: { type: String, enum: HUB_SERVICES, required: true }, at: { type: Date, required: true } }, { _id: false })], default: [] },
    ...outboxSchema,
  },
  { timestamps: false, strict: 'throw', versionKey: false },
);

export type EmployerFactsDocument = InferSchemaType<typeof employerFactsSchema>;
export type VacancyDocument = InferSchemaType<typeof vacancySchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type CandidateDocument = InferSchemaType<typeof candidateSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type CaseDocument = InferSchemaType<typeof caseSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type CapacityDocument = InferSchemaType<typeof capacitySchema>;
export type AccessRecordDocument = InferSchemaType<typeof accessRecordSchema> & { _id: Types.ObjectId };
export type ErasureDocument = InferSchemaType<typeof erasureSchema>;
export type VacancySyncBatchDocument = InferSchemaType<typeof vacancySyncBatchSchema>;

export interface MigrationModels extends PrivacyModels {
  employers: Model<EmployerFactsDocument>;
  vacancies: Model<VacancyDocument>;
  candidates: Model<CandidateDocument>;
  cases: Model<CaseDocument>;
  capacities: Model<CapacityDocument>;
  accessRecords: Model<AccessRecordDocument>;
  erasures: Model<ErasureDocument>;
  vacancySyncBatches: Model<VacancySyncBatchDocument>;
}

export function registerModels(connection: Connection): MigrationModels {
  return {
    ...registerPrivacyModels(connection),
    employers: connection.model<EmployerFactsDocument>('EmployerFacts', employerFactsSchema, 'employers'),
    vacancies: connection.model<VacancyDocument>('Vacancy', vacancySchema, 'vacancies'),
    candidates: connection.model<CandidateDocument>('Candidate', candidateSchema, 'candidates'),
    cases: connection.model<CaseDocument>('InMigrationCase', caseSchema, 'cases'),
    capacities: connection.model<CapacityDocument>('ReceivingCapacity', capacitySchema, 'receiving_capacities'),
    accessRecords: connection.model<AccessRecordDocument>('AccessRecord', accessRecordSchema, 'hub_access_log'),
    erasures: connection.model<ErasureDocument>('Erasure', erasureSchema, 'erasures'),
    vacancySyncBatches: connection.model<VacancySyncBatchDocument>('VacancySyncBatch', vacancySyncBatchSchema, 'vacancy_sync_batches'),
  };
}

/** The models whose documents carry an outbox, for the relay; an import's batches before single vacancies' changes. */
export function outboxModels(models: MigrationModels): OutboxModel[] {
  return [models.vacancySyncBatches, models.vacancies, models.candidates, models.cases, models.erasures, models.accessLog, models.erasureReceipts];
}
