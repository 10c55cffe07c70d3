import type { EventEnvelope } from '@hub/shared/events';
import type { DomainError } from '@hub/shared/errors';
import type { EnrolmentView } from '../src/domain/enrolment';
import {
  admin,
  almiStaff,
  ARJEPLOG,
  collectOfferingEvents,
  companyStaff,
  MALA,
  municipalOffice,
  newId,
  publicCaller,
  startEnrolmentKit,
  waitFor,
  type EnrolmentKit,
} from './enrolment-kit';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to fail');
}

describe('enrolments on real FerretDB and Kafka', () => {
  let kit: EnrolmentKit;
  let events: Awaited<ReturnType<typeof collectOfferingEvents>>;

  beforeAll(async () => {
    kit = await startEnrolmentKit('enrolments');
    events = await collectOfferingEvents('enrolments');
  });

  afterAll(async () => {
    await events?.stop();
    await kit?.stop();
  });

  const eventsOf = (offeringId: string): EventEnvelope[] => events.received.filter((e) => (e.payload as { offeringId: string }).offeringId === offeringId);

  it('never exceeds the capacity: 100 concurrent enrolments from two replicas into 10 seats', async () => {
    const offering = kit.directory.addOffering({ capacity: 10 });
    const companies = Array.from({ length: 100 }, () => kit.directory.addCompany());
    const replica = await kit.replica();

    const views = await Promise.all(
      companies.map((company, i) => (i % 2 === 0 ? kit.enrolments : replica).enrol(almiStaff, offering.id, company.id, undefined, `corr-${i}`)),
    );

    // one log entry per enrolment, at positions 1..100 without gaps: the order of acceptance
    const entries = await kit.models.rosterEntries.find({ offeringId: offering.id }).sort({ seq: 1 }).lean();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const bySeq = entries.map((e) => ({ seq: e.seq, enrolmentId: e.enrolmentId, status: e.status }));
    // the first ten accepted hold the seats, the rest wait in the order they were accepted
    expect(bySeq.slice(0, 10).every((m) => m.status === 'enrolled')).toBe(true);
    expect(bySeq.slice(10).every((m) => m.status === 'waitlisted')).toBe(true);
    // the counters stored with each entry agree with the members before it
    entries.forEach((e, i) => expect([e.enrolledCount, e.waitlistLength]).toEqual([Math.min(i + 1, 10), Math.max(0, i - 9)]));

    const listed = await kit.enrolments.enrolmentsOf(almiStaff, offering.id);
    expect(listed.map((v) => v.id)).toEqual(bySeq.map((m) => m.enrolmentId));
    expect(listed.filter((v) => v.status === 'waitlisted').map((v) => v.waitlistPosition)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    // what each caller was told matches where it was put
    const seqOf = new Map(bySeq.map((m) => [m.enrolmentId, m.seq]));
    for (const view of views) {
      const seq = seqOf.get(view.id)!;
      expect(view.status).toBe(seq <= 10 ? 'enrolled' : 'waitlisted');
      expect(view.waitlistPosition).toBe(seq <= 10 ? null : seq - 10);
    }
    expect(new Set(views.map((v) => v.companyId)).size).toBe(100);
    await expect(kit.enrolments.seats(offering.id)).resolves.toEqual({ capacity: 10, enrolled: 10, waitlisted: 90 });

    // each event carries the counts right after its own enrolment
    const created = await waitFor(() => {
      const mine = eventsOf(offering.id).filter((e) => e.type === 'EnrolmentCreated');
      return mine.length === 100 ? mine : undefined;
    });
    for (const event of created) {
      const payload = event.payload as { enrolmentId: string; enrolledCount: number; waitlistLength: number; status: string };
      const seq = seqOf.get(payload.enrolmentId)!;
      expect(payload).toMatchObject({ status: seq <= 10 ? 'enrolled' : 'waitlisted', enrolledCount: Math.min(seq, 10), waitlistLength: Math.max(0, seq - 10) });
    }
    // one aggregate, one partition: consumers see them in acceptance order
    expect(created.map((e) => seqOf.get((e.payload as { enrolmentId: string }).enrolmentId))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('withdrawing an enrolled company promotes the first waitlisted; withdrawing a waitlisted one shortens the waitlist', async () => {
    const offering = kit.directory.addOffering({ capacity: 2 });
    const [a, b, c, d] = [1, 2, 3, 4].map(() => kit.directory.addCompany());
    const enrolled: EnrolmentView[] = [];
    for (const company of [a!, b!, c!, d!]) enrolled.push(await kit.enrolments.enrol(companyStaff(company.id), offering.id, company.id, undefined, 'corr'));
    expect(enrolled.map((v) => [v.status, v.waitlistPosition])).toEqual([['enrolled', null], ['enrolled', null], ['waitlisted', 1], ['waitlisted', 2]]);

    const withdrawn = await kit.enrolments.withdraw(companyStaff(a!.id), enrolled[0]!.id, 'corr-withdraw');
    expect(withdrawn.status).toBe('withdrawn');
    let listed = await kit.enrolments.enrolmentsOf(almiStaff, offering.id);
    expect(listed.map((v) => [v.companyId, v.status, v.waitlistPosition])).toEqual([
      [a!.id, 'withdrawn', null],
      [b!.id, 'enrolled', null],
      [c!.id, 'enrolled', null],
      [d!.id, 'waitlisted', 1],
    ]);

    // d leaves the waitlist: no seat was freed, so nobody is promoted
    await kit.enrolments.withdraw(municipalOffice(MALA), enrolled[3]!.id, 'corr-withdraw-2');
    listed = await kit.enrolments.enrolmentsOf(almiStaff, offering.id);
    expect(listed.map((v) => v.status)).toEqual(['withdrawn', 'enrolled', 'enrolled', 'withdrawn']);
    await expect(kit.enrolments.seats(offering.id)).resolves.toEqual({ capacity: 2, enrolled: 2, waitlisted: 0 });
    expect((await failure(kit.enrolments.withdraw(admin, enrolled[3]!.id, 'again'))).code).toBe('BAD_USER_INPUT');

    // a company that withdrew may enrol again, at the end of the queue
    const again = await kit.enrolments.enrol(companyStaff(a!.id), offering.id, a!.id, undefined, 'corr-again');
    expect([again.status, again.waitlistPosition]).toEqual(['waitlisted', 1]);

    const withdrawals = await waitFor(() => {
      const mine = eventsOf(offering.id).filter((e) => e.type === 'EnrolmentWithdrawn');
      return mine.length === 2 ? mine : undefined;
    });
    expect(withdrawals.map((e) => e.payload)).toEqual([
      { enrolmentId: enrolled[0]!.id, offeringId: offering.id, companyId: a!.id, promotedEnrolmentId: enrolled[2]!.id, enrolledCount: 2, waitlistLength: 1 },
      { enrolmentId: enrolled[3]!.id, offeringId: offering.id, companyId: d!.id, promotedEnrolmentId: null, enrolledCount: 2, waitlistLength: 0 },
    ]);
    expect(withdrawals.map((e) => e.correlationId)).toEqual(['corr-withdraw', 'corr-withdraw-2']);
    const promotion = await waitFor(() => eventsOf(offering.id).find((e) => e.type === 'EnrolmentPromoted'));
    expect(promotion.payload).toEqual({ enrolmentId: enrolled[2]!.id, offeringId: offering.id, companyId: c!.id, reason: 'withdrawal', enrolledCount: 2, waitlistLength: 1 });
  });

  it('serves the waitlist in order when the capacity is raised, and a newcomer never takes a seat ahead of it', async () => {
    const offering = kit.directory.addOffering({ capacity: 1 });
    const companies = [1, 2, 3, 4].map(() => kit.directory.addCompany());
    const enrolled: EnrolmentView[] = [];
    for (const company of companies) enrolled.push(await kit.enrolments.enrol(admin, offering.id, company.id, undefined, 'corr'));
    expect(enrolled.map((v) => v.status)).toEqual(['enrolled', 'waitlisted', 'waitlisted', 'waitlisted']);

    // the provider raises the capacity to 3: the first two in the queue get the seats, the third still waits
    kit.directory.offerings.set(offering.id, { ...offering, capacity: 3 });
    await expect(kit.enrolments.fillFreeSeats(offering.id, 'corr-raise')).resolves.toBe(2);
    await expect(kit.enrolments.fillFreeSeats(offering.id, 'corr-raise-again')).resolves.toBe(0);
    let listed = await kit.enrolments.enrolmentsOf(almiStaff, offering.id);
    expect(listed.map((v) => [v.id, v.status, v.waitlistPosition])).toEqual([
      [enrolled[0]!.id, 'enrolled', null],
      [enrolled[1]!.id, 'enrolled', null],
      [enrolled[2]!.id, 'enrolled', null],
      [enrolled[3]!.id, 'waitlisted', 1],
    ]);
    const promotions = await waitFor(() => {
      const mine = eventsOf(offering.id).filter((e) => e.type === 'EnrolmentPromoted');
      return mine.length === 2 ? mine : undefined;
    });
    expect(promotions.map((e) => [e.payload, e.correlationId])).toEqual([
      [{ enrolmentId: enrolled[1]!.id, offeringId: offering.id, companyId: companies[1]!.id, reason: 'capacity-raised', enrolledCount: 2, waitlistLength: 2 }, 'corr-raise'],
      [{ enrolmentId: enrolled[2]!.id, offeringId: offering.id, companyId: companies[2]!.id, reason: 'capacity-raised', enrolledCount: 3, waitlistLength: 1 }, 'corr-raise'],
    ]);

    // a seat freed while someone waits (a raise not yet served) goes to the one waiting, not to a newcomer
    kit.directory.offerings.set(offering.id, { ...offering, capacity: 4 });
    const newcomer = await kit.enrolments.enrol(admin, offering.id, kit.directory.addCompany().id, undefined, 'corr-new');
    expect([newcomer.status, newcomer.waitlistPosition]).toEqual(['waitlisted', 1]);
    listed = await kit.enrolments.enrolmentsOf(almiStaff, offering.id);
    expect(listed.map((v) => v.status)).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled', 'waitlisted']);
    await expect(kit.enrolments.seats(offering.id)).resolves.toEqual({ capacity: 4, enrolled: 4, waitlisted: 1 });
  });

  it('refuses enrolling twice with CONFLICT and stores nothing', async () => {
    const offering = kit.directory.addOffering();
    const company = kit.directory.addCompany();
    await kit.enrolments.enrol(admin, offering.id, company.id, { gender: 'woman' }, 'corr');
    const before = await kit.models.rosterEntries.find({ offeringId: offering.id }).lean();

    const error = await failure(kit.enrolments.enrol(admin, offering.id, company.id, { gender: 'woman' }, 'corr-twice'));
    expect([error.code, error.field]).toEqual(['CONFLICT', 'companyId']);

    const after = await kit.models.rosterEntries.find({ offeringId: offering.id }).lean();
    // the relay may have sent and emptied the first enrolment's outbox meanwhile; nothing else changed
    expect(after).toEqual(before.map((entry) => ({ ...entry, outbox: expect.any(Array), outboxPending: expect.any(Boolean) })));
    expect(after).toHaveLength(1);
    await expect(kit.enrolments.seats(offering.id)).resolves.toEqual({ capacity: 10, enrolled: 1, waitlisted: 0 });
    await waitFor(() => (eventsOf(offering.id).length >= 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(eventsOf(offering.id).filter((e) => e.correlationId === 'corr-twice')).toEqual([]);
  });

  it.each(['draft', 'closed', 'archived'] as const)('refuses a %s offering: not open for enrolment', async (status) => {
    const offering = kit.directory.addOffering({ status });
    const error = await failure(kit.enrolments.enrol(admin, offering.id, kit.directory.addCompany().id, undefined, 'corr'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/not open for enrolment/);
    expect(await kit.models.rosterEntries.countDocuments({ offeringId: offering.id })).toBe(0);
  });

  it('refuses after the application deadline, unknown offerings and unknown or unfit organisations', async () => {
    const company = kit.directory.addCompany();
    const late = kit.directory.addOffering({ applicationDeadline: '2020-08-31' });
    const lateError = await failure(kit.enrolments.enrol(admin, late.id, company.id, undefined, 'corr'));
    expect([lateError.code, lateError.message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/deadline 2020-08-31 has passed/)]);

    const unknownOffering = await failure(kit.enrolments.enrol(admin, newId(), company.id, undefined, 'corr'));
    expect([unknownOffering.code, unknownOffering.field]).toEqual(['NOT_FOUND', 'offeringId']);

    const offering = kit.directory.addOffering();
    const unknownCompany = await failure(kit.enrolments.enrol(admin, offering.id, newId(), undefined, 'corr'));
    expect([unknownCompany.code, unknownCompany.field]).toEqual(['BAD_USER_INPUT', 'companyId']);
    const university = kit.directory.addCompany(MALA, { kind: 'university-or-academy' });
    expect((await failure(kit.enrolments.enrol(admin, offering.id, university.id, undefined, 'corr'))).field).toBe('companyId');
    const inactive = kit.directory.addCompany(MALA, { status: 'inactive' });
    expect((await failure(kit.enrolments.enrol(admin, offering.id, inactive.id, undefined, 'corr'))).field).toBe('companyId');
    const badProfile = await failure(kit.enrolments.enrol(admin, offering.id, company.id, { gender: 'unknown' as 'woman' }, 'corr'));
    expect([badProfile.code, badProfile.field]).toEqual(['BAD_USER_INPUT', 'ownerProfile.gender']);

    // an employer may enrol too, and unlimited capacity never waitlists
    const open = kit.directory.addOffering({ capacity: null });
    const employer = kit.directory.addCompany(ARJEPLOG, { kind: 'employer' });
    await expect(kit.enrolments.enrol(admin, open.id, employer.id, undefined, 'corr')).resolves.toMatchObject({ status: 'enrolled' });
  });

  it('lets the company, its municipal office, the provider and admins enrol; nobody else', async () => {
    const offering = kit.directory.addOffering({ capacity: null });
    const allowed = [
      (id: string) => companyStaff(id),
      () => municipalOffice(MALA),
      () => almiStaff,
      () => admin,
    ];
    for (const claims of allowed) {
      const company = kit.directory.addCompany(MALA);
      await expect(kit.enrolments.enrol(claims(company.id), offering.id, company.id, undefined, 'corr')).resolves.toMatchObject({ status: 'enrolled' });
    }
    const company = kit.directory.addCompany(MALA);
    const refused = [publicCaller, companyStaff(newId()), municipalOffice(ARJEPLOG), { sub: 'x', roles: ['migration-officer'] as const }, { sub: 'y', roles: ['integration'] as const }];
    for (const claims of refused) {
      expect((await failure(kit.enrolments.enrol({ ...claims, roles: [...claims.roles] }, offering.id, company.id, undefined, 'corr'))).code).toBe('FORBIDDEN');
    }
    const mine = await kit.enrolments.enrol(companyStaff(company.id), offering.id, company.id, undefined, 'corr');
    expect((await failure(kit.enrolments.withdraw(companyStaff(newId()), mine.id, 'corr'))).code).toBe('FORBIDDEN');
    expect((await failure(kit.enrolments.withdraw(publicCaller, mine.id, 'corr'))).code).toBe('FORBIDDEN');
    expect((await failure(kit.enrolments.withdraw(admin, newId(), 'corr'))).code).toBe('NOT_FOUND');
  });

  it('shows enrolments to the provider in full and to a municipal office for its own companies only; seats to anyone', async () => {
    const offering = kit.directory.addOffering({ capacity: 5 });
    const mala = kit.directory.addCompany(MALA);
    const arjeplog = kit.directory.addCompany(ARJEPLOG);
    await kit.enrolments.enrol(admin, offering.id, mala.id, undefined, 'corr');
    await kit.enrolments.enrol(admin, offering.id, arjeplog.id, undefined, 'corr');

    expect((await kit.enrolments.enrolmentsOf(almiStaff, offering.id)).map((v) => v.companyId)).toEqual([mala.id, arjeplog.id]);
    expect((await kit.enrolments.enrolmentsOf(admin, offering.id)).map((v) => v.companyId)).toEqual([mala.id, arjeplog.id]);
    expect((await kit.enrolments.enrolmentsOf(municipalOffice(ARJEPLOG), offering.id)).map((v) => v.companyId)).toEqual([arjeplog.id]);
    for (const claims of [publicCaller, companyStaff(mala.id), { sub: 'p', roles: ['partner-staff' as const], organisationId: newId() }]) {
      expect((await failure(kit.enrolments.enrolmentsOf(claims, offering.id))).code).toBe('FORBIDDEN');
    }
    await expect(kit.enrolments.seats(offering.id)).resolves.toEqual({ capacity: 5, enrolled: 2, waitlisted: 0 });
    const empty = kit.directory.addOffering({ capacity: 3 });
    const seats = await kit.enrolments.seatsFor([offering.id, empty.id, newId()]);
    expect([...seats]).toEqual([
      [offering.id, { capacity: 5, enrolled: 2, waitlisted: 0 }],
      [empty.id, { capacity: 3, enrolled: 0, waitlisted: 0 }],
    ]);
  });

  it('records attendance per session of the offering, by the provider', async () => {
    const offering = kit.directory.addOffering({
      capacity: 1,
      sessions: [
        { id: 'kickoff', startsAt: '2020-09-10T15:00:00Z' },
        { id: 'budget', startsAt: '2020-10-08T15:00:00Z' },
      ],
    });
    const seated = await kit.enrolments.enrol(admin, offering.id, kit.directory.addCompany().id, undefined, 'corr');
    const waiting = await kit.enrolments.enrol(admin, offering.id, kit.directory.addCompany().id, undefined, 'corr');

    await kit.enrolments.recordAttendance(almiStaff, seated.id, 'kickoff', true, 'corr');
    const both = await kit.enrolments.recordAttendance(almiStaff, seated.id, 'budget', true, 'corr');
    expect(both.attendedSessionIds).toEqual(['kickoff', 'budget']);
    const corrected = await kit.enrolments.recordAttendance(admin, seated.id, 'kickoff', false, 'corr');
    expect(corrected.attendedSessionIds).toEqual(['budget']);
    expect((await kit.enrolments.recordAttendance(almiStaff, seated.id, 'budget', true, 'corr-repeat')).attendedSessionIds).toEqual(['budget']);
    // each change is published once; recording what is already recorded publishes nothing
    const changes = await waitFor(() => {
      const mine = eventsOf(offering.id).filter((e) => e.type === 'AttendanceRecorded');
      return mine.length === 3 ? mine : undefined;
    });
    const recorded = (sessionId: string) => changes.filter((e) => (e.payload as { sessionId: string }).sessionId === sessionId).map((e) => e.payload);
    const fact = { enrolmentId: seated.id, offeringId: offering.id, companyId: seated.companyId };
    expect(recorded('kickoff')).toEqual([{ ...fact, sessionId: 'kickoff', attended: true }, { ...fact, sessionId: 'kickoff', attended: false }]);
    expect(recorded('budget')).toEqual([{ ...fact, sessionId: 'budget', attended: true }]);

    expect((await failure(kit.enrolments.recordAttendance(almiStaff, seated.id, 'no-such-session', true, 'corr'))).field).toBe('sessionId');
    expect((await failure(kit.enrolments.recordAttendance(almiStaff, waiting.id, 'budget', true, 'corr'))).field).toBe('enrolmentId');
    for (const claims of [publicCaller, municipalOffice(MALA), companyStaff(seated.companyId)]) {
      expect((await failure(kit.enrolments.recordAttendance(claims, seated.id, 'budget', true, 'corr'))).code).toBe('FORBIDDEN');
    }
  });

  it('records outcomes by the provider or the municipal office; the event carries ids and the kind only', async () => {
    const offering = kit.directory.addOffering({ capacity: 1 });
    const company = kit.directory.addCompany(MALA);
    const enrolment = await kit.enrolments.enrol(admin, offering.id, company.id, undefined, 'corr');
    const goals = 'Sälja presentkort på nätet före jul; anställa en säsongsarbetare (fiktivt)';

    const recorded = await kit.enrolments.recordOutcome(almiStaff, enrolment.id, { kind: 'goals-set', goals }, 'corr-goals');
    expect(recorded).toMatchObject({ enrolmentId: enrolment.id, offeringId: offering.id, companyId: company.id, kind: 'goals-set', goals, jobs: null });
    const newCompany = kit.directory.addCompany(MALA);
    await kit.enrolments.recordOutcome(municipalOffice(MALA), enrolment.id, { kind: 'company-started', newCompanyId: newCompany.id }, 'corr');
    await kit.enrolments.recordOutcome(municipalOffice(MALA), enrolment.id, { kind: 'jobs-created', jobs: 1.5, jobsBasis: 'expected' }, 'corr');
    await kit.enrolments.recordOutcome(almiStaff, enrolment.id, { kind: 'investment-made', investmentSek: 250_000 }, 'corr');
    await kit.enrolments.recordOutcome(almiStaff, enrolment.id, { kind: 'turnover-band', turnoverBand: '1m-5m-sek' }, 'corr');
    expect((await kit.enrolments.outcomesOf(almiStaff, enrolment.id)).map((o) => o.kind)).toEqual(['goals-set', 'company-started', 'jobs-created', 'investment-made', 'turnover-band']);

    const invalid: Array<[Parameters<typeof kit.enrolments.recordOutcome>[2], string]> = [
      [{ kind: 'goals-set', goals: 'x'.repeat(1001) }, 'input.goals'],
      [{ kind: 'investment-made', investmentSek: -1 }, 'input.investmentSek'],
      [{ kind: 'jobs-created', jobs: 2 }, 'input.jobsBasis'],
      [{ kind: 'jobs-created', jobs: -1, jobsBasis: 'realised' }, 'input.jobs'],
      [{ kind: 'jobs-created', jobs: 2, jobsBasis: 'realised', goals: 'stray' }, 'input.goals'],
      [{ kind: 'company-started', newCompanyId: newId() }, 'input.newCompanyId'],
      [{ kind: 'turnover-band', turnoverBand: 'huge' as '1m-5m-sek' }, 'input.turnoverBand'],
    ];
    for (const [input, field] of invalid) {
      const error = await failure(kit.enrolments.recordOutcome(almiStaff, enrolment.id, input, 'corr'));
      expect([error.code, error.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    for (const claims of [publicCaller, companyStaff(company.id), municipalOffice(ARJEPLOG)]) {
      expect((await failure(kit.enrolments.recordOutcome(claims, enrolment.id, { kind: 'goals-set', goals }, 'corr'))).code).toBe('FORBIDDEN');
    }
    const waiting = await kit.enrolments.enrol(admin, offering.id, kit.directory.addCompany().id, undefined, 'corr');
    expect((await failure(kit.enrolments.recordOutcome(almiStaff, waiting.id, { kind: 'goals-set', goals }, 'corr'))).field).toBe('enrolmentId');
    expect(await kit.models.outcomes.countDocuments({ enrolmentId: enrolment.id })).toBe(5);

    const event = await waitFor(() => eventsOf(offering.id).find((e) => e.correlationId === 'corr-goals'));
    expect(event.type).toBe('OutcomeRecorded');
    expect(event.payload).toEqual({ outcomeId: recorded.id, enrolmentId: enrolment.id, offeringId: offering.id, companyId: company.id, kind: 'goals-set' });
    expect(JSON.stringify(event)).not.toContain('presentkort');
  });

  it('publishes only ids, codes and counts: no owner profile in any event', async () => {
    const offering = kit.directory.addOffering();
    const company = kit.directory.addCompany();
    const enrolment = await kit.enrolments.enrol(admin, offering.id, company.id, { gender: 'non-binary', ageGroup: '50-plus', foreignBorn: true }, 'corr-profile');
    const event = await waitFor(() => eventsOf(offering.id).find((e) => e.type === 'EnrolmentCreated'));
    expect(event).toMatchObject({ producer: 'offerings', aggregateId: offering.id, correlationId: 'corr-profile' });
    expect(event.payload).toEqual({ enrolmentId: enrolment.id, offeringId: offering.id, companyId: company.id, status: 'enrolled', enrolledCount: 1, waitlistLength: 0 });
    expect(JSON.stringify(event)).not.toMatch(/non-binary|50-plus|foreignBorn/);
    // the relay empties the outbox once Kafka has the events
    await waitFor(async () => ((await kit.models.rosterEntries.countDocuments({ offeringId: offering.id, outboxPending: true })) === 0 ? true : undefined));
  });
});
