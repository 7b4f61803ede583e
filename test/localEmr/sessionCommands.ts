/**
 * The mutating session operations with the service's rules:
 *
 * - StartSession needs the application to exist (else ResourceNotFoundException) and to be
 *   STARTED, or CREATED (auto-start: the application goes STARTING, then STARTED 5 s later), or
 *   already STARTING; any other state (CREATING, STOPPING, STOPPED, TERMINATED) is a
 *   ConflictException (409). It is idempotent per application and clientToken: the same token
 *   with the same parameters returns the session it created first; the same token with other
 *   parameters is a ConflictException.
 * - TerminateSession is idempotent: it always answers 200 with the ids. A running or starting
 *   session goes TERMINATING now and TERMINATED 5 s later; a session already TERMINATING,
 *   TERMINATED or FAILED is left unchanged.
 * - GetSessionEndpoint answers only for a STARTED, IDLE or BUSY session; in any other state it
 *   is a ValidationException (400): the model lists no ConflictException for this operation.
 *   Every call mints a fresh auth token that expires one hour after the clock's now.
 */
import { randomBytes } from 'node:crypto';
import { RUNNING_SESSION_STATES, sessionArn, type StoredSession } from './model';
import { serviceErrors } from './serviceErrors';
import {
  DEFAULT_IDLE_TIMEOUT_MINUTES,
  applicationStateAt,
  autoStartApplication,
  newSessionTimeline,
  sessionStateAt,
  terminateTimeline,
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
  const now = store.now();
  const appState = applicationStateAt(app, now);
  if (appState === 'CREATED' && app.autoStart) {
    autoStartApplication(app, now);
  } else if (appState !== 'STARTED' && appState !== 'STARTING') {
    throw serviceErrors.conflict(
      `Application ${applicationId} is in ${appState} state. Sessions can be started only when the application is STARTED, or CREATED with auto-start enabled.`,
    );
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
    timeline: newSessionTimeline(now, idleTimeoutMinutes),
    idleTimeoutMinutes,
    footprint: { vCPU: 4, memoryGB: 16, storageGB: 20 },
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
  terminateTimeline(s.timeline, store.now());
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
    authToken: randomBytes(48).toString('base64url'),
    authTokenExpiresAt: new Date(now + AUTH_TOKEN_TTL_MS),
  };
}
