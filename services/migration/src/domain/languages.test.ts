import { isLanguageCode } from './languages';

describe('ISO 639-1 language codes', () => {
  it('knows the languages candidates in the region speak', () => {
    for (const code of ['sv', 'en', 'se', 'fi', 'no', 'nb', 'nn', 'da', 'ar', 'so', 'ti', 'fa', 'uk', 'ru', 'de', 'pl', 'th', 'zu']) {
      expect(isLanguageCode(code)).toBe(true);
    }
  });

  it('rejects what is not a two-letter code', () => {
    for (const code of ['xx', 'sma', 'SV', 'sv-SE', 'e', '', 'sh']) expect(isLanguageCode(code)).toBe(false);
  });
});
