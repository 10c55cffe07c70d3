import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { enumChoices } from './enum-choices';

async function tFor(language: Language): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  return instance.t;
}

describe('enumChoices', () => {
  it('lists every value with its Swedish label in Swedish order, "any" first', async () => {
    const choices = enumChoices(await tFor('sv'), 'TargetGroup', 'Alla');
    expect(choices[0]).toEqual({ id: '', label: 'Alla' });
    expect(choices.slice(1).map((choice) => choice.id).sort()).toEqual(Object.keys(sv.enums.TargetGroup).sort());
    expect(choices.map((choice) => choice.label)).toEqual(['Alla', 'Etablerade företag', 'Kvinnor', 'Mikroföretag', 'Nya företagare', 'Unga', 'Utrikes födda']);
  });

  it('uses the English labels in English', async () => {
    const choices = enumChoices(await tFor('en'), 'TargetGroup', null);
    expect(choices).toContainEqual({ id: 'FOREIGN_BORN', label: 'Foreign-born' });
    expect(choices.map((choice) => choice.label)).toEqual(['Established companies', 'Foreign-born', 'Micro companies', 'New entrepreneurs', 'Women', 'Young people']);
  });

  it('sorts a longer list alphabetically by its Swedish labels, not by the enum values', async () => {
    expect(enumChoices(await tFor('sv'), 'Need', null).map((choice) => choice.label)).toEqual([
      'Affärsplanering',
      'Budgetering',
      'Digitalisering',
      'Export',
      'Finansiering',
      'Hållbarhet',
      'Innovation',
      'Jämställdhet',
      'Kompetensutveckling',
      'Leverantörer',
      'Nyföretagande',
      'Omvärldsanalys',
      'Rekrytering',
      'Samverkan med näringsliv',
    ]);
  });

  it('leaves out "any" when there is no label for it', async () => {
    expect(enumChoices(await tFor('sv'), 'OfferingKind', null).some((choice) => choice.id === '')).toBe(false);
  });
});
