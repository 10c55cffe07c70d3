import { sortSwedish } from '../format';

interface Company {
  id: string;
  name: string;
}

export interface ScheduleRow {
  /** 1-based, as people count the event's slots. */
  slot: number;
  /** The two companies that meet, in Swedish order. */
  companies: string[];
  requestedBy: string[];
}

/** The scheduled meetings as table rows: by slot, then by the companies' names. */
export function scheduleRows(meetings: ReadonlyArray<{ slot: number; companies: readonly Company[]; requestedBy: readonly Company[] }>): ScheduleRow[] {
  const rows = meetings.map((meeting) => ({
    slot: meeting.slot + 1,
    companies: sortSwedish(meeting.companies, (company) => company.name).map((company) => company.name),
    requestedBy: sortSwedish(meeting.requestedBy, (company) => company.name).map((company) => company.name),
  }));
  const collator = new Intl.Collator('sv-SE');
  return rows.sort((a, b) => a.slot - b.slot || collator.compare(a.companies.join(' '), b.companies.join(' ')));
}

/** The companies one participant asked to meet, in the order asked (most wanted first). */
export function wishesOf(companyId: string, requests: ReadonlyArray<{ from: Company; to: Company }>): string[] {
  return requests.filter((request) => request.from.id === companyId).map((request) => request.to.id);
}
