import { z } from 'zod';
import { defineEvent } from '../events';
import { NEEDS } from './needs';
import { TOPICS } from './topics';

export const OFFERING_KINDS = [
  'development-programme',
  'coaching',
  'consulting-support',
  'workshop-or-seminar',
  'course',
  'network-or-fair',
  'matchmaking-event',
  'start-up-advice',
  'innovation-advice',
  'funding-call',
  'loan',
  'grant',
] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];

export const TARGET_GROUPS = ['new-entrepreneurs', 'established-companies', 'micro-companies', 'women', 'young-people', 'foreign-born'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const OFFERING_FORMATS = ['on-site', 'digital', 'hybrid'] as const;
export type OfferingFormat = (typeof OFFERING_FORMATS)[number];

export const OFFERING_STATUSES = ['draft', 'published', 'closed', 'archived'] as const;
export type OfferingStatus = (typeof OFFERING_STATUSES)[number];

// Ids, codes and classifications only: titles, descriptions and everything about people stay in the service.
const id = z.string().min(1);
const municipalityCode = z.string().regex(/^\d{4}$/, 'expected a four-digit SCB municipality code');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** What matching needs to know of an offering, carried by every event that publishes or changes one. */
const offeringFacts = {
  offeringId: id,
  providerId: id,
  projectId: id.nullable(),
  kind: z.enum(OFFERING_KINDS),
  needs: z.array(z.enum(NEEDS)),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  sniCodes: z.array(z.string().min(1)),
  /** Empty when the offering serves the whole region. */
  municipalityCodes: z.array(municipalityCode),
  format: z.enum(OFFERING_FORMATS),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  applicationDeadline: isoDate.nullable(),
  capacity: z.number().int().nonnegative().nullable(),
  eligibility: z.strictObject({
    maxEmployees: z.number().int().nonnegative().nullable(),
    maxCompanyAgeYears: z.number().int().nonnegative().nullable(),
    sniPrefixes: z.array(z.string().min(1)),
    municipalityCodes: z.array(municipalityCode),
  }),
};

export const OfferingPublished = defineEvent({
  type: 'OfferingPublished',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject(offeringFacts),
});

export const OfferingUpdated = defineEvent({
  type: 'OfferingUpdated',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject({ ...offeringFacts, status: z.enum(OFFERING_STATUSES), changedFields: z.array(z.string().min(1)) }),
});

export const OfferingClosed = defineEvent({
  type: 'OfferingClosed',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject({ offeringId: id, status: z.enum(['closed', 'archived']) }),
});

export const ENROLMENT_STATUSES = ['enrolled', 'waitlisted', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const EnrolmentCreated = defineEvent({
  type: 'EnrolmentCreated',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject({
    enrolmentId: id,
    offeringId: id,
    companyId: id,
    status: z.enum(['enrolled', 'waitlisted']),
    /** Seats taken and waitlist length after this enrolment, so read models need not count. */
    enrolledCount: z.number().int().nonnegative(),
    waitlistLength: z.number().int().nonnegative(),
  }),
});

export const EnrolmentWithdrawn = defineEvent({
  type: 'EnrolmentWithdrawn',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject({
    enrolmentId: id,
    offeringId: id,
    companyId: id,
    /** The waitlisted enrolment that took the freed seat, if any. */
    promotedEnrolmentId: id.nullable(),
    enrolledCount: z.number().int().nonnegative(),
    waitlistLength: z.number().int().nonnegative(),
  }),
});

/**
 * A waitlisted company got a seat: when another withdrew (the withdrawal's event names it too) or when the
 * provider raised the capacity.
 */
export const EnrolmentPromoted = defineEvent({
  type: 'EnrolmentPromoted',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject({
    enrolmentId: id,
    offeringId: id,
    companyId: id,
    reason: z.enum(['withdrawal', 'capacity-raised']),
    enrolledCount: z.number().int().nonnegative(),
    waitlistLength: z.number().int().nonnegative(),
  }),
});

/** The provider recorded whether an enrolled company attended one session; recording it again says it again. */
export const AttendanceRecorded = defineEvent({
  type: 'AttendanceRecorded',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject({ enrolmentId: id, offeringId: id, companyId: id, sessionId: id, attended: z.boolean() }),
});

export const OUTCOME_KINDS = ['goals-set', 'investment-made', 'jobs-created', 'company-started', 'turnover-band'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OutcomeRecorded = defineEvent({
  type: 'OutcomeRecorded',
  version: 1,
  topic: TOPICS.offerings,
  payload: z.strictObject({ outcomeId: id, enrolmentId: id, offeringId: id, companyId: id, kind: z.enum(OUTCOME_KINDS) }),
});

export const offeringEvents = [
  OfferingPublished,
  OfferingUpdated,
  OfferingClosed,
  EnrolmentCreated,
  EnrolmentWithdrawn,
  EnrolmentPromoted,
  AttendanceRecorded,
  OutcomeRecorded,
];
