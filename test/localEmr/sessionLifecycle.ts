/**
 * Lifecycle of sessions and applications. A resource stores a timeline of transitions,
 * some of which may lie in the future; its state is evaluated lazily against the clock,
 * so advancing a ManualClock moves sessions along without any timers.
 *
 * The service's two limits on a running session are not stored but derived from the timeline
 * (effectiveTimeline): the idle timeout ends a session that has been IDLE for
 * `idleTimeoutMinutes`, and the 24-hour limit ends one that has been running for 24 hours.
 * Whatever changes a session's timeline (BUSY spells, overrides) moves these deadlines with it.
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

/** Hard limit on how long a session runs, from when it became STARTED (ms): 24 hours, as on the service. */
export const MAX_SESSION_DURATION_MS = 24 * 60 * 60 * 1000;

/**
 * Storage per worker that billing does not count (GB): "billed resources include a 1-minute
 * minimum usage for workers, plus additional storage over 20 GB per worker" (Session model).
 */
export const FREE_STORAGE_GB_PER_WORKER = 20;

/** The stateDetails of a session ended by one of the service's limits (this endpoint's wording). */
export const LIMIT_DETAILS = {
  idleTerminating: (minutes: number) => `Session was idle for ${minutes} minutes and is being terminated.`,
  idleTerminated: (minutes: number) => `Session was terminated after an idle timeout of ${minutes} minutes.`,
  maxDurationTerminating: 'Session reached the maximum session duration of 24 hours and is being terminated.',
  maxDurationTerminated: 'Session was terminated because it reached the maximum session duration of 24 hours.',
} as const;

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

function isRunning(state: SessionState): boolean {
  return RUNNING_SESSION_STATES.includes(state);
}

/**
 * The session's timeline with the service's limits applied: if the stored timeline ends in a
 * run of STARTED, IDLE and BUSY states, the run ends at the first of
 * - 24 hours after the run began (MAX_SESSION_DURATION_MS), and
 * - `idleTimeoutMinutes` (default 60; 0 = never) after an IDLE transition that nothing follows
 *   within that time,
 * with TERMINATING then, and TERMINATED 5 s later, each with its LIMIT_DETAILS (the service
 * documents the limits, not their wording).
 * Returns the stored array itself when no limit applies.
 */
export function effectiveTimeline(s: StoredSession): readonly Transition<SessionState>[] {
  const timeline = s.timeline;
  let runStart = timeline.length;
  while (runStart > 0 && isRunning((timeline[runStart - 1] as Transition<SessionState>).state)) {
    runStart--;
  }
  if (runStart === timeline.length) {
    return timeline;
  }
  const maxEnd = (timeline[runStart] as Transition<SessionState>).at + MAX_SESSION_DURATION_MS;
  const idleMinutes = s.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES;
  for (let i = runStart; i < timeline.length; i++) {
    const t = timeline[i] as Transition<SessionState>;
    const nextAt = timeline[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const idleEnd = t.state === 'IDLE' && idleMinutes > 0 ? t.at + idleMinutes * 60_000 : Number.POSITIVE_INFINITY;
    const end = Math.max(t.at, Math.min(maxEnd, idleEnd));
    if (end < nextAt) {
      const byIdle = idleEnd <= maxEnd;
      return [
        ...timeline.slice(0, i + 1),
        { at: end, state: 'TERMINATING', details: byIdle ? LIMIT_DETAILS.idleTerminating(idleMinutes) : LIMIT_DETAILS.maxDurationTerminating },
        {
          at: end + LIFECYCLE_DELAYS.terminated,
          state: 'TERMINATED',
          details: byIdle ? LIMIT_DETAILS.idleTerminated(idleMinutes) : LIMIT_DETAILS.maxDurationTerminated,
        },
      ];
    }
  }
  return timeline;
}

/** Stores the transitions the limits add, so that they can be edited like any other. */
export function materializeLimits(s: StoredSession): void {
  const effective = effectiveTimeline(s);
  if (effective !== s.timeline) {
    s.timeline = effective.map((t) => ({ ...t }));
  }
}

/**
 * Stores what the limits did up to `now` and drops everything scheduled after it, so a new
 * state set at `now` follows the state the session really has.
 */
export function settleSession(s: StoredSession, now: number): void {
  materializeLimits(s);
  cutAfter(s.timeline, now);
}

export function sessionStateAt(s: StoredSession, now: number): SessionState {
  return transitionAt(effectiveTimeline(s), now).state;
}

export function sessionSummaryAt(s: StoredSession, now: number): SessionSummary {
  const current = transitionAt(effectiveTimeline(s), now);
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
  const timeline = effectiveTimeline(s);
  const current = transitionAt(timeline, now);
  const record: SessionRecord = sessionSummaryAt(s, now);
  const started = timeline.find((t) => t.at <= now && isRunning(t.state));
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
    record.totalResourceUtilization = utilization(s.footprint.vCPU, s.footprint.memoryGB, s.footprint.storageGB, hours);
    record.billedResourceUtilization = billedUtilization(s, hours);
  }
  return record;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function utilization(vCPU: number, memoryGB: number, storageGB: number, hours: number): ResourceUtilization {
  return { vCPUHour: round3(vCPU * hours), memoryGBHour: round3(memoryGB * hours), storageGBHour: round3(storageGB * hours) };
}

/**
 * What billing counts for `hours` of running: at least one minute, and only the storage above
 * FREE_STORAGE_GB_PER_WORKER per worker. Figures in vCPU-hours and GB-hours, to 3 decimals.
 */
function billedUtilization(s: StoredSession, hours: number): ResourceUtilization {
  const f = s.footprint;
  const billedStorageGB = Math.max(0, f.storageGB - FREE_STORAGE_GB_PER_WORKER * f.workers);
  return utilization(f.vCPU, f.memoryGB, billedStorageGB, Math.max(hours, 1 / 60));
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
    interactiveConfiguration: { ...a.interactiveConfiguration },
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
 * STARTED (+8 s), IDLE (+10 s). The idle timeout and the 24-hour limit follow from
 * effectiveTimeline.
 */
export function newSessionTimeline(now: number): Transition<SessionState>[] {
  const d = LIFECYCLE_DELAYS;
  return [
    { at: now, state: 'SUBMITTED', details: 'Session request accepted.' },
    { at: now + d.starting, state: 'STARTING', details: 'Provisioning driver and executor capacity.' },
    { at: now + d.started, state: 'STARTED', details: 'Session started.' },
    { at: now + d.idle, state: 'IDLE', details: 'Session is idle and ready to run statements.' },
  ];
}

/**
 * TerminateSession at `now`: drops every transition still ahead and adds TERMINATING now and
 * TERMINATED 5 s later. Sessions already TERMINATING, TERMINATED or FAILED (a limit included)
 * are left as they are (the call is idempotent); returns false in that case.
 */
export function terminateSessionAt(s: StoredSession, now: number): boolean {
  const state = sessionStateAt(s, now);
  if (state === 'TERMINATING' || TERMINAL_SESSION_STATES.includes(state)) {
    return false;
  }
  settleSession(s, now);
  const timeline = s.timeline;
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
