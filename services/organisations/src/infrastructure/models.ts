import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { outboxSchema } from '@hub/shared/messaging';
import { ORGANISATION_KINDS, ORGANISATION_STATUSES } from '@hub/shared/contracts';
import { CONTACT_ROLES } from '../domain/organisation';
import { SNI_VERSIONS } from '../domain/industry';
import { PROJECT_KINDS } from '../domain/project';

const industrySchema = new Schema({ code: { type: String, required: true }, version: { type: String, enum: SNI_VERSIONS, required: true } }, { _id: false });

const contactSchema = new Schema(
  {
    // required for contacts written from now on; contacts stored before ids existed get one on their next update
    id: String,
    name: { type: String, required: true },
    role: { type: String, enum: CONTACT_ROLES, required: true },
    email: String,
    phone: String,
    expertise: { type: [String], default: [] },
  },
  { _id: false },
);

const organisationSchema = new Schema(
  {
    kind: { type: String, enum: ORGANISATION_KINDS, required: true },
    name: { type: String, required: true },
    /** The name's Swedish sort key: listings are in Swedish alphabetical order, Å Ä Ö after Z. */
    sortName: { type: String, required: true },
    organisationNumber: { type: String, required: true },
    industries: { type: [industrySchema], default: [] },
    municipalityCode: { type: String, required: true },
    website: String,
    contacts: { type: [contactSchema], default: [] },
    employees: Number,
    foundedYear: Number,
    status: { type: String, enum: ORGANISATION_STATUSES, required: true, default: 'active' },
    /** Optimistic concurrency: an update applies only to the version it read. */
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
organisationSchema.index({ organisationNumber: 1 }, { unique: true });

const municipalitySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    region10: { type: Boolean, required: true },
    jobtechConceptId: String,
  },
  { timestamps: true, strict: 'throw' },
);

const fundingShareSchema = new Schema({ funderId: { type: String, required: true }, sharePercent: { type: Number, required: true } }, { _id: false });

const projectSchema = new Schema(
  {
    kind: { type: String, enum: PROJECT_KINDS, required: true },
    name: { type: String, required: true },
    sortName: { type: String, required: true },
    description: String,
    ownerId: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: String,
    municipalityCodes: { type: [String], default: [] },
    funders: { type: [fundingShareSchema], default: [] },
    partnerIds: { type: [String], default: [] },
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);

export type OrganisationDocument = InferSchemaType<typeof organisationSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type MunicipalityDocument = InferSchemaType<typeof municipalitySchema>;
export type ProjectDocument = InferSchemaType<typeof projectSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export interface OrganisationsModels {
  organisations: Model<OrganisationDocument>;
  municipalities: Model<MunicipalityDocument>;
  projects: Model<ProjectDocument>;
}

export function registerModels(connection: Connection): OrganisationsModels {
  return {
    organisations: connection.model<OrganisationDocument>('Organisation', organisationSchema, 'organisations'),
    municipalities: connection.model<MunicipalityDocument>('Municipality', municipalitySchema, 'municipalities'),
    projects: connection.model<ProjectDocument>('Project', projectSchema, 'projects'),
  };
}
