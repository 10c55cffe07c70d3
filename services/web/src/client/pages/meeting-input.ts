import type { TFunction } from 'i18next';
import type { GraphProblem } from '../graph';
import type { PartnerMeetingInput } from '../graphql/graphql';

/** The new-meeting form as typed. */
export interface MeetingDraft {
  name: string;
  slots: string;
  tablesPerSlot: string;
  projectId: string;
}

type MeetingField = 'name' | 'slots' | 'tablesPerSlot' | 'projectId';

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * The draft as the graph's input; fields that are not even of the right shape (no name, a count that is not a whole
 * number) are named instead, since the graph would refuse the request before its own checks. Ranges are the graph's.
 */
export function parseMeetingInput(draft: MeetingDraft): { input: PartnerMeetingInput | null; invalid: MeetingField[] } {
  const invalid: MeetingField[] = [];
  const name = draft.name.trim();
  if (name === '') invalid.push('name');
  const slots = wholeNumber(draft.slots);
  if (slots === null) invalid.push('slots');
  const tables = draft.tablesPerSlot.trim() === '' ? null : wholeNumber(draft.tablesPerSlot);
  if (tables === null && draft.tablesPerSlot.trim() !== '') invalid.push('tablesPerSlot');
  if (invalid.length > 0 || slots === null) return { input: null, invalid };
  return { input: { name, slots, tablesPerSlot: tables, projectId: draft.projectId || null }, invalid };
}

const GRAPH_FIELDS: Record<string, MeetingField> = { 'input.name': 'name', 'input.slots': 'slots', 'input.tablesPerSlot': 'tablesPerSlot', 'input.projectId': 'projectId' };

/** Each field's error in the person's language: from the form's own check, or from the graph's answer. */
export function meetingFieldErrors(t: TFunction, invalid: readonly MeetingField[], problem: GraphProblem | null): Partial<Record<MeetingField, string>> {
  const fields = new Set<MeetingField>(invalid);
  for (const field of Object.keys(problem?.fields ?? {})) {
    const own = GRAPH_FIELDS[field];
    if (own) fields.add(own);
  }
  return Object.fromEntries([...fields].map((field) => [field, t(`meetings.errors.${field}`)]));
}
