import { TokenBuckets } from './rate-limit';

function bucketsAt(options = { ratePerSec: 2, burst: 3, maxKeys: 2 }) {
  const clock = { now: 0 };
  return { clock, buckets: new TokenBuckets(options, () => clock.now) };
}

describe('TokenBuckets', () => {
  it('allows the burst at once, then refuses with the seconds until the next token', () => {
    const { buckets } = bucketsAt();
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(1);
  });

  it('refills at the configured rate, never beyond the burst', () => {
    const { clock, buckets } = bucketsAt();
    for (let i = 0; i < 3; i += 1) buckets.take('a');
    clock.now += 500; // one token back at 2 per second
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    clock.now += 60_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0, 1]);
  });

  it('says how long to wait when the rate is slow', () => {
    const { buckets } = bucketsAt({ ratePerSec: 0.1, burst: 1, maxKeys: 10 });
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(10);
  });

  it('keeps keys apart and forgets the least recently seen beyond its limit', () => {
    const { buckets } = bucketsAt();
    for (let i = 0; i < 3; i += 1) buckets.take('a');
    expect(buckets.take('b')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    buckets.take('c'); // 'b' is now the least recently seen and goes
    expect([buckets.take('b'), buckets.take('b'), buckets.take('b')]).toEqual([0, 0, 0]);
  });
});
