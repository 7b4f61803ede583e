/** Test-facing changes to stored sessions and applications. */
import type { ApplicationState, NetworkConfiguration, SessionConfigurationOverrides, SessionState, StoredSession } from './model';
import { materializeLimits, settleSession, transitionAt } from './sessionLifecycle';

export const toMs = (d: Date | number | undefined): number | undefined => (d instanceof Date ? d.getTime() : d);

/** Changes for addSession / updateSession. A key present with value undefined removes an optional field. */
export interface SessionOverrides {
  /** addSession only: a fixed id (must be unique). */
  sessionId?: string;
  name?: string;
  state?: SessionState;
  stateDetails?: string;
  createdAt?: Date | number;
  executionRoleArn?: string;
  createdBy?: string;
  releaseLabel?: string;
  idleTimeoutMinutes?: number;
  tags?: Record<string, string>;
  networkConfiguration?: NetworkConfiguration;
  configurationOverrides?: SessionConfigurationOverrides;
}

export interface ApplicationOverrides {
  name?: string;
  state?: ApplicationState;
  stateDetails?: string;
  releaseLabel?: string;
  type?: string;
  architecture?: 'X86_64' | 'ARM64';
}

/**
 * Applies overrides to a stored session at time `now`. A new createdAt moves the first
 * transition with it; a new state becomes a transition at `now` (replacing any scheduled ones);
 * stateDetails alone rewrites the details of the current state.
 */
export function applySessionOverrides(s: StoredSession, o: SessionOverrides, now: number): void {
  const createdAt = toMs(o.createdAt);
  if (createdAt !== undefined) {
    s.createdAt = createdAt;
    let floor = createdAt;
    for (const t of s.timeline) {
      t.at = t === s.timeline[0] ? createdAt : Math.max(t.at, floor);
      floor = t.at;
    }
  }
  if (o.state !== undefined) {
    settleSession(s, now);
    const last = s.timeline[s.timeline.length - 1];
    s.timeline.push({ at: Math.max(now, last?.at ?? now), state: o.state, details: o.stateDetails ?? `Session is ${o.state.toLowerCase()}.` });
  } else if (o.stateDetails !== undefined) {
    materializeLimits(s);
    transitionAt(s.timeline, now).details = o.stateDetails;
  }
  if ('name' in o) {
    if (o.name === undefined) delete s.name;
    else s.name = o.name;
  }
  if (o.executionRoleArn !== undefined) s.executionRoleArn = o.executionRoleArn;
  if (o.createdBy !== undefined) s.createdBy = o.createdBy;
  if (o.releaseLabel !== undefined) s.releaseLabel = o.releaseLabel;
  for (const key of ['idleTimeoutMinutes', 'tags', 'networkConfiguration', 'configurationOverrides'] as const) {
    if (key in o) {
      if (o[key] === undefined) delete s[key];
      else (s as unknown as Record<string, unknown>)[key] = structuredClone(o[key]);
    }
  }
}
