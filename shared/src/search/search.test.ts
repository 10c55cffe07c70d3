import { ValidationError } from '../errors';
import { foldText, MemoryIndex, pageAmong, swedishSortKey, words, type Indexed } from './index';

describe('Swedish folding and order', () => {
  it('folds å, ä and ö so plain ASCII queries match', () => {
    expect(foldText('Malå Åsele Överkalix Gällivare')).toBe('mala asele overkalix gallivare');
  });

  it('sorts in Swedish alphabetical order: å, ä, ö after z, other accents as their base letter', () => {
    const names = ['Övertorneå', 'Åsele', 'Arjeplog', 'Älvsbyn', 'Zinkgruvan', 'Café Émile', 'Malå', 'Mala'];
    expect([...names].sort((a, b) => (swedishSortKey(a) < swedishSortKey(b) ? -1 : 1))).toEqual([
      'Arjeplog', 'Café Émile', 'Mala', 'Malå', 'Zinkgruvan', 'Åsele', 'Älvsbyn', 'Övertorneå',
    ]);
  });

  it('splits words on punctuation', () => {
    expect(words('Almi Företagspartner Nord AB – (x.*)')).toEqual(['Almi', 'Företagspartner', 'Nord', 'AB', 'x']);
  });
});

interface Place {
  id: string;
  name: string;
  county: string;
  founded: string;
}

const place = (serial: number, name: string, county: string, founded: string): Indexed<Place> => ({
  item: { id: serial.toString(16).padStart(24, '0'), name, county, founded },
  text: `${name} ${county}`,
});

const PLACES = [
  place(1, 'Malå', 'Västerbotten', '1914'),
  place(2, 'Arjeplog', 'Norrbotten', '1895'),
  place(3, 'Åsele', 'Västerbotten', '1674'),
  place(4, 'Vilhelmina', 'Västerbotten', '1804'),
  place(5, 'Mala', 'Elsewhere', '1914'),
  place(6, 'Älvsbyn', 'Norrbotten', '1895'),
];

function placeIndex(places = PLACES) {
  const index = new MemoryIndex<Place, 'name' | 'founded'>({ name: (p) => swedishSortKey(p.name), founded: (p) => p.founded });
  index.upsert({ item: { id: 'ff'.padStart(24, '0'), name: 'Gone', county: 'x', founded: '2000' }, text: 'gone' });
  return { index, loading: index.load(places, (indexed) => indexed) };
}

describe('MemoryIndex', () => {
  const names = (index: MemoryIndex<Place, 'name' | 'founded'>, ids: string[]) => ids.map((id) => index.get(id)?.name);

  it('loads afresh and answers in Swedish order, ties broken by id', async () => {
    const { index, loading } = placeIndex();
    await loading;
    expect(index.size).toBe(6);
    expect(names(index, index.page({ sort: 'name', first: 10 }).ids)).toEqual(['Arjeplog', 'Mala', 'Malå', 'Vilhelmina', 'Åsele', 'Älvsbyn']);
    expect(names(index, index.page({ sort: 'founded', first: 10 }).ids)).toEqual(['Åsele', 'Vilhelmina', 'Arjeplog', 'Älvsbyn', 'Malå', 'Mala']);
  });

  it('finds words by their folded beginnings, every query word on its own', async () => {
    const { index, loading } = placeIndex();
    await loading;
    const search = (text: string) => names(index, index.page({ sort: 'name', text, first: 10 }).ids);
    expect(search('mala')).toEqual(['Mala', 'Malå']);
    expect(search('MALÅ')).toEqual(['Mala', 'Malå']);
    expect(search('vaster as')).toEqual(['Åsele']);
    expect(search('alvs norr')).toEqual(['Älvsbyn']);
    expect(search('botten')).toEqual([]);
    expect(search('.*  ')).toHaveLength(6);
  });

  it('answers a repeated text query with what the text holds now, after items come, change and go', async () => {
    const { index, loading } = placeIndex();
    await loading;
    const search = (text: string) => names(index, index.page({ sort: 'name', text, first: 10 }).ids);
    expect(search('mala')).toEqual(['Mala', 'Malå']);
    index.upsert(place(9, 'Malåträsk', 'Västerbotten', '1900'));
    expect(search('MALA')).toEqual(['Mala', 'Malå', 'Malåträsk']);
    index.upsert(place(9, 'Kusfors', 'Västerbotten', '1900'));
    index.remove(PLACES[4]!.item.id);
    expect(search('mala')).toEqual(['Malå']);
  });

  it('filters with a predicate and pages with cursors that keep their place as items come and go', async () => {
    const { index, loading } = placeIndex();
    await loading;
    const inVasterbotten = (p: Place) => p.county === 'Västerbotten';
    const first = index.page({ sort: 'name', where: [inVasterbotten], first: 2 });
    expect(names(index, first.ids)).toEqual(['Malå', 'Vilhelmina']);
    expect(first.hasNextPage).toBe(true);
    // one before the cursor, one after it, and the cursor's own item gone: the next page neither repeats nor skips
    index.upsert(place(7, 'Lycksele', 'Västerbotten', '1946'));
    index.upsert(place(8, 'Vindeln', 'Västerbotten', '1971'));
    index.remove(PLACES[3]!.item.id);
    const second = index.page({ sort: 'name', where: [inVasterbotten], first: 2, after: first.endCursor });
    expect(names(index, second.ids)).toEqual(['Vindeln', 'Åsele']);
    expect(second.hasNextPage).toBe(false);
    expect(index.page({ sort: 'name', first: 2, after: second.endCursor })).toEqual({ ids: [PLACES[5]!.item.id], hasNextPage: false, endCursor: expect.any(String) });
  });

  it('moves an updated item to its new place and text, and forgets a removed one everywhere', async () => {
    const { index, loading } = placeIndex();
    await loading;
    index.upsert(place(2, 'Zinkgruvan', 'Örebro', '1895'));
    expect(names(index, index.page({ sort: 'name', first: 10 }).ids)).toEqual(['Mala', 'Malå', 'Vilhelmina', 'Zinkgruvan', 'Åsele', 'Älvsbyn']);
    expect(index.page({ sort: 'name', text: 'arjeplog', first: 10 }).ids).toEqual([]);
    expect(names(index, index.page({ sort: 'name', text: 'orebro', first: 10 }).ids)).toEqual(['Zinkgruvan']);
    index.refresh([PLACES[0]!.item.id, PLACES[4]!.item.id], [place(5, 'Mala', 'Elsewhere', '1500')]);
    expect(index.get(PLACES[0]!.item.id)).toBeUndefined();
    expect(index.page({ sort: 'name', text: 'mala', first: 10 }).ids).toEqual([PLACES[4]!.item.id]);
    expect(names(index, index.page({ sort: 'founded', first: 1 }).ids)).toEqual(['Mala']);
    expect(index.all('founded', (p) => p.county === 'Norrbotten').map((p) => p.name)).toEqual(['Älvsbyn']);
  });

  it('pages a rare word among many items in order, with and without a predicate, as it pages a common one', async () => {
    // 3 of 200 in Sorsele: their matches are sorted; every one says "Ort": those are walked to
    const many = Array.from({ length: 200 }, (_, i) => place(100 + i, `Ort ${String(199 - i).padStart(3, '0')}`, i % 70 === 5 ? 'Sorsele' : 'Lappland', String(1700 + (i % 50))));
    const { index, loading } = placeIndex(many);
    await loading;
    const pageThrough = (text: string, where: Array<(p: Place) => boolean>) => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = index.page({ sort: 'founded', text, where, first: 1, after });
        seen.push(...names(index, page.ids).map(String));
        after = page.hasNextPage ? page.endCursor : null;
      } while (after);
      return seen;
    };
    expect(pageThrough('sorsele', [])).toEqual(['Ort 194', 'Ort 124', 'Ort 054']);
    expect(pageThrough('sorsele', [(p) => p.name !== 'Ort 124'])).toEqual(['Ort 194', 'Ort 054']);
    expect(pageThrough('ort', [(p) => p.county === 'Sorsele' || p.name === 'Ort 000'])).toEqual(['Ort 194', 'Ort 124', 'Ort 054', 'Ort 000']);
  });

  it('pages the few matches of a rare word in order and past a cursor, as it pages a walk through the order', async () => {
    const index = new MemoryIndex<Place, 'name' | 'founded'>({ name: (p) => swedishSortKey(p.name), founded: (p) => p.founded });
    const many = Array.from({ length: 500 }, (_, serial) => place(100 + serial, `Ort ${String(serial).padStart(3, '0')}`, serial % 100 === 7 ? 'Lappland' : 'Västerbotten', '1900'));
    await index.load(many, (indexed) => indexed);
    const first = index.page({ sort: 'name', text: 'lapp', first: 3 });
    expect(names(index, first.ids)).toEqual(['Ort 007', 'Ort 107', 'Ort 207']);
    const rest = index.page({ sort: 'name', text: 'lapp', first: 3, after: first.endCursor });
    expect(names(index, rest.ids)).toEqual(['Ort 307', 'Ort 407']);
    expect(rest.hasNextPage).toBe(false);
    expect(names(index, index.page({ sort: 'name', text: 'vaster', first: 2, after: first.endCursor }).ids)).toEqual(['Ort 208', 'Ort 209']);
  });

  it('answers right after many items went and others came in their place', async () => {
    const index = new MemoryIndex<Place, 'name' | 'founded'>({ name: (p) => swedishSortKey(p.name), founded: (p) => p.founded });
    const serials = Array.from({ length: 3_000 }, (_, serial) => serial);
    await index.load(serials, (serial) => place(serial + 1, `Ort ${serial}`, serial % 2 === 0 ? 'Jämn' : 'Udda', '1900'));
    // enough removals that the words' lists are emptied of the gone items and their slots are taken again
    for (const serial of serials.slice(0, 2_500)) index.remove(place(serial + 1, '', '', '').item.id);
    for (const serial of serials.slice(0, 10)) index.upsert(place(serial + 10_000, `Ny ${serial}`, 'Udda', '2000'));
    expect(index.size).toBe(510);
    expect(names(index, index.page({ sort: 'name', text: 'jamn 250', first: 10 }).ids)).toEqual(['Ort 2500', 'Ort 2502', 'Ort 2504', 'Ort 2506', 'Ort 2508']);
    expect(index.page({ sort: 'name', text: 'udda', first: 100, after: null }).hasNextPage).toBe(true);
    expect(names(index, index.page({ sort: 'name', text: 'ny udda', first: 3 }).ids)).toEqual(['Ny 0', 'Ny 1', 'Ny 2']);
    expect(index.page({ sort: 'name', text: 'ort 12', first: 10 }).ids).toEqual([]);
  });

  it('finds nothing of an item changed or removed since, when its old words are few (its slot waits for a vacuum)', async () => {
    const index = new MemoryIndex<Place, 'name' | 'founded'>({ name: (p) => swedishSortKey(p.name), founded: (p) => p.founded });
    const many = Array.from({ length: 300 }, (_, serial) => place(100 + serial, `Ort ${String(serial).padStart(3, '0')}`, serial === 7 ? 'Gammelby' : 'Västerbotten', '1900'));
    await index.load(many, (indexed) => indexed);
    index.upsert(place(107, 'Ort 007', 'Nyby', '1900'));
    index.remove(place(100 + 108, '', '', '').item.id);
    expect(index.page({ sort: 'name', text: 'gammelby', first: 10 }).ids).toEqual([]);
    expect(names(index, index.page({ sort: 'name', text: 'nyby', first: 10 }).ids)).toEqual(['Ort 007']);
    expect(names(index, index.page({ sort: 'name', text: 'ort 10', first: 20 }).ids)).toEqual(['Ort 100', 'Ort 101', 'Ort 102', 'Ort 103', 'Ort 104', 'Ort 105', 'Ort 106', 'Ort 107', 'Ort 109']);
  });

  it('pages within a range of sort keys, bounds included, with cursors and text as without one', async () => {
    const { index, loading } = placeIndex();
    await loading;
    const founded = (query: { from?: string; to?: string; text?: string; after?: string | null }) =>
      index.page({ sort: 'founded', text: query.text, keys: { from: query.from, to: query.to }, first: 2, after: query.after });
    const first = founded({ from: '1800', to: '1914' });
    expect(names(index, first.ids)).toEqual(['Vilhelmina', 'Arjeplog']);
    expect(names(index, founded({ from: '1800', to: '1914', after: first.endCursor }).ids)).toEqual(['Älvsbyn', 'Malå']);
    expect(names(index, founded({ to: '1895' }).ids)).toEqual(['Åsele', 'Vilhelmina']);
    expect(names(index, founded({ from: '1900', text: 'mala' }).ids)).toEqual(['Malå', 'Mala']);
    expect(founded({ from: '1915' }).ids).toEqual([]);
  });

  it('refuses page sizes out of bounds and cursors it did not give out, naming the argument', async () => {
    const { index, loading } = placeIndex();
    await loading;
    for (const first of [0, 101, 1.5]) expect(() => index.page({ sort: 'name', first })).toThrow(expect.objectContaining({ field: 'first' }));
    for (const after of ['bm90LWEtY3Vyc29y', Buffer.from(JSON.stringify(['x', 'not-an-id'])).toString('base64url')]) {
      expect(() => index.page({ sort: 'name', first: 1, after })).toThrow(ValidationError);
      expect(() => index.page({ sort: 'name', first: 1, after })).toThrow(expect.objectContaining({ field: 'after' }));
    }
  });
});

describe('pageAmong', () => {
  it('pages documents read just now in the order of their key, ties by id, with cursors as an index gives them', async () => {
    const opened = [
      { id: 'c'.repeat(24), at: '2026-03-01' },
      { id: 'a'.repeat(24), at: '2026-01-01' },
      { id: 'b'.repeat(24), at: '2026-03-01' },
    ];
    const keys = (doc: (typeof opened)[number]) => ({ id: doc.id, sortKey: doc.at });
    const first = await pageAmong(opened, keys, { first: 2 });
    expect(first.ids).toEqual(['a'.repeat(24), 'b'.repeat(24)]);
    expect(first.hasNextPage).toBe(true);
    const rest = await pageAmong([...opened, { id: 'd'.repeat(24), at: '2026-02-01' }], keys, { first: 2, after: first.endCursor });
    expect(rest).toEqual({ ids: ['c'.repeat(24)], hasNextPage: false, endCursor: expect.any(String) });
    await expect(pageAmong(opened, keys, { first: 0 })).rejects.toMatchObject({ field: 'first' });
  });
});
