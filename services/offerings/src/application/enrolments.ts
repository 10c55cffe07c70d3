import { Types } from 'mongoose';
import type { HubClaims } from '@hub/shared/auth';
import { AttendanceRecorded, EnrolmentCreated, EnrolmentPromoted, EnrolmentWithdrawn, OutcomeRecorded, type OutcomeKind } from '@hub/shared/contracts';
import { ConflictError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { isDuplicateKeyError, withAggregateLock } from '@hub/shared/mongo';
import {
  admit,
  assertEnrollableCompany,
  assertMayHaveOutcome,
  assertMayManageEnrolment,
  assertMayRecordAttendance,
  assertMayRecordOutcome,
  assertOpenForEnrolment,
  assertMayAttend,
  findMember,
  nextPromotion,
  rosterVisibility,
  toEnrolmentView,
  validateOutcome,
  validateOwnerProfile,
  withdrawal,
  type EnrolmentView,
  type JobBasis,
  type Member,
  type OfferingSnapshot,
  type OrganisationFacts,
  type OutcomeInput,
  type OwnerProfile,
  type Roster,
  type SeatSummary,
  type TurnoverBand,
} from '../domain/enrolment';
import { loadRoster, rosterEntryId, type EnrolmentModels, type OutcomeDocument } from '../infrastructure/enrolment-models';
import { hotQueries } from '../infrastructure/hot-queries';
import type { OutboxEntry, OutboxNudge } from '@hub/shared/messaging';
import { outboxEntry } from './event-sink';

export type { OutcomeInput } from '../domain/enrolment';

/** What this half needs of offerings and organisations; the service answers from its own read models. */
export interface EnrolmentLookups {
  offering(id: string): Promise<OfferingSnapshot | null>;
  organisation(id: string): Promise<OrganisationFacts | null>;
}

export interface OutcomeView {
  id: string;
  enrolmentId: string;
  offeringId: string;
  companyId: string;
  kind: OutcomeKind;
  goals: string | null;
  investmentSek: number | null;
  jobs: number | null;
  jobsBasis: JobBasis | null;
  newCompanyId: string | null;
  turnoverBand: TurnoverBand | null;
  recordedAt: string;
}

/**
 * A roster change is written as the log entry at lastSeq + 1 of the roster it was computed from; when another
 * writer took that position first, the insert fails on the unique _id and the change is computed again. Within
 * this process changes are queued per offering, so the retries are only for other replicas.
 */
const MAX_WRITE_ATTEMPTS = 30;
const RETRY_JITTER_MS = 4;

type EntryFields = Record<string, unknown> & { type: 'enrol' | 'withdraw' | 'promote'; enrolmentId: string; at: Date; enrolledCount: number; waitlistLength: number };
type RosterChange<T> = { entry: EntryFields; events: OutboxEntry[]; result: T };

export class EnrolmentsApplication {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly models: EnrolmentModels,
    private readonly outbox: OutboxNudge,
    private readonly lookups: EnrolmentLookups,
  ) {}

  async enrol(claims: HubClaims, offeringId: string, companyId: string, ownerProfile: OwnerProfile | undefined, correlationId: string): Promise<EnrolmentView> {
    const offering = await this.requireOffering(offeringId);
    const company = assertEnrollableCompany(await this.lookups.organisation(companyId), companyId);
    assertMayManageEnrolment(claims, offering, company);
    assertOpenForEnrolment(offering, new Date());
    const profile = validateOwnerProfile(ownerProfile);

    const created = await this.changeRoster(offeringId, (roster) => {
      const { member, enrolled, waitlisted } = admit(roster, offering.capacity, company, profile, new Types.ObjectId().toHexString(), new Date());
      const status = member.status as 'enrolled' | 'waitlisted';
      return {
        entry: { type: 'enrol', enrolmentId: member.enrolmentId, at: member.enrolledAt, companyId: member.companyId, municipalityCode: member.municipalityCode, status, ownerProfile: profile, enrolledCount: enrolled, waitlistLength: waitlisted },
        events: [
          outboxEntry(
            EnrolmentCreated,
            offeringId,
            { enrolmentId: member.enrolmentId, offeringId, companyId: member.companyId, status, enrolledCount: enrolled, waitlistLength: waitlisted },
            correlationId,
          ),
        ],
        result: toEnrolmentView(offeringId, member, [...roster.members, member]),
      };
    });
    if (created.status !== 'waitlisted') return created;
    // a seat may be free while others wait (a capacity raise not yet served): serve the queue, then re-read
    if ((await this.fillFreeSeats(offeringId, correlationId)) === 0) return created;
    const current = await this.requireEnrolment(created.id);
    return toEnrolmentView(offeringId, current.member, current.roster.members);
  }

  /**
   * Gives every free seat to the first in the waitlist, one roster entry each, and returns how many were
   * promoted. Called when the capacity was raised, and after an enrolment that had to wait.
   */
  async fillFreeSeats(offeringId: string, correlationId: string): Promise<number> {
    const offering = await this.requireOffering(offeringId);
    let promoted = 0;
    for (;;) {
      const change = await this.changeRoster(offeringId, (roster) => {
        const next = nextPromotion(roster, offering.capacity, new Date());
        if (!next) return null;
        const { promoted: member, enrolled, waitlisted } = next;
        return {
          entry: { type: 'promote', enrolmentId: member.enrolmentId, at: member.seatedAt!, enrolledCount: enrolled, waitlistLength: waitlisted },
          events: [
            outboxEntry(
              EnrolmentPromoted,
              offeringId,
              { enrolmentId: member.enrolmentId, offeringId, companyId: member.companyId, reason: 'capacity-raised', enrolledCount: enrolled, waitlistLength: waitlisted },
              correlationId,
            ),
          ],
          result: member,
        };
      });
      if (change === null) return promoted;
      promoted++;
    }
  }

  async withdraw(claims: HubClaims, enrolmentId: string, correlationId: string): Promise<EnrolmentView> {
    const { roster: found, member: target } = await this.requireEnrolment(enrolmentId);
    const offering = await this.requireOffering(found.offeringId);
    assertMayManageEnrolment(claims, offering, { id: target.companyId, municipalityCode: target.municipalityCode });

    return this.changeRoster(found.offeringId, (roster) => {
      const change = withdrawal(roster, enrolmentId, offering.capacity, new Date());
      const promotedEnrolmentId = change.promoted?.enrolmentId ?? null;
      const counts = { enrolledCount: change.enrolled, waitlistLength: change.waitlisted };
      const events = [
        outboxEntry(
          EnrolmentWithdrawn,
          roster.offeringId,
          { enrolmentId, offeringId: roster.offeringId, companyId: change.withdrawn.companyId, promotedEnrolmentId, ...counts },
          correlationId,
        ),
      ];
      if (change.promoted) {
        events.push(
          outboxEntry(
            EnrolmentPromoted,
            roster.offeringId,
            { enrolmentId: change.promoted.enrolmentId, offeringId: roster.offeringId, companyId: change.promoted.companyId, reason: 'withdrawal', ...counts },
            correlationId,
          ),
        );
      }
      return {
        entry: { type: 'withdraw', enrolmentId, at: change.withdrawn.withdrawnAt!, promotedEnrolmentId, ...counts },
        events,
        result: toEnrolmentView(roster.offeringId, change.withdrawn, change.members),
      };
    });
  }

  /** Records whether the company attended a session; only a change is stored and published. */
  async recordAttendance(claims: HubClaims, enrolmentId: string, sessionId: string, attended: boolean, correlationId: string): Promise<EnrolmentView> {
    const { roster, member } = await this.requireEnrolment(enrolmentId);
    const offering = await this.requireOffering(roster.offeringId);
    assertMayRecordAttendance(claims, offering);
    assertMayAttend(member, offering, sessionId);
    const _id = `${enrolmentId}:${sessionId}`;
    const changed = await withAggregateLock(this.models.attendance, _id, async () => {
      const stored = await this.models.attendance.findOne(hotQueries.attendanceById.filter(_id), { attended: 1 }).lean<{ attended: boolean }>();
      if ((stored?.attended ?? false) === attended) return false;
      const event = outboxEntry(AttendanceRecorded, enrolmentId, { enrolmentId, offeringId: roster.offeringId, companyId: member.companyId, sessionId, attended }, correlationId);
      await this.models.attendance.updateOne(
        hotQueries.attendanceById.filter(_id),
        { $set: { offeringId: roster.offeringId, enrolmentId, sessionId, attended }, $push: { outbox: event } },
        { upsert: true },
      );
      return true;
    });
    if (changed) this.outbox.nudge(this.models.attendance, [_id]);
    const current = await this.requireEnrolment(enrolmentId);
    return toEnrolmentView(roster.offeringId, current.member, current.roster.members);
  }

  async recordOutcome(claims: HubClaims, enrolmentId: string, input: OutcomeInput, correlationId: string): Promise<OutcomeView> {
    const { roster, member } = await this.requireEnrolment(enrolmentId);
    const offering = await this.requireOffering(roster.offeringId);
    assertMayRecordOutcome(claims, offering, member);
    assertMayHaveOutcome(member);
    const details = validateOutcome(input);
    if (details.kind === 'company-started' && details.newCompanyId !== null && !(await this.lookups.organisation(details.newCompanyId))) {
      throw new ValidationError({ en: `No organisation with id ${details.newCompanyId}`, sv: `Det finns ingen organisation med id ${details.newCompanyId}` }, 'input.newCompanyId');
    }

    const outcome = new this.models.outcomes({ enrolmentId, offeringId: roster.offeringId, companyId: member.companyId, ...details, recordedBy: claims.sub });
    const outcomeId = (outcome._id as Types.ObjectId).toHexString();
    // ids and the kind only: the goals text and the figures stay in this service
    outcome.set('outbox', [
      outboxEntry(OutcomeRecorded, outcomeId, { outcomeId, enrolmentId, offeringId: roster.offeringId, companyId: member.companyId, kind: details.kind }, correlationId),
    ]);
    await outcome.save();
    const recorded = outcome.toObject() as OutcomeDocument;
    this.outbox.nudgeCreated(this.models.outcomes, [recorded]);
    return toOutcomeView(recorded);
  }

  /** The outcomes of one enrolment, for those who may record them. */
  async outcomesOf(claims: HubClaims, enrolmentId: string): Promise<OutcomeView[]> {
    const { roster, member } = await this.requireEnrolment(enrolmentId);
    assertMayRecordOutcome(claims, await this.requireOffering(roster.offeringId), member);
    const rows = await this.models.outcomes.find(hotQueries.outcomesOf.filter(enrolmentId)).sort({ createdAt: 1, _id: 1 }).lean<OutcomeDocument[]>();
    return rows.map(toOutcomeView);
  }

  /** In order of acceptance; a municipal office sees only its own municipality's companies. */
  async enrolmentsOf(claims: HubClaims, offeringId: string): Promise<EnrolmentView[]> {
    const offering = await this.requireOffering(offeringId);
    const visible = rosterVisibility(claims, offering);
    const roster = await this.roster(offeringId);
    return [...roster.members]
      .filter((m) => visible === 'all' || m.municipalityCode === visible.municipalityCode)
      .sort((a, b) => a.seq - b.seq)
      .map((m) => toEnrolmentView(offeringId, m, roster.members));
  }

  /** Counts only, so public. */
  async seats(offeringId: string): Promise<SeatSummary> {
    const offering = await this.requireOffering(offeringId);
    return (await this.seatsOf([offering])).get(offeringId)!;
  }

  /** For loaders: unknown offerings are left out of the map. */
  async seatsFor(offeringIds: readonly string[]): Promise<Map<string, SeatSummary>> {
    const offerings = await Promise.all([...new Set(offeringIds)].map((id) => this.lookups.offering(id)));
    return this.seatsOf(offerings.filter((o): o is OfferingSnapshot => o !== null));
  }

  /** The counts stored with each offering's last roster entry: one indexed read per offering, in parallel. */
  private async seatsOf(offerings: readonly OfferingSnapshot[]): Promise<Map<string, SeatSummary>> {
    const entries = (
      await Promise.all(
        offerings.map((o) =>
          this.models.rosterEntries
            .find(hotQueries.rosterEntriesOf.filter(o.id), { offeringId: 1, seq: 1, enrolledCount: 1, waitlistLength: 1 })
            .lean<Array<{ offeringId: string; seq: number; enrolledCount: number; waitlistLength: number }>>(),
        ),
      )
    ).flat();
    const last = new Map<string, (typeof entries)[number]>();
    for (const entry of entries) if ((last.get(entry.offeringId)?.seq ?? 0) < entry.seq) last.set(entry.offeringId, entry);
    return new Map(
      offerings.map((o) => [o.id, { capacity: o.capacity, enrolled: last.get(o.id)?.enrolledCount ?? 0, waitlisted: last.get(o.id)?.waitlistLength ?? 0 }]),
    );
  }

  private async requireOffering(offeringId: string): Promise<OfferingSnapshot> {
    const offering = await this.lookups.offering(offeringId);
    if (!offering) throw new NotFoundError({ en: `No offering with id ${offeringId}`, sv: `Det finns ingen insats med id ${offeringId}` }, 'offeringId');
    return offering;
  }

  private async requireEnrolment(enrolmentId: string): Promise<{ roster: Roster; member: Member }> {
    const entry = await this.models.rosterEntries.findOne(hotQueries.enrolmentEntry.filter(enrolmentId), { offeringId: 1 }).lean<{ offeringId: string }>();
    if (!entry) throw new NotFoundError({ en: `No enrolment with id ${enrolmentId}`, sv: `Det finns ingen anmälan med id ${enrolmentId}` }, 'enrolmentId');
    const roster = await this.roster(entry.offeringId);
    return { roster, member: findMember(roster, enrolmentId) };
  }

  private async roster(offeringId: string): Promise<Roster> {
    return loadRoster(this.models, offeringId);
  }

  /**
   * Computes a change on the current roster and appends it with its events, again while others got there first.
   * `decide` returns null when the roster needs no change; so does this.
   */
  private changeRoster<T>(offeringId: string, decide: (roster: Roster) => RosterChange<T>): Promise<T>;
  private changeRoster<T>(offeringId: string, decide: (roster: Roster) => RosterChange<T> | null): Promise<T | null>;
  private changeRoster<T>(offeringId: string, decide: (roster: Roster) => RosterChange<T> | null): Promise<T | null> {
    return this.queued(offeringId, async () => {
      for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        const roster = await this.roster(offeringId);
        const change = decide(roster);
        if (change === null) return null;
        const { entry, events, result } = change;
        const seq = roster.lastSeq + 1;
        try {
          const created = await this.models.rosterEntries.create({ _id: rosterEntryId(offeringId, seq), offeringId, seq, ...entry, outbox: events });
          this.outbox.nudgeCreated(this.models.rosterEntries, [created.toObject()]);
          return result;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt));
      }
      throw new ConflictError({ en: "The offering's enrolments are changing fast right now; try again", sv: 'Anmälningarna till insatsen ändras mycket just nu; försök igen' });
    });
  }

  private queued<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }
}

function toOutcomeView(doc: OutcomeDocument): OutcomeView {
  return {
    id: doc._id.toHexString(),
    enrolmentId: doc.enrolmentId,
    offeringId: doc.offeringId,
    companyId: doc.companyId,
    kind: doc.kind,
    goals: doc.goals ?? null,
    investmentSek: doc.investmentSek ?? null,
    jobs: doc.jobs ?? null,
    jobsBasis: doc.jobsBasis ?? null,
    newCompanyId: doc.newCompanyId ?? null,
    turnoverBand: doc.turnoverBand ?? null,
    recordedAt: doc.createdAt.toISOString(),
  };
}
