// Reconnect delays: exponential growth, capped, with full jitter so that many tabs
// dropped by one server restart do not all come back in the same millisecond.

export const DEFAULT_BACKOFF = Object.freeze({ minDelayMs: 500, maxDelayMs: 20_000 });

/** A delay in [0, min(maxDelayMs, minDelayMs * 2^attempt)), attempt counted from 0. */
export function backoffDelay(attempt, { minDelayMs, maxDelayMs } = DEFAULT_BACKOFF, random = Math.random) {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 31));
  return Math.floor(random() * ceiling);
}
