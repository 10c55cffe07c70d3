import mongoose from 'mongoose';
import { foldText, searchTokens, swedishSortKey, tokenPrefixFilter } from './index';

describe('Swedish-folding search tokens', () => {
  it('folds å, ä and ö so plain ASCII queries match', () => {
    expect(foldText('Malå Åsele Överkalix Gällivare')).toBe('mala asele overkalix gallivare');
  });

  it('sorts in Swedish alphabetical order: å, ä, ö after z, other accents as their base letter', () => {
    const names = ['Övertorneå', 'Åsele', 'Arjeplog', 'Älvsbyn', 'Zinkgruvan', 'Café Émile', 'Malå', 'Mala'];
    expect([...names].sort((a, b) => (swedishSortKey(a) < swedishSortKey(b) ? -1 : 1))).toEqual([
      'Arjeplog', 'Café Émile', 'Mala', 'Malå', 'Zinkgruvan', 'Åsele', 'Älvsbyn', 'Övertorneå',
    ]);
  });

  it('splits on punctuation and de-duplicates', () => {
    expect(searchTokens('Almi Företagspartner Nord AB', 'almi – Nord')).toEqual(['almi', 'foretagspartner', 'nord', 'ab']);
  });

  it("builds an anchored prefix condition per query token, marked as the server's own operator", () => {
    expect(tokenPrefixFilter('searchTokens', 'Mal (a')).toEqual({
      $and: [{ searchTokens: mongoose.trusted({ $regex: '^mal' }) }, { searchTokens: mongoose.trusted({ $regex: '^a' }) }],
    });
    expect(tokenPrefixFilter('searchTokens', 'x.*')).toEqual({ $and: [{ searchTokens: mongoose.trusted({ $regex: '^x' }) }] });
    expect(tokenPrefixFilter('searchTokens', '  ')).toBeUndefined();
  });
});
