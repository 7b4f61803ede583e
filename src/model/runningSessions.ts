/**
 * "Running now": every active session (SUBMITTED, STARTING, STARTED, IDLE, BUSY) of every
 * application of every connection, newest first. The states are filtered by the service
 * (ListSessions `states`), so ended sessions never travel; every page is read. One limit of
 * RUNNING_NOW_CONCURRENCY requests at a time covers the whole fan-out, ListApplications
 * included, whatever the number of connections.
 *
 * RunningNow keeps the last answer and asks again every poll interval while its row is
 * expanded and the view visible, like the live rows (sessionPoller.ts): failures back off
 * (backoff.ts), are written to the log, and never take rows away: a connection or an
 * application that failed keeps the sessions it showed before, beside a row that says what
 * happened.
 */
import type { ApplicationSummary, SessionSummary } from '@aws-sdk/client-emr-serverless';
import pLimit from 'p-limit';
import { backoffDelayMs } from './backoff';
import type { EmrApi } from './emrApi';
import type { Logger } from './logger';
import type { OpenPager } from './pagedListing';
import { ACTIVE_SESSION_STATES } from './sessionStates';
import { systemTimerClock, type Timer, type TimerClock } from './timerClock';

/** How many requests the fan-out runs at once, across all connections. */
export const RUNNING_NOW_CONCURRENCY = 6;

/** Items per request: the most ListApplications and ListSessions return. */
const PAGE_SIZE = 50;

/** The two listings the fan-out sends, as EmrApi has them. */
export type RunningNowApi = Pick<EmrApi, 'openApplicationPager' | 'openSessionPager'>;

export interface RunningNowConnection {
  /** The connection's identity; rows and failures name it. */
  readonly id: string;
  /** The connection's API. Rejects when it cannot be made (settings, credentials). */
  readonly api: () => Promise<RunningNowApi>;
}

/** One active session, with where it runs. */
export interface RunningSession {
  readonly connectionId: string;
  readonly application: ApplicationSummary;
  readonly session: SessionSummary;
}

/** A listing that failed: a whole connection (ListApplications) or one application (ListSessions). */
export interface RunningNowFailure {
  readonly connectionId: string;
  readonly operation: 'ListApplications' | 'ListSessions';
  /** For ListSessions: the application whose sessions could not be listed. */
  readonly application?: ApplicationSummary;
  /** As the SDK threw it, with its failure facts (awsErrors.ts). */
  readonly error: unknown;
}

export interface RunningNowAnswer {
  /** Newest first (createdAt descending, then session id ascending, as the service orders). */
  readonly sessions: readonly RunningSession[];
  readonly failures: readonly RunningNowFailure[];
  /** How many requests were sent. */
  readonly requests: number;
}

export interface FanOutOptions {
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

/**
 * Lists the applications of each connection (every page), then the active sessions of each
 * application (every page), at most `concurrency` requests at a time. Never rejects for a
 * failed request: each failure is in `failures`, and the others' sessions are still listed.
 * Rejects only with an AbortError when `signal` aborts.
 */
export async function listRunningSessions(connections: readonly RunningNowConnection[], options: FanOutOptions = {}): Promise<RunningNowAnswer> {
  const limit = pLimit(options.concurrency ?? RUNNING_NOW_CONCURRENCY);
  const signal = options.signal ?? new AbortController().signal;
  let requests = 0;
  const readAll = async <T>(open: OpenPager<T>): Promise<T[]> => {
    const pager = open(undefined, signal);
    const items: T[] = [];
    for (;;) {
      const result = await limit(() => {
        signal.throwIfAborted();
        requests++;
        return pager.next();
      });
      if (result.done) {
        return items;
      }
      items.push(...result.value.items);
      if (result.value.nextToken === undefined) {
        await pager.return?.();
        return items;
      }
    }
  };
  const sessions: RunningSession[] = [];
  const failures: RunningNowFailure[] = [];
  const params = { states: [...ACTIVE_SESSION_STATES] };
  await Promise.all(
    connections.map(async (connection) => {
      let api: RunningNowApi;
      let applications: ApplicationSummary[];
      try {
        api = await connection.api();
        applications = await readAll(api.openApplicationPager(PAGE_SIZE));
      } catch (error) {
        signal.throwIfAborted();
        failures.push({ connectionId: connection.id, operation: 'ListApplications', error });
        return;
      }
      await Promise.all(
        applications.map(async (application) => {
          try {
            const found = await readAll(api.openSessionPager(application.id ?? '', params, PAGE_SIZE));
            sessions.push(...found.map((session) => ({ connectionId: connection.id, application, session })));
          } catch (error) {
            signal.throwIfAborted();
            failures.push({ connectionId: connection.id, operation: 'ListSessions', application, error });
          }
        }),
      );
    }),
  );
  signal.throwIfAborted();
  return { sessions: sessions.sort(newestFirst), failures, requests };
}

/** createdAt descending, then session id ascending; sessions without a time last. */
export function newestFirst(a: RunningSession, b: RunningSession): number {
  const ta = a.session.createdAt?.getTime() ?? -Infinity;
  const tb = b.session.createdAt?.getTime() ?? -Infinity;
  if (ta !== tb) {
    return tb - ta;
  }
  const ia = a.session.sessionId ?? '';
  const ib = b.session.sessionId ?? '';
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

export type RunningNowStatus = 'notLoaded' | 'loading' | 'loaded';

export interface RunningNowOptions {
  /** The connections to list, read at the start of each round. */
  readonly connections: () => readonly RunningNowConnection[];
  /** emrServerless.pollIntervalSeconds, validated: 0 turns polling off (Refresh still loads). */
  readonly intervalSeconds: number;
  /** Rows, failures or status changed. */
  readonly onDidChange: () => void;
  /** Failed rounds are written here as warnings. */
  readonly log: Logger;
  /** Now and timers; default systemTimerClock. */
  readonly clock?: TimerClock;
  readonly concurrency?: number;
}

/** Key of an application's rows: its connection and id. */
const appKey = (connectionId: string, applicationId: string | undefined) => `${connectionId}\u0000${applicationId ?? ''}`;

/**
 * The "Running now" row's state: the last answer, merged so that a failure keeps what its
 * connection or application showed before, and polled while expanded and visible.
 */
export class RunningNow {
  private current: RunningNowAnswer = { sessions: [], failures: [], requests: 0 };
  private state: RunningNowStatus = 'notLoaded';
  private round: { readonly controller: AbortController; readonly done: Promise<void> } | undefined;
  private readonly clock: TimerClock;
  private intervalMs: number;
  private visible = false;
  private expanded = false;
  private failedRounds = 0;
  private timer: Timer | undefined;
  private disposed = false;
  /** Epoch ms when the last answer was applied. */
  private answeredAt: number | undefined;

  constructor(private readonly options: RunningNowOptions) {
    this.clock = options.clock ?? systemTimerClock;
    this.intervalMs = Math.max(0, options.intervalSeconds) * 1000;
  }

  get status(): RunningNowStatus {
    return this.state;
  }

  /** Active sessions, newest first. */
  get sessions(): readonly RunningSession[] {
    return this.current.sessions;
  }

  /** What failed in the last round, one entry per connection or application. */
  get failures(): readonly RunningNowFailure[] {
    return this.current.failures;
  }

  /** Epoch ms of the last answer, or undefined before the first. */
  get lastAnsweredAt(): number | undefined {
    return this.answeredAt;
  }

  /** Whether a round is waiting to be sent (for tests and the bench). */
  get isPolling(): boolean {
    return this.timer !== undefined;
  }

  /** Starts a round unless one is in flight, which it joins. */
  load(): Promise<void> {
    return this.round?.done ?? this.startRound();
  }

  /** Drops any round in flight (its answer is never applied) and starts a new one. */
  refresh(): Promise<void> {
    this.round?.controller.abort();
    this.round = undefined;
    return this.startRound();
  }

  /** The view was shown or hidden. Shown again while expanded: a round runs at once if one is due. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) {
      return;
    }
    this.visible = visible;
    this.reschedule();
  }

  /** The row was expanded (loads on first expansion) or collapsed (polling stops). */
  setExpanded(expanded: boolean): void {
    if (expanded === this.expanded) {
      return;
    }
    this.expanded = expanded;
    this.reschedule();
  }

  setIntervalSeconds(seconds: number): void {
    this.intervalMs = Math.max(0, seconds) * 1000;
    this.reschedule();
  }

  /**
   * A session changed elsewhere (Terminate, a poll, the session's own tree): its row here shows
   * the newer copy at once. A session that left the active states stays until the next round.
   */
  updateSession(applicationId: string, session: SessionSummary): void {
    let changed = false;
    const sessions = this.current.sessions.map((row) => {
      if (row.application.id === applicationId && row.session.sessionId === session.sessionId) {
        changed = true;
        return { ...row, session: { ...row.session, ...session } };
      }
      return row;
    });
    if (changed) {
      this.current = { ...this.current, sessions };
      this.options.onDidChange();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.round?.controller.abort();
    this.round = undefined;
    this.cancelTimer();
  }

  private get pollingWanted(): boolean {
    return !this.disposed && this.visible && this.expanded && this.intervalMs > 0;
  }

  private startRound(): Promise<void> {
    if (this.disposed) {
      return Promise.resolve();
    }
    this.cancelTimer();
    const controller = new AbortController();
    const previousStatus = this.state;
    this.state = 'loading';
    const done = listRunningSessions(this.options.connections(), { signal: controller.signal, concurrency: this.options.concurrency }).then(
      (answer) => {
        if (this.round?.controller !== controller) {
          return;
        }
        this.round = undefined;
        this.apply(answer);
      },
      (error: unknown) => {
        // Only an abort rejects; the round that replaced this one applies its own answer.
        if (this.round?.controller === controller) {
          this.round = undefined;
          this.options.log.warn(`[running now] a round ended without an answer: ${error instanceof Error ? error.message : String(error)}`);
          this.state = previousStatus === 'loading' ? 'notLoaded' : previousStatus;
          this.options.onDidChange();
        }
      },
    );
    this.round = { controller, done };
    if (previousStatus !== 'loading') {
      this.options.onDidChange();
    }
    return done;
  }

  private apply(answer: RunningNowAnswer): void {
    const failedConnections = new Set(answer.failures.filter((f) => f.operation === 'ListApplications').map((f) => f.connectionId));
    const failedApplications = new Set(answer.failures.filter((f) => f.operation === 'ListSessions').map((f) => appKey(f.connectionId, f.application?.id)));
    // What failed keeps the rows it had: a failure never takes rows away.
    const kept = this.current.sessions.filter((row) => failedConnections.has(row.connectionId) || failedApplications.has(appKey(row.connectionId, row.application.id)));
    this.current = { sessions: [...answer.sessions, ...kept].sort(newestFirst), failures: answer.failures, requests: answer.requests };
    this.answeredAt = this.clock.now();
    this.state = 'loaded';
    if (answer.failures.length > 0) {
      this.failedRounds++;
      const next = this.pollingWanted ? `; asking again in ${Math.round(backoffDelayMs(this.intervalMs, this.failedRounds) / 1000)} s` : '';
      for (const f of answer.failures) {
        const what = f.operation === 'ListSessions' ? `ListSessions of ${f.application?.id ?? '?'} in ${f.connectionId}` : `ListApplications in ${f.connectionId}`;
        const e = f.error as { name?: string; message?: string };
        this.options.log.warn(`[running now] ${what} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(f.error)}${next}`);
      }
    } else {
      this.failedRounds = 0;
    }
    this.options.onDidChange();
    this.reschedule();
  }

  /**
   * Sets the timer for the next round, or cancels it: a first load at once; then a round one
   * interval (backed off after failures) after the last answer, at once if that is past.
   */
  private reschedule(): void {
    this.cancelTimer();
    if (!this.visible || !this.expanded || this.disposed) {
      return;
    }
    if (this.state === 'notLoaded') {
      void this.load();
      return;
    }
    if (!this.pollingWanted || this.round !== undefined) {
      return;
    }
    const wait = (this.answeredAt ?? 0) + backoffDelayMs(this.intervalMs, this.failedRounds) - this.clock.now();
    if (wait <= 0) {
      void this.load();
      return;
    }
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      void this.load();
    }, wait);
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
