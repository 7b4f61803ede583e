/**
 * Churn for live demos: on every tick one new session is started on a STARTED (or CREATED)
 * application, one active session is terminated, and one IDLE session turns BUSY for a couple
 * of ticks, so a viewer sees states change.
 */
import type { StoredSession } from './model';
import { startSession } from './sessionCommands';
import { cutAfter, sessionStateAt, terminateTimeline } from './sessionLifecycle';
import type { SessionStore } from './sessionStore';

export const DEFAULT_CHURN_INTERVAL_MS = 3000;

export interface ChurnTick {
  started?: string;
  terminated?: string;
  busy?: string;
}

export class Churn {
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;

  constructor(
    private readonly store: SessionStore,
    private readonly intervalMs: number = DEFAULT_CHURN_INTERVAL_MS,
  ) {}

  start(): void {
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  tick(): ChurnTick {
    const store = this.store;
    const now = store.now();
    const result: ChurnTick = {};
    this.ticks++;
    const apps = store.applications();
    const startedApps = apps.filter((a) => a.state === 'STARTED');
    const target = this.pick(startedApps.length > 0 ? startedApps : apps.filter((a) => a.state === 'CREATED'));
    if (target) {
      const started = startSession(
        store,
        target.id,
        {
          clientToken: `churn-${now}-${this.ticks}`,
          executionRoleArn: `arn:aws:iam::${store.accountId}:role/EMRServerlessExecutionRole`,
          name: `live-demo-${this.ticks}`,
          idleTimeoutMinutes: 30,
        },
        `arn:aws:sts::${store.accountId}:assumed-role/DataEngineer/bob`,
      );
      result.started = started.sessionId;
    }
    const sessions = store.allSessions();
    const active = sessions.filter((s) => isOneOf(s, now, ['STARTED', 'IDLE', 'BUSY']) && s.sessionId !== result.started);
    const victim = this.pick(active);
    if (victim && terminateTimeline(victim.timeline, now)) {
      result.terminated = victim.sessionId;
    }
    const idle = this.pick(sessions.filter((s) => s !== victim && isOneOf(s, now, ['IDLE'])));
    if (idle) {
      cutAfter(idle.timeline, now);
      idle.timeline.push(
        { at: now, state: 'BUSY', details: 'Session is running a statement.' },
        { at: now + 2 * this.intervalMs, state: 'IDLE', details: 'Session is idle and ready to run statements.' },
      );
      result.busy = idle.sessionId;
    }
    return result;
  }

  private pick<T>(items: T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.store.randomInt(0, items.length - 1)];
  }
}

function isOneOf(s: StoredSession, now: number, states: string[]): boolean {
  return states.includes(sessionStateAt(s, now));
}
