import { validateFundingShares } from './funding';

describe('funding shares', () => {
  it('accepts NiMR: 50 % ERDF, 25 % region, 25 % municipalities', () => {
    expect(() =>
      validateFundingShares([
        { funderId: 'erdf', sharePercent: 50 },
        { funderId: 'region', sharePercent: 25 },
        { funderId: 'municipalities', sharePercent: 25 },
      ]),
    ).not.toThrow();
  });

  it('adds thirds in hundredths without floating-point drift', () => {
    expect(() =>
      validateFundingShares([
        { funderId: 'a', sharePercent: 33.33 },
        { funderId: 'b', sharePercent: 33.33 },
        { funderId: 'c', sharePercent: 33.34 },
      ]),
    ).not.toThrow();
  });

  it.each([
    [[{ funderId: 'a', sharePercent: 50 }, { funderId: 'b', sharePercent: 25 }], /add up to 100 percent, not 75/],
    [[{ funderId: 'a', sharePercent: 60 }, { funderId: 'b', sharePercent: 60 }], /not 120/],
    [[{ funderId: 'a', sharePercent: 100.5 }], /at most 100/],
    [[{ funderId: 'a', sharePercent: 0 }, { funderId: 'b', sharePercent: 100 }], /more than 0/],
    [[{ funderId: 'a', sharePercent: -10 }, { funderId: 'b', sharePercent: 110 }], /more than 0/],
    [[{ funderId: 'a', sharePercent: 33.333 }, { funderId: 'b', sharePercent: 66.667 }], /two decimals/],
    [[{ funderId: 'a', sharePercent: 50 }, { funderId: 'a', sharePercent: 50 }], /listed once/],
    [[], /at least one funder/],
  ])('rejects %j', (shares, message) => {
    expect(() => validateFundingShares(shares)).toThrow(message);
  });
});
