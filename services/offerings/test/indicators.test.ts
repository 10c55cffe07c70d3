import type { DomainError } from '@hub/shared/errors';
import { IndicatorsApplication } from '../src/application/indicators';
import { swedishDate } from '@hub/shared/calendar';
import type { OwnerProfile } from '../src/domain/enrolment';
import { admin, ALMI_NORD, almiStaff, ARJEPLOG, MALA, municipalOffice, newId, publicCaller, startEnrolmentKit, type EnrolmentKit } from './enrolment-kit';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to fail');
}

const sessions = (prefix: string, starts: string[]) => starts.map((startsAt, i) => ({ id: `${prefix}-${i + 1}`, startsAt }));

/**
 * "Steget vidare" (Almi Nord, 2020): 7 companies in Malå and a parallel group of 6 in Arjeplog, seminars from
 * September to November, and a joint digital follow-up in January 2021, all in one project.
 */
describe('indicators for funders on real FerretDB', () => {
  let kit: EnrolmentKit;
  let indicators: IndicatorsApplication;
  const project = newId();
  const today = swedishDate(new Date());
  const tomorrow = swedishDate(new Date(Date.now() + 24 * 60 * 60 * 1000));

  beforeAll(async () => {
    kit = await startEnrolmentKit('indicators');
    indicators = new IndicatorsApplication(kit.models, kit.directory);

    const mala = kit.directory.addOffering({
      providerId: ALMI_NORD,
      projectId: project,
      capacity: 7,
      sessions: sessions('mala', ['2020-09-10T15:00:00Z', '2020-09-24T15:00:00Z', '2020-10-08T15:00:00Z', '2020-10-22T15:00:00Z', '2020-11-05T15:00:00Z']),
    });
    const arjeplog = kit.directory.addOffering({
      providerId: ALMI_NORD,
      projectId: project,
      capacity: 6,
      municipalityCodes: [ARJEPLOG],
      sessions: sessions('arjeplog', ['2020-09-15T15:00:00Z', '2020-10-13T15:00:00Z', '2020-11-10T15:00:00Z']),
    });
    kit.directory.addOffering({ projectId: project, capacity: null, municipalityCodes: [MALA, ARJEPLOG], sessions: sessions('follow-up', ['2021-01-21T14:00:00Z']) });

    const malaProfiles: Array<OwnerProfile | undefined> = [
      { gender: 'woman', ageGroup: '30-49', foreignBorn: false },
      { gender: 'woman', ageGroup: '50-plus', foreignBorn: false },
      { gender: 'woman', ageGroup: '30-49', foreignBorn: true },
      { gender: 'woman', ageGroup: '50-plus', foreignBorn: false },
      { gender: 'man', ageGroup: 'under-30', foreignBorn: false },
      { gender: 'man', ageGroup: '50-plus', foreignBorn: false },
      { ageGroup: '30-49' },
    ];
    const malaEnrolments = [];
    for (const profile of malaProfiles) {
      const company = kit.directory.addCompany(MALA);
      malaEnrolments.push(await kit.enrolments.enrol(municipalOffice(MALA), mala.id, company.id, profile, 'corr'));
    }
    // an eighth waits for a seat: not a participant
    const eighth = await kit.enrolments.enrol(admin, mala.id, kit.directory.addCompany(MALA).id, { gender: 'man' }, 'corr');
    // one attended the first seminar and then left (a participant); the eighth took the seat but left before attending anything
    await kit.enrolments.recordAttendance(almiStaff, malaEnrolments[6]!.id, 'mala-1', true, 'corr');
    await kit.enrolments.withdraw(admin, malaEnrolments[6]!.id, 'corr');
    await kit.enrolments.withdraw(admin, eighth.id, 'corr');

    for (const gender of ['woman', 'woman', 'woman', 'man', 'man', 'man'] as const) {
      await kit.enrolments.enrol(municipalOffice(ARJEPLOG), arjeplog.id, kit.directory.addCompany(ARJEPLOG).id, { gender }, 'corr');
    }

    const started = kit.directory.addCompany(MALA);
    await kit.enrolments.recordOutcome(almiStaff, malaEnrolments[0]!.id, { kind: 'company-started', newCompanyId: started.id }, 'corr');
    await kit.enrolments.recordOutcome(almiStaff, malaEnrolments[1]!.id, { kind: 'jobs-created', jobs: 2, jobsBasis: 'expected' }, 'corr');
    await kit.enrolments.recordOutcome(almiStaff, malaEnrolments[1]!.id, { kind: 'jobs-created', jobs: 3, jobsBasis: 'expected' }, 'corr');
    await kit.enrolments.recordOutcome(municipalOffice(MALA), malaEnrolments[2]!.id, { kind: 'jobs-created', jobs: 1, jobsBasis: 'realised' }, 'corr');
    await kit.enrolments.recordOutcome(almiStaff, malaEnrolments[2]!.id, { kind: 'goals-set', goals: 'Öppna webbutik (fiktivt)' }, 'corr');
  });

  afterAll(async () => {
    await kit?.stop();
  });

  const values = (cells: Array<{ category: string; value: number | null }>) => Object.fromEntries(cells.map((c) => [c.category, c.value]));

  it('reports one offering with every small cell withheld', async () => {
    const mala = [...kit.directory.offerings.values()].find((o) => o.sessions[0]!.id === 'mala-1')!;
    const report = await indicators.indicators(almiStaff, { offeringId: mala.id });
    expect(report.participatingCompanies).toEqual({ value: 7, suppressed: false });
    expect(values(report.ownerGender)).toEqual({ woman: null, man: null, 'non-binary': 0, 'not-stated': null });
    expect(values(report.ownerAgeGroup)).toEqual({ 'under-30': null, '30-49': null, '50-plus': null, 'not-stated': 0 });
    // two small cells: 7 − 5 gives only their sum
    expect(values(report.ownerForeignBorn)).toEqual({ yes: null, no: 5, 'not-stated': null });
    expect(report.ownerGender.filter((c) => c.suppressed).map((c) => c.category)).toEqual(['woman', 'man', 'not-stated']);
    expect([report.newCompaniesStarted, report.jobsCreatedExpected, report.jobsCreatedRealised, report.activitiesHeld]).toEqual([1, 3, 1, 5]);
  });

  it('reports the project: each company once, a single small cell protected by withholding the next smallest', async () => {
    const report = await indicators.indicators(integration(), { projectId: project });
    expect(report.participatingCompanies).toEqual({ value: 13, suppressed: false });
    // women 4 + 3, men 2 + 3, one not stated: 1 is withheld, and men (5) with it
    expect(values(report.ownerGender)).toEqual({ woman: 7, man: null, 'non-binary': 0, 'not-stated': null });
    expect(report.activitiesHeld).toBe(9);
    expect((await indicators.indicators(municipalOffice(ARJEPLOG), { projectId: project, municipalityCode: ARJEPLOG })).participatingCompanies).toEqual({ value: 6, suppressed: false });
  });

  it('filters enrolments and sessions by the period', async () => {
    const autumn = await indicators.indicators(almiStaff, { projectId: project, from: '2020-09-01', to: '2020-11-30' });
    expect([autumn.participatingCompanies.value, autumn.activitiesHeld]).toEqual([0, 8]);
    expect((await indicators.indicators(almiStaff, { projectId: project, from: today, to: today })).participatingCompanies.value).toBe(13);
    expect((await indicators.indicators(almiStaff, { projectId: project, from: tomorrow })).participatingCompanies.value).toBe(0);
  });

  it('writes CSV: one header row, one row per indicator, withheld values empty', async () => {
    const mala = [...kit.directory.offerings.values()].find((o) => o.sessions[0]!.id === 'mala-1')!;
    const csv = await indicators.csv(admin, { offeringId: mala.id });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('indicator,breakdown,category,value,suppressed');
    expect(lines).toEqual(
      expect.arrayContaining([
        'participating-companies,,,7,false',
        'participating-companies,owner-gender,woman,,true',
        'participating-companies,owner-gender,non-binary,0,false',
        'participating-companies,owner-foreign-born,no,5,false',
        'new-companies-started,,,1,false',
        'jobs-created-expected,,,3,false',
        'jobs-created-realised,,,1,false',
        'activities-held,,,5,false',
      ]),
    );
    expect(lines).toHaveLength(1 + 1 + 4 + 4 + 3 + 4 + 1);
    expect(csv).not.toContain('webbutik');
  });

  it('is for staff only and refuses a malformed scope', async () => {
    for (const claims of [publicCaller, { sub: 'm', roles: ['migration-officer' as const] }]) {
      expect((await failure(indicators.indicators(claims, { projectId: project }))).code).toBe('FORBIDDEN');
      expect((await failure(indicators.csv(claims, { projectId: project }))).code).toBe('FORBIDDEN');
    }
    const error = await failure(indicators.indicators(almiStaff, { from: '2020-13-01' }));
    expect([error.code, error.field]).toEqual(['BAD_USER_INPUT', 'scope.from']);
  });
});

function integration() {
  return { sub: 'funder-reporting-job', roles: ['integration' as const] };
}
