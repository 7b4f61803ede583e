/**
 * The endpoint's data: applications and their sessions, generated deterministically and then
 * changed by StartSession, TerminateSession, churn, or tests. States are evaluated lazily
 * against the clock. Listing methods return items in exactly the server's listing order
 * (see listingOrder.ts), so tests can use them as the truth for a paged listing.
 */
import type { Clock } from './clock';
import { buildSession, generateData, SESSION_ID_LENGTH } from './dataGenerator';
import { compareKeys, groupOf, sortKeyed, type Keyed } from './listingOrder';
import {
  APPLICATION_STATES,
  DEFAULT_SESSION_QUOTA,
  SESSION_STATES,
  sessionArn,
  type ApplicationDetail,
  type ApplicationRecord,
  type ApplicationSummary,
  type SessionRecord,
  type SessionSummary,
  type StoredApplication,
  type StoredSession,
} from './model';
import { Random, newResourceId } from './random';
import {
  applicationDetailAt,
  applicationStateAt,
  applicationSummaryAt,
  cutAfter,
  sessionRecordAt,
  sessionStateAt,
  sessionSummaryAt,
  transitionAt,
} from './sessionLifecycle';
import { applySessionOverrides, toMs, type ApplicationOverrides, type SessionOverrides } from './storeOverrides';

export type { ApplicationOverrides, SessionOverrides } from './storeOverrides';

export interface StoreOptions {
  clock: Clock;
  seed: number;
  applications: number;
  sessionsPerApplication: number;
  region: string;
  accountId: string;
  /** Active sessions an application may have before StartSession answers ServiceQuotaExceededException; default 25. */
  sessionQuota?: number;
}

/**
 * ListSessions filter. Both createdAt bounds are inclusive: createdAtAfter <= createdAt <= createdAtBefore.
 */
export interface SessionFilter {
  states?: readonly string[];
  createdAtAfter?: Date | number;
  createdAtBefore?: Date | number;
}

/**
 * ListApplications filter. Without states, TERMINATED applications are left out (as the service
 * does); a states filter returns exactly the states it names, TERMINATED included when named.
 */
export interface ApplicationFilter {
  states?: readonly string[];
}


function byCreatedDescThenId(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
  return compareKeys({ g: 0, t: a.createdAt, i: a.id }, { g: 0, t: b.createdAt, i: b.id });
}

export class SessionStore {
  readonly region: string;
  readonly accountId: string;
  /** Active sessions (SUBMITTED to BUSY) an application may have at once. */
  readonly sessionQuota: number;
  /** StartSession idempotency: `${applicationId}/${clientToken}` to the session it created and the request it carried. */
  readonly clientTokens = new Map<string, { sessionId: string; fingerprint: string }>();
  private readonly clock: Clock;
  private readonly apps: StoredApplication[];
  private readonly sessionsByApp: Map<string, StoredSession[]>;
  private readonly ids: Set<string>;
  private readonly rng: Random;

  constructor(options: StoreOptions) {
    this.clock = options.clock;
    this.region = options.region;
    this.accountId = options.accountId;
    this.sessionQuota = options.sessionQuota ?? DEFAULT_SESSION_QUOTA;
    const data = generateData({ ...options, now: options.clock.now() });
    this.apps = data.applications.sort((a, b) => byCreatedDescThenId(a, b));
    this.sessionsByApp = data.sessions;
    for (const list of this.sessionsByApp.values()) {
      sortSessions(list);
    }
    this.ids = data.ids;
    this.rng = new Random(options.seed ^ 0x5eed5eed);
  }

  now(): number {
    return this.clock.now();
  }

  /** Every application, TERMINATED ones included, in the listing order without filters (newest first). */
  applications(): ApplicationRecord[] {
    const now = this.now();
    return this.apps.map((a) => applicationSummaryAt(a, now));
  }

  /** An application as GetApplication returns it. */
  getApplication(applicationId: string): ApplicationDetail | undefined {
    const app = this.storedApplication(applicationId);
    return app && applicationDetailAt(app, this.now());
  }

  /** ListApplications' full result for a filter, in listing order. */
  listApplications(filter: ApplicationFilter = {}): ApplicationSummary[] {
    const now = this.now();
    return this.keyedApplications(filter, now).map((k) => applicationSummaryAt(k.item, now));
  }

  keyedApplications(filter: ApplicationFilter, now: number): Keyed<StoredApplication>[] {
    const states = filter.states && filter.states.length > 0 ? new Set(filter.states) : undefined;
    const out: Keyed<StoredApplication>[] = [];
    for (const app of this.apps) {
      const state = applicationStateAt(app, now);
      if (states ? !states.has(state) : state === 'TERMINATED') {
        continue;
      }
      out.push({ key: { g: groupOf(state, APPLICATION_STATES, !!states), t: app.createdAt, i: app.id }, item: app });
    }
    return states ? sortKeyed(out) : out;
  }

  /** Every session of an application, in the listing order without filters. */
  sessions(applicationId: string): SessionRecord[] {
    const now = this.now();
    return this.sessionList(applicationId).map((s) => sessionRecordAt(s, now));
  }

  getSession(applicationId: string, sessionId: string): SessionRecord | undefined {
    const s = this.storedSession(applicationId, sessionId);
    return s && sessionRecordAt(s, this.now());
  }

  /** ListSessions' full result for a filter, in listing order. */
  listSessions(applicationId: string, filter: SessionFilter = {}): SessionSummary[] {
    const now = this.now();
    return this.keyedSessions(applicationId, filter, now).map((k) => sessionSummaryAt(k.item, now));
  }

  keyedSessions(applicationId: string, filter: SessionFilter, now: number): Keyed<StoredSession>[] {
    const states = filter.states && filter.states.length > 0 ? new Set(filter.states) : undefined;
    const after = toMs(filter.createdAtAfter);
    const before = toMs(filter.createdAtBefore);
    const out: Keyed<StoredSession>[] = [];
    for (const s of this.sessionList(applicationId)) {
      if ((after !== undefined && s.createdAt < after) || (before !== undefined && s.createdAt > before)) {
        continue;
      }
      const state = sessionStateAt(s, now);
      if (states && !states.has(state)) {
        continue;
      }
      out.push({ key: { g: groupOf(state, SESSION_STATES, !!states), t: s.createdAt, i: s.sessionId }, item: s });
    }
    return states ? sortKeyed(out) : out;
  }

  /** Adds a realistic session (IDLE unless overridden), e.g. with a hostile name or a fixed createdAt. */
  addSession(applicationId: string, overrides: SessionOverrides = {}): SessionRecord {
    const app = this.requireApplication(applicationId);
    const createdAt = toMs(overrides.createdAt);
    const now = Math.max(this.now(), createdAt ?? 0);
    const shape = { state: overrides.state ?? 'IDLE', now, ...(createdAt === undefined ? {} : { createdAt }) };
    const s = buildSession(this.rng, this, this.ids, app, shape);
    if (overrides.sessionId !== undefined) {
      if (this.ids.has(overrides.sessionId)) {
        throw new Error(`session id ${overrides.sessionId} is already in use`);
      }
      this.ids.delete(s.sessionId);
      this.ids.add(overrides.sessionId);
      s.sessionId = overrides.sessionId;
      s.arn = sessionArn(this.region, this.accountId, applicationId, s.sessionId);
    }
    const { state: _state, ...rest } = overrides;
    applySessionOverrides(s, rest, now);
    this.insertSession(s);
    return sessionRecordAt(s, this.now());
  }

  updateSession(applicationId: string, sessionId: string, overrides: SessionOverrides): SessionRecord {
    const s = this.storedSession(applicationId, sessionId);
    if (!s) {
      throw new Error(`no session ${sessionId} in application ${applicationId}`);
    }
    applySessionOverrides(s, overrides, this.now());
    sortSessions(this.sessionList(applicationId));
    return sessionRecordAt(s, this.now());
  }

  updateApplication(applicationId: string, overrides: ApplicationOverrides): ApplicationDetail {
    const app = this.requireApplication(applicationId);
    const now = this.now();
    if (overrides.state !== undefined) {
      cutAfter(app.timeline, now);
      const last = app.timeline[app.timeline.length - 1];
      app.timeline.push({ at: Math.max(now, last?.at ?? now), state: overrides.state, details: `Application is ${overrides.state.toLowerCase()}.` });
    }
    if (overrides.stateDetails !== undefined) {
      transitionAt(app.timeline, now).details = overrides.stateDetails;
    }
    if ('name' in overrides) {
      if (overrides.name === undefined) delete app.name;
      else app.name = overrides.name;
    }
    if (overrides.releaseLabel !== undefined) app.releaseLabel = overrides.releaseLabel;
    if (overrides.type !== undefined) app.type = overrides.type;
    if (overrides.architecture !== undefined) app.architecture = overrides.architecture;
    return applicationDetailAt(app, now);
  }

  /** Deletes an application and its sessions outright: afterwards it is unknown (404). */
  removeApplication(applicationId: string): boolean {
    const index = this.apps.findIndex((a) => a.id === applicationId);
    if (index < 0) {
      return false;
    }
    this.apps.splice(index, 1);
    this.sessionsByApp.delete(applicationId);
    for (const key of [...this.clientTokens.keys()]) {
      if (key.startsWith(`${applicationId}/`)) this.clientTokens.delete(key);
    }
    return true;
  }

  /** Deletes a session outright: afterwards it is unknown (404) and no longer listed. */
  removeSession(applicationId: string, sessionId: string): boolean {
    const list = this.sessionsByApp.get(applicationId);
    const index = list ? list.findIndex((s) => s.sessionId === sessionId) : -1;
    if (!list || index < 0) {
      return false;
    }
    list.splice(index, 1);
    return true;
  }

  storedApplication(applicationId: string): StoredApplication | undefined {
    return this.apps.find((a) => a.id === applicationId);
  }

  storedSession(applicationId: string, sessionId: string): StoredSession | undefined {
    return this.sessionsByApp.get(applicationId)?.find((s) => s.sessionId === sessionId);
  }

  /** Every stored session of every application (for churn). */
  allSessions(): StoredSession[] {
    return [...this.sessionsByApp.values()].flat();
  }

  newSessionId(): string {
    return newResourceId(this.rng, SESSION_ID_LENGTH, this.ids);
  }

  /** Adds a stored session at its place in the listing order. */
  insertSession(s: StoredSession): void {
    const list = this.sessionList(s.applicationId);
    const key = { g: 0, t: s.createdAt, i: s.sessionId };
    let index = list.findIndex((x) => compareKeys(key, { g: 0, t: x.createdAt, i: x.sessionId }) < 0);
    if (index < 0) index = list.length;
    list.splice(index, 0, s);
  }

  private requireApplication(applicationId: string): StoredApplication {
    const app = this.storedApplication(applicationId);
    if (!app) {
      throw new Error(`no application ${applicationId}`);
    }
    return app;
  }

  private sessionList(applicationId: string): StoredSession[] {
    this.requireApplication(applicationId);
    let list = this.sessionsByApp.get(applicationId);
    if (!list) {
      list = [];
      this.sessionsByApp.set(applicationId, list);
    }
    return list;
  }
}

function sortSessions(list: StoredSession[]): void {
  list.sort((a, b) => compareKeys({ g: 0, t: a.createdAt, i: a.sessionId }, { g: 0, t: b.createdAt, i: b.sessionId }));
}
