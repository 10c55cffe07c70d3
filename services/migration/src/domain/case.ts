import { CASE_OUTCOMES, CASE_STEPS, type CaseOutcome, type CaseStep } from '@hub/shared/contracts';
import { ConflictError, ValidationError } from '@hub/shared/errors';
import { addMonths, assertCalendarDate } from './dates';
import { isRegion10Municipality } from '@hub/shared/contracts';
import { requiredText } from './text';

/**
 * An in-migration case: one per household per municipality, run by that municipality's migration officer through
 * the steps of settling in, closed with an outcome and followed up 6 and 12 months after the move.
 * Every function returns a new case and leaves the one given untouched.
 */

export const CASE_STATUSES = ['open', 'moved-in', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_LIMITS = {
  householdSize: { min: 1, max: 20 },
  noteLength: 2000,
} as const;

export interface CaseStepState {
  step: CaseStep;
  completedAt: Date | null;
}

export interface CaseNote {
  text: string;
  by: string;
  at: Date;
}

export interface FollowUp {
  /** Months after the move-in. */
  months: 6 | 12;
  stillLiving: boolean;
  /** People of the household in work at the follow-up. */
  peopleEmployed: number;
  recordedAt: Date;
}

export interface InMigrationCase {
  municipalityCode: string;
  /** The candidate, a partner and the children. */
  householdSize: number;
  status: CaseStatus;
  steps: CaseStepState[];
  notes: CaseNote[];
  /** YYYY-MM-DD */
  movedInOn: string | null;
  closedAt: Date | null;
  outcome: CaseOutcome | null;
  followUps: FollowUp[];
}

export const FOLLOW_UP_MONTHS = [6, 12] as const;

export function openCase(municipalityCode: string, householdSize: number): InMigrationCase {
  if (!isRegion10Municipality(municipalityCode)) throw new ValidationError({ en: `not a Region 10 municipality: ${municipalityCode}`, sv: `inte en kommun i Region 10: ${municipalityCode}` }, 'municipalityCode');
  assertWholeNumber(householdSize, CASE_LIMITS.householdSize.min, CASE_LIMITS.householdSize.max, 'householdSize');
  return {
    municipalityCode,
    householdSize,
    status: 'open',
    steps: CASE_STEPS.map((step) => ({ step, completedAt: null })),
    notes: [],
    movedInOn: null,
    closedAt: null,
    outcome: null,
    followUps: [],
  };
}

export function completeStep(c: InMigrationCase, step: CaseStep, at: Date): InMigrationCase {
  assertNotClosed(c);
  if (!CASE_STEPS.includes(step)) throw new ValidationError({ en: `step is one of ${CASE_STEPS.join(', ')}`, sv: `steget är ett av ${CASE_STEPS.join(', ')}` }, 'step');
  if (c.steps.some((state) => state.step === step && state.completedAt !== null)) throw new ConflictError({ en: `${step} is already completed`, sv: `${step} är redan klart` }, 'step');
  return { ...c, steps: c.steps.map((state) => (state.step === step ? { step, completedAt: at } : state)) };
}

/** Notes may be added to a closed case too: the follow-ups come after closing. */
export function addNote(c: InMigrationCase, text: string, by: string, at: Date): InMigrationCase {
  const note = { text: requiredText(text, 'text', CASE_LIMITS.noteLength), by, at };
  return { ...c, notes: [...c.notes, note] };
}

export function recordMoveIn(c: InMigrationCase, movedInOn: string, today: string): InMigrationCase {
  if (c.status !== 'open') {
    throw new ConflictError(
      c.status === 'closed' ? { en: 'the case is closed', sv: 'ärendet är stängt' } : { en: `the move-in on ${c.movedInOn} is already recorded`, sv: `inflyttningen ${c.movedInOn} är redan registrerad` },
      'movedInOn',
    );
  }
  assertCalendarDate(movedInOn, 'movedInOn');
  if (movedInOn > today) throw new ValidationError({ en: `the move-in date must not be in the future (today is ${today})`, sv: `inflyttningsdatumet får inte ligga i framtiden (i dag är det ${today})` }, 'movedInOn');
  return { ...c, status: 'moved-in', movedInOn };
}

export function closeCase(c: InMigrationCase, outcome: CaseOutcome, at: Date): InMigrationCase {
  assertNotClosed(c);
  if (!CASE_OUTCOMES.includes(outcome)) throw new ValidationError({ en: `outcome is one of ${CASE_OUTCOMES.join(', ')}`, sv: `utfallet är ett av ${CASE_OUTCOMES.join(', ')}` }, 'outcome');
  if (outcome === 'moved-in' && c.movedInOn === null) throw new ValidationError({ en: 'record the move-in date before closing the case as moved in', sv: 'registrera inflyttningsdatumet innan ärendet stängs som inflyttat' }, 'outcome');
  if (outcome === 'not-moved' && c.movedInOn !== null) throw new ValidationError({ en: `the household moved in on ${c.movedInOn}`, sv: `hushållet flyttade in ${c.movedInOn}` }, 'outcome');
  return { ...c, status: 'closed', closedAt: at, outcome };
}

/** The day a follow-up falls due: the move-in date plus that many calendar months. */
export function followUpDueOn(movedInOn: string, months: 6 | 12): string {
  return addMonths(movedInOn, months);
}

/** Once per 6 and 12 months after the move-in, from the day it falls due; also after the case is closed. */
export function recordFollowUp(
  c: InMigrationCase,
  followUp: { months: 6 | 12; stillLiving: boolean; peopleEmployed: number },
  today: string,
  at: Date,
): InMigrationCase {
  const { months, stillLiving, peopleEmployed } = followUp;
  if (!FOLLOW_UP_MONTHS.includes(months)) throw new ValidationError({ en: `a follow-up is made after ${FOLLOW_UP_MONTHS.join(' or ')} months`, sv: `en uppföljning görs efter ${FOLLOW_UP_MONTHS.join(' eller ')} månader` }, 'months');
  if (c.movedInOn === null) throw new ConflictError({ en: 'the household has not moved in, so there is nothing to follow up', sv: 'hushållet har inte flyttat in, så det finns inget att följa upp' }, 'months');
  if (c.followUps.some((recorded) => recorded.months === months)) throw new ConflictError({ en: `the ${months}-month follow-up is already recorded`, sv: `uppföljningen efter ${months} månader är redan registrerad` }, 'months');
  const dueOn = followUpDueOn(c.movedInOn, months);
  if (today < dueOn) throw new ValidationError({ en: `the ${months}-month follow-up is due on ${dueOn}`, sv: `uppföljningen efter ${months} månader görs tidigast ${dueOn}` }, 'months');
  assertWholeNumber(peopleEmployed, 0, c.householdSize, 'peopleEmployed');
  return { ...c, followUps: [...c.followUps, { months, stillLiving, peopleEmployed, recordedAt: at }] };
}

function assertNotClosed(c: InMigrationCase): void {
  if (c.status === 'closed') throw new ConflictError({ en: 'the case is closed', sv: 'ärendet är stängt' });
}

function assertWholeNumber(value: number, min: number, max: number, field: string): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError({ en: `must be a whole number from ${min} to ${max}`, sv: `måste vara ett heltal från ${min} till ${max}` }, field);
}
