/**
 * How long to wait before asking again after failures: the poll interval doubled per failure
 * in a row, capped at one minute, so a throttled or failing endpoint is asked less and less
 * often but never forgotten.
 */

/** The longest wait after failures, in milliseconds. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * Milliseconds to wait after `failures` failures in a row (0 means none: the interval itself).
 * `intervalMs` × 2^failures, at most MAX_BACKOFF_MS, and never less than the interval (so an
 * interval above a minute is not shortened by a failure). Example with 5 s: 10, 20, 40, 60, 60 s.
 */
export function backoffDelayMs(intervalMs: number, failures: number): number {
  if (failures <= 0) {
    return intervalMs;
  }
  // 2^failures overflows to Infinity long after the cap is reached; Math.min handles that.
  return Math.max(intervalMs, Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures));
}
