/** Made once: building one per call cost about 0.5 ms a call on a loaded machine, on every match request (migration's profile). */
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date in Sweden (YYYY-MM-DD), where the hub's deadlines and reporting periods are set: a deadline
 * day lasts until midnight there, whatever the server's time zone.
 */
export function swedishDate(at: Date = new Date()): string {
  return SWEDISH_DATE.format(at);
}
