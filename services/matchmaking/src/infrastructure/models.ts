import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import {
  FUNNEL_STAGES,
  NEEDS,
  OFFERING_FORMATS,
  OFFERING_KINDS,
  OFFERING_STATUSES,
  ORGANISATION_KINDS,
  ORGANISATION_STATUSES,
  REFERRAL_STATUSES,
  TARGET_GROUPS,
} from '@hub/shared/contracts';
import { outboxSchema } from '@hub/shared/messaging';

// Read models carry no timestamps of their own: rebuilt from a replay of the same events, they end identical.
const readModel = { strict: 'throw', timestamps: false, versionKey: false } as const;

const adviserSchema = new Schema({ contactId: { type: String, required: true }, expertise: [{ type: String, enum: NEEDS }] }, { _id: false });

/** The organisations service's register as matching needs it: codes, size, age and advisers by contact id. */
const organisationFactsSchema = new Schema(
  {
    _id: { type: String, required: true },
    // absent only if a deactivation is the first event seen for an organisation
    kind: { type: String, enum: ORGANISATION_KINDS },
    municipalityCode: String,
    sniCodes: { type: [String], default: undefined },
    employees: { type: Number, default: null },
    foundedYear: { type: Number, default: null },
    advisers: { type: [adviserSchema], default: undefined },
    status: { type: String, enum: ORGANISATION_STATUSES, required: true },
    lastEventId: { type: String, required: true },
  },
  readModel,
);

/** Who runs each project: its owner and partners may move companies through the project's funnel. */
const projectFactsSchema = new Schema(
  {
    _id: { type: String, required: true },
    ownerOrganisationId: { type: String, required: true },
    partnerOrganisationIds: { type: [String], required: true },
    lastEventId: { type: String, required: true },
  },
  readModel,
);

/** Offerings as their events state them, with the seats taken from the enrolment events' counts. */
const offeringFactsSchema = new Schema(
  {
    _id: { type: String, required: true },
    providerId: String,
    projectId: { type: String, default: null },
    kind: { type: String, enum: OFFERING_KINDS },
    status: { type: String, enum: OFFERING_STATUSES },
    needs: { type: [{ type: String, enum: NEEDS }], default: undefined },
    targetGroups: { type: [{ type: String, enum: TARGET_GROUPS }], default: undefined },
    sniCodes: { type: [String], default: undefined },
    municipalityCodes: { type: [String], default: undefined },
    format: { type: String, enum: OFFERING_FORMATS },
    startDate: { type: String, default: null },
    endDate: { type: String, default: null },
    applicationDeadline: { type: String, default: null },
    capacity: { type: Number, default: null },
    enrolled: { type: Number, default: 0 },
    eligibility: {
      type: new Schema(
        {
          maxEmployees: { type: Number, default: null },
          maxCompanyAgeYears: { type: Number, default: null },
          sniPrefixes: { type: [String], default: [] },
          municipalityCodes: { type: [String], default: [] },
        },
        { _id: false },
      ),
      default: undefined,
    },
    lastEventId: { type: String, required: true },
  },
  readModel,
);

const recordedNeedSchema = new Schema(
  {
    need: { type: String, enum: NEEDS, required: true },
    priority: { type: Number, min: 1, max: 3, required: true },
    note: { type: String, default: null },
    recordedBy: { type: String, required: true },
    recordedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** A company's needs analysis, owned here; `_id` is the company's organisation id. */
const needsAnalysisSchema = new Schema(
  {
    _id: { type: String, required: true },
    needs: { type: [recordedNeedSchema], default: [] },
    /** Self-declared by the owner; never leaves this service but as matching reasons shown to the company's staff. */
    ownerGroups: { type: [{ type: String, enum: TARGET_GROUPS }], default: [] },
    offers: { type: [String], default: [] },
    seeks: { type: [String], default: [] },
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);

const stageChangeSchema = new Schema(
  {
    stage: { type: String, enum: FUNNEL_STAGES, required: true },
    at: { type: String, required: true },
    by: { type: String, required: true },
    correction: Boolean,
  },
  { _id: false },
);

/** One company's place in one project's funnel; `_id` "<projectId>:<companyId>". */
const funnelPositionSchema = new Schema(
  {
    _id: { type: String, required: true },
    projectId: { type: String, required: true },
    companyId: { type: String, required: true },
    /** The company's municipality when it entered the funnel: the counts are per municipality. */
    municipalityCode: { type: String, required: true },
    stage: { type: String, enum: FUNNEL_STAGES, required: true },
    history: { type: [stageChangeSchema], default: [] },
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
// a company's positions, and a project's or a municipality's funnel, are read by these equalities
funnelPositionSchema.index({ companyId: 1 });
funnelPositionSchema.index({ projectId: 1 });
funnelPositionSchema.index({ municipalityCode: 1 });

const referralChangeSchema = new Schema(
  {
    status: { type: String, enum: REFERRAL_STATUSES, required: true },
    at: { type: String, required: true },
    by: { type: String, required: true },
    byOrganisationId: { type: String, default: null },
    note: String,
  },
  { _id: false },
);

const referralSchema = new Schema(
  {
    companyId: { type: String, required: true },
    municipalityCode: { type: String, required: true },
    fromOrganisationId: { type: String, required: true },
    toOrganisationId: { type: String, required: true },
    note: { type: String, required: true },
    status: { type: String, enum: REFERRAL_STATUSES, required: true },
    history: { type: [referralChangeSchema], default: [] },
    firstResponseAt: { type: String, default: null },
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
referralSchema.index({ toOrganisationId: 1, status: 1 });
referralSchema.index({ fromOrganisationId: 1, status: 1 });
referralSchema.index({ companyId: 1 });

const meetingSchema = new Schema(
  { slot: { type: Number, required: true }, a: { type: String, required: true }, b: { type: String, required: true }, requestedBy: { type: [String], default: [] } },
  { _id: false },
);

/** A partner-meeting event (a matchmaking day): participants, their requests and the schedule made from them. */
const partnerMeetingSchema = new Schema(
  {
    name: { type: String, required: true },
    organiserId: { type: String, required: true },
    projectId: { type: String, default: null },
    slots: { type: Number, required: true },
    tablesPerSlot: { type: Number, default: null },
    participants: { type: [String], default: [] },
    requests: { type: [new Schema({ from: { type: String, required: true }, to: { type: String, required: true } }, { _id: false })], default: [] },
    meetings: { type: [meetingSchema], default: [] },
    // texts: missing in schedules made before reasons had them (the graph then words them from `reason`)
    unmet: { type: [new Schema({ from: String, to: String, reason: String, texts: { sv: String, en: String } }, { _id: false })], default: [] },
    scheduledAt: { type: Date, default: null },
    revision: { type: Number, required: true, default: 0 },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);

// an organiser's meetings are listed by this equality
partnerMeetingSchema.index({ organiserId: 1 });

export type OrganisationFactsDocument = InferSchemaType<typeof organisationFactsSchema>;
export type ProjectFactsDocument = InferSchemaType<typeof projectFactsSchema>;
export type OfferingFactsDocument = InferSchemaType<typeof offeringFactsSchema>;
export type NeedsAnalysisDocument = InferSchemaType<typeof needsAnalysisSchema> & { createdAt: Date; updatedAt: Date };
export type FunnelPositionDocument = InferSchemaType<typeof funnelPositionSchema> & { createdAt: Date; updatedAt: Date };
export type ReferralDocument = InferSchemaType<typeof referralSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type PartnerMeetingDocument = InferSchemaType<typeof partnerMeetingSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export interface MatchmakingModels {
  organisations: Model<OrganisationFactsDocument>;
  projects: Model<ProjectFactsDocument>;
  offerings: Model<OfferingFactsDocument>;
  needsAnalyses: Model<NeedsAnalysisDocument>;
  funnelPositions: Model<FunnelPositionDocument>;
  referrals: Model<ReferralDocument>;
  partnerMeetings: Model<PartnerMeetingDocument>;
}

export function registerModels(connection: Connection): MatchmakingModels {
  return {
    organisations: connection.model<OrganisationFactsDocument>('OrganisationFacts', organisationFactsSchema, 'organisations'),
    projects: connection.model<ProjectFactsDocument>('ProjectFacts', projectFactsSchema, 'projects'),
    offerings: connection.model<OfferingFactsDocument>('OfferingFacts', offeringFactsSchema, 'offerings'),
    needsAnalyses: connection.model<NeedsAnalysisDocument>('NeedsAnalysis', needsAnalysisSchema, 'needs_analyses'),
    funnelPositions: connection.model<FunnelPositionDocument>('FunnelPosition', funnelPositionSchema, 'funnel_positions'),
    referrals: connection.model<ReferralDocument>('Referral', referralSchema, 'referrals'),
    partnerMeetings: connection.model<PartnerMeetingDocument>('PartnerMeeting', partnerMeetingSchema, 'partner_meetings'),
  };
}

/** The models whose documents carry an outbox, for the relay. */
export function outboxModels(models: MatchmakingModels): Model<NeedsAnalysisDocument | FunnelPositionDocument | ReferralDocument | PartnerMeetingDocument>[] {
  return [models.needsAnalyses, models.funnelPositions, models.referrals, models.partnerMeetings] as Model<
    NeedsAnalysisDocument | FunnelPositionDocument | ReferralDocument | PartnerMeetingDocument
  >[];
}
