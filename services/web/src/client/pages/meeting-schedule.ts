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

/** Why a request was not met, as the page says it in the person's language. */
export type UnmetReason = { kind: 'busy'; company: string } | { kind: 'noCommonSlot' } | { kind: 'tablesFull' } | { kind: 'other'; text: string };

/**
 * The graph gives the reason as an English sentence naming a company by id; the page words it itself. A sentence
 * it does not know is shown as the graph wrote it.
 */
export function unmetReason(reason: string, participants: readonly Company[]): UnmetReason {
  const busy = /^(\S+) has a meeting in every slot$/.exec(reason);
  if (busy) {
    const company = participants.find((participant) => participant.id === busy[1]);
    return company ? { kind: 'busy', company: company.name } : { kind: 'other', text: reason };
  }
  if (reason === 'No slot in which both are free') return { kind: 'noCommonSlot' };
  if (reason === 'Every slot in which both are free has all its tables taken') return { kind: 'tablesFull' };
  return { kind: 'other', text: reason };
}

/** The companies one participant asked to meet, in the order asked (most wanted first). */
export function wishesOf(companyId: string, requests: ReadonlyArray<{ from: Company; to: Company }>): string[] {
  return requests.filter((request) => request.from.id === companyId).map((request) => request.to.id);
}
