import type { EventEnvelope } from '../events';

/**
 * What one event states about one read-model document: `$set` of `set` on document `id` of read model `model`
 * (an upsert). The values are absolute facts on top-level fields, so the last one set wins, whatever came before.
 */
export interface Fold {
  /** The read model, as the consumer's store names it. */
  model: string;
  id: string;
  set: Record<string, unknown>;
}

/** The folds of one document's events, merged in event order into one `$set`. */
export interface MergedFold extends Fold {
  /** The last event merged in: what the document records as the last one it folded. */
  lastEventId: string;
}

/** Pure: the fold an event of one type makes. It may throw (the event is then handled, retried and dead-lettered alone). */
export type FoldOf = (event: EventEnvelope) => Fold;

export interface FoldOptions {
  /** The fold of each event type the read models follow. */
  byType: Partial<Record<string, FoldOf>>;
  /**
   * Writes merged folds of distinct documents (a `$set` upsert each; up to `documentsPerStore` at once, so that what
   * each write costs besides the upsert, such as a lock, can be paid once per call) and then tells whoever follows
   * the read models, in the order given. A document is never in two
   * calls at the same time; a repeat of a fold must change nothing (the consumer delivers at least once).
   */
  store: (folds: MergedFold[]) => Promise<void>;
  /** The most documents given to one call of `store` (default 25). */
  documentsPerStore?: number;
  /** Calls of `store`, and marker lookups, in flight at the same time within a batch (default 8). */
  concurrency?: number;
}

/** Which document a fold writes. */
export const documentKey = (fold: Pick<Fold, 'model' | 'id'>): string => `${fold.model}\0${fold.id}`;

/**
 * Merges folds, given in event order, into one per document (in the order each document first appears): the later
 * event's value of a field overrides the earlier one's, which is what applying their `$set`s one after another
 * leaves. That holds only for whole top-level fields: a dotted path or an operator in a fold would not merge exactly,
 * so it is refused. An undefined value is left out, as mongoose leaves it out of a `$set`.
 */
export function mergeFolds(folds: ReadonlyArray<{ eventId: string; fold: Fold }>): MergedFold[] {
  const merged = new Map<string, MergedFold>();
  for (const { eventId, fold } of folds) {
    const key = documentKey(fold);
    const into = merged.get(key) ?? { model: fold.model, id: fold.id, set: {}, lastEventId: eventId };
    for (const [field, value] of Object.entries(fold.set)) {
      if (field.includes('.') || field.startsWith('$')) throw new Error(`a fold sets whole top-level fields only, not ${field}`);
      if (value !== undefined) into.set[field] = value;
    }
    into.lastEventId = eventId;
    merged.set(key, into);
  }
  return [...merged.values()];
}
