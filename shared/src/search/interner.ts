/**
 * One copy of each value that many items repeat (a status, a municipality code, a date, a list of needs): a
 * document read from the database brings its own copy of every string and array, tens of bytes each, per item.
 * Only for values of few distinct kinds: what it holds is never let go.
 */
export class Interner {
  private readonly values = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  value<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.values.get(value);
    if (known !== undefined) return known as T;
    this.values.set(value, value);
    return value;
  }

  /** The same frozen array for lists with the same values in the same order. */
  list<T extends string>(values: readonly T[]): readonly T[] {
    const key = values.join('\u0000');
    const known = this.lists.get(key);
    if (known !== undefined) return known as readonly T[];
    const list = Object.freeze(values.map((value) => this.value(value)));
    this.lists.set(key, list);
    return list;
  }
}
