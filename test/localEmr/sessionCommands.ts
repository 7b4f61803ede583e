/**
 * The mutating session operations with the service's rules:
 *
 * - StartSession needs the application to exist (else ResourceNotFoundException). It is
 *   idempotent per application and clientToken: the same token with the same parameters returns
 *   the session it created first, whatever has happened since; the same token with other
 *   parameters is a ConflictException. A new session needs, in this order:
 *   - a SPARK application on release emr-7.13.0 or later with
 *     `interactiveConfiguration.sessionEnabled` (else ValidationException, 400);
 *   - the application STARTED, or CREATED (auto-start: the application goes STARTING, then
 *     STARTED 5 s later), or already STARTING; any other state (CREATING, STOPPING, STOPPED,
 *     TERMINATED) is a ConflictException (409);
 *   - fewer than the quota (25 by default) active sessions (SUBMITTED, STARTING, STARTED, IDLE
 *     or BUSY) in the application, else ServiceQuotaExceededException (402).
 * - TerminateSession is idempotent: it always answers 200 with the ids. A running or starting
 *   session goes TERMINATING now and TERMINATED 5 s later; a session already TERMINATING,
 *   TERMINATED or FAILED is left unchanged.
 * - GetSessionEndpoint answers only for a STARTED, IDLE or BUSY session; in any other state it
 *   is a ValidationException (400): the model lists no ConflictException for this operation.
 *   Every call mints a fresh auth token that expires one hour after the clock's now.
 */
import { randomBytes } from 'node:crypto';
import { ACTIVE_SESSION_STATES, RUNNING_SESSION_STATES, sessionArn, type StoredApplication, type StoredSession } from './model';
import { SESSION_AUTH_TOKEN_PREFIX } from './secretMarkers';
import { serviceErrors } from './serviceErrors';
import {
  DEFAULT_IDLE_TIMEOUT_MINUTES,
  applicationStateAt,
  autoStartApplication,
  newSessionTimeline,
  sessionStateAt,
  terminateSessionAt,
} from './sessionLifecycle';
import type { SessionStore } from './sessionStore';
import type { StartSessionInput } from './startSessionInput';

export const AUTH_TOKEN_TTL_MS = 60 * 60 * 1000;

export function applicationNotFound(applicationId: string) {
  return serviceErrors.notFound(`Application ${applicationId} does not exist.`);
}

export function sessionNotFound(sessionId: string) {
  return serviceErrors.notFound(`Session ${sessionId} does not exist.`);
}

export function requireSession(store: SessionStore, applicationId: string, sessionId: string): StoredSession {
  if (!store.storedApplication(applicationId)) {
    throw applicationNotFound(applicationId);
  }
  const s = store.storedSession(applicationId, sessionId);
  if (!s) {
    throw sessionNotFound(sessionId);
  }
  return s;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The first release that has interactive sessions. */
export const FIRST_SESSION_RELEASE = 'emr-7.13.0';

/** Compares `emr-X.Y.Z` release labels by version; labels of another form sort first. */
export function releaseAtLeast(releaseLabel: string, minimum: string): boolean {
  const parse = (label: string): number[] | undefined => {
    const m = /^emr-(\d+)\.(\d+)\.(\d+)$/.exec(label);
    return m ? m.slice(1, 4).map(Number) : undefined;
  };
  const have = parse(releaseLabel);
  const need = parse(minimum) ?? [0, 0, 0];
  if (!have) return false;
  for (let i = 0; i < 3; i++) {
    if ((have[i] as number) !== (need[i] as number)) return (have[i] as number) > (need[i] as number);
  }
  return true;
}

/** Why an application cannot take interactive sessions at all (whatever its state), or undefined when it can. */
export function sessionsUnavailableReason(app: StoredApplication): string | undefined {
  if (app.type !== 'SPARK') {
    return `Application ${app.id} is a ${app.type} application. Interactive sessions need a SPARK application.`;
  }
  if (!releaseAtLeast(app.releaseLabel, FIRST_SESSION_RELEASE)) {
    return `Application ${app.id} uses release ${app.releaseLabel}. Interactive sessions need release ${FIRST_SESSION_RELEASE} or later.`;
  }
  if (!app.interactiveConfiguration.sessionEnabled) {
    return `Interactive sessions are not enabled for application ${app.id}. Set interactiveConfiguration.sessionEnabled to true with UpdateApplication.`;
  }
  return undefined;
}

export function countActiveSessions(store: SessionStore, applicationId: string, now: number): number {
  return store.keyedSessions(applicationId, { states: ACTIVE_SESSION_STATES }, now).length;
}

export interface StartSessionResult {
  applicationId: string;
  sessionId: string;
  arn: string;
}

export function startSession(
  store: SessionStore,
  applicationId: string,
  input: StartSessionInput,
  principalArn: string,
): StartSessionResult {
  const app = store.storedApplication(applicationId);
  if (!app) {
    throw applicationNotFound(applicationId);
  }
  const { clientToken, ...request } = input;
  const fingerprint = canonicalJson(request);
  const tokenKey = `${applicationId}/${clientToken}`;
  const earlier = store.clientTokens.get(tokenKey);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) {
      throw serviceErrors.conflict(`The client token ${clientToken} was already used with different request parameters.`);
    }
    return { applicationId, sessionId: earlier.sessionId, arn: sessionArn(store.region, store.accountId, applicationId, earlier.sessionId) };
  }
  const unavailable = sessionsUnavailableReason(app);
  if (unavailable !== undefined) {
    throw serviceErrors.invalidRequest(unavailable);
  }
  const now = store.now();
  const appState = applicationStateAt(app, now);
  const autoStarts = appState === 'CREATED' && app.autoStart;
  if (!autoStarts && appState !== 'STARTED' && appState !== 'STARTING') {
    throw serviceErrors.conflict(
      `Application ${applicationId} is in ${appState} state. Sessions can be started only when the application is STARTED, or CREATED with auto-start enabled.`,
    );
  }
  const active = countActiveSessions(store, applicationId, now);
  if (active >= store.sessionQuota) {
    throw serviceErrors.quotaExceeded(
      `Application ${applicationId} already has ${active} active sessions, the maximum of ${store.sessionQuota} concurrent sessions per application. Terminate a session or request a quota increase.`,
    );
  }
  if (autoStarts) {
    autoStartApplication(app, now);
  }
  const idleTimeoutMinutes = input.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES;
  const sessionId = store.newSessionId();
  const session: StoredSession = {
    applicationId,
    sessionId,
    arn: sessionArn(store.region, store.accountId, applicationId, sessionId),
    releaseLabel: app.releaseLabel,
    executionRoleArn: input.executionRoleArn,
    createdBy: principalArn,
    createdAt: now,
    timeline: newSessionTimeline(now),
    idleTimeoutMinutes,
    // A driver and two executors of the default worker size (4 vCPU, 16 GB, 20 GB disk).
    footprint: { workers: 3, vCPU: 12, memoryGB: 48, storageGB: 60 },
  };
  if (input.name !== undefined) session.name = input.name;
  if (input.tags !== undefined) session.tags = { ...input.tags };
  if (input.configurationOverrides !== undefined) session.configurationOverrides = structuredClone(input.configurationOverrides);
  if (app.networkConfiguration) session.networkConfiguration = structuredClone(app.networkConfiguration);
  store.insertSession(session);
  store.clientTokens.set(tokenKey, { sessionId, fingerprint });
  return { applicationId, sessionId, arn: session.arn };
}

export function terminateSession(store: SessionStore, applicationId: string, sessionId: string): { applicationId: string; sessionId: string } {
  const s = requireSession(store, applicationId, sessionId);
  terminateSessionAt(s, store.now());
  return { applicationId, sessionId };
}

export interface SessionEndpoint {
  applicationId: string;
  sessionId: string;
  endpoint: string;
  authToken: string;
  authTokenExpiresAt: Date;
}

export function sessionEndpoint(store: SessionStore, applicationId: string, sessionId: string): SessionEndpoint {
  const s = requireSession(store, applicationId, sessionId);
  const now = store.now();
  const state = sessionStateAt(s, now);
  if (!RUNNING_SESSION_STATES.includes(state)) {
    throw serviceErrors.invalidRequest(
      `Session ${sessionId} is in ${state} state. Its endpoint is available only when it is STARTED, IDLE or BUSY.`,
    );
  }
  return {
    applicationId,
    sessionId,
    endpoint: `https://${sessionId}.${applicationId}.emr-serverless-services.${store.region}.amazonaws.com`,
    authToken: `${SESSION_AUTH_TOKEN_PREFIX}${randomBytes(48).toString('base64url')}`,
    authTokenExpiresAt: new Date(now + AUTH_TOKEN_TTL_MS),
  };
}
