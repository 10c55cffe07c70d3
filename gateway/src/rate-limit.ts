export interface TokenBucketOptions {
  /** Tokens added per second: the sustained rate allowed. */
  ratePerSec: number;
  /** Bucket size: the burst allowed after a quiet spell. */
  burst: number;
  /** At most this many keys are remembered, the least recently seen forgotten first. */
  maxKeys: number;
}

/**
 * One token bucket per key (a token subject, a client address): each request takes a token, tokens come back at
 * a steady rate up to the burst size, and a request finding the bucket empty is told when the next token comes.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the request may go ahead (a token was taken), else the seconds until a token is back. */
  take(key: string): number {
    const now = this.now();
    const previous = this.buckets.get(key);
    const refilled = previous ? Math.min(this.options.burst, previous.tokens + ((now - previous.at) / 1000) * this.options.ratePerSec) : this.options.burst;
    this.buckets.delete(key);
    if (refilled >= 1) {
      this.remember(key, { tokens: refilled - 1, at: now });
      return 0;
    }
    this.remember(key, { tokens: refilled, at: now });
    return Math.max(1, Math.ceil((1 - refilled) / this.options.ratePerSec));
  }

  private remember(key: string, bucket: { tokens: number; at: number }): void {
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.options.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
