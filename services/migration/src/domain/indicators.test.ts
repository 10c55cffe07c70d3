import type { FollowUp } from './case';
import { migrationIndicators, validatePeriod, type CaseFacts } from './indicators';

const period = { from: '2026-01-01', to: '2026-12-31' };

function facts(change: Partial<CaseFacts>): CaseFacts {
  return { municipalityCode: '2481', openedAt: new Date('2026-02-01T10:00:00Z'), movedInOn: null, closedAt: null, householdSize: 1, followUps: [], ...change };
}

function followUp(months: 6 | 12, recordedAt: string, peopleEmployed: number, stillLiving = true): FollowUp {
  return { months, stillLiving, peopleEmployed, recordedAt: new Date(recordedAt) };
}

describe('migration indicators', () => {
  it('counts the cases active at any moment of the period, on Swedish dates', () => {
    const rows = migrationIndicators(
      [
        facts({}),
        facts({ openedAt: new Date('2025-06-01T10:00:00Z'), closedAt: new Date('2026-01-01T08:00:00Z') }),
        // 23:30 on 31 December in Sweden: closed in 2025
        facts({ openedAt: new Date('2025-06-01T10:00:00Z'), closedAt: new Date('2025-12-31T22:30:00Z') }),
        // 00:30 on 1 January 2027 in Sweden: opened after the period
        facts({ openedAt: new Date('2026-12-31T23:30:00Z') }),
        facts({ openedAt: new Date('2026-12-31T22:30:00Z') }),
      ],
      period,
    );
    expect(rows[0]?.activeCases).toBe(3);
  });

  it('counts households and people moved in within the period', () => {
    const rows = migrationIndicators(
      [
        facts({ movedInOn: '2026-01-01', householdSize: 4 }),
        facts({ movedInOn: '2026-12-31', householdSize: 2 }),
        facts({ movedInOn: '2025-12-31', householdSize: 3 }),
        facts({ movedInOn: '2027-01-01', householdSize: 5 }),
      ],
      period,
    );
    expect(rows[0]).toMatchObject({ householdsMovedIn: 2, peopleMovedIn: 6 });
  });

  it('takes the people employed from each case\'s latest follow-up within the period', () => {
    const rows = migrationIndicators(
      [
        facts({ movedInOn: '2025-06-01', householdSize: 4, followUps: [followUp(6, '2025-12-05T10:00:00Z', 1), followUp(12, '2026-06-03T10:00:00Z', 3)] }),
        facts({ movedInOn: '2025-12-01', householdSize: 2, followUps: [followUp(6, '2026-06-02T10:00:00Z', 1), followUp(12, '2026-12-02T10:00:00Z', 2)] }),
        facts({ movedInOn: '2026-06-01', householdSize: 2, followUps: [followUp(6, '2026-12-01T10:00:00Z', 1), followUp(12, '2027-06-01T10:00:00Z', 2)] }),
      ],
      period,
    );
    expect(rows[0]?.peopleEmployed).toBe(3 + 2 + 1);
  });

  it('counts 12-month follow-ups in the period and those still living there', () => {
    const rows = migrationIndicators(
      [
        facts({ followUps: [followUp(6, '2026-03-01T10:00:00Z', 1), followUp(12, '2026-09-01T10:00:00Z', 1)] }),
        facts({ followUps: [followUp(12, '2026-10-01T10:00:00Z', 0, false)] }),
        facts({ followUps: [followUp(12, '2025-10-01T10:00:00Z', 1)] }),
      ],
      period,
    );
    expect(rows[0]).toMatchObject({ followedUpAt12Months: 2, stillLivingAfter12Months: 1 });
  });

  it('gives one row per municipality with any case, in code order', () => {
    const rows = migrationIndicators(
      [facts({ municipalityCode: '2506' }), facts({ municipalityCode: '2418', openedAt: new Date('2027-02-01T10:00:00Z') }), facts({ municipalityCode: '2506' })],
      period,
    );
    expect(rows).toEqual([
      { municipalityCode: '2418', activeCases: 0, householdsMovedIn: 0, peopleMovedIn: 0, peopleEmployed: 0, followedUpAt12Months: 0, stillLivingAfter12Months: 0 },
      { municipalityCode: '2506', activeCases: 2, householdsMovedIn: 0, peopleMovedIn: 0, peopleEmployed: 0, followedUpAt12Months: 0, stillLivingAfter12Months: 0 },
    ]);
    expect(migrationIndicators([], period)).toEqual([]);
  });
});

describe('reporting period', () => {
  it('accepts real dates in order spanning at most ten years', () => {
    expect(validatePeriod({ from: '2026-01-01', to: '2026-01-01' })).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(validatePeriod({ from: '2020-01-01', to: '2029-12-31' })).toEqual({ from: '2020-01-01', to: '2029-12-31' });
  });

  it('refuses the rest, naming the field', () => {
    expect(() => validatePeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow(expect.objectContaining({ field: 'period.from' }));
    expect(() => validatePeriod({ from: '2026-02-01', to: '2026-13-01' }, 'input.period')).toThrow(expect.objectContaining({ field: 'input.period.to' }));
    expect(() => validatePeriod({ from: '2026-02-01', to: '2026-01-31' })).toThrow(expect.objectContaining({ field: 'period.to' }));
    expect(() => validatePeriod({ from: '2020-01-01', to: '2030-01-01' })).toThrow(expect.objectContaining({ field: 'period.to' }));
  });
});
