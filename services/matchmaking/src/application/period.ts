/**
 * A period given in calendar dates (both days inclusive, as funders state periods) as the half-open interval of
 * ISO-8601 times the domain counts in: from the first day's start to the start of the day after the last.
 */
export function dayPeriod(from: string | null | undefined, to: string | null | undefined): { from?: string; to?: string } {
  const period: { from?: string; to?: string } = {};
  if (from) period.from = `${from}T00:00:00.000Z`;
  if (to) {
    const next = new Date(`${to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    period.to = next.toISOString();
  }
  return period;
}
