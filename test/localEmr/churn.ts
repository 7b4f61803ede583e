/**
 * Churn for live demos: sessions start, go BUSY and IDLE, and end, so a viewer sees states
 * change, while the sample stays what the service would show and stays readable:
 * - a new session starts every CHURN_LIMITS.startEveryTicks ticks, only on a STARTED
 *   application that can take sessions (SPARK, emr-7.13.0 or later, sessionEnabled) and is
 *   under its quota, with a name like the sample's;
 * - churn terminates only sessions it started: the oldest once more than
 *   CHURN_LIMITS.liveSessions of them are active;
 * - it keeps at most CHURN_LIMITS.keptSessions of its sessions: older ones, once ended, are
 *   forgotten (removed from the store) to make room, and no session starts while none has
 *   ended, so they never fill the first page, whatever the interval;
 * - on every tick one IDLE session (of any origin) runs a statement: BUSY for two ticks;
 * - on every tick the sample session and the sample application stuck longest in a state the
 *   service moves on from by itself (SUBMITTED, STARTING, STARTED, TERMINATING; CREATING,
 *   STARTING, STOPPING) move on, as the service would move them (stuckTransitions.ts).
 */
import { ACTIVE_SESSION_STATES, TERMINAL_SESSION_STATES } from './model';
import { Random } from './random';
import { sessionName } from './sampleValues';
import { ServiceError } from './serviceErrors';
import { sessionsUnavailableReason, startSession } from './sessionCommands';
import { sessionStateAt, settleSession, terminateSessionAt } from './sessionLifecycle';
import type { SessionStore } from './sessionStore';
import { moveStuckOn } from './stuckTransitions';

export const DEFAULT_CHURN_INTERVAL_MS = 3000;

/** Bounds of what churn adds to the sample. */
export const CHURN_LIMITS = {
  /** A new session every this many ticks (the first tick starts one). */
  startEveryTicks: 4,
  /** Sessions started by churn that may be active (SUBMITTED to BUSY) at once. */
  liveSessions: 3,
  /** Sessions started by churn that stay in the store, ended ones included. */
  keptSessions: 6,
} as const;

export interface ChurnTick {
  started?: string;
  terminated?: string;
  forgotten?: string;
  busy?: string;
  /** A sample session that was stuck in a transitional state and now moves on. */
  movedSession?: string;
  /** A sample application that was stuck in a transitional state and now moves on. */
  movedApplication?: string;
}

interface OwnSession {
  applicationId: string;
  sessionId: string;
}

export class Churn {
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private readonly rng = new Random(0xc4a11);
  /** Sessions churn started and still keeps, oldest first. */
  private readonly own: OwnSession[] = [];

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

  /** Ids of the sessions churn started and keeps, oldest first. */
  sessions(): OwnSession[] {
    return this.own.map((s) => ({ ...s }));
  }

  tick(): ChurnTick {
    const result: ChurnTick = {};
    this.ticks++;
    const forgotten = this.forget();
    if (forgotten) result.forgotten = forgotten;
    // Only while it keeps fewer than keptSessions: with a short interval, sessions it ended
    // may still be TERMINATING (5 s on the clock), and churn never keeps more.
    if ((this.ticks - 1) % CHURN_LIMITS.startEveryTicks === 0 && this.own.length < CHURN_LIMITS.keptSessions) {
      const started = this.startOne();
      if (started) result.started = started;
    }
    const terminated = this.recycle();
    if (terminated) result.terminated = terminated;
    const busy = this.runStatement();
    if (busy) result.busy = busy;
    const moved = moveStuckOn(this.store, this.store.now());
    if (moved.session) result.movedSession = moved.session.id;
    if (moved.application) result.movedApplication = moved.application.id;
    return result;
  }

  private startOne(): string | undefined {
    const store = this.store;
    const eligible = store
      .applications()
      .filter((a) => a.state === 'STARTED')
      .map((a) => store.storedApplication(a.id))
      .filter((a) => a !== undefined && sessionsUnavailableReason(a) === undefined);
    const target = this.pick(eligible);
    if (!target) {
      return undefined;
    }
    const creator = `arn:aws:sts::${store.accountId}:assumed-role/DataEngineer/bob`;
    try {
      const { sessionId } = startSession(
        store,
        target.id,
        {
          clientToken: `churn-${store.now()}-${this.ticks}`,
          executionRoleArn: `arn:aws:iam::${store.accountId}:role/EMRServerlessExecutionRole`,
          name: sessionName(this.rng, creator),
          idleTimeoutMinutes: this.pick([15, 30, 60]) ?? 30,
        },
        creator,
      );
      this.own.push({ applicationId: target.id, sessionId });
      return sessionId;
    } catch (error) {
      if (error instanceof ServiceError) {
        return undefined; // e.g. the application is at its quota: nothing to show this tick
      }
      throw error;
    }
  }

  /** Terminates the oldest of churn's active sessions while more than liveSessions are active. */
  private recycle(): string | undefined {
    const now = this.store.now();
    const active = this.own.filter((o) => {
      const s = this.store.storedSession(o.applicationId, o.sessionId);
      return s !== undefined && ACTIVE_SESSION_STATES.includes(sessionStateAt(s, now));
    });
    const oldest = active.length > CHURN_LIMITS.liveSessions ? active[0] : undefined;
    const s = oldest && this.store.storedSession(oldest.applicationId, oldest.sessionId);
    return s && terminateSessionAt(s, now) ? s.sessionId : undefined;
  }

  /** Removes the oldest ended session of churn's once it keeps keptSessions, to make room for the next. */
  private forget(): string | undefined {
    if (this.own.length < CHURN_LIMITS.keptSessions) {
      return undefined;
    }
    const now = this.store.now();
    const index = this.own.findIndex((o) => {
      const s = this.store.storedSession(o.applicationId, o.sessionId);
      return s === undefined || TERMINAL_SESSION_STATES.includes(sessionStateAt(s, now));
    });
    if (index < 0) {
      return undefined;
    }
    const [gone] = this.own.splice(index, 1);
    if (gone) this.store.removeSession(gone.applicationId, gone.sessionId);
    return gone?.sessionId;
  }

  /** One IDLE session of a STARTED application runs a statement: BUSY now, IDLE two ticks later. */
  private runStatement(): string | undefined {
    const store = this.store;
    const now = store.now();
    const started = new Set(store.applications().filter((a) => a.state === 'STARTED').map((a) => a.id));
    const idle = this.pick(store.allSessions().filter((s) => started.has(s.applicationId) && sessionStateAt(s, now) === 'IDLE'));
    if (!idle) {
      return undefined;
    }
    settleSession(idle, now);
    idle.timeline.push(
      { at: now, state: 'BUSY', details: 'Session is running a statement.' },
      { at: now + 2 * this.intervalMs, state: 'IDLE', details: 'Session is idle and ready to run statements.' },
    );
    return idle.sessionId;
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.rng.int(0, items.length - 1)];
  }
}
