import type { Need, NeedsAnalysisInput, TargetGroup } from '../../graphql/graphql';

/** One row of the needs form; `key` keeps a row's inputs apart from its neighbours' while rows come and go. */
export interface NeedRow {
  key: string;
  need: Need;
  priority: string;
  note: string;
}

/** The needs form as the adviser edits it: tags as the comma-separated text they typed. */
export interface NeedsFormState {
  needs: NeedRow[];
  ownerGroups: TargetGroup[];
  offers: string;
  seeks: string;
}

/** The owner groups a company declares itself; size and age come from the register (NeedsAnalysisInput). */
export const OWNER_GROUPS: readonly TargetGroup[] = ['WOMEN', 'YOUNG_PEOPLE', 'FOREIGN_BORN'];

interface StoredAnalysis {
  needs: ReadonlyArray<{ need: Need; priority: number; note?: string | null }>;
  ownerGroups: readonly TargetGroup[];
  offers: readonly string[];
  seeks: readonly string[];
}

let rowCount = 0;
function rowKey(): string {
  rowCount += 1;
  return `need-${rowCount}`;
}

/** The form filled with the analysis as stored, or empty for a company without one. */
export function formFromAnalysis(analysis: StoredAnalysis | null | undefined): NeedsFormState {
  return {
    needs: (analysis?.needs ?? []).map((need) => ({ key: rowKey(), need: need.need, priority: String(need.priority), note: need.note ?? '' })),
    ownerGroups: (analysis?.ownerGroups ?? []).filter((group) => OWNER_GROUPS.includes(group)),
    offers: (analysis?.offers ?? []).join(', '),
    seeks: (analysis?.seeks ?? []).join(', '),
  };
}

/** A new row for the first need in `order` the analysis does not list yet, at the middle priority; none when all are listed. */
export function addedNeed(state: NeedsFormState, order: readonly Need[]): NeedsFormState {
  const next = order.find((need) => !state.needs.some((row) => row.need === need));
  if (!next) return state;
  return { ...state, needs: [...state.needs, { key: rowKey(), need: next, priority: '2', note: '' }] };
}

function tags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** What recordNeeds is sent: every row in order (so the graph's `input.needs.N` is row N), tags split on commas. */
export function needsInput(state: NeedsFormState): NeedsAnalysisInput {
  return {
    needs: state.needs.map((row) => ({ need: row.need, priority: Number(row.priority), ...(row.note.trim() ? { note: row.note.trim() } : {}) })),
    ownerGroups: state.ownerGroups,
    offers: tags(state.offers),
    seeks: tags(state.seeks),
  };
}
