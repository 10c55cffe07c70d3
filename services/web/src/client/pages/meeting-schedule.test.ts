import { describe, expect, it } from 'vitest';
import { scheduleRows, wishesOf } from './meeting-schedule';

const fjallglimt = { id: 'a1', name: 'Fjällglimt Turism AB' };
const lanthandel = { id: 'b2', name: 'Malå Lanthandel AB' };
const skogsdata = { id: 'c3', name: 'Skogsdata IT AB' };
const asele = { id: 'd4', name: 'Åsele Snickeri AB' };

describe('scheduleRows', () => {
  it('numbers the slots from 1 and orders the rows by slot, then by the companies’ names in Swedish order', () => {
    const rows = scheduleRows([
      { slot: 1, companies: [skogsdata, fjallglimt], requestedBy: [fjallglimt] },
      { slot: 0, companies: [asele, lanthandel], requestedBy: [asele, lanthandel] },
      { slot: 0, companies: [skogsdata, fjallglimt], requestedBy: [skogsdata] },
    ]);
    expect(rows).toEqual([
      { slot: 1, companies: ['Fjällglimt Turism AB', 'Skogsdata IT AB'], requestedBy: ['Skogsdata IT AB'] },
      { slot: 1, companies: ['Malå Lanthandel AB', 'Åsele Snickeri AB'], requestedBy: ['Malå Lanthandel AB', 'Åsele Snickeri AB'] },
      { slot: 2, companies: ['Fjällglimt Turism AB', 'Skogsdata IT AB'], requestedBy: ['Fjällglimt Turism AB'] },
    ]);
  });

  it('has no rows without meetings', () => {
    expect(scheduleRows([])).toEqual([]);
  });
});

describe('wishesOf', () => {
  it('gives the companies one participant asked to meet, in the order asked', () => {
    const requests = [
      { from: fjallglimt, to: skogsdata },
      { from: lanthandel, to: fjallglimt },
      { from: fjallglimt, to: lanthandel },
    ];
    expect(wishesOf('a1', requests)).toEqual(['c3', 'b2']);
    expect(wishesOf('c3', requests)).toEqual([]);
  });
});
