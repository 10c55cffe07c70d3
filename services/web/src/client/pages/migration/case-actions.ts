import type { CaseOutcome, CaseStatus, CaseStep } from '../../graphql/graphql';

interface CaseFacts {
  status: CaseStatus;
  anonymised: boolean;
  movedInOn?: string | null;
  steps: ReadonlyArray<{ step: CaseStep; completedAt?: string | null }>;
  followUps: ReadonlyArray<{ months: number }>;
}

export interface FollowUpChoice {
  months: 6 | 12;
  /** The day it falls due (YYYY-MM-DD): the graph takes it from that day. */
  dueOn: string;
}

/** What an officer may still do in a case: the forms a page offers, as the graph's rules for cases have it. */
export interface CaseActions {
  stepsToComplete: CaseStep[];
  mayAddNote: boolean;
  mayRecordMoveIn: boolean;
  followUps: FollowUpChoice[];
  /** The outcome the case can be closed with, none once it is closed. */
  closingOutcome: CaseOutcome | null;
}

const FOLLOW_UP_MONTHS = [6, 12] as const;

export function caseActions(facts: CaseFacts): CaseActions {
  const open = facts.status !== 'CLOSED' && !facts.anonymised;
  const movedInOn = facts.movedInOn ?? null;
  return {
    stepsToComplete: open ? facts.steps.filter((state) => !state.completedAt).map((state) => state.step) : [],
    mayAddNote: !facts.anonymised,
    mayRecordMoveIn: open && facts.status === 'OPEN',
    // follow-ups are recorded also after the case is closed, as long as the household moved in
    followUps:
      movedInOn === null || facts.anonymised
        ? []
        : FOLLOW_UP_MONTHS.filter((months) => !facts.followUps.some((recorded) => recorded.months === months)).map((months) => ({ months, dueOn: addMonths(movedInOn, months) })),
    closingOutcome: open ? (movedInOn === null ? 'NOT_MOVED' : 'MOVED_IN') : null,
  };
}

/** A calendar date that many months later, the day kept or the month's last day when it has fewer days. */
export function addMonths(date: string, months: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
