/**
 * Keeps an attached session's Spark Connect auth token fresh. The token lasts one hour
 * (`authTokenExpiresAt`); stock PySpark fails when it runs out, so a new one is fetched with
 * GetSessionEndpoint 5 minutes before it expires. A failed fetch is retried with backoff until
 * it succeeds, the session ends or the session is detached. Time comes from an injected clock,
 * so tests drive renewals with a manual one.
 *
 * The token itself is never logged: log lines name the session, the expiry and error names.
 */
import type { Logger } from './logger';
import { systemTimerClock, type Timer, type TimerClock } from './timerClock';
import type { SessionEndpoint } from './sparkConnect';

export type { Timer } from './timerClock';

/** Time for the renewal: now in epoch milliseconds, and timers. */
export type RenewalClock = TimerClock;

/** The wall clock and Node's timers. */
export const systemRenewalClock: RenewalClock = systemTimerClock;

/** How long before `authTokenExpiresAt` the token is renewed: 5 minutes. */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** Retry delays after a failed renewal: 5 s, doubling, at most 60 s. */
export const RETRY_FIRST_DELAY_MS = 5_000;
export const RETRY_MAX_DELAY_MS = 60_000;
/**
 * The shortest wait after a successful renewal, so that a token that looks almost expired (a
 * local clock far ahead of the service's) cannot make renewals run back to back.
 */
export const MIN_RENEWAL_INTERVAL_MS = 30_000;
/**
 * Timers are set for at most this long and the wall clock is checked again when they fire, so
 * that a computer waking from sleep renews at once instead of an hour late.
 */
export const MAX_TIMER_SLICE_MS = 60_000;

/** Why a renewal stopped for good. */
export type RenewalEnd = 'sessionEnded' | 'detached';

export interface TokenRenewalOptions {
  /** Calls GetSessionEndpoint for the session; rejects as the SDK does. */
  readonly fetchEndpoint: (signal: AbortSignal) => Promise<SessionEndpoint>;
  /** A new token: the caller updates SPARK_REMOTE for new terminals. If it throws, the renewal counts as failed and is retried. */
  readonly onRenewed: (endpoint: SessionEndpoint) => void;
  /** The renewal stopped: the session ended (seen here or told by `sessionEnded`) or was detached. Called once. */
  readonly onEnded: (reason: RenewalEnd) => void;
  /** A fetch failed and will be retried at `retryAt` (epoch ms). */
  readonly onRetrying?: (error: unknown, retryAt: number) => void;
  /** Whether a failed GetSessionEndpoint means the session has ended; default sessionEndedBy. */
  readonly isSessionEnded?: (error: unknown) => boolean;
  readonly clock?: RenewalClock;
  readonly log: Logger;
}

/**
 * Whether a GetSessionEndpoint failure means the session is gone: ResourceNotFoundException
 * (the session or application no longer exists) or ValidationException (the service answers
 * it for a session that is not STARTED, IDLE or BUSY; the model lists no ConflictException for
 * this operation). Throttling, network and server errors are passing and are retried.
 */
export function sessionEndedBy(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'ResourceNotFoundException' || name === 'ValidationException';
}

/**
 * The renewal of one attached session's token. Starts at construction from the token the
 * caller already holds; stops with `detach()`, `sessionEnded()`, or by itself when a renewal
 * finds the session ended.
 */
export class TokenRenewal {
  private endpointValue: SessionEndpoint;
  private renewAt: number;
  private timer: Timer | undefined;
  private inFlight: AbortController | undefined;
  private failures = 0;
  private ended: RenewalEnd | undefined;
  private readonly clock: RenewalClock;
  private readonly isSessionEnded: (error: unknown) => boolean;

  constructor(
    initial: SessionEndpoint,
    private readonly options: TokenRenewalOptions,
  ) {
    this.endpointValue = initial;
    this.clock = options.clock ?? systemRenewalClock;
    this.isSessionEnded = options.isSessionEnded ?? sessionEndedBy;
    this.renewAt = initial.authTokenExpiresAt.getTime() - RENEW_BEFORE_EXPIRY_MS;
    this.arm();
  }

  /** The newest endpoint and token. */
  get current(): SessionEndpoint {
    return this.endpointValue;
  }

  /** When the next fetch is due (epoch ms): the renewal, or the retry after a failure; undefined once stopped. */
  get nextRenewalAt(): number | undefined {
    return this.ended ? undefined : this.renewAt;
  }

  /** Why the renewal stopped; undefined while it runs. */
  get endedBy(): RenewalEnd | undefined {
    return this.ended;
  }

  /** The user detached the session: stop, and abandon a fetch in flight. */
  detach(): void {
    this.stop('detached');
  }

  /** The caller saw the session end (its state polled as TERMINATING, TERMINATED or FAILED). */
  sessionEnded(): void {
    this.stop('sessionEnded');
  }

  private get label(): string {
    return `session ${this.endpointValue.sessionId}`;
  }

  private arm(): void {
    if (this.ended) {
      return;
    }
    const wait = Math.max(0, this.renewAt - this.clock.now());
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      if (this.clock.now() >= this.renewAt) {
        void this.renew();
      } else {
        this.arm();
      }
    }, Math.min(wait, MAX_TIMER_SLICE_MS));
  }

  private async renew(): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const fresh = await this.options.fetchEndpoint(controller.signal);
      if (this.ended || controller.signal.aborted) {
        return;
      }
      this.endpointValue = fresh;
      this.failures = 0;
      this.renewAt = Math.max(fresh.authTokenExpiresAt.getTime() - RENEW_BEFORE_EXPIRY_MS, this.clock.now() + MIN_RENEWAL_INTERVAL_MS);
      this.options.log.info(
        `[connect] ${this.label}: auth token renewed, valid until ${fresh.authTokenExpiresAt.toISOString()}, next renewal at ${new Date(this.renewAt).toISOString()}`,
      );
      this.options.onRenewed(fresh);
      this.arm();
    } catch (error) {
      if (this.ended || controller.signal.aborted) {
        return;
      }
      const name = (error as { name?: string } | undefined)?.name ?? 'Error';
      if (this.isSessionEnded(error)) {
        this.options.log.info(`[connect] ${this.label}: GetSessionEndpoint answered ${name}, so the session has ended; renewal stopped`);
        this.stop('sessionEnded');
        return;
      }
      const delay = Math.min(RETRY_FIRST_DELAY_MS * 2 ** this.failures, RETRY_MAX_DELAY_MS);
      this.failures += 1;
      this.renewAt = this.clock.now() + delay;
      this.options.log.warn(`[connect] ${this.label}: auth token renewal failed (${name}), retry ${this.failures} in ${Math.round(delay / 1000)} s`);
      this.options.onRetrying?.(error, this.renewAt);
      this.arm();
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
      }
    }
  }

  private stop(reason: RenewalEnd): void {
    if (this.ended) {
      return;
    }
    this.ended = reason;
    this.timer?.cancel();
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.options.log.info(`[connect] ${this.label}: token renewal stopped (${reason === 'detached' ? 'detached' : 'the session ended'})`);
    this.options.onEnded(reason);
  }
}
