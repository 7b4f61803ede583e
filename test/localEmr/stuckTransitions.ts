/**
 * Sample resources the data generator caught in a transitional state with nothing scheduled
 * after it (a session SUBMITTED two minutes ago, an application STARTING), and how they move
 * on, the way the service moves them (see the lifecycle in sessionLifecycle.ts):
 * - sessions: SUBMITTED → STARTING → STARTED → IDLE, LIFECYCLE_DELAYS apart as StartSession
 *   schedules them (a STARTING one goes on from STARTED, a STARTED one becomes IDLE), and
 *   TERMINATING → TERMINATED;
 * - applications: CREATING → CREATED, STARTING → STARTED, STOPPING → STOPPED.
 * Left alone they would keep that state for ever, which a viewer of the demo reads as polling
 * that does not work; churn (demo mode only) moves one of each kind along per tick. Without
 * churn the sample stays exactly as generated, which tests rely on.
 */
import type { ApplicationState, SessionState, StoredApplication, StoredSession, Transition } from './model';
import { LIFECYCLE_DELAYS, LIMIT_DETAILS, applicationStateAt, sessionStateAt, settleSession } from './sessionLifecycle';
import type { SessionStore } from './sessionStore';

/** Session states the service moves on from by itself, without a request. */
export const SESSION_STATES_THAT_MOVE_ON: readonly SessionState[] = ['SUBMITTED', 'STARTING', 'STARTED', 'TERMINATING'];
/** Application states the service moves on from by itself. */
export const APPLICATION_STATES_THAT_MOVE_ON: readonly ApplicationState[] = ['CREATING', 'STARTING', 'STOPPING'];

/** One resource moved along: its id and the states it went from and will end in. */
export interface MovedResource {
  id: string;
  from: string;
  to: string;
}

/**
 * Whether a stored timeline ends, at or before `now`, in a state that moves on, with nothing
 * scheduled after it; `state` is the state in force at `now` (limits included, for sessions).
 */
function isStuck<S extends string>(timeline: readonly Transition<S>[], state: S, now: number, moving: readonly S[]): boolean {
  const last = timeline[timeline.length - 1];
  return last !== undefined && last.at <= now && last.state === state && moving.includes(state);
}

/** Sessions stuck in a transitional state at `now`, longest stuck first (then by id). */
export function stuckSessions(store: SessionStore, now: number): StoredSession[] {
  return store
    .allSessions()
    .filter((s) => isStuck(s.timeline, sessionStateAt(s, now), now, SESSION_STATES_THAT_MOVE_ON))
    .sort(
      (a, b) => lastAt(a.timeline) - lastAt(b.timeline) || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
    );
}

/** Applications stuck in a transitional state at `now`, TERMINATED ones never; longest stuck first. */
export function stuckApplications(store: SessionStore, now: number): StoredApplication[] {
  return store
    .applications()
    .map((summary) => store.storedApplication(summary.id))
    .filter(
      (a): a is StoredApplication =>
        a !== undefined && isStuck(a.timeline, applicationStateAt(a, now), now, APPLICATION_STATES_THAT_MOVE_ON),
    )
    .sort((a, b) => lastAt(a.timeline) - lastAt(b.timeline) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Schedules the rest of a stuck session's way from `now`: SUBMITTED goes STARTING now, STARTED
 * 6 s and IDLE 8 s later; STARTING goes STARTED now and IDLE 2 s later; STARTED goes IDLE now;
 * TERMINATING goes TERMINATED now, for the reason it was terminating. Returns what it did, or
 * undefined for a session that is not stuck.
 */
export function moveSessionOn(s: StoredSession, now: number): MovedResource | undefined {
  const from = sessionStateAt(s, now);
  if (!isStuck(s.timeline, from, now, SESSION_STATES_THAT_MOVE_ON)) {
    return undefined;
  }
  settleSession(s, now);
  const d = LIFECYCLE_DELAYS;
  const step = (after: number, state: SessionState, details: string): void => {
    s.timeline.push({ at: now + after, state, details });
  };
  const starting = 'Provisioning driver and executor capacity.';
  const started = 'Session started.';
  const idle = 'Session is idle and ready to run statements.';
  switch (from) {
    case 'SUBMITTED':
      step(0, 'STARTING', starting);
      step(d.started - d.starting, 'STARTED', started);
      step(d.idle - d.starting, 'IDLE', idle);
      break;
    case 'STARTING':
      step(0, 'STARTED', started);
      step(d.idle - d.started, 'IDLE', idle);
      break;
    case 'STARTED':
      step(0, 'IDLE', idle);
      break;
    default:
      step(0, 'TERMINATED', terminatedDetails(s, lastDetails(s.timeline)));
      break;
  }
  return { id: s.sessionId, from, to: s.timeline[s.timeline.length - 1]?.state ?? from };
}

/**
 * Moves a stuck application on now: CREATING to CREATED, STARTING to STARTED, STOPPING to
 * STOPPED. Returns what it did, or undefined for an application that is not stuck.
 */
export function moveApplicationOn(a: StoredApplication, now: number): MovedResource | undefined {
  const from = applicationStateAt(a, now);
  if (!isStuck(a.timeline, from, now, APPLICATION_STATES_THAT_MOVE_ON)) {
    return undefined;
  }
  const next: Record<string, [ApplicationState, string]> = {
    CREATING: ['CREATED', 'Application is created.'],
    STARTING: ['STARTED', 'Application is started.'],
    STOPPING: ['STOPPED', 'Application was stopped after 15 minutes of inactivity.'],
  };
  const [state, details] = next[from] as [ApplicationState, string];
  a.timeline.push({ at: now, state, details });
  return { id: a.id, from, to: state };
}

/** The longest stuck session and the longest stuck application, each moved on from `now`. */
export function moveStuckOn(store: SessionStore, now: number): { session?: MovedResource; application?: MovedResource } {
  const result: { session?: MovedResource; application?: MovedResource } = {};
  const session = stuckSessions(store, now)[0];
  const movedSession = session && moveSessionOn(session, now);
  if (movedSession) result.session = movedSession;
  const application = stuckApplications(store, now)[0];
  const movedApplication = application && moveApplicationOn(application, now);
  if (movedApplication) result.application = movedApplication;
  return result;
}

/** The TERMINATED details that go with a TERMINATING session's: by the user, the idle timeout or the 24-hour limit. */
function terminatedDetails(s: StoredSession, terminating: string): string {
  if (terminating === LIMIT_DETAILS.maxDurationTerminating) {
    return LIMIT_DETAILS.maxDurationTerminated;
  }
  const idle = /idle for (\d+) minutes/.exec(terminating);
  if (idle) {
    return LIMIT_DETAILS.idleTerminated(Number(idle[1] ?? s.idleTimeoutMinutes));
  }
  return 'Session was terminated by the user.';
}

function lastAt<S extends string>(timeline: readonly Transition<S>[]): number {
  return timeline[timeline.length - 1]?.at ?? 0;
}

function lastDetails<S extends string>(timeline: readonly Transition<S>[]): string {
  return timeline[timeline.length - 1]?.details ?? '';
}
