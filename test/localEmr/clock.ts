/**
 * Time source of the local EMR Serverless endpoint. Every state the endpoint reports
 * (session lifecycle, token expiry, "now" of the generated data) is computed from a Clock,
 * so tests can drive the lifecycle deterministically with a ManualClock.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** The wall clock (Date.now). */
export const realClock: Clock = { now: () => Date.now() };

/** Default start of a ManualClock: 2025-06-01T12:00:00Z, so generated data is reproducible. */
export const MANUAL_CLOCK_DEFAULT_START = Date.UTC(2025, 5, 1, 12, 0, 0);

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: number = MANUAL_CLOCK_DEFAULT_START) {
    assertFinite(start);
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Jumps to an absolute time (epoch ms); may go backwards. */
  set(ms: number): void {
    assertFinite(ms);
    this.current = ms;
  }

  /** Moves forward (or backward, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void {
    assertFinite(ms);
    this.current += ms;
  }
}

function assertFinite(ms: number): void {
  if (!Number.isFinite(ms)) {
    throw new RangeError(`clock time must be a finite number of milliseconds, got ${ms}`);
  }
}
