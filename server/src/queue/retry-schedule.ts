/**
 * When to try a failed job again: exponential backoff with full jitter, capped, honouring server
 * hints.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/**
 * Delay before attempt `attempt + 1`, after `attempt` failed attempts (1-based).
 * Full jitter: a uniform draw in [0, min(cap, base·2^(attempt−1))]; when Pinterest said how long to
 * wait (`Retry-After`), never less than that.
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  opts: { retryAfterSeconds?: number; random?: () => number } = {}
): number {
  const random = opts.random ?? Math.random;
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * exp);
  const floor = opts.retryAfterSeconds !== undefined ? opts.retryAfterSeconds * 1000 : 0;
  return Math.max(jittered, floor, 1);
}

/** Whether a job that failed with a retryable error should be tried again. */
export const shouldRetry = (attempts: number, policy: Pick<RetryPolicy, 'maxAttempts'>): boolean =>
  attempts < policy.maxAttempts;
