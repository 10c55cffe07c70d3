import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { NEEDS, OFFERING_FORMATS, OFFERING_KINDS, OFFERING_STATUSES, ORGANISATION_KINDS, ORGANISATION_STATUSES, TARGET_GROUPS } from '@hub/shared/contracts';
import { outboxSchema } from '@hub/shared/messaging';

const localisedTextSchema = new Schema({ sv: { type: String, required: true }, en: String }, { _id: false });

const eligibilitySchema = new Schema(
  {
    maxEmployees: { type: Number, default: null },
    maxCompanyAgeYears: { type: Number, default: null },
    sniPrefixes: { type: [String], default: [] },
    municipalityCodes: { type: [String], default: [] },
  },
  { _id: false },
);

const fundingSchema = new Schema({ description: String, funderId: String }, { _id: false });

const sessionSchema = new Schema(
  {
    id: { type: String, required: true },
    title: { type: String, required: true },
    startsAt: { type: String, required: true },
    endsAt: { type: String, required: true },
    place: String,
    link: String,
  },
  { _id: false },
);

const offeringSchema = new Schema(
  {
    providerId: { type: String, required: true },
    projectId: { type: String, default: null },
    kind: { type: String, enum: OFFERING_KINDS, required: true },
    status: { type: String, enum: OFFERING_STATUSES, required: true, default: 'draft' },
    title: { type: localisedTextSchema, default: null },
    description: { type: localisedTextSchema, default: null },
    targetGroups: { type: [{ type: String, enum: TARGET_GROUPS }], default: [] },
    industries: { type: [String], default: [] },
    municipalityCodes: { type: [String], default: [] },
    format: { type: String, enum: [...OFFERING_FORMATS, null], default: null },
    startDate: { type: String, default: null },
    endDate: { type: String, default: null },
    applicationDeadline: { type: String, default: null },
    link: { type: String, default: null },
    /** Where an imported offering came from (`vinnova:2026-01234`); null for offerings written in the hub. */
    externalId: { type: String, default: null },
    capacity: { type: Number, default: null },
    priceSek: { type: Number, required: true, default: 0 },
    funding: { type: fundingSchema, default: null },
    eligibility: { type: eligibilitySchema, required: true, default: () => ({}) },
    needs: { type: [{ type: String, enum: NEEDS }], default: [] },
    sessions: { type: [sessionSchema], default: [] },
    /** Sort keys: the Swedish title key, and dates with undated offerings after every dated one. */
    titleSortKey: { type: String, required: true },
    deadlineSortKey: { type: String, required: true },
    startSortKey: { type: String, required: true },
    /** Optimistic concurrency: an update applies only to the version it read. */
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
// drafts are listed by status and provider; indicators select by project
offeringSchema.index({ providerId: 1, status: 1 });
offeringSchema.index({ projectId: 1 });

/**
 * This service's read model of the organisations service's register, built from its events: what an offering's
 * provider and an enrolling company are, and whether they are still active. No names or contacts are kept.
 */
const organisationFactsSchema = new Schema(
  {
    _id: { type: String, required: true },
    // absent only if a deactivation is the first event seen for an organisation
    kind: { type: String, enum: ORGANISATION_KINDS },
    municipalityCode: String,
    status: { type: String, enum: ORGANISATION_STATUSES, required: true },
    lastEventId: { type: String, required: true },
    lastEventAt: { type: String, required: true },
  },
  { timestamps: true, strict: 'throw' },
);

/** The projects offerings may belong to, from the organisations service's events: who runs each one. */
const projectFactsSchema = new Schema(
  {
    _id: { type: String, required: true },
    ownerOrganisationId: { type: String, required: true },
    partnerOrganisationIds: { type: [String], required: true },
    lastEventId: { type: String, required: true },
    lastEventAt: { type: String, required: true },
  },
  { timestamps: true, strict: 'throw' },
);

export type OfferingDocument = InferSchemaType<typeof offeringSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type OrganisationFactsDocument = InferSchemaType<typeof organisationFactsSchema>;
export type ProjectFactsDocument = InferSchemaType<typeof projectFactsSchema>;

export interface OfferingsModels {
  offerings: Model<OfferingDocument>;
  organisations: Model<OrganisationFactsDocument>;
  projects: Model<ProjectFactsDocument>;
}

export function registerModels(connection: Connection): OfferingsModels {
  return {
    offerings: connection.model<OfferingDocument>('Offering', offeringSchema, 'offerings'),
    organisations: connection.model<OrganisationFactsDocument>('OrganisationFacts', organisationFactsSchema, 'organisations'),
    projects: connection.model<ProjectFactsDocument>('ProjectFacts', projectFactsSchema, 'projects'),
  };
}
