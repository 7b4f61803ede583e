/**
 * Time for code that waits (the session poller, the auth token renewal): now, and timers that
 * can be cancelled. Injected, so tests move time with a manual clock instead of waiting.
 */

/** A cancellable timer. */
export interface Timer {
  cancel(): void;
}

export interface TimerClock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Calls `callback` once, after `delayMs` milliseconds (0 or more). */
  setTimer(callback: () => void, delayMs: number): Timer;
}

/** The wall clock and Node's timers. */
export const systemTimerClock: TimerClock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    // A pending timer must never keep a process (a test run, the extension host's shutdown) alive.
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};
