import type { Timer, TimerClock } from '../../../src/model/timerClock';
import type { ManualClock } from '../../localEmr/server';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * Timers on a ManualClock (the same clock the local endpoint runs on): nothing fires until the
 * test moves time with advance() or advanceSettled(), and then every due timer fires in time
 * order, with the clock standing at that timer's time.
 */
export class ManualTimers implements TimerClock {
  private pending: Pending[] = [];
  private seq = 0;

  constructor(
    readonly clock: ManualClock,
    /** What advanceSettled awaits between timers; default: one turn of the event loop. */
    private readonly settle: () => Promise<void> = nextMacrotask,
  ) {}

  now(): number {
    return this.clock.now();
  }

  setTimer(callback: () => void, delayMs: number): Timer {
    const entry: Pending = { at: this.clock.now() + Math.max(0, delayMs), seq: this.seq++, callback };
    this.pending.push(entry);
    return { cancel: () => (this.pending = this.pending.filter((p) => p !== entry)) };
  }

  /** Timers set and not yet fired or cancelled. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Moves the clock forward by `ms`, firing due timers (including ones they set) on the way. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (let due = this.nextDue(end); due; due = this.nextDue(end)) {
      this.fire(due);
    }
    this.clock.set(end);
  }

  /**
   * As advance, for code whose timers send requests: `settle` runs before the first timer and
   * after each, so requests a timer sent are answered, and the answers handled, before the
   * clock moves on.
   */
  async advanceSettled(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    await this.settle();
    for (let due = this.nextDue(end); due; due = this.nextDue(end)) {
      this.fire(due);
      await this.settle();
    }
    this.clock.set(end);
  }

  private nextDue(end: number): Pending | undefined {
    return this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  }

  private fire(due: Pending): void {
    this.pending = this.pending.filter((p) => p !== due);
    this.clock.set(Math.max(this.clock.now(), due.at));
    due.callback();
  }
}

/** Resolves after every promise callback queued so far has run. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
