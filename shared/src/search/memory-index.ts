import { assertPageSize, decodeCursor, encodeCursor, type Page } from '../mongo/pagination';
import { TextIndex } from './text-index';

/** One page of ids in the index's order, with the cursor of its last one. */
export interface IdPage {
  ids: string[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface PageQuery<Item, Sort extends string> {
  sort: Sort;
  /** Every word must begin a word of the item's text, folded ("mal" finds "Malå"); blank means no text condition. */
  text?: string | null;
  /** Conditions every item on the page meets. */
  where?: ReadonlyArray<(item: Item) => boolean>;
  /**
   * The lowest and highest sort key on the page, when a condition implies them (a deadline range sorted by deadline):
   * the page then starts at the first key in range and stops past the last, instead of testing every item before.
   */
  keys?: { from?: string | null; to?: string | null };
  first: number;
  after?: string | null;
}

/** A page of documents for a page of ids: `fetch` returns those still stored, in the order asked. */
export async function pageOf<T>(page: IdPage, fetch: (ids: string[]) => Promise<T[]>): Promise<Page<T>> {
  return { items: await fetch(page.ids), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
}

/**
 * A page among a few documents read just now by an indexed equality (one municipality's cases, say), in the order
 * of `sortKey` and with the same cursors as an index: for lists whose changes no event announces to other replicas.
 */
export async function pageAmong<Doc>(docs: Iterable<Doc>, keys: (doc: Doc) => { id: string; sortKey: string }, query: { first: number; after?: string | null }): Promise<IdPage> {
  const index = new MemoryIndex<{ id: string; sortKey: string }, 'key'>({ key: (item) => item.sortKey });
  await index.load(docs, (doc) => ({ item: keys(doc), text: '' }));
  return index.page({ sort: 'key', ...query });
}

/** An item as the index takes it: the facts it filters and sorts on, and the text it searches (not kept; '' for none). */
export interface Indexed<Item> {
  item: Item;
  text: string;
}

/**
 * A service's list and search answered from memory: items (ids and the facts filtered on, not whole documents) in
 * one array per sort order, and their text in a TextIndex of folded words with prefix matching. Pages are keyset
 * pages on (sort key, id), so a cursor keeps its place when items are added or removed before it. The cursor format
 * is `keysetPage`'s, so cursors handed out before the index existed still work.
 */
export class MemoryIndex<Item extends { id: string }, Sort extends string> {
  private readonly items = new Map<string, Item>();
  private readonly sortNames: Sort[];
  /** Per order the items themselves, sorted on (key, id): the keys are read from the item when compared, not kept twice. */
  private readonly orders: Item[][];
  private readonly text = new TextIndex();

  constructor(private readonly sortKeys: Record<Sort, (item: Item) => string>) {
    this.sortNames = Object.keys(sortKeys) as Sort[];
    this.orders = this.sortNames.map(() => []);
  }

  get size(): number {
    return this.items.size;
  }

  get(id: string): Item | undefined {
    return this.items.get(id);
  }

  /** Replaces the whole content with the given documents, sorting each order once instead of inserting one by one. */
  async load<Doc>(documents: AsyncIterable<Doc> | Iterable<Doc>, indexed: (doc: Doc) => Indexed<Item>): Promise<void> {
    this.items.clear();
    this.text.clear();
    for (const order of this.orders) order.length = 0;
    for await (const doc of documents) {
      const { item, text } = indexed(doc);
      this.items.set(item.id, item);
      this.text.add(item.id, text);
    }
    this.sortNames.forEach((name, sort) => {
      const key = this.sortKeys[name];
      const order = this.orders[sort] as Item[];
      for (const item of this.items.values()) order.push(item);
      order.sort((a, b) => compare(key(a), a.id, key(b), b.id));
    });
  }

  upsert({ item, text }: Indexed<Item>): void {
    this.remove(item.id);
    this.items.set(item.id, item);
    this.orders.forEach((order, sort) => order.splice(this.positionOf(sort, this.keyOf(sort, item), item.id), 0, item));
    this.text.add(item.id, text);
  }

  remove(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.orders.forEach((order, sort) => order.splice(this.positionOf(sort, this.keyOf(sort, item), id), 1));
    this.items.delete(id);
    this.text.remove(id);
  }

  /** Puts in what is stored now of these items: those `current` holds are upserted, the others removed. */
  refresh(ids: readonly string[], current: Array<Indexed<Item>>): void {
    const present = new Set(current.map(({ item }) => item.id));
    for (const id of ids) if (!present.has(id)) this.remove(id);
    for (const indexed of current) this.upsert(indexed);
  }

  /**
   * The ids of the first `first` items after the cursor, in the sort's order, that match the text and `where`.
   * `first` out of bounds and a cursor this index did not give out are refused like `keysetPage` refuses them.
   */
  page(query: PageQuery<Item, Sort>): IdPage {
    assertPageSize(query.first);
    const sort = this.sortNames.indexOf(query.sort);
    const order = this.orders[sort] as Item[];
    let start = 0;
    if (query.after) {
      const [key, objectId] = decodeCursor(query.after);
      const id = objectId.toHexString();
      // the first item past the cursor's (key, id), whether or not that item is still here
      start = this.positionOf(sort, key, id);
      const atCursor = order[start];
      if (atCursor?.id === id && this.keyOf(sort, atCursor) === key) start += 1;
    }
    const { from, to } = query.keys ?? {};
    if (from) start = Math.max(start, this.positionOf(sort, from, ''));
    const end = to ? this.positionOf(sort, `${to}\u0000`, '') : order.length;
    const matches = this.text.matching(query.text ?? '');
    const found: Item[] = [];
    // adds the item if it meets every condition; true once the page and one more are found
    const take = (item: Item): boolean => {
      if (!query.where || query.where.every((holds) => holds(item))) found.push(item);
      return found.length > query.first;
    };
    if (matches && matches.count * FEW_MATCHES < end - start) {
      // few matches: sorting them costs less than walking the order past everything else
      const [first, last] = [order[start], order[end - 1]];
      const inRange = (item: Item) => first !== undefined && last !== undefined && this.compareItems(sort, item, first) >= 0 && this.compareItems(sort, item, last) <= 0;
      const sorted = start < end ? matches.ids().map((id) => this.items.get(id) as Item).filter(inRange) : [];
      sorted.sort((a, b) => this.compareItems(sort, a, b));
      for (const item of sorted) if (take(item)) break;
    } else {
      for (let i = start; i < end; i++) {
        const item = order[i] as Item;
        if (matches && !matches.has(item.id)) continue;
        if (take(item)) break;
      }
    }
    const page = found.slice(0, query.first);
    const last = page[page.length - 1];
    return {
      ids: page.map((item) => item.id),
      hasNextPage: found.length > query.first,
      endCursor: last ? encodeCursor(this.keyOf(sort, last), last.id) : null,
    };
  }

  /** Every item matching `where`, in the sort's order: for short lists such as an organisation's own. */
  all(sort: Sort, where: (item: Item) => boolean): Item[] {
    return (this.orders[this.sortNames.indexOf(sort)] as Item[]).filter(where);
  }

  private compareItems(sort: number, a: Item, b: Item): number {
    return compare(this.keyOf(sort, a), a.id, this.keyOf(sort, b), b.id);
  }

  private keyOf(sort: number, item: Item): string {
    return this.sortKeys[this.sortNames[sort] as Sort](item);
  }

  /** The first position in the order whose (key, id) is not below the given one. */
  private positionOf(sort: number, key: string, id: string): number {
    const order = this.orders[sort] as Item[];
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const item = order[middle] as Item;
      if (compare(this.keyOf(sort, item), item.id, key, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Text matches fewer than the items left to walk divided by this are sorted instead. */
const FEW_MATCHES = 64;

function compare(keyA: string, idA: string, keyB: string, idB: string): number {
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  if (idA !== idB) return idA < idB ? -1 : 1;
  return 0;
}
