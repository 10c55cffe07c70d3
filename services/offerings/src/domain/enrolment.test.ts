import { admit, assertOpenForEnrolment, nextPromotion, replay, validateOutcome, withdrawal, type OfferingSnapshot, type Roster, type RosterEntry } from './enrolment';

const company = (n: number) => ({ id: `c${n}`, municipalityCode: '2418' });
const at = new Date('2020-09-01T08:00:00Z');

/** Applies decisions the way the application writes them: each as the next log entry. */
function enrolAll(capacity: number | null, count: number): { roster: Roster; entries: RosterEntry[] } {
  const entries: RosterEntry[] = [];
  let roster = replay('o1', entries);
  for (let n = 1; n <= count; n++) {
    const { member } = admit(roster, capacity, company(n), {}, `e${n}`, at);
    entries.push({ seq: member.seq, type: 'enrol', enrolmentId: member.enrolmentId, companyId: member.companyId, municipalityCode: '2418', status: member.status as 'enrolled', ownerProfile: {}, at });
    roster = replay('o1', entries);
  }
  return { roster, entries };
}

describe('enrolment rules', () => {
  it('seats while the capacity allows, then waitlists in order of acceptance', () => {
    const { roster } = enrolAll(2, 4);
    expect(roster.members.map((m) => [m.enrolmentId, m.status, m.seq])).toEqual([
      ['e1', 'enrolled', 1],
      ['e2', 'enrolled', 2],
      ['e3', 'waitlisted', 3],
      ['e4', 'waitlisted', 4],
    ]);
    expect([roster.enrolled, roster.waitlisted, roster.lastSeq]).toEqual([2, 2, 4]);
  });

  it('never waitlists with unlimited capacity', () => {
    expect(enrolAll(null, 3).roster.enrolled).toBe(3);
  });

  it('refuses a company already enrolled or waitlisted', () => {
    const { roster } = enrolAll(1, 2);
    expect(() => admit(roster, 1, company(2), {}, 'again', at)).toThrow(expect.objectContaining({ code: 'CONFLICT', field: 'companyId' }));
  });

  it('owes promotions in waitlist order while seats are free after a raise, and replays them', () => {
    const { roster, entries } = enrolAll(1, 3);
    expect(nextPromotion(roster, 1, at)).toBeNull();
    const first = nextPromotion(roster, 3, at)!;
    expect([first.promoted.enrolmentId, first.enrolled, first.waitlisted]).toEqual(['e2', 2, 1]);
    const promoted = replay('o1', [...entries, { seq: 4, type: 'promote', enrolmentId: 'e2', at }]);
    expect(promoted.members.map((m) => m.status)).toEqual(['enrolled', 'enrolled', 'waitlisted']);
    expect(nextPromotion(promoted, 3, at)?.promoted.enrolmentId).toBe('e3');
    expect(nextPromotion(promoted, 2, at)).toBeNull();
  });

  it('waitlists a newcomer while others wait, even with a seat free', () => {
    const { roster } = enrolAll(1, 2);
    expect(admit(roster, 5, company(9), {}, 'e9', at).member.status).toBe('waitlisted');
  });

  it('promotes the first waitlisted when an enrolled company withdraws, and replays to the same roster', () => {
    const { roster, entries } = enrolAll(2, 4);
    const change = withdrawal(roster, 'e1', 2, at);
    expect(change.promoted?.enrolmentId).toBe('e3');
    expect([change.enrolled, change.waitlisted]).toEqual([2, 1]);
    const replayed = replay('o1', [...entries, { seq: 5, type: 'withdraw', enrolmentId: 'e1', promotedEnrolmentId: 'e3', at }]);
    expect(replayed.members.map((m) => m.status)).toEqual(['withdrawn', 'enrolled', 'enrolled', 'waitlisted']);
    expect([replayed.enrolled, replayed.waitlisted]).toEqual([2, 1]);
  });

  it('promotes nobody when a waitlisted company withdraws or the capacity was lowered meanwhile', () => {
    const { roster } = enrolAll(2, 4);
    expect(withdrawal(roster, 'e3', 2, at)).toMatchObject({ promoted: null, enrolled: 2, waitlisted: 1 });
    expect(withdrawal(roster, 'e1', 1, at)).toMatchObject({ promoted: null, enrolled: 1, waitlisted: 2 });
    expect(() => withdrawal(roster, 'nope', 2, at)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('is open only when published and not past the deadline, in Swedish time', () => {
    const offering: OfferingSnapshot = { id: 'o1', providerId: 'p', projectId: null, status: 'published', capacity: 1, applicationDeadline: '2020-09-01', municipalityCodes: [], sessions: [] };
    // 23:30 UTC on the 1st is already the 2nd in Sweden
    expect(() => assertOpenForEnrolment(offering, new Date('2020-09-01T21:30:00Z'))).not.toThrow();
    expect(() => assertOpenForEnrolment(offering, new Date('2020-09-01T22:30:00Z'))).toThrow(/deadline/);
    expect(() => assertOpenForEnrolment({ ...offering, status: 'closed' }, at)).toThrow(/not open for enrolment/);
  });

  it('validates outcomes by kind', () => {
    expect(validateOutcome({ kind: 'goals-set', goals: '  Export till Norge  ' })).toEqual({ kind: 'goals-set', goals: 'Export till Norge' });
    expect(validateOutcome({ kind: 'jobs-created', jobs: 0.5, jobsBasis: 'realised' })).toEqual({ kind: 'jobs-created', jobs: 0.5, jobsBasis: 'realised' });
    expect(validateOutcome({ kind: 'company-started' })).toEqual({ kind: 'company-started', newCompanyId: null });
    expect(() => validateOutcome({ kind: 'jobs-created', jobs: 1.25, jobsBasis: 'expected' })).toThrow(expect.objectContaining({ field: 'input.jobs' }));
    expect(() => validateOutcome({ kind: 'investment-made', investmentSek: 10.5 })).toThrow(expect.objectContaining({ field: 'input.investmentSek' }));
    expect(() => validateOutcome({ kind: 'goals-set', goals: '   ' })).toThrow(expect.objectContaining({ field: 'input.goals' }));
    expect(() => validateOutcome({ kind: 'turnover-band', turnoverBand: '1m-5m-sek', jobs: 3 })).toThrow(expect.objectContaining({ field: 'input.jobs' }));
  });
});
