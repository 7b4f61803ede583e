/**
 * Lifecycle of sessions and applications. A resource stores a timeline of transitions,
 * some of which may lie in the future; its state is evaluated lazily against the clock,
 * so advancing a ManualClock moves sessions along without any timers.
 */
import {
  RUNNING_SESSION_STATES,
  TERMINAL_SESSION_STATES,
  type ApplicationDetail,
  type ApplicationState,
  type ApplicationSummary,
  type ResourceUtilization,
  type SessionRecord,
  type SessionState,
  type SessionSummary,
  type StoredApplication,
  type StoredSession,
  type Transition,
} from './model';

/** Clock-time delays of the lifecycle (ms). */
export const LIFECYCLE_DELAYS = {
  /** StartSession: SUBMITTED, then STARTING after this long. */
  starting: 2_000,
  /** StartSession: STARTED after this long. */
  started: 8_000,
  /** StartSession: IDLE (ready) after this long. */
  idle: 10_000,
  /** TerminateSession and idle timeout: TERMINATING, then TERMINATED after this long. */
  terminated: 5_000,
  /** Auto-start of a CREATED application: STARTING, then STARTED after this long. */
  applicationStarted: 5_000,
} as const;

/** Idle timeout of a session started without `idleTimeoutMinutes` (the service's default). */
export const DEFAULT_IDLE_TIMEOUT_MINUTES = 60;

/** The transition in force at `now`: the last one at or before it (the first one if all lie ahead). */
export function transitionAt<S extends string>(timeline: readonly Transition<S>[], now: number): Transition<S> {
  let current = timeline[0];
  for (const t of timeline) {
    if (t.at <= now) {
      current = t;
    } else {
      break;
    }
  }
  if (current === undefined) {
    throw new Error('a resource timeline must not be empty');
  }
  return current;
}

export function sessionStateAt(s: StoredSession, now: number): SessionState {
  return transitionAt(s.timeline, now).state;
}

export function sessionSummaryAt(s: StoredSession, now: number): SessionSummary {
  const current = transitionAt(s.timeline, now);
  const summary: SessionSummary = {
    applicationId: s.applicationId,
    sessionId: s.sessionId,
    arn: s.arn,
    state: current.state,
    stateDetails: current.details,
    releaseLabel: s.releaseLabel,
    executionRoleArn: s.executionRoleArn,
    createdBy: s.createdBy,
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(Math.max(current.at, s.createdAt)),
  };
  if (s.name !== undefined) {
    summary.name = s.name;
  }
  return summary;
}

export function sessionRecordAt(s: StoredSession, now: number): SessionRecord {
  const current = transitionAt(s.timeline, now);
  const record: SessionRecord = sessionSummaryAt(s, now);
  const started = s.timeline.find((t) => t.at <= now && RUNNING_SESSION_STATES.includes(t.state));
  const endedAt = TERMINAL_SESSION_STATES.includes(current.state) ? current.at : undefined;
  if (started) {
    record.startedAt = new Date(started.at);
  }
  if (endedAt !== undefined) {
    record.endedAt = new Date(endedAt);
  }
  if (current.state === 'IDLE') {
    record.idleSince = new Date(current.at);
  }
  if (s.idleTimeoutMinutes !== undefined) {
    record.idleTimeoutMinutes = s.idleTimeoutMinutes;
  }
  if (s.configurationOverrides) {
    record.configurationOverrides = structuredClone(s.configurationOverrides);
  }
  if (s.networkConfiguration) {
    record.networkConfiguration = structuredClone(s.networkConfiguration);
  }
  if (s.tags) {
    record.tags = { ...s.tags };
  }
  if (started) {
    const runMs = Math.max(0, (endedAt ?? now) - started.at);
    const hours = runMs / 3_600_000;
    record.totalExecutionDurationSeconds = Math.floor(runMs / 1000);
    record.totalResourceUtilization = utilization(s, hours);
    // Billing counts a one-minute minimum.
    record.billedResourceUtilization = utilization(s, Math.max(hours, 1 / 60));
  }
  return record;
}

function utilization(s: StoredSession, hours: number): ResourceUtilization {
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    vCPUHour: round(s.footprint.vCPU * hours),
    memoryGBHour: round(s.footprint.memoryGB * hours),
    storageGBHour: round(s.footprint.storageGB * hours),
  };
}

export function applicationStateAt(a: StoredApplication, now: number): ApplicationState {
  return transitionAt(a.timeline, now).state;
}

export function applicationSummaryAt(a: StoredApplication, now: number): ApplicationSummary {
  const current = transitionAt(a.timeline, now);
  const summary: ApplicationSummary = {
    id: a.id,
    arn: a.arn,
    releaseLabel: a.releaseLabel,
    type: a.type,
    state: current.state,
    stateDetails: current.details,
    createdAt: new Date(a.createdAt),
    updatedAt: new Date(Math.max(current.at, a.createdAt)),
    architecture: a.architecture,
  };
  if (a.name !== undefined) {
    summary.name = a.name;
  }
  return summary;
}

export function applicationDetailAt(a: StoredApplication, now: number): ApplicationDetail {
  const { id, ...summary } = applicationSummaryAt(a, now);
  const record: ApplicationDetail = {
    applicationId: id,
    ...summary,
    maximumCapacity: { ...a.maximumCapacity },
    autoStartConfiguration: { enabled: a.autoStart },
    autoStopConfiguration: { enabled: true, idleTimeoutMinutes: a.autoStopIdleMinutes },
    interactiveConfiguration: { studioEnabled: true, livyEndpointEnabled: a.sessionsEnabled, sessionEnabled: a.sessionsEnabled },
  };
  if (a.tags) {
    record.tags = { ...a.tags };
  }
  if (a.networkConfiguration) {
    record.networkConfiguration = structuredClone(a.networkConfiguration);
  }
  return record;
}

/**
 * Timeline of a session created by StartSession at `now`: SUBMITTED, STARTING (+2 s),
 * STARTED (+8 s), IDLE (+10 s); then, if idleTimeoutMinutes > 0, TERMINATING after that many
 * idle minutes and TERMINATED 5 s later.
 */
export function newSessionTimeline(now: number, idleTimeoutMinutes: number): Transition<SessionState>[] {
  const d = LIFECYCLE_DELAYS;
  const timeline: Transition<SessionState>[] = [
    { at: now, state: 'SUBMITTED', details: 'Session request accepted.' },
    { at: now + d.starting, state: 'STARTING', details: 'Provisioning driver and executor capacity.' },
    { at: now + d.started, state: 'STARTED', details: 'Session started.' },
    { at: now + d.idle, state: 'IDLE', details: 'Session is idle and ready to run statements.' },
  ];
  if (idleTimeoutMinutes > 0) {
    const timeoutAt = now + d.idle + idleTimeoutMinutes * 60_000;
    timeline.push(
      { at: timeoutAt, state: 'TERMINATING', details: `Session was idle for ${idleTimeoutMinutes} minutes and is being terminated.` },
      {
        at: timeoutAt + d.terminated,
        state: 'TERMINATED',
        details: `Session was terminated after an idle timeout of ${idleTimeoutMinutes} minutes.`,
      },
    );
  }
  return timeline;
}

/**
 * TerminateSession at `now`: drops every transition still ahead and adds TERMINATING now and
 * TERMINATED 5 s later. Sessions already TERMINATING, TERMINATED or FAILED are left as they are
 * (the call is idempotent); returns false in that case.
 */
export function terminateTimeline(timeline: Transition<SessionState>[], now: number): boolean {
  const state = transitionAt(timeline, now).state;
  if (state === 'TERMINATING' || TERMINAL_SESSION_STATES.includes(state)) {
    return false;
  }
  cutAfter(timeline, now);
  const from = Math.max(now, timeline[timeline.length - 1]?.at ?? now);
  timeline.push(
    { at: from, state: 'TERMINATING', details: 'Session termination was requested by the user.' },
    { at: from + LIFECYCLE_DELAYS.terminated, state: 'TERMINATED', details: 'Session was terminated by the user.' },
  );
  return true;
}

/** Removes transitions scheduled after `now`. */
export function cutAfter<S extends string>(timeline: Transition<S>[], now: number): void {
  while (timeline.length > 1 && (timeline[timeline.length - 1] as Transition<S>).at > now) {
    timeline.pop();
  }
}

/** Auto-start of a CREATED application at `now`: STARTING now, STARTED 5 s later. */
export function autoStartApplication(a: StoredApplication, now: number): void {
  cutAfter(a.timeline, now);
  a.timeline.push(
    { at: now, state: 'STARTING', details: 'Application is starting because an interactive session was submitted.' },
    { at: now + LIFECYCLE_DELAYS.applicationStarted, state: 'STARTED', details: 'Application is started.' },
  );
}
