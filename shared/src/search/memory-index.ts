import MiniSearch from 'minisearch';
import { assertPageSize, decodeCursor, encodeCursor, type Page } from '../mongo/pagination';
import { foldText, words } from './text';

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

interface Entry<Item> {
  item: Item;
  /** The item's key in each order, in the order of the index's sort names. */
  keys: string[];
}

/**
 * A service's list and search answered from memory: items (ids and the facts filtered on, not whole documents) in
 * one array per sort order, and their text in MiniSearch with folded words and prefix matching. Pages are keyset
 * pages on (sort key, id), so a cursor keeps its place when items are added or removed before it. The cursor format
 * is `keysetPage`'s, so cursors handed out before the index existed still work.
 */
export class MemoryIndex<Item extends { id: string }, Sort extends string> {
  private readonly entries = new Map<string, Entry<Item>>();
  private readonly sortNames: Sort[];
  private readonly orders: Array<Array<Entry<Item>>>;
  private text = MemoryIndex.textIndex();
  /**
   * The matches of recent text queries, until the text changes: MiniSearch scores every match (about 2 µs each, so
   * a word in a quarter of 50,000 offerings takes 20 ms), and paging through one search asks the same query again.
   */
  private readonly recentMatches = new Map<string, Set<string>>();

  constructor(private readonly sortKeys: Record<Sort, (item: Item) => string>) {
    this.sortNames = Object.keys(sortKeys) as Sort[];
    this.orders = this.sortNames.map(() => []);
  }

  private static textIndex() {
    return new MiniSearch<{ id: string; text: string }>({
      fields: ['text'],
      storeFields: [],
      tokenize: words,
      processTerm: foldText,
      searchOptions: { prefix: true, combineWith: 'AND' },
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): Item | undefined {
    return this.entries.get(id)?.item;
  }

  /** Replaces the whole content with the given documents, sorting each order once instead of inserting one by one. */
  async load<Doc>(documents: AsyncIterable<Doc> | Iterable<Doc>, indexed: (doc: Doc) => Indexed<Item>): Promise<void> {
    this.entries.clear();
    this.text = MemoryIndex.textIndex();
    this.recentMatches.clear();
    for (const order of this.orders) order.length = 0;
    for await (const doc of documents) {
      const { item, text } = indexed(doc);
      this.discardText(item.id);
      this.entries.set(item.id, this.entryOf(item));
      this.addText(item.id, text);
    }
    this.orders.forEach((order, sort) => {
      for (const entry of this.entries.values()) order.push(entry);
      order.sort((a, b) => compare(a.keys[sort] as string, a.item.id, b.keys[sort] as string, b.item.id));
    });
  }

  upsert({ item, text }: Indexed<Item>): void {
    this.remove(item.id);
    const entry = this.entryOf(item);
    this.entries.set(item.id, entry);
    this.orders.forEach((order, sort) => order.splice(this.positionOf(sort, entry.keys[sort] as string, item.id), 0, entry));
    this.addText(item.id, text);
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.orders.forEach((order, sort) => order.splice(this.positionOf(sort, entry.keys[sort] as string, id), 1));
    this.entries.delete(id);
    this.discardText(id);
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
    const order = this.orders[sort] as Array<Entry<Item>>;
    let start = 0;
    if (query.after) {
      const [key, id] = decodeCursor(query.after);
      // the first item past the cursor's (key, id), whether or not that item is still here
      start = this.positionOf(sort, key, id.toHexString());
      if (order[start]?.item.id === id.toHexString() && order[start]?.keys[sort] === key) start += 1;
    }
    const matching = this.matching(query.text);
    const holds = (entry: Entry<Item>): boolean => !query.where || query.where.every((condition) => condition(entry.item));
    let found: Array<Entry<Item>> = [];
    // The walk passes about (first + 1) × items / matches items to fill the page, sorting the matches costs about
    // matches × log(matches): a rare word walked all 10,000 organisations (a few per cent of the subgraph's CPU in the
    // organisations bench), while sorting the thousand matches of a common one cost more than walking to 21 of them.
    if (matching && matching.size * matching.size < (query.first + 1) * (order.length - start)) {
      const from = order[start] as Entry<Item>;
      for (const id of matching) {
        const entry = this.entries.get(id);
        if (!entry || compare(entry.keys[sort] as string, id, from.keys[sort] as string, from.item.id) < 0 || !holds(entry)) continue;
        found.push(entry);
      }
      found = found.sort((a, b) => compare(a.keys[sort] as string, a.item.id, b.keys[sort] as string, b.item.id)).slice(0, query.first + 1);
    } else {
      for (let i = start; i < order.length && found.length <= query.first; i++) {
        const entry = order[i] as Entry<Item>;
        if (matching && !matching.has(entry.item.id)) continue;
        if (!holds(entry)) continue;
        found.push(entry);
      }
    }
    const page = found.slice(0, query.first);
    const last = page[page.length - 1];
    return {
      ids: page.map((entry) => entry.item.id),
      hasNextPage: found.length > query.first,
      endCursor: last ? encodeCursor(last.keys[sort] as string, last.item.id) : null,
    };
  }

  /** Every item matching `where`, in the sort's order: for short lists such as an organisation's own. */
  all(sort: Sort, where: (item: Item) => boolean): Item[] {
    const order = this.orders[this.sortNames.indexOf(sort)] as Array<Entry<Item>>;
    return order.filter((entry) => where(entry.item)).map((entry) => entry.item);
  }

  /** Ids whose text has a word beginning with every word of the query; undefined when the query has no words. */
  private matching(query: string | null | undefined): Set<string> | undefined {
    const key = words(foldText(query ?? '')).join(' ');
    if (key.length === 0) return undefined;
    let matches = this.recentMatches.get(key);
    if (!matches) {
      matches = new Set(this.text.search(key).map((result) => result.id as string));
      if (this.recentMatches.size >= RECENT_QUERIES) this.recentMatches.delete(this.recentMatches.keys().next().value as string);
    }
    // most recently used last, so the oldest one goes first
    this.recentMatches.delete(key);
    this.recentMatches.set(key, matches);
    return matches;
  }

  /** Items without text (lists that are never searched) cost the text index nothing. */
  private addText(id: string, text: string): void {
    if (text.length === 0) return;
    this.text.add({ id, text });
    this.recentMatches.clear();
  }

  private discardText(id: string): void {
    if (!this.text.has(id)) return;
    this.text.discard(id);
    this.recentMatches.clear();
  }

  private entryOf(item: Item): Entry<Item> {
    return { item, keys: this.sortNames.map((name) => this.sortKeys[name](item)) };
  }

  /** The first position in the order whose (key, id) is not below the given one. */
  private positionOf(sort: number, key: string, id: string): number {
    const order = this.orders[sort] as Array<Entry<Item>>;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = order[middle] as Entry<Item>;
      if (compare(entry.keys[sort] as string, entry.item.id, key, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Text queries whose matches are kept until the text changes. */
const RECENT_QUERIES = 32;

function compare(keyA: string, idA: string, keyB: string, idB: string): number {
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  if (idA !== idB) return idA < idB ? -1 : 1;
  return 0;
}
