import type { TFunction } from 'i18next';
import { placeRefusals } from '../graph';
import type { PartnerMeetingInput } from '../graphql/graphql';

/** The new-meeting form as typed. */
export interface MeetingDraft {
  name: string;
  slots: string;
  tablesPerSlot: string;
  projectId: string;
}

type MeetingField = 'name' | 'slots' | 'tablesPerSlot' | 'projectId';
/** The fields the form checks itself; the project only the graph can judge. */
type CheckedField = Exclude<MeetingField, 'projectId'>;

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * The draft as the graph's input; fields that are not even of the right shape (no name, a count that is not a whole
 * number) are named instead, since the graph would refuse the request before its own checks. Ranges are the graph's.
 */
export function parseMeetingInput(draft: MeetingDraft): { input: PartnerMeetingInput | null; invalid: CheckedField[] } {
  const invalid: CheckedField[] = [];
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

/**
 * Each field's error in the person's language: the form's own finding, or else the graph's refusal; `unplaced` when
 * the graph refused for a reason no field of the form explains.
 */
export function meetingFieldErrors(t: TFunction, invalid: readonly CheckedField[], error: unknown, language: string): { errors: Partial<Record<MeetingField, string>>; unplaced: boolean } {
  const refused = placeRefusals(error, (path) => GRAPH_FIELDS[path], language);
  const own = Object.fromEntries(invalid.map((field) => [field, t(`meetings.errors.${field}`)]));
  return { errors: { ...refused.errors, ...own }, unplaced: refused.unplaced };
}
