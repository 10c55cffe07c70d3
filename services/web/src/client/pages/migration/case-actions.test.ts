import { describe, expect, it } from 'vitest';
import { addMonths, caseActions } from './case-actions';

const STEPS = ['HOUSING', 'PARTNER_JOB', 'SCHOOL_AND_PRESCHOOL', 'POPULATION_REGISTRATION', 'WELCOME_AND_INTRODUCTION'] as const;
const opened = {
  status: 'OPEN' as const,
  anonymised: false,
  movedInOn: null,
  steps: STEPS.map((step) => ({ step, completedAt: step === 'HOUSING' ? '2026-11-02T09:00:00Z' : null })),
  followUps: [],
};

describe('caseActions', () => {
  it('offers an open case its steps not yet done, a note, the move-in, and closing as not moved', () => {
    expect(caseActions(opened)).toEqual({
      stepsToComplete: ['PARTNER_JOB', 'SCHOOL_AND_PRESCHOOL', 'POPULATION_REGISTRATION', 'WELCOME_AND_INTRODUCTION'],
      mayAddNote: true,
      mayRecordMoveIn: true,
      followUps: [],
      closingOutcome: 'NOT_MOVED',
    });
  });

  it('offers a moved-in household the follow-ups not yet recorded, with the day each falls due, and closing as moved in', () => {
    const movedIn = { ...opened, status: 'MOVED_IN' as const, movedInOn: '2026-01-15', followUps: [{ months: 6 }] };
    const actions = caseActions(movedIn);
    expect(actions.mayRecordMoveIn).toBe(false);
    expect(actions.followUps).toEqual([{ months: 12, dueOn: '2027-01-15' }]);
    expect(actions.closingOutcome).toBe('MOVED_IN');
  });

  it('still offers follow-ups on a closed case, but no steps, move-in or closing', () => {
    const closed = { ...opened, status: 'CLOSED' as const, movedInOn: '2026-03-01' };
    expect(caseActions(closed)).toEqual({
      stepsToComplete: [],
      mayAddNote: true,
      mayRecordMoveIn: false,
      followUps: [
        { months: 6, dueOn: '2026-09-01' },
        { months: 12, dueOn: '2027-03-01' },
      ],
      closingOutcome: null,
    });
  });

  it('offers nothing on an anonymised case', () => {
    expect(caseActions({ ...opened, status: 'CLOSED', anonymised: true, movedInOn: '2024-01-01' })).toEqual({
      stepsToComplete: [],
      mayAddNote: false,
      mayRecordMoveIn: false,
      followUps: [],
      closingOutcome: null,
    });
  });
});

describe('addMonths', () => {
  it('keeps the day of the month', () => {
    expect(addMonths('2026-05-20', 6)).toBe('2026-11-20');
  });

  it('goes to the month’s last day when it is shorter, leap years included', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });

  it('crosses into the next year', () => {
    expect(addMonths('2026-12-07', 12)).toBe('2027-12-07');
  });
});
