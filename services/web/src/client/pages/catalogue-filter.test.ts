import { describe, expect, it } from 'vitest';
import { type CatalogueSearch, offeringFilter, paramsFromSearch, searchFromParams } from './catalogue-filter';

const EMPTY: CatalogueSearch = { text: '', need: '', kind: '', municipality: '', targetGroup: '', deadlineFrom: '', deadlineTo: '', sort: '' };

function search(overrides: Partial<CatalogueSearch>): CatalogueSearch {
  return { ...EMPTY, ...overrides };
}

describe('searchFromParams and paramsFromSearch', () => {
  it('reads every key from the address, missing ones as empty', () => {
    expect(searchFromParams(new URLSearchParams('text=export&need=EXPORT'))).toEqual(search({ text: 'export', need: 'EXPORT' }));
    expect(searchFromParams(new URLSearchParams(''))).toEqual(EMPTY);
  });

  it('ignores parameters that are not part of the search', () => {
    expect(searchFromParams(new URLSearchParams('utm_source=mail&kind=COURSE'))).toEqual(search({ kind: 'COURSE' }));
  });

  it('leaves empty values out of the address', () => {
    const params = paramsFromSearch(search({ text: 'kurs', sort: 'TITLE' }));
    expect([...params.keys()]).toEqual(['text', 'sort']);
    expect(params.toString()).toBe('text=kurs&sort=TITLE');
    expect(paramsFromSearch(EMPTY).toString()).toBe('');
  });

  it('round-trips a full search, Swedish letters and spaces included', () => {
    const full: CatalogueSearch = {
      text: 'stöd för export & import',
      need: 'EXPORT',
      kind: 'COURSE',
      municipality: '2482',
      targetGroup: 'WOMEN',
      deadlineFrom: '2027-01-01',
      deadlineTo: '2027-12-31',
      sort: 'START_DATE',
    };
    const params = paramsFromSearch(full);
    expect(searchFromParams(new URLSearchParams(params.toString()))).toEqual(full);
  });

  it('round-trips the address the other way too', () => {
    const address = 'text=l%C3%A5n&municipality=2480&deadlineTo=2027-06-30';
    expect(paramsFromSearch(searchFromParams(new URLSearchParams(address))).toString()).toBe(address);
  });
});

describe('offeringFilter', () => {
  it('sends nothing for an empty search and sorts by deadline', () => {
    expect(offeringFilter(EMPTY)).toEqual({ filter: {}, sort: 'DEADLINE' });
  });

  it('keeps the chosen sort', () => {
    expect(offeringFilter(search({ sort: 'TITLE' })).sort).toBe('TITLE');
  });

  it('trims the text and leaves out text that is only spaces', () => {
    expect(offeringFilter(search({ text: '  export  ' })).filter).toEqual({ text: 'export' });
    expect(offeringFilter(search({ text: '   ' })).filter).toEqual({});
    expect(offeringFilter(search({ text: '   ' })).filter).not.toHaveProperty('text');
  });

  it('maps need and target group to one-element lists', () => {
    const { filter } = offeringFilter(search({ need: 'FINANCING', targetGroup: 'YOUNG_PEOPLE' }));
    expect(filter.needs).toEqual(['FINANCING']);
    expect(filter.targetGroups).toEqual(['YOUNG_PEOPLE']);
  });

  it('maps kind and municipality to their fields', () => {
    expect(offeringFilter(search({ kind: 'GRANT', municipality: '2482' })).filter).toEqual({ kind: 'GRANT', municipalityCode: '2482' });
  });

  it('does not send a half-typed date', () => {
    for (const partial of ['2', '2027', '2027-', '2027-0', '2027-01', '2027-01-', '2027-01-1', '27-01-15']) {
      const { filter } = offeringFilter(search({ deadlineFrom: partial, deadlineTo: partial }));
      expect(filter, partial).not.toHaveProperty('deadlineFrom');
      expect(filter, partial).not.toHaveProperty('deadlineTo');
    }
  });

  it('sends whole dates', () => {
    expect(offeringFilter(search({ deadlineFrom: '2027-01-15', deadlineTo: '2027-02-28' })).filter).toEqual({
      deadlineFrom: '2027-01-15',
      deadlineTo: '2027-02-28',
    });
  });

  it('sends a whole date on one side while the other is half-typed', () => {
    expect(offeringFilter(search({ deadlineFrom: '2027-01-15', deadlineTo: '2027-0' })).filter).toEqual({ deadlineFrom: '2027-01-15' });
  });

  it('builds the whole filter from a full search', () => {
    expect(
      offeringFilter({
        text: ' innovation ',
        need: 'INNOVATION',
        kind: 'COACHING',
        municipality: '2480',
        targetGroup: 'NEW_ENTREPRENEURS',
        deadlineFrom: '2027-03-01',
        deadlineTo: '2027-0',
        sort: '',
      }),
    ).toEqual({
      filter: {
        text: 'innovation',
        needs: ['INNOVATION'],
        kind: 'COACHING',
        municipalityCode: '2480',
        targetGroups: ['NEW_ENTREPRENEURS'],
        deadlineFrom: '2027-03-01',
      },
      sort: 'DEADLINE',
    });
  });

  it('leaves out values an edited address carries that the graph does not have', () => {
    expect(offeringFilter(search({ need: 'BRIBERY', kind: '{"$ne":null}', targetGroup: 'ALL', municipality: 'Malå', sort: 'bogus' }))).toEqual({ filter: {}, sort: 'DEADLINE' });
  });

  it('does not send an impossible date', () => {
    expect(offeringFilter(search({ deadlineFrom: '2027-13-45', deadlineTo: '2027-02-30' })).filter).toEqual({});
  });
});
