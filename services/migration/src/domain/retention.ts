import { ValidationError } from '@hub/shared/errors';

/**
 * Personal data in a closed case is kept only as long as the follow-up and reporting need it; after that the
 * person's name and the case notes are replaced by this text, while the anonymous figures stay for the statistics.
 */
export const ANONYMISED = 'anonymised';

const DAY_MS = 86_400_000;

/** True once `retentionDays` whole days have passed since the case was closed. */
export function anonymisationDue(closedAt: Date, retentionDays: number, now: Date): boolean {
  if (!Number.isInteger(retentionDays) || retentionDays < 0) throw new ValidationError({ en: 'the retention period is a whole number of days, 0 or more', sv: 'lagringstiden är ett helt antal dagar, 0 eller fler' }, 'retentionDays');
  return now.getTime() - closedAt.getTime() >= retentionDays * DAY_MS;
}
