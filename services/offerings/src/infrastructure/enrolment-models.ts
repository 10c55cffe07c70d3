import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { OUTCOME_KINDS } from '@hub/shared/contracts';
import { outboxSchema } from '@hub/shared/messaging';
import { serverOperator } from '@hub/shared/mongo';
import { AGE_GROUPS, GENDERS, JOB_BASES, TURNOVER_BANDS, type OwnerProfile, type Roster, type RosterEntry, replay } from '../domain/enrolment';
import { hotQueries } from './hot-queries';

const ownerProfileSchema = new Schema(
  {
    gender: { type: String, enum: GENDERS },
    ageGroup: { type: String, enum: AGE_GROUPS },
    foreignBorn: Boolean,
  },
  { _id: false },
);

/**
 * One entry of an offering's roster log (see RosterEntry), written once with its event and never changed but
 * for the relay emptying its outbox. `_id` is "<offeringId>:<seq>": the unique _id is what admits one writer
 * per position, the only compare-and-set FerretDB 1.24 keeps under concurrency (its conditional updates may
 * both report success and lose one of two concurrent writes).
 */
const rosterEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    offeringId: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, enum: ['enrol', 'withdraw', 'promote'], required: true },
    enrolmentId: { type: String, required: true },
    at: { type: Date, required: true },
    companyId: String,
    municipalityCode: String,
    status: { type: String, enum: ['enrolled', 'waitlisted'] },
    ownerProfile: ownerProfileSchema,
    promotedEnrolmentId: String,
    /** Seats taken and waitlist length after this entry: the seat counts are read from the last one. */
    enrolledCount: { type: Number, required: true },
    waitlistLength: { type: Number, required: true },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
// a roster is read by its offering, an enrolment's entry by its id (each entry a GIN write on FerretDB: nothing more)
rosterEntrySchema.index({ offeringId: 1 });
rosterEntrySchema.index({ enrolmentId: 1 });

/** Whether an enrolled company attended one session, as last recorded; `_id` "<enrolmentId>:<sessionId>". */
const attendanceSchema = new Schema(
  {
    _id: { type: String, required: true },
    offeringId: { type: String, required: true },
    enrolmentId: { type: String, required: true },
    sessionId: { type: String, required: true },
    attended: { type: Boolean, required: true },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
attendanceSchema.index({ offeringId: 1 });

/** A follow-up outcome of one enrolment; its own document, so recording one never contends with enrolment. */
const outcomeSchema = new Schema(
  {
    enrolmentId: { type: String, required: true },
    offeringId: { type: String, required: true },
    companyId: { type: String, required: true },
    kind: { type: String, enum: OUTCOME_KINDS, required: true },
    goals: String,
    investmentSek: Number,
    jobs: Number,
    jobsBasis: { type: String, enum: JOB_BASES },
    newCompanyId: String,
    turnoverBand: { type: String, enum: TURNOVER_BANDS },
    recordedBy: { type: String, required: true },
    ...outboxSchema,
  },
  { timestamps: true, strict: 'throw' },
);
// the indicators select by offering, an enrolment's outcomes are read by its id
outcomeSchema.index({ offeringId: 1 });
outcomeSchema.index({ enrolmentId: 1 });

export type RosterEntryDocument = InferSchemaType<typeof rosterEntrySchema> & { createdAt: Date; updatedAt: Date };
export type AttendanceDocument = InferSchemaType<typeof attendanceSchema> & { createdAt: Date };
export type OutcomeDocument = InferSchemaType<typeof outcomeSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export interface EnrolmentModels {
  rosterEntries: Model<RosterEntryDocument>;
  attendance: Model<AttendanceDocument>;
  outcomes: Model<OutcomeDocument>;
}

export function registerEnrolmentModels(connection: Connection): EnrolmentModels {
  return {
    rosterEntries: connection.model<RosterEntryDocument>('RosterEntry', rosterEntrySchema, 'roster_entries'),
    attendance: connection.model<AttendanceDocument>('Attendance', attendanceSchema, 'attendance'),
    outcomes: connection.model<OutcomeDocument>('Outcome', outcomeSchema, 'outcomes'),
  };
}

/** The models whose documents carry an outbox, for the service's relay. */
export function enrolmentOutboxModels(models: EnrolmentModels): Model<RosterEntryDocument | AttendanceDocument | OutcomeDocument>[] {
  return [models.rosterEntries, models.attendance, models.outcomes] as Model<RosterEntryDocument | AttendanceDocument | OutcomeDocument>[];
}

export function rosterEntryId(offeringId: string, seq: number): string {
  return `${offeringId}:${seq}`;
}

export function toRosterEntry(doc: RosterEntryDocument): RosterEntry {
  if (doc.type === 'promote') return { seq: doc.seq, type: 'promote', enrolmentId: doc.enrolmentId, at: doc.at };
  if (doc.type === 'withdraw') {
    return { seq: doc.seq, type: 'withdraw', enrolmentId: doc.enrolmentId, promotedEnrolmentId: doc.promotedEnrolmentId ?? null, at: doc.at };
  }
  return {
    seq: doc.seq,
    type: 'enrol',
    enrolmentId: doc.enrolmentId,
    companyId: doc.companyId!,
    municipalityCode: doc.municipalityCode!,
    status: doc.status!,
    ownerProfile: ownerProfileOf(doc.ownerProfile),
    at: doc.at,
  };
}

function ownerProfileOf(stored: { gender?: string | null; ageGroup?: string | null; foreignBorn?: boolean | null } | null | undefined): OwnerProfile {
  const profile: OwnerProfile = {};
  if (stored?.gender) profile.gender = stored.gender as OwnerProfile['gender'];
  if (stored?.ageGroup) profile.ageGroup = stored.ageGroup as OwnerProfile['ageGroup'];
  if (typeof stored?.foreignBorn === 'boolean') profile.foreignBorn = stored.foreignBorn;
  return profile;
}

/** One offering's roster, as every enrolment, withdrawal and attendance reads it: by equalities on its indexed id. */
export async function loadRoster(models: EnrolmentModels, offeringId: string): Promise<Roster> {
  const [entries, attended] = await Promise.all([
    models.rosterEntries.find(hotQueries.rosterEntriesOf.filter(offeringId), { outbox: 0 }).sort({ seq: 1 }).lean<RosterEntryDocument[]>(),
    models.attendance.find(hotQueries.attendedIn.filter(offeringId), { outbox: 0 }).sort({ createdAt: 1, _id: 1 }).lean<AttendanceDocument[]>(),
  ]);
  return rostersOf([offeringId], entries, attended).get(offeringId)!;
}

/**
 * The rosters of many offerings for the indicators, a report over every offering in its scope (up to the whole hub),
 * in one read of each collection rather than two per offering.
 */
export async function loadRosters(models: EnrolmentModels, offeringIds: readonly string[]): Promise<Map<string, Roster>> {
  const ids = [...new Set(offeringIds)];
  const [entries, attended] = await Promise.all([
    models.rosterEntries.find({ offeringId: serverOperator({ $in: ids }) }, { outbox: 0 }).sort({ offeringId: 1, seq: 1 }).lean<RosterEntryDocument[]>(),
    models.attendance.find({ offeringId: serverOperator({ $in: ids }), attended: true }, { outbox: 0 }).sort({ createdAt: 1, _id: 1 }).lean<AttendanceDocument[]>(),
  ]);
  return rostersOf(ids, entries, attended);
}

/** The rosters replayed from their logs (in order of seq per offering) with attendance joined; an offering without any is empty. */
function rostersOf(ids: readonly string[], entries: RosterEntryDocument[], attended: AttendanceDocument[]): Map<string, Roster> {
  const entriesOf = new Map<string, RosterEntry[]>();
  for (const doc of entries) entriesOf.set(doc.offeringId, [...(entriesOf.get(doc.offeringId) ?? []), toRosterEntry(doc)]);
  const sessionsOf = new Map<string, string[]>();
  for (const row of attended) sessionsOf.set(row.enrolmentId, [...(sessionsOf.get(row.enrolmentId) ?? []), row.sessionId]);
  const rosters = new Map<string, Roster>();
  for (const id of ids) {
    const roster = replay(id, entriesOf.get(id) ?? []);
    roster.members = roster.members.map((m) => ({ ...m, attendedSessionIds: sessionsOf.get(m.enrolmentId) ?? [] }));
    rosters.set(id, roster);
  }
  return rosters;
}
