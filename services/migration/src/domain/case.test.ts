import { CASE_STEPS } from '@hub/shared/contracts';
import { ConflictError, ValidationError } from '@hub/shared/errors';
import { addNote, closeCase, completeStep, followUpDueOn, openCase, recordFollowUp, recordMoveIn, type InMigrationCase } from './case';

const at = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-09-01T10:00:00Z');

function movedIn(on = '2026-02-27'): InMigrationCase {
  return recordMoveIn(openCase('2481', 4), on, '2026-03-01');
}

describe('in-migration case', () => {
  it('opens with every step to do', () => {
    const c = openCase('2481', 3);
    expect(c).toEqual({
      municipalityCode: '2481',
      householdSize: 3,
      status: 'open',
      steps: CASE_STEPS.map((step) => ({ step, completedAt: null })),
      notes: [],
      movedInOn: null,
      closedAt: null,
      outcome: null,
      followUps: [],
    });
  });

  it('opens only in Region 10, for a household of 1 to 20', () => {
    expect(() => openCase('2480', 1)).toThrow(expect.objectContaining({ field: 'municipalityCode' }));
    expect(() => openCase('2481', 0)).toThrow(expect.objectContaining({ field: 'householdSize' }));
    expect(() => openCase('2481', 21)).toThrow(expect.objectContaining({ field: 'householdSize' }));
    expect(() => openCase('2481', 2.5)).toThrow(ValidationError);
  });

  it('completes a step once, leaving the case given untouched', () => {
    const opened = openCase('2481', 2);
    const c = completeStep(opened, 'housing', at);
    expect(c.steps.find((state) => state.step === 'housing')?.completedAt).toEqual(at);
    expect(c.steps.filter((state) => state.completedAt !== null)).toHaveLength(1);
    expect(opened.steps.every((state) => state.completedAt === null)).toBe(true);
    expect(() => completeStep(c, 'housing', later)).toThrow(ConflictError);
    expect(() => completeStep(c, 'visit' as never, at)).toThrow(expect.objectContaining({ field: 'step', code: 'BAD_USER_INPUT' }));
  });

  it('adds notes of 1 to 2000 characters, trimmed', () => {
    const opened = openCase('2481', 2);
    const c = addNote(opened, '  Ringde om bostad. ', 'officer-1', at);
    expect(c.notes).toEqual([{ text: 'Ringde om bostad.', by: 'officer-1', at }]);
    expect(opened.notes).toEqual([]);
    expect(() => addNote(c, ' ', 'officer-1', at)).toThrow(expect.objectContaining({ field: 'text' }));
    expect(() => addNote(c, 'x'.repeat(2001), 'officer-1', at)).toThrow(expect.objectContaining({ field: 'text' }));
  });

  it('records the move-in once, not in the future', () => {
    const c = movedIn('2026-03-01');
    expect(c).toMatchObject({ status: 'moved-in', movedInOn: '2026-03-01' });
    expect(() => recordMoveIn(c, '2026-03-01', '2026-03-01')).toThrow(ConflictError);
    expect(() => recordMoveIn(openCase('2481', 1), '2026-03-02', '2026-03-01')).toThrow(expect.objectContaining({ field: 'movedInOn', code: 'BAD_USER_INPUT' }));
    expect(() => recordMoveIn(openCase('2481', 1), '2026-02-30', '2026-03-01')).toThrow(expect.objectContaining({ field: 'movedInOn' }));
  });

  it('closes with an outcome that agrees with the move-in, once', () => {
    expect(() => closeCase(openCase('2481', 1), 'moved-in', at)).toThrow(expect.objectContaining({ field: 'outcome' }));
    expect(() => closeCase(movedIn(), 'not-moved', at)).toThrow(expect.objectContaining({ field: 'outcome' }));
    const notMoved = closeCase(openCase('2481', 1), 'not-moved', at);
    expect(notMoved).toMatchObject({ status: 'closed', outcome: 'not-moved', closedAt: at });
    const closed = closeCase(movedIn(), 'moved-in', at);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'moved-in', movedInOn: '2026-02-27' });
    expect(() => closeCase(closed, 'moved-in', later)).toThrow(ConflictError);
    expect(() => completeStep(closed, 'housing', later)).toThrow(ConflictError);
    expect(() => recordMoveIn(notMoved, '2026-03-01', '2026-03-01')).toThrow(ConflictError);
  });

  it('falls due 6 and 12 calendar months after the move-in', () => {
    expect(followUpDueOn('2026-02-27', 6)).toBe('2026-08-27');
    expect(followUpDueOn('2026-08-31', 6)).toBe('2027-02-28');
    expect(followUpDueOn('2026-02-27', 12)).toBe('2027-02-27');
  });

  it('records a follow-up from the day it is due, once per 6 and 12 months', () => {
    const c = movedIn('2026-02-27');
    expect(() => recordFollowUp(c, { months: 6, stillLiving: true, peopleEmployed: 2 }, '2026-08-26', later)).toThrow(
      expect.objectContaining({ field: 'months', message: expect.stringContaining('2026-08-27') }),
    );
    const followedUp = recordFollowUp(c, { months: 6, stillLiving: true, peopleEmployed: 2 }, '2026-08-27', later);
    expect(followedUp.followUps).toEqual([{ months: 6, stillLiving: true, peopleEmployed: 2, recordedAt: later }]);
    expect(c.followUps).toEqual([]);
    expect(() => recordFollowUp(followedUp, { months: 6, stillLiving: true, peopleEmployed: 1 }, '2026-09-01', later)).toThrow(ConflictError);
    expect(() => recordFollowUp(followedUp, { months: 12, stillLiving: true, peopleEmployed: 1 }, '2026-09-01', later)).toThrow(
      expect.objectContaining({ field: 'months', code: 'BAD_USER_INPUT' }),
    );
  });

  it('follows up only a household that moved in, also after closing', () => {
    expect(() => recordFollowUp(openCase('2481', 1), { months: 6, stillLiving: true, peopleEmployed: 1 }, '2030-01-01', later)).toThrow(ConflictError);
    const closed = closeCase(movedIn('2026-02-27'), 'moved-in', at);
    const followedUp = recordFollowUp(closed, { months: 12, stillLiving: false, peopleEmployed: 0 }, '2027-03-01', later);
    expect(followedUp.followUps).toHaveLength(1);
  });

  it('counts the employed within the household', () => {
    const c = movedIn('2025-01-01');
    expect(() => recordFollowUp(c, { months: 6, stillLiving: true, peopleEmployed: 5 }, '2026-01-01', later)).toThrow(expect.objectContaining({ field: 'peopleEmployed' }));
    expect(() => recordFollowUp(c, { months: 6, stillLiving: true, peopleEmployed: -1 }, '2026-01-01', later)).toThrow(expect.objectContaining({ field: 'peopleEmployed' }));
    expect(recordFollowUp(c, { months: 6, stillLiving: true, peopleEmployed: 4 }, '2026-01-01', later).followUps).toHaveLength(1);
  });
});
