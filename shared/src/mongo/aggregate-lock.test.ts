import { lockBackoffDelay } from './aggregate-lock';

describe('lockBackoffDelay', () => {
  const options = { initialBackoffMs: 10, maxBackoffMs: 100 };

  it('pauses between half the cap and the cap, the cap doubling with each attempt', () => {
    expect(lockBackoffDelay(1, options, () => 0)).toBe(5);
    expect(lockBackoffDelay(1, options, () => 1)).toBe(10);
    expect(lockBackoffDelay(2, options, () => 0)).toBe(10);
    expect(lockBackoffDelay(3, options, () => 0.5)).toBe(30);
  });

  it('never pauses longer than the maximum, however many attempts', () => {
    expect(lockBackoffDelay(4, options, () => 1)).toBe(80);
    expect(lockBackoffDelay(5, options, () => 1)).toBe(100);
    expect(lockBackoffDelay(50, options, () => 1)).toBe(100);
    expect(lockBackoffDelay(50, options, () => 0)).toBe(50);
  });

  it('spreads contenders out: the same attempt gives different pauses', () => {
    const pauses = new Set(Array.from({ length: 20 }, () => lockBackoffDelay(6, options)));
    expect(pauses.size).toBeGreaterThan(10);
    for (const pause of pauses) expect(pause).toBeGreaterThanOrEqual(50);
  });
});
