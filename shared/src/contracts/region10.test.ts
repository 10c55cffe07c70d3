import { isRegion10Municipality, municipalityCodeForConceptId, municipalityName, REGION10_MUNICIPALITIES } from './region10';

describe('Region 10 municipalities', () => {
  it('lists the ten, each with a JobTech concept id', () => {
    expect(REGION10_MUNICIPALITIES).toHaveLength(10);
    for (const { code, jobtechConceptId } of REGION10_MUNICIPALITIES) {
      expect(code).toMatch(/^2[45]\d{2}$/);
      expect(jobtechConceptId).toMatch(/^[0-9A-Za-z]{4}_[0-9A-Za-z]{3}_[0-9A-Za-z]{3}$/);
    }
  });

  it('names a municipality by its code and finds the code of a concept id', () => {
    expect(municipalityName('2481')).toBe('Lycksele');
    expect(municipalityName('2463')).toBe('Åsele');
    expect(municipalityCodeForConceptId('VM7L_yJK_Doo')).toBe('2422');
    expect(municipalityCodeForConceptId('g5Tt_CAV_zBd')).toBeUndefined();
  });

  it('refuses municipalities outside the region', () => {
    expect(isRegion10Municipality('2505')).toBe(true);
    expect(isRegion10Municipality('2480')).toBe(false);
    expect(isRegion10Municipality('0180')).toBe(false);
    expect(municipalityName('2480')).toBeUndefined();
  });
});
