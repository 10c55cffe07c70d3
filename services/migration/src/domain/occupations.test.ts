import { isOccupationCode, OCCUPATIONS, occupationGroup, occupationLabel } from './occupations';

describe('SSYK 2012 occupations', () => {
  it('holds every unit group once, each a four-digit code with a label', () => {
    expect(OCCUPATIONS.length).toBeGreaterThanOrEqual(400);
    expect(new Set(OCCUPATIONS.map((occupation) => occupation.code)).size).toBe(OCCUPATIONS.length);
    for (const { code, label } of OCCUPATIONS) {
      expect(code).toMatch(/^\d{4}$/);
      expect(label.trim()).toBe(label);
      expect(label.length).toBeGreaterThan(1);
    }
  });

  it('knows the labels of common occupations in the region', () => {
    expect(occupationLabel('2221')).toBe('Grundutbildade sjuksköterskor');
    expect(occupationLabel('2341')).toBe('Grundskollärare');
    expect(occupationLabel('5321')).toBe('Undersköterskor, hemtjänst, hemsjukvård och äldreboende');
    expect(occupationLabel('9629')).toBe('Övriga servicearbetare');
    expect(isOccupationCode('0110')).toBe(true);
  });

  it('rejects codes that are not unit groups', () => {
    for (const code of ['9998', '221', 'abcd', '22210', ' 2221', '']) {
      expect(isOccupationCode(code)).toBe(false);
      expect(occupationLabel(code)).toBeUndefined();
    }
  });

  it('names the minor group by the first three digits', () => {
    expect(occupationGroup('2341')).toBe('234');
    expect(occupationGroup('2343')).toBe(occupationGroup('2341'));
    expect(occupationGroup('2330')).not.toBe(occupationGroup('2341'));
  });
});
