import { foldText, searchTokens, tokenPrefixFilter } from './index';

describe('Swedish-folding search tokens', () => {
  it('folds å, ä and ö so plain ASCII queries match', () => {
    expect(foldText('Malå Åsele Överkalix Gällivare')).toBe('mala asele overkalix gallivare');
  });

  it('splits on punctuation and de-duplicates', () => {
    expect(searchTokens('Almi Företagspartner Nord AB', 'almi – Nord')).toEqual(['almi', 'foretagspartner', 'nord', 'ab']);
  });

  it('builds an anchored prefix condition per query token, escaping regex syntax', () => {
    expect(tokenPrefixFilter('searchTokens', 'Mal (a')).toEqual({
      $and: [{ searchTokens: { $regex: '^mal' } }, { searchTokens: { $regex: '^a' } }],
    });
    expect(tokenPrefixFilter('searchTokens', 'x.*')).toEqual({ $and: [{ searchTokens: { $regex: '^x' } }] });
    expect(tokenPrefixFilter('searchTokens', '  ')).toBeUndefined();
  });
});
