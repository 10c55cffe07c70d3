import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { sv } from '../../i18n/sv';
import { capacityInput, capacityYears, emptyCapacityForm } from './capacity';

async function swedish(): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ resources: { sv: { translation: sv } }, lng: 'sv', interpolation: { escapeValue: false } });
  return instance.t;
}

describe('receiving capacity', () => {
  it('starts from the year’s figures when they are set, else from empty fields', () => {
    expect(emptyCapacityForm({ households: 12, housingUnits: 5, preschoolPlaces: 4, schoolPlaces: 10 })).toEqual({ households: '12', housingUnits: '5', preschoolPlaces: '4', schoolPlaces: '10' });
    expect(emptyCapacityForm(null)).toEqual({ households: '', housingUnits: '', preschoolPlaces: '', schoolPlaces: '' });
  });

  it('sends whole numbers as the graph’s input, ranges left for the graph to judge', async () => {
    expect(capacityInput({ households: '15', housingUnits: '6', preschoolPlaces: '0', schoolPlaces: '-1' }, await swedish())).toEqual({
      input: { households: 15, housingUnits: 6, preschoolPlaces: 0, schoolPlaces: -1 },
      errors: {},
    });
  });

  it('sends nothing while a field holds no whole number, and says so beside each such field', async () => {
    expect(capacityInput({ households: '', housingUnits: '6', preschoolPlaces: '2,5', schoolPlaces: '10' }, await swedish())).toEqual({
      input: null,
      errors: { households: 'Ett heltal från 0 till 100 000.', preschoolPlaces: 'Ett heltal från 0 till 100 000.' },
    });
  });

  it('offers last year to correct, this year and the next three', () => {
    expect(capacityYears(2026)).toEqual([2025, 2026, 2027, 2028, 2029]);
  });
});
