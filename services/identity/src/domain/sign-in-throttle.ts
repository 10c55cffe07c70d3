export interface SignInThrottleOptions {
  /** Failures in a row that cost nothing; each one after that doubles the wait. */
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
  /** At most this many keys are remembered, the oldest forgotten first, so a flood of addresses cannot fill memory. */
  maxKeys: number;
}

interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

/**
 * Slows down password guessing: after a few failed sign-ins for one key (a username from one address, or one
 * address), each further attempt must wait twice as long as the one before, up to a ceiling.
 */
export class SignInThrottle {
  private readonly records = new Map<string, FailureRecord>();

  constructor(
    private readonly options: SignInThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const record = this.current(key);
    if (!record || record.failures < this.options.freeFailures) return 0;
    const delay = Math.min(this.options.baseDelayMs * 2 ** (record.failures - this.options.freeFailures), this.options.maxDelayMs);
    return Math.max(0, record.lastFailureAt + delay - this.now());
  }

  recordFailure(key: string): void {
    const failures = (this.current(key)?.failures ?? 0) + 1;
    this.records.delete(key);
    this.records.set(key, { failures, lastFailureAt: this.now() });
    if (this.records.size > this.options.maxKeys) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }

  recordSuccess(key: string): void {
    this.records.delete(key);
  }

  private current(key: string): FailureRecord | undefined {
    const record = this.records.get(key);
    if (record && this.now() - record.lastFailureAt > this.options.forgetAfterMs) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }
}
