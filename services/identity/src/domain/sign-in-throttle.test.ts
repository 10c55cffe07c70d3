import { SignInThrottle } from './sign-in-throttle';

const OPTIONS = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000, maxKeys: 3 };

function throttleAt(start = 0) {
  const clock = { now: start };
  return { clock, throttle: new SignInThrottle(OPTIONS, () => clock.now) };
}

describe('SignInThrottle', () => {
  it('lets the first failures through and then doubles the wait after each further one, up to the ceiling', () => {
    const { clock, throttle } = throttleAt();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      throttle.recordFailure('anna|10.0.0.1');
      waits.push(throttle.retryAfterMs('anna|10.0.0.1'));
      clock.now += waits.at(-1)!;
    }
    expect(waits).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('counts the wait down as time passes', () => {
    const { clock, throttle } = throttleAt();
    for (let attempt = 0; attempt < 4; attempt += 1) throttle.recordFailure('k');
    clock.now += 500;
    expect(throttle.retryAfterMs('k')).toBe(1_500);
    clock.now += 1_500;
    expect(throttle.retryAfterMs('k')).toBe(0);
  });

  it('starts over after a success, and after a quiet period', () => {
    const { clock, throttle } = throttleAt();
    for (let attempt = 0; attempt < 5; attempt += 1) throttle.recordFailure('k');
    throttle.recordSuccess('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
    for (let attempt = 0; attempt < 5; attempt += 1) throttle.recordFailure('k');
    clock.now += 60_001;
    expect(throttle.retryAfterMs('k')).toBe(0);
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
  });

  it('keeps keys apart and forgets the oldest key beyond its limit', () => {
    const { throttle } = throttleAt();
    for (const key of ['a', 'b', 'c', 'd']) for (let attempt = 0; attempt < 3; attempt += 1) throttle.recordFailure(key);
    expect(throttle.retryAfterMs('a')).toBe(0);
    expect(throttle.retryAfterMs('d')).toBe(1_000);
    expect(throttle.retryAfterMs('e')).toBe(0);
  });
});
