/**
 * Keeps rows that are on their way to another state up to date without Refresh. A session in
 * SUBMITTED, STARTING, STARTED or TERMINATING is asked for with GetSession, and an application
 * in CREATING, STARTING or STOPPING with GetApplication, every poll interval, but only while
 * the view is visible (and, for a session, while its application is expanded). A row stops
 * being asked for once it settles. Failures back off (see backoff.ts) and never replace what
 * a row shows. While the view is visible a tick fires once a minute, with no request, so ages
 * and countdowns can be redrawn.
 *
 * The poller holds no rows of its own: the owner tells it what each row shows
 * (observeSession, observeApplication) and receives every accepted answer (onSession,
 * onApplication) to update that row in place. No timer runs until the view is first shown.
 */
import type { Application, ApplicationState, Session } from '@aws-sdk/client-emr-serverless';
import { describeError, type ErrorContext } from './awsErrors';
import type { EmrApi } from './emrApi';
import { backoffDelayMs } from './backoff';
import type { Logger } from './logger';
import { isTransitionalSessionState } from './sessionStates';
import { systemTimerClock, type Timer, type TimerClock } from './timerClock';

/** The two requests the poller sends: GetSession and GetApplication, as EmrApi has them. */
export type PollingApi = Pick<EmrApi, 'getSession' | 'getApplication'>;

/** What the poller reads from a row: its state, and when that state last changed. */
export interface ObservedRow {
  readonly state?: string;
  readonly updatedAt?: Date;
}

export interface SessionPollerOptions {
  /** The API of the current connection (ExplorerModel.getApi); called before every request. */
  readonly api: () => Promise<PollingApi>;
  /** Where requests go and with which profile, for log messages (ExplorerModel.endpointLabel and the profile setting). */
  readonly errorContext: () => Omit<ErrorContext, 'operation'>;
  /** emrServerless.pollIntervalSeconds, validated (see validatePollInterval): 0 is off. */
  readonly intervalSeconds: number;
  /** An accepted GetSession answer, newer than anything applied before for that session. */
  readonly onSession: (applicationId: string, session: Session) => void;
  /** An accepted GetApplication answer, newer than anything applied before for that application. */
  readonly onApplication: (application: Application) => void;
  /** Once a minute while the view is visible, and at once when it is shown again: redraw ages. */
  readonly onTick: () => void;
  /** Failures are written here as warnings, with what was asked, what happened and when it is asked again. */
  readonly log: Logger;
  /** Now and timers; default systemTimerClock. Tests pass a manual one. */
  readonly clock?: TimerClock;
}

/** Applications in these states change by themselves, so they are polled. */
export const APPLICATION_STATE_IS_TRANSITIONAL: Record<ApplicationState, boolean> = {
  CREATING: true,
  CREATED: false,
  STARTING: true,
  STARTED: false,
  STOPPING: true,
  STOPPED: false,
  TERMINATED: false,
};

export function isTransitionalApplicationState(state: string | undefined): boolean {
  return state !== undefined && Object.prototype.hasOwnProperty.call(APPLICATION_STATE_IS_TRANSITIONAL, state)
    ? APPLICATION_STATE_IS_TRANSITIONAL[state as ApplicationState]
    : false;
}

/** The redraw tick's period, in milliseconds. */
export const TICK_MS = 60_000;

interface PolledRow {
  readonly kind: 'session' | 'application';
  readonly applicationId: string;
  readonly sessionId?: string;
  /** Epoch ms of the last known change; answers older than this are dropped. */
  updatedAt: number;
  /** Epoch ms when this row is next asked for. */
  nextAt: number;
  /** Failures in a row since the last answer. */
  failures: number;
  inFlight?: { readonly seq: number; readonly sentAt: number; readonly controller: AbortController };
}

export class SessionPoller {
  private readonly clock: TimerClock;
  private readonly rows = new Map<string, PolledRow>();
  private readonly expanded = new Set<string>();
  private intervalMs: number;
  private visible = false;
  private shownBefore = false;
  private disposed = false;
  private seq = 0;
  private pollTimer: { timer: Timer; at: number } | undefined;
  private tickTimer: Timer | undefined;

  constructor(private readonly options: SessionPollerOptions) {
    this.clock = options.clock ?? systemTimerClock;
    this.intervalMs = Math.max(0, options.intervalSeconds) * 1000;
  }

  /** How many rows are waiting to settle (polled or not at this moment). */
  get trackedCount(): number {
    return this.rows.size;
  }

  /**
   * The view was shown or hidden. Hidden: nothing is asked for, the tick stops (answers already
   * on their way are still applied). Shown: every tracked row is asked for at once, the tick
   * restarts, and, unless this is the first time the view is shown, it fires at once.
   */
  setVisible(visible: boolean): void {
    if (this.disposed || visible === this.visible) {
      return;
    }
    this.visible = visible;
    if (!visible) {
      this.clearPollTimer();
      this.clearTickTimer();
      return;
    }
    const now = this.clock.now();
    for (const row of this.rows.values()) {
      row.nextAt = now;
    }
    this.schedule();
    const firstShow = !this.shownBefore;
    this.shownBefore = true;
    this.scheduleTick();
    if (!firstShow) {
      this.tick();
    }
  }

  /**
   * An application row was expanded or collapsed. A collapsed application's sessions stay
   * tracked but are not asked for; when it is expanded again, those whose turn has passed are
   * asked for at once.
   */
  setExpanded(applicationId: string, expanded: boolean): void {
    if (expanded) {
      this.expanded.add(applicationId);
    } else {
      this.expanded.delete(applicationId);
    }
    this.schedule();
  }

  /**
   * A new poll interval in seconds (0 turns polling off). From off, every tracked row is asked
   * for at once; a shorter interval applies at once, a longer one from each row's next answer.
   */
  setIntervalSeconds(seconds: number): void {
    const intervalMs = Math.max(0, seconds) * 1000;
    if (intervalMs === this.intervalMs) {
      return;
    }
    const wasOff = this.intervalMs === 0;
    this.intervalMs = intervalMs;
    const now = this.clock.now();
    for (const row of this.rows.values()) {
      if (wasOff) {
        row.nextAt = now;
      } else if (row.failures === 0) {
        row.nextAt = Math.min(row.nextAt, now + intervalMs);
      }
    }
    this.schedule();
  }

  /**
   * A session row now shows `row` (from a listing page, a start or a terminate). A transitional
   * state starts tracking it (first asked for one interval from now); a settled or unknown
   * state stops it, and an answer still on its way for it is then dropped. Data older than an
   * answer already applied is ignored. `updatedAt` must be the service's (from a listing or an
   * answer), not this machine's clock: answers older than it are dropped.
   */
  observeSession(applicationId: string, sessionId: string, row: ObservedRow): void {
    this.observe(
      sessionKey(applicationId, sessionId),
      'session',
      applicationId,
      sessionId,
      row,
      isTransitionalSessionState(row.state),
    );
  }

  /** As observeSession, for an application row (CREATING, STARTING, STOPPING are tracked). */
  observeApplication(applicationId: string, row: ObservedRow): void {
    this.observe(
      applicationKey(applicationId),
      'application',
      applicationId,
      undefined,
      row,
      isTransitionalApplicationState(row.state),
    );
  }

  /** Stops tracking an application's session rows, e.g. when its listing reloads. Late answers are dropped. */
  forgetSessions(applicationId: string): void {
    for (const [key, row] of this.rows) {
      if (row.kind === 'session' && row.applicationId === applicationId) {
        this.untrack(key, row);
      }
    }
    this.schedule();
  }

  /** Stops tracking every row, e.g. on Refresh or a new connection. Expansion and visibility are kept. */
  forgetAll(): void {
    for (const [key, row] of this.rows) {
      this.untrack(key, row);
    }
    this.schedule();
  }

  /** Stops every timer and aborts every request; nothing is called back afterwards. */
  dispose(): void {
    this.forgetAll();
    this.disposed = true;
    this.visible = false;
    this.clearPollTimer();
    this.clearTickTimer();
  }

  private observe(
    key: string,
    kind: PolledRow['kind'],
    applicationId: string,
    sessionId: string | undefined,
    observed: ObservedRow,
    transitional: boolean,
  ): void {
    if (this.disposed) {
      return;
    }
    const updatedAt = observed.updatedAt?.getTime() ?? 0;
    const row = this.rows.get(key);
    if (row && updatedAt < row.updatedAt) {
      return;
    }
    if (!transitional) {
      if (row) {
        this.untrack(key, row);
        this.schedule();
      }
      return;
    }
    if (row) {
      row.updatedAt = updatedAt;
      return;
    }
    // Fresh data: the first question is due one interval from now.
    this.rows.set(key, { kind, applicationId, sessionId, updatedAt, nextAt: this.clock.now() + this.intervalMs, failures: 0 });
    this.schedule();
  }

  private untrack(key: string, row: PolledRow): void {
    row.inFlight?.controller.abort();
    row.inFlight = undefined;
    this.rows.delete(key);
  }

  private isPolled(row: PolledRow): boolean {
    return row.kind === 'application' || this.expanded.has(row.applicationId);
  }

  /** Sets one timer for the earliest row due, or none when nothing may be asked for. */
  private schedule(): void {
    if (this.disposed || !this.visible || this.intervalMs === 0) {
      this.clearPollTimer();
      return;
    }
    let earliest = Infinity;
    for (const row of this.rows.values()) {
      if (!row.inFlight && this.isPolled(row)) {
        earliest = Math.min(earliest, row.nextAt);
      }
    }
    if (earliest === Infinity) {
      this.clearPollTimer();
      return;
    }
    if (this.pollTimer?.at === earliest) {
      return;
    }
    this.clearPollTimer();
    const timer = this.clock.setTimer(
      () => {
        this.pollTimer = undefined;
        this.pollDue();
      },
      Math.max(0, earliest - this.clock.now()),
    );
    this.pollTimer = { timer, at: earliest };
  }

  private pollDue(): void {
    const now = this.clock.now();
    for (const row of [...this.rows.values()]) {
      if (!row.inFlight && this.isPolled(row) && row.nextAt <= now) {
        void this.ask(row, now);
      }
    }
    this.schedule();
  }

  private async ask(row: PolledRow, sentAt: number): Promise<void> {
    const seq = ++this.seq;
    const controller = new AbortController();
    row.inFlight = { seq, sentAt, controller };
    const operation = row.kind === 'session' ? 'GetSession' : 'GetApplication';
    try {
      const api = await this.options.api();
      if (controller.signal.aborted) {
        return;
      }
      if (row.kind === 'session') {
        const session = await api.getSession(row.applicationId, row.sessionId ?? '', controller.signal);
        this.accept(row, seq, session.updatedAt, isTransitionalSessionState(session.state), () =>
          this.options.onSession(row.applicationId, session),
        );
      } else {
        const application = await api.getApplication(row.applicationId, controller.signal);
        this.accept(row, seq, application.updatedAt, isTransitionalApplicationState(application.state), () =>
          this.options.onApplication(application),
        );
      }
    } catch (error) {
      if (controller.signal.aborted || !this.isCurrent(row, seq)) {
        return;
      }
      row.inFlight = undefined;
      row.failures += 1;
      const delay = backoffDelayMs(this.intervalMs, row.failures);
      row.nextAt = this.clock.now() + delay;
      const report = describeError(error, { ...this.options.errorContext(), operation });
      this.options.log.warn(
        `[poll] ${operation} for ${describeRow(row)} failed (${report.title}): ${report.detail} ` +
          `The row keeps what it shows; asking again in ${Math.round(delay / 1000)} s (failure ${row.failures} in a row).`,
      );
      this.schedule();
    }
  }

  /** Applies an answer unless it is late (row forgotten or asked again) or older than what is known. */
  private accept(row: PolledRow, seq: number, updatedAt: Date | undefined, transitional: boolean, apply: () => void): void {
    if (!this.isCurrent(row, seq)) {
      this.options.log.debug(`[poll] dropped a late answer for ${describeRow(row)}`);
      return;
    }
    const sentAt = row.inFlight?.sentAt ?? this.clock.now();
    row.inFlight = undefined;
    row.failures = 0;
    row.nextAt = sentAt + this.intervalMs;
    const answeredAt = updatedAt?.getTime() ?? 0;
    if (answeredAt < row.updatedAt) {
      this.options.log.debug(`[poll] dropped an answer for ${describeRow(row)} older than the row`);
      this.schedule();
      return;
    }
    row.updatedAt = answeredAt;
    if (!transitional) {
      this.rows.delete(keyOf(row));
    }
    try {
      apply();
    } catch (error) {
      this.options.log.error(`[poll] updating ${describeRow(row)} failed: ${String(error)}`);
    }
    this.schedule();
  }

  private isCurrent(row: PolledRow, seq: number): boolean {
    return !this.disposed && this.rows.get(keyOf(row)) === row && row.inFlight?.seq === seq;
  }

  private scheduleTick(): void {
    this.clearTickTimer();
    this.tickTimer = this.clock.setTimer(() => {
      this.tickTimer = undefined;
      this.tick();
      if (this.visible) {
        this.scheduleTick();
      }
    }, TICK_MS);
  }

  private tick(): void {
    try {
      this.options.onTick();
    } catch (error) {
      this.options.log.error(`[poll] redrawing ages failed: ${String(error)}`);
    }
  }

  private clearPollTimer(): void {
    if (this.pollTimer) {
      this.pollTimer.timer.cancel();
      this.pollTimer = undefined;
    }
  }

  private clearTickTimer(): void {
    this.tickTimer?.cancel();
    this.tickTimer = undefined;
  }
}

function sessionKey(applicationId: string, sessionId: string): string {
  return `session ${applicationId}/${sessionId}`;
}

function applicationKey(applicationId: string): string {
  return `application ${applicationId}`;
}

function keyOf(row: PolledRow): string {
  return row.kind === 'session' ? sessionKey(row.applicationId, row.sessionId ?? '') : applicationKey(row.applicationId);
}

function describeRow(row: PolledRow): string {
  return row.kind === 'session'
    ? `session ${row.sessionId} of application ${row.applicationId}`
    : `application ${row.applicationId}`;
}
