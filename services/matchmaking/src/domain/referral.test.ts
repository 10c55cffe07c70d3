import type { HubClaims } from '@hub/shared/auth';
import { ConflictError, ForbiddenError, ValidationError } from '@hub/shared/errors';
import {
  createReferral,
  MAX_NOTE_LENGTH,
  referringOrganisationId,
  REFERRAL_STATUSES,
  responseTimeStats,
  transition,
  visibleTo,
  type Referral,
  type ReferralFacts,
  type ReferralInput,
  type ReferralStatus,
} from './referral';

const OFFICE = 'org-office-sorsele';
const PROVIDER = 'org-almi-nord';
const COMPANY = 'org-company-fjallbryggeri';

const officeStaff: HubClaims = { sub: 'user-office', roles: ['municipal-staff'], organisationId: OFFICE, municipalityCode: '2422' };
const providerStaff: HubClaims = { sub: 'user-provider', roles: ['partner-staff'], organisationId: PROVIDER };
const admin: HubClaims = { sub: 'user-admin', roles: ['admin'] };
const otherPartner: HubClaims = { sub: 'user-other', roles: ['partner-staff'], organisationId: 'org-vinnova' };
const otherOffice: HubClaims = { sub: 'user-storuman', roles: ['municipal-staff'], organisationId: 'org-office-storuman', municipalityCode: '2421' };
const companyStaff: HubClaims = { sub: 'user-company', roles: ['partner-staff'], organisationId: COMPANY };
const publicUser: HubClaims = { sub: 'user-public', roles: ['public'], organisationId: PROVIDER };

const input: ReferralInput = { companyId: COMPANY, toOrganisationId: PROVIDER, note: '  Needs a loan to buy a second brewing line.  ' };
const facts: ReferralFacts = {
  company: { kind: 'company', status: 'active', municipalityCode: '2422' },
  provider: { kind: 'support-organisation', status: 'active' },
  referrer: { kind: 'municipal-business-office', status: 'active' },
  openReferralToProvider: false,
};
const t0 = new Date('2026-03-02T08:00:00.000Z');
const hoursLater = (hours: number): Date => new Date(t0.getTime() + hours * 3_600_000);

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function expectError(run: () => unknown, type: typeof ValidationError | typeof ForbiddenError | typeof ConflictError, message: string | RegExp, field?: string): void {
  const error = thrown(run);
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(message);
  if (field !== undefined) expect((error as ValidationError).field).toBe(field);
}

function proposed(): Referral {
  return createReferral(officeStaff, input, facts, t0, 'ref-1');
}

/** A referral walked along the given statuses by the right party. */
function walk(...statuses: ReferralStatus[]): Referral {
  return statuses.reduce((r, status, i) => transition(r, status, status === 'withdrawn' ? officeStaff : providerStaff, hoursLater(i + 1)), proposed());
}

describe('createReferral', () => {
  it('proposes a referral from the staff member’s office with the note trimmed', () => {
    expect(proposed()).toEqual({
      id: 'ref-1',
      companyId: COMPANY,
      municipalityCode: '2422',
      fromOrganisationId: OFFICE,
      toOrganisationId: PROVIDER,
      note: 'Needs a loan to buy a second brewing line.',
      status: 'proposed',
      history: [{ status: 'proposed', at: '2026-03-02T08:00:00.000Z', by: 'user-office', byOrganisationId: OFFICE }],
      createdAt: '2026-03-02T08:00:00.000Z',
      firstResponseAt: null,
    });
  });

  it('lets an admin refer for a named office', () => {
    const referral = createReferral(admin, { ...input, fromOrganisationId: OFFICE }, facts, t0, 'ref-2');
    expect(referral.fromOrganisationId).toBe(OFFICE);
    expect(referral.history[0]).toMatchObject({ by: 'user-admin', byOrganisationId: null });
    expectError(() => createReferral(admin, input, facts, t0, 'ref-2'), ValidationError, 'Say which office the referral is made for', 'input.fromOrganisationId');
  });

  it.each([
    ['a partner', providerStaff],
    ['a company', companyStaff],
    ['the public', publicUser],
    ['a migration officer', { sub: 'm', roles: ['migration-officer'], organisationId: OFFICE, municipalityCode: '2422' } as HubClaims],
  ])('refuses %s', (_, claims) => {
    expectError(() => createReferral(claims, input, facts, t0, 'ref-1'), ForbiddenError, 'Only the staff of a municipal business office may refer a company');
  });

  it('refuses municipal staff without an organisation, or naming another office', () => {
    const { organisationId: _, ...noOrganisation } = officeStaff;
    expectError(() => createReferral(noOrganisation, input, facts, t0, 'ref-1'), ForbiddenError, /belongs to no organisation/);
    expectError(() => referringOrganisationId(officeStaff, { fromOrganisationId: 'org-office-storuman' }), ForbiddenError, 'A referral is made from your own office');
  });

  it('refuses a company of another municipality to its office', () => {
    expectError(() => createReferral(otherOffice, input, { ...facts }, t0, 'ref-1'), ForbiddenError, 'An office refers the companies of its own municipality');
  });

  it('requires the referrer to be an active municipal business office', () => {
    expectError(() => createReferral(officeStaff, input, { ...facts, referrer: null }, t0, 'x'), ValidationError, `No organisation with id ${OFFICE}`, 'input.fromOrganisationId');
    expectError(() => createReferral(officeStaff, input, { ...facts, referrer: { kind: 'network', status: 'active' } }, t0, 'x'), ValidationError, 'is not a municipal business office', 'input.fromOrganisationId');
    expectError(() => createReferral(officeStaff, input, { ...facts, referrer: { kind: 'municipal-business-office', status: 'inactive' } }, t0, 'x'), ValidationError, 'inactive', 'input.fromOrganisationId');
  });

  it('requires an active company or employer', () => {
    expectError(() => createReferral(officeStaff, input, { ...facts, company: null }, t0, 'x'), ValidationError, `No organisation with id ${COMPANY}`, 'input.companyId');
    expectError(() => createReferral(officeStaff, input, { ...facts, company: { kind: 'funder', status: 'active', municipalityCode: '2422' } }, t0, 'x'), ValidationError, 'Only a company or an employer can be referred', 'input.companyId');
    expectError(() => createReferral(officeStaff, input, { ...facts, company: { kind: 'company', status: 'inactive', municipalityCode: '2422' } }, t0, 'x'), ValidationError, 'The company is inactive', 'input.companyId');
    expect(createReferral(officeStaff, input, { ...facts, company: { kind: 'employer', status: 'active', municipalityCode: '2422' } }, t0, 'x').status).toBe('proposed');
  });

  it.each(['support-organisation', 'funder', 'university-or-academy', 'network', 'region', 'municipal-business-office'] as const)('accepts a %s as provider', (kind) => {
    expect(createReferral(officeStaff, input, { ...facts, provider: { kind, status: 'active' } }, t0, 'x').toOrganisationId).toBe(PROVIDER);
  });

  it.each(['company', 'employer'] as const)('refuses a %s as provider', (kind) => {
    expectError(() => createReferral(officeStaff, input, { ...facts, provider: { kind, status: 'active' } }, t0, 'x'), ValidationError, `${PROVIDER} is not a provider`, 'input.toOrganisationId');
  });

  it('refuses a missing or inactive provider, and the office itself', () => {
    expectError(() => createReferral(officeStaff, input, { ...facts, provider: null }, t0, 'x'), ValidationError, `No organisation with id ${PROVIDER}`, 'input.toOrganisationId');
    expectError(() => createReferral(officeStaff, input, { ...facts, provider: { kind: 'funder', status: 'inactive' } }, t0, 'x'), ValidationError, 'The provider is inactive', 'input.toOrganisationId');
    const toSelf = { ...input, toOrganisationId: OFFICE };
    expectError(() => createReferral(officeStaff, toSelf, { ...facts, provider: { kind: 'municipal-business-office', status: 'active' } }, t0, 'x'), ValidationError, 'An office cannot refer a company to itself', 'input.toOrganisationId');
  });

  it('refuses a second open referral of the company to the same provider', () => {
    expectError(() => createReferral(officeStaff, input, { ...facts, openReferralToProvider: true }, t0, 'x'), ConflictError, 'The company already has an open referral to this provider', 'input.toOrganisationId');
  });

  it('requires a note of at most 2000 characters', () => {
    expectError(() => createReferral(officeStaff, { ...input, note: '   ' }, facts, t0, 'x'), ValidationError, /Write a note/, 'input.note');
    expectError(() => createReferral(officeStaff, { ...input, note: 'x'.repeat(MAX_NOTE_LENGTH + 1) }, facts, t0, 'x'), ValidationError, 'At most 2000 characters', 'input.note');
    expect(createReferral(officeStaff, { ...input, note: ` ${'x'.repeat(MAX_NOTE_LENGTH)} ` }, facts, t0, 'x').note).toHaveLength(MAX_NOTE_LENGTH);
  });
});

describe('transition', () => {
  const legal: Array<[ReferralStatus[], ReferralStatus]> = [
    [[], 'accepted'],
    [[], 'declined'],
    [[], 'withdrawn'],
    [['accepted'], 'in-progress'],
    [['accepted', 'in-progress'], 'completed'],
  ];

  it.each(legal)('after %j moves to %s', (before, to) => {
    const referral = walk(...before);
    const actor = to === 'withdrawn' ? officeStaff : providerStaff;
    const next = transition(referral, to, actor, hoursLater(10), ' see you ');
    expect(next.status).toBe(to);
    expect(next.history).toHaveLength(before.length + 2);
    expect(next.history.at(-1)).toEqual({ status: to, at: hoursLater(10).toISOString(), by: actor.sub, byOrganisationId: actor.organisationId, note: 'see you' });
    // the old referral is left as it was
    expect(referral.status).toBe(before.at(-1) ?? 'proposed');
  });

  const legalPairs = new Set(legal.map(([before, to]) => `${before.at(-1) ?? 'proposed'}>${to}`));
  const reach: Record<ReferralStatus, ReferralStatus[]> = {
    proposed: [],
    accepted: ['accepted'],
    declined: ['declined'],
    'in-progress': ['accepted', 'in-progress'],
    completed: ['accepted', 'in-progress', 'completed'],
    withdrawn: ['withdrawn'],
  };
  const illegal = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.filter((to) => !legalPairs.has(`${from}>${to}`)).map((to) => [from, to] as const));

  it.each(illegal)('refuses %s → %s as a ValidationError on status, even for an admin', (from, to) => {
    const referral = walk(...reach[from]);
    expect(referral.status).toBe(from);
    for (const claims of [to === 'withdrawn' ? officeStaff : providerStaff, admin]) {
      expectError(() => transition(referral, to, claims, hoursLater(10)), ValidationError, new RegExp(`^An? ${from} referral cannot be \\w+$`), 'status');
    }
  });

  it('says plainly that a declined referral cannot be completed', () => {
    expectError(() => transition(walk('declined'), 'completed', providerStaff, hoursLater(5)), ValidationError, /^A declined referral cannot be completed$/, 'status');
    expectError(() => transition(walk('accepted'), 'accepted', providerStaff, hoursLater(5)), ValidationError, /^An accepted referral cannot be accepted$/, 'status');
    expectError(() => transition(walk('accepted'), 'completed', providerStaff, hoursLater(5)), ValidationError, /^An accepted referral cannot be completed$/, 'status');
  });

  it('refuses an unknown status', () => {
    expectError(() => transition(proposed(), 'archived' as ReferralStatus, admin, hoursLater(1)), ValidationError, 'Unknown referral status archived', 'status');
  });

  it.each(['accepted', 'declined'] as const)('records the first response when %s, and keeps it afterwards', (to) => {
    const answered = transition(proposed(), to, providerStaff, hoursLater(30));
    expect(answered.firstResponseAt).toBe(hoursLater(30).toISOString());
    if (to === 'accepted') expect(transition(answered, 'in-progress', providerStaff, hoursLater(40)).firstResponseAt).toBe(hoursLater(30).toISOString());
  });

  it('leaves firstResponseAt empty on withdrawal', () => {
    expect(transition(proposed(), 'withdrawn', officeStaff, hoursLater(2)).firstResponseAt).toBeNull();
  });

  it.each([
    ['the referring office', officeStaff],
    ['another partner', otherPartner],
    ['another office', otherOffice],
    ['the company', companyStaff],
    ['a public user of the provider', publicUser],
  ])('refuses answers and reports from %s', (_, claims) => {
    for (const [before, to] of legal.filter(([, status]) => status !== 'withdrawn')) {
      expectError(() => transition(walk(...before), to, claims, hoursLater(10)), ForbiddenError, /addressed to/);
    }
  });

  it('lets the provider be a municipal office whose staff hold the municipal role', () => {
    const referral = { ...proposed(), toOrganisationId: 'org-office-storuman' };
    expect(transition(referral, 'accepted', otherOffice, hoursLater(1)).status).toBe('accepted');
  });

  it.each([
    ['the provider', providerStaff],
    ['another office', otherOffice],
    ['the company', companyStaff],
  ])('refuses withdrawal by %s', (_, claims) => {
    expectError(() => transition(proposed(), 'withdrawn', claims, hoursLater(1)), ForbiddenError, 'Only the referring office may withdraw a referral');
  });

  it('checks who may before what is legal, so an outsider learns nothing of the state', () => {
    expectError(() => transition(walk('declined'), 'completed', otherPartner, hoursLater(5)), ForbiddenError, /addressed to/);
  });

  it('lets an admin take every legal step, recorded with no organisation', () => {
    const done = ['accepted', 'in-progress', 'completed'].reduce<Referral>((r, status, i) => transition(r, status as ReferralStatus, admin, hoursLater(i + 1)), proposed());
    expect(done.history.map((h) => [h.status, h.by, h.byOrganisationId])).toEqual([
      ['proposed', 'user-office', OFFICE],
      ['accepted', 'user-admin', null],
      ['in-progress', 'user-admin', null],
      ['completed', 'user-admin', null],
    ]);
    expect(transition(proposed(), 'withdrawn', admin, hoursLater(1)).status).toBe('withdrawn');
  });

  it('checks the note', () => {
    expectError(() => transition(proposed(), 'declined', providerStaff, hoursLater(1), 'y'.repeat(MAX_NOTE_LENGTH + 1)), ValidationError, 'At most 2000 characters', 'note');
    expect(transition(proposed(), 'declined', providerStaff, hoursLater(1), '   ').history.at(-1)).not.toHaveProperty('note');
  });
});

describe('visibleTo', () => {
  const referral = proposed();

  it.each([
    ['the referring office', officeStaff, true],
    ['the provider', providerStaff, true],
    ['an admin', admin, true],
    ['another partner', otherPartner, false],
    ['another office', otherOffice, false],
    ['the company', companyStaff, false],
    ['a public user of the provider', publicUser, false],
    ['other municipal staff of the company’s municipality', { sub: 'u', roles: ['municipal-staff'], organisationId: 'org-sorsele-school', municipalityCode: '2422' } as HubClaims, false],
  ])('%s: %s', (_, claims, visible) => {
    expect(visibleTo(claims, referral)).toBe(visible);
  });
});

describe('responseTimeStats', () => {
  function referral(id: string, createdHours: number, answeredAfterHours: number | null, status: ReferralStatus): Referral {
    return {
      ...proposed(),
      id,
      status,
      createdAt: hoursLater(createdHours).toISOString(),
      firstResponseAt: answeredAfterHours === null ? null : hoursLater(createdHours + answeredAfterHours).toISOString(),
    };
  }

  const referrals = [
    referral('a', 0, 2, 'accepted'),
    referral('b', 1, 4, 'declined'),
    referral('c', 2, 10, 'completed'),
    referral('d', 3, 20, 'in-progress'),
    referral('e', 100, null, 'proposed'),
    referral('f', 110, null, 'proposed'),
    referral('g', 120, null, 'withdrawn'),
  ];
  const now = hoursLater(130);

  it('counts answers and waiting referrals', () => {
    const stats = responseTimeStats(referrals, now);
    expect(stats).toMatchObject({ count: 7, answered: 4, unanswered: 2, oldestWaitingHours: 30 });
    // 2, 4, 10 and 20 hours: interpolated between the middle two, and 70% of the way from 10 to 20
    expect(stats.medianHours).toBeCloseTo(7);
    expect(stats.p90Hours).toBeCloseTo(17);
  });

  it('keeps to the referrals proposed in the period, from inclusive, to exclusive', () => {
    const stats = responseTimeStats(referrals, now, { from: hoursLater(1).toISOString(), to: hoursLater(100).toISOString() });
    expect(stats).toMatchObject({ count: 3, answered: 3, unanswered: 0, oldestWaitingHours: null });
    expect(stats.medianHours).toBeCloseTo(10);
    expect(stats.p90Hours).toBeCloseTo(18);
  });

  it('answers nulls for nothing', () => {
    expect(responseTimeStats([], now)).toEqual({ count: 0, answered: 0, medianHours: null, p90Hours: null, unanswered: 0, oldestWaitingHours: null });
  });

  it('refuses a period that is not a time', () => {
    expectError(() => responseTimeStats(referrals, now, { from: 'last spring' }), ValidationError, 'Expected an ISO-8601 time', 'period.from');
  });
});
