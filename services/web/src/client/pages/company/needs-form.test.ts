import { describe, expect, it } from 'vitest';
import { addedNeed, formFromAnalysis, needsInput } from './needs-form';

const stored = {
  needs: [
    { need: 'EXPORT' as const, priority: 1, note: 'Turister från Norge' },
    { need: 'DIGITALISATION' as const, priority: 2, note: null },
  ],
  ownerGroups: ['WOMEN' as const, 'MICRO_COMPANIES' as const],
  offers: ['guidade turer', 'boende'],
  seeks: [],
};

describe('the needs form', () => {
  it('starts from the stored analysis, tags as text, and leaves out groups the register decides', () => {
    const state = formFromAnalysis(stored);
    expect(state.needs.map(({ need, priority, note }) => ({ need, priority, note }))).toEqual([
      { need: 'EXPORT', priority: '1', note: 'Turister från Norge' },
      { need: 'DIGITALISATION', priority: '2', note: '' },
    ]);
    expect(new Set(state.needs.map((row) => row.key)).size).toBe(2);
    expect(state.ownerGroups).toEqual(['WOMEN']);
    expect(state.offers).toBe('guidade turer, boende');
    expect(state.seeks).toBe('');
  });

  it('is empty for a company without an analysis', () => {
    expect(formFromAnalysis(null)).toEqual({ needs: [], ownerGroups: [], offers: '', seeks: '' });
  });

  it('sends every row in order with its priority as a number, a note only when written, tags split on commas', () => {
    const state = formFromAnalysis(stored);
    state.needs[1]!.note = '   ';
    state.seeks = ' lokalproducerad mat,, transport ,';
    expect(needsInput(state)).toEqual({
      needs: [
        { need: 'EXPORT', priority: 1, note: 'Turister från Norge' },
        { need: 'DIGITALISATION', priority: 2 },
      ],
      ownerGroups: ['WOMEN'],
      offers: ['guidade turer', 'boende'],
      seeks: ['lokalproducerad mat', 'transport'],
    });
  });

  it('adds the first need in the order given that is not listed yet, at priority 2, and nothing once all are listed', () => {
    const state = formFromAnalysis(stored);
    const added = addedNeed(state, ['EXPORT', 'BUDGETING', 'DIGITALISATION', 'RECRUITMENT']);
    expect(added.needs.at(-1)).toMatchObject({ need: 'BUDGETING', priority: '2', note: '' });
    expect(needsInput(added).needs).toHaveLength(3);
    expect(addedNeed(state, ['EXPORT', 'DIGITALISATION'])).toBe(state);
  });
});
