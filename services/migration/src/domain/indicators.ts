import { swedishDate } from '@hub/shared/calendar';
import { ValidationError } from '@hub/shared/errors';
import type { FollowUp } from './case';
import { addMonths, assertCalendarDate } from './dates';

/**
 * The in-migration service's indicators per municipality and period. A moment (Date) counts on its Swedish
 * calendar date, so a case closed at 23:30 on New Year's Eve in Sweden belongs to the old year.
 */

export interface CaseFacts {
  municipalityCode: string;
  openedAt: Date;
  /** YYYY-MM-DD */
  movedInOn: string | null;
  closedAt: Date | null;
  householdSize: number;
  followUps: FollowUp[];
}

/** Inclusive dates, YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

export interface MunicipalityIndicators {
  municipalityCode: string;
  /** Cases open at any moment within the period: opened on or before `to` and not closed before `from`. */
  activeCases: number;
  /** Households whose move-in date lies within the period. */
  householdsMovedIn: number;
  /** The people of those households (household sizes summed). */
  peopleMovedIn: number;
  /**
   * People in work by the follow-ups: for each case with a follow-up recorded within the period, the
   * peopleEmployed of the latest such follow-up (so a case followed up twice in the period counts once, and a
   * later follow-up outside the period does not change a past period's figure).
   */
  peopleEmployed: number;
  /** 12-month follow-ups recorded within the period. */
  followedUpAt12Months: number;
  /** Of those, the households still living in the municipality. */
  stillLivingAfter12Months: number;
}

/** Reports span at most ten years: `to` falls before the day ten years after `from`. */
export const LONGEST_PERIOD_MONTHS = 120;

export function validatePeriod(period: Period, field = 'period'): Period {
  const from = assertCalendarDate(period.from, `${field}.from`);
  const to = assertCalendarDate(period.to, `${field}.to`);
  if (to < from) throw new ValidationError({ en: 'the period ends before it starts', sv: 'perioden slutar innan den börjar' }, `${field}.to`);
  if (to >= addMonths(from, LONGEST_PERIOD_MONTHS)) throw new ValidationError({ en: 'a period spans at most ten years', sv: 'en period omfattar högst tio år' }, `${field}.to`);
  return { from, to };
}

/** One row per municipality that has any case, sorted by municipality code. */
export function migrationIndicators(cases: readonly CaseFacts[], period: Period): MunicipalityIndicators[] {
  const rows = new Map<string, MunicipalityIndicators>();
  const within = (date: string): boolean => date >= period.from && date <= period.to;
  for (const c of cases) {
    let row = rows.get(c.municipalityCode);
    if (!row) {
      row = {
        municipalityCode: c.municipalityCode,
        activeCases: 0,
        householdsMovedIn: 0,
        peopleMovedIn: 0,
        peopleEmployed: 0,
        followedUpAt12Months: 0,
        stillLivingAfter12Months: 0,
      };
      rows.set(c.municipalityCode, row);
    }
    if (swedishDate(c.openedAt) <= period.to && (c.closedAt === null || swedishDate(c.closedAt) >= period.from)) row.activeCases += 1;
    if (c.movedInOn !== null && within(c.movedInOn)) {
      row.householdsMovedIn += 1;
      row.peopleMovedIn += c.householdSize;
    }
    const followUpsInPeriod = c.followUps.filter((followUp) => within(swedishDate(followUp.recordedAt)));
    const latest = followUpsInPeriod.reduce<FollowUp | undefined>(
      (latestSoFar, followUp) => (!latestSoFar || followUp.recordedAt.getTime() >= latestSoFar.recordedAt.getTime() ? followUp : latestSoFar),
      undefined,
    );
    row.peopleEmployed += latest?.peopleEmployed ?? 0;
    for (const followUp of followUpsInPeriod) {
      if (followUp.months !== 12) continue;
      row.followedUpAt12Months += 1;
      if (followUp.stillLiving) row.stillLivingAfter12Months += 1;
    }
  }
  return [...rows.values()].sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode));
}
