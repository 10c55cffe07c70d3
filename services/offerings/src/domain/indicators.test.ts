import type { Member } from './enrolment';
import { computeIndicators, csvField, indicatorRows, indicatorsCsv, suppressBreakdown, validateScope } from './indicators';

const cells = (counts: Record<string, number>) => suppressBreakdown(Object.entries(counts).map(([category, count]) => ({ category, count })));

describe('small-count suppression', () => {
  it('withholds cells of 1 to 4 and publishes zeros', () => {
    expect(cells({ woman: 6, man: 3, 'non-binary': 2, 'not-stated': 0 })).toEqual([
      { category: 'woman', value: 6, suppressed: false },
      { category: 'man', value: null, suppressed: true },
      { category: 'non-binary', value: null, suppressed: true },
      { category: 'not-stated', value: 0, suppressed: false },
    ]);
  });

  it('withholds the smallest other non-zero cell when one withheld cell could be derived from the total', () => {
    expect(cells({ woman: 9, man: 3, 'non-binary': 0, 'not-stated': 6 }).map((c) => c.value)).toEqual([9, null, 0, null]);
  });

  it('publishes everything when nothing is small', () => {
    expect(cells({ yes: 5, no: 12 }).every((c) => !c.suppressed)).toBe(true);
  });
});

describe('indicators', () => {
  const member = (n: number, overrides: Partial<Member & { offeringId: string }> = {}): Member & { offeringId: string } => ({
    offeringId: 'o1',
    enrolmentId: `e${n}`,
    companyId: `c${n}`,
    municipalityCode: '2418',
    status: 'enrolled',
    seq: n,
    enrolledAt: new Date('2020-09-01T08:00:00Z'),
    seatedAt: new Date('2020-09-01T08:00:00Z'),
    withdrawnAt: null,
    attendedSessionIds: [],
    ownerProfile: {},
    ...overrides,
  });

  it('counts each company once, only those that took part, in the period and municipality', () => {
    const members = [
      member(1, { ownerProfile: { gender: 'woman' } }),
      member(2, { offeringId: 'o2', companyId: 'c1', enrolledAt: new Date('2020-10-01T08:00:00Z'), ownerProfile: { gender: 'woman', ageGroup: '30-49' } }),
      member(3, { status: 'waitlisted', seatedAt: null }),
      member(4, { status: 'withdrawn', attendedSessionIds: [] }),
      member(5, { status: 'withdrawn', attendedSessionIds: ['s1'] }),
      member(6, { municipalityCode: '2506' }),
      member(7, { enrolledAt: new Date('2021-02-01T08:00:00Z') }),
      ...[8, 9, 10, 11, 12].map((n) => member(n)),
    ];
    const report = computeIndicators({ municipalityCode: '2418', from: '2020-08-01', to: '2020-12-31' }, [], members, []);
    // c1 (twice), c5 (attended, then withdrew) and c8..c12
    expect(report.participatingCompanies).toEqual({ value: 7, suppressed: false });
    // c1 is described by its latest enrolment; its single cell would follow from the total, so not-stated goes too
    expect(report.ownerAgeGroup.map((c) => [c.category, c.value])).toEqual([['under-30', 0], ['30-49', null], ['50-plus', 0], ['not-stated', null]]);
    expect(computeIndicators({}, [], members, []).participatingCompanies).toEqual({ value: 9, suppressed: false });
    expect(computeIndicators({ offeringId: 'o1', from: '2021-01-01' }, [], members, []).participatingCompanies).toEqual({ value: null, suppressed: true });
  });

  it('keeps expected and realised jobs apart, the latest figure per company counting', () => {
    const members = Array.from({ length: 6 }, (_, i) => member(i + 1));
    const outcomes = [
      { enrolmentId: 'e1', companyId: 'c1', kind: 'jobs-created', jobs: 1, jobsBasis: 'expected' as const, recordedAt: new Date('2020-10-01') },
      { enrolmentId: 'e1', companyId: 'c1', kind: 'jobs-created', jobs: 2.5, jobsBasis: 'expected' as const, recordedAt: new Date('2020-11-01') },
      { enrolmentId: 'e1', companyId: 'c1', kind: 'jobs-created', jobs: 1, jobsBasis: 'realised' as const, recordedAt: new Date('2021-05-01') },
      { enrolmentId: 'e2', companyId: 'c2', kind: 'jobs-created', jobs: 0.5, jobsBasis: 'realised' as const, recordedAt: new Date('2021-05-01') },
      { enrolmentId: 'e3', companyId: 'c3', kind: 'company-started', newCompanyId: 'n1', recordedAt: new Date('2021-05-01') },
      { enrolmentId: 'e4', companyId: 'c4', kind: 'company-started', newCompanyId: 'n1', recordedAt: new Date('2021-05-01') },
      { enrolmentId: 'e5', companyId: 'c5', kind: 'company-started', newCompanyId: null, recordedAt: new Date('2021-05-01') },
      { enrolmentId: 'other', companyId: 'cx', kind: 'company-started', newCompanyId: 'n9', recordedAt: new Date('2021-05-01') },
    ];
    const report = computeIndicators({}, [], members, outcomes);
    expect([report.jobsCreatedExpected, report.jobsCreatedRealised, report.newCompaniesStarted]).toEqual([2.5, 1.5, 2]);
    expect(report.participatingCompanies).toEqual({ value: 6, suppressed: false });
  });

  it('counts sessions held in the period, by Swedish date', () => {
    const offering = { id: 'o1', providerId: 'p', projectId: null, status: 'published' as const, capacity: 7, applicationDeadline: null, municipalityCodes: [], sessions: [
      { id: 'a', startsAt: '2020-08-31T22:30:00Z' }, // 1 September in Sweden
      { id: 'b', startsAt: '2020-11-30T12:00:00Z' },
      { id: 'c', startsAt: '2021-01-20T12:00:00Z' },
    ] };
    expect(computeIndicators({ from: '2020-09-01', to: '2020-11-30' }, [offering], [], []).activitiesHeld).toBe(2);
  });

  it('refuses a malformed scope', () => {
    expect(() => validateScope({ from: '2020-02-30' })).toThrow(expect.objectContaining({ field: 'scope.from' }));
    expect(() => validateScope({ from: '2020-09-01', to: '2020-08-01' })).toThrow(expect.objectContaining({ field: 'scope.to' }));
    expect(() => validateScope({ municipalityCode: '24' })).toThrow(expect.objectContaining({ field: 'scope.municipalityCode' }));
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hej"')).toBe('"say ""hej"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('has one header row and one row per indicator, withheld values empty', () => {
    const report = computeIndicators({}, [], [], []);
    const csv = indicatorsCsv(indicatorRows(report));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('indicator,breakdown,category,value,suppressed');
    expect(lines[1]).toBe('participating-companies,,,0,false');
    expect(lines).toContain('participating-companies,owner-gender,non-binary,0,false');
    expect(lines).toContain('jobs-created-expected,,,0,false');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + indicatorRows(report).length + 1);
    expect(indicatorsCsv([{ indicator: 'x', breakdown: 'y', category: 'z', value: null, suppressed: true }])).toBe('indicator,breakdown,category,value,suppressed\r\nx,y,z,,true\r\n');
  });
});
