// When to reconnect a dropped socket: exponential, capped, with jitter so that many tiles (or many
// browsers) that lost the server at the same moment do not come back at the same moment.

export interface BackoffPolicy {
  /** the first delay, ms */
  baseMs: number;
  /** no delay is longer than this, ms */
  capMs: number;
  /** 0..1: the share of each delay that is random (0.5 = between half and the full delay) */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 15_000, jitter: 0.5 };

/**
 * @param attempt 1 for the first retry, 2 for the second, ...
 * @param random a number in [0, 1) (Math.random in the app, fixed in tests)
 * @returns the delay before that attempt, ms: in [d·(1−jitter), d] where d = min(cap, base·2^(attempt−1))
 */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^30 is far past any cap; the limit keeps the arithmetic finite for absurd attempt counts.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling * (1 - policy.jitter) + ceiling * policy.jitter * r);
}
