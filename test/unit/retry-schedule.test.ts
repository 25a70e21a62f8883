import { retryDelayMs, shouldRetry } from '../../server/src/queue/retry-schedule';

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5 };

describe('retry schedule', () => {
  it('grows exponentially with full jitter (upper bound at random → 1)', () => {
    const top = (attempt: number) => retryDelayMs(attempt, policy, { random: () => 0.999999 });
    expect(top(1)).toBe(999);
    expect(top(2)).toBe(1999);
    expect(top(3)).toBe(3999);
  });

  it('draws anywhere between 0 and the bound', () => {
    expect(retryDelayMs(3, policy, { random: () => 0 })).toBe(1);
    expect(retryDelayMs(3, policy, { random: () => 0.5 })).toBe(2000);
  });

  it('is capped', () => {
    expect(retryDelayMs(30, policy, { random: () => 0.999999 })).toBeLessThanOrEqual(60_000);
  });

  it('never waits less than Pinterest asked', () => {
    expect(retryDelayMs(1, policy, { random: () => 0, retryAfterSeconds: 30 })).toBe(30_000);
  });

  it('stops after the maximum attempts', () => {
    expect(shouldRetry(4, policy)).toBe(true);
    expect(shouldRetry(5, policy)).toBe(false);
  });
});
