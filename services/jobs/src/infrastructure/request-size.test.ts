import { bySize } from './request-size';

describe('bySize', () => {
  it('keeps each run of items under the byte limit, in order, and never splits an item', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: i, text: 'å'.repeat(40) }));
    const runs = [...bySize(items, 250)];
    expect(runs.flat()).toEqual(items);
    for (const run of runs) expect(Buffer.byteLength(JSON.stringify(run))).toBeLessThanOrEqual(250);
    expect(runs.length).toBeGreaterThan(1);
  });

  it('sends an item larger than the limit alone rather than dropping it', () => {
    expect([...bySize([{ big: 'x'.repeat(300) }, { small: 1 }], 100)]).toEqual([[{ big: 'x'.repeat(300) }], [{ small: 1 }]]);
  });

  it('makes no request of nothing', () => {
    expect([...bySize([], 100)]).toEqual([]);
  });
});
