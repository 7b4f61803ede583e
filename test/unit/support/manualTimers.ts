import type { RenewalClock, Timer } from '../../../src/model/tokenRenewal';
import type { ManualClock } from '../../localEmr/server';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * Timers on a ManualClock (the same clock the local endpoint runs on): nothing fires until the
 * test moves time with advance(), and then every due timer fires in time order, with the clock
 * standing at that timer's time.
 */
export class ManualTimers implements RenewalClock {
  private pending: Pending[] = [];
  private seq = 0;

  constructor(readonly clock: ManualClock) {}

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
    for (;;) {
      const due = this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) {
        break;
      }
      this.pending = this.pending.filter((p) => p !== due);
      this.clock.set(Math.max(this.clock.now(), due.at));
      due.callback();
    }
    this.clock.set(end);
  }
}
