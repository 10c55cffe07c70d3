import { foldText, words } from './text';

/** What a query matched. */
export interface TextMatches {
  count: number;
  has(id: string): boolean;
  /** In no particular order. */
  ids(): string[];
}

/** Gone items' slots stay in the word lists until this many, plus a quarter of the items, are gone: then a vacuum. */
const VACUUM_AT = 1_000;

/**
 * Which items have, for every word of a query, a word beginning with it in their text, folded ("mal" finds "Malå").
 * An inverted index of the folded words: per word the slots (small numbers) of the items that have it, and the
 * words sorted, so a prefix is a range. Nothing is scored, since pages come in a sort order, never by relevance:
 * MiniSearch, used before, scored every match (a word in a quarter of 50,000 offerings took 20 ms) and kept a map
 * entry per item and word (1.9 kB an offering, where this keeps one slot number per item and word).
 */
export class TextIndex {
  private readonly slots = new Map<string, number>();
  /** Per slot its item's id, undefined once the item is gone. */
  private ids: Array<string | undefined> = [];
  /** Slots to take again: only those a vacuum has taken out of every word's list. */
  private free: number[] = [];
  /** Items removed since the last vacuum, whose slots are still in word lists. */
  private gone = 0;
  private readonly lists = new Map<string, number[]>();
  /** Every word with a list, sorted, but for those added since the last search. */
  private vocabulary: string[] = [];
  private added: string[] = [];

  /** Items without words (lists that are never searched) cost nothing. */
  add(id: string, text: string): void {
    this.remove(id);
    const terms = new Set<string>();
    for (const word of words(text)) {
      const term = foldText(word);
      if (term.length > 0) terms.add(term);
    }
    if (terms.size === 0) return;
    const slot = this.free.pop() ?? this.ids.length;
    this.ids[slot] = id;
    this.slots.set(id, slot);
    for (const term of terms) {
      const list = this.lists.get(term);
      if (list) {
        list.push(slot);
      } else {
        this.lists.set(term, [slot]);
        this.added.push(term);
      }
    }
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    this.ids[slot] = undefined;
    this.gone += 1;
    if (this.gone > VACUUM_AT + this.slots.size / 4) this.vacuum();
  }

  clear(): void {
    this.slots.clear();
    this.lists.clear();
    this.ids = [];
    this.free = [];
    this.gone = 0;
    this.vocabulary = [];
    this.added = [];
  }

  /** The items with every word of the query; undefined when the query has no words (no condition). */
  matching(query: string): TextMatches | undefined {
    const queryWords = [...new Set(words(foldText(query)))];
    if (queryWords.length === 0) return undefined;
    this.sortVocabulary();
    // an item's mark counts the query words it has matched in turn (a 100 kB request holds fewer than 65,535 words)
    const marks = new Uint16Array(this.ids.length);
    const all = queryWords.length;
    let count = 0;
    queryWords.forEach((word, round) => {
      for (let i = lowerBound(this.vocabulary, word); i < this.vocabulary.length && (this.vocabulary[i] as string).startsWith(word); i++) {
        for (const slot of this.lists.get(this.vocabulary[i] as string) as number[]) {
          // a gone item's slot stays in the lists until the next vacuum
          if (marks[slot] !== round || this.ids[slot] === undefined) continue;
          marks[slot] = round + 1;
          if (round + 1 === all) count += 1;
        }
      }
    });
    return {
      count,
      has: (id) => {
        const slot = this.slots.get(id);
        return slot !== undefined && marks[slot] === all;
      },
      ids: () => {
        const ids: string[] = [];
        marks.forEach((mark, slot) => {
          if (mark === all) ids.push(this.ids[slot] as string);
        });
        return ids;
      },
    };
  }

  /** Words added since the last search join the sorted ones: one merge, not an insertion into the array per word. */
  private sortVocabulary(): void {
    if (this.added.length === 0) return;
    const added = this.added.sort();
    const merged: string[] = [];
    let i = 0;
    let j = 0;
    while (i < this.vocabulary.length || j < added.length) {
      const next = j >= added.length || (i < this.vocabulary.length && (this.vocabulary[i] as string) < (added[j] as string)) ? this.vocabulary[i++] : added[j++];
      // a word gone in a vacuum and added again before this search is in both
      if (merged[merged.length - 1] !== next) merged.push(next as string);
    }
    this.vocabulary = merged;
    this.added = [];
  }

  /** Takes gone items' slots out of every list, and words left without items out of the index. */
  private vacuum(): void {
    for (const [term, list] of this.lists) {
      let kept = 0;
      for (const slot of list) if (this.ids[slot] !== undefined) list[kept++] = slot;
      if (kept === 0) this.lists.delete(term);
      else list.length = kept;
    }
    this.vocabulary = this.vocabulary.filter((term) => this.lists.has(term));
    this.added = this.added.filter((term) => this.lists.has(term));
    this.free = [];
    this.ids.forEach((id, slot) => {
      if (id === undefined) this.free.push(slot);
    });
    this.gone = 0;
  }
}

/** The first position whose word is not below the given one. */
function lowerBound(sorted: string[], word: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < word) low = middle + 1;
    else high = middle;
  }
  return low;
}
