import { ValidationError } from '@hub/shared/errors';

/**
 * Calendar dates as the hub writes them: 'YYYY-MM-DD' (a Swedish calendar day, no time) and months as 'YYYY-MM'.
 * Both compare correctly as strings, so the domain never converts them to Date.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date: '2028-02-29' yes, '2027-02-29' and '2027-13-01' no. */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isYearMonth(value: string): boolean {
  const match = MONTH_PATTERN.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function assertCalendarDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw new ValidationError({ en: `${value} is not a date of the form YYYY-MM-DD`, sv: `${value} är inte ett datum skrivet ÅÅÅÅ-MM-DD` }, field);
  return value;
}

/**
 * The same day `months` calendar months later; a day the target month lacks becomes its last day
 * (2026-08-31 + 6 months = 2027-02-28), so the result is never pushed into the month after.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${targetYear}-${pad(targetMonth)}-${pad(targetDay)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const SWEDISH_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** A 'YYYY-MM-DD' date as Swedish text reads it: '2026-12-01' is '1 december 2026'. */
export function swedishDateText(date: string): string {
  return `${Number(date.slice(8, 10))} ${swedishMonthText(date.slice(0, 7))}`;
}

/** A 'YYYY-MM' month as Swedish text reads it: '2027-01' is 'januari 2027'. */
export function swedishMonthText(month: string): string {
  return `${SWEDISH_MONTHS[Number(month.slice(5, 7)) - 1]!} ${month.slice(0, 4)}`;
}
