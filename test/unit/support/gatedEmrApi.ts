/**
 * An EmrApi that passes every call on to a real one (the SDK-backed client talking to the local
 * endpoint) and holds each answer back until the test releases it. The endpoint answers at
 * once, with the state it has at that moment; only the delivery to the model waits, as on a
 * slow network. A test thereby chooses the order in which answers reach the model, and that
 * order replays exactly.
 *
 * It also records what was delivered: every pager opened, with its listing's abort signal and
 * the pages that reached it, and for each session the newest copy of it delivered.
 */
import type {
  Application,
  ApplicationSummary,
  Session,
  SessionSummary,
  StartSessionRequest,
} from '@aws-sdk/client-emr-serverless';
import type { EmrApi } from '../../../src/model/emrApi';
import type { OpenPager, Page } from '../../../src/model/pagedListing';
import type { ListSessionsParams } from '../../../src/model/sessionFilter';
import type { SessionEndpoint } from '../../../src/model/sparkConnect';
import { nextMacrotask } from './manualTimers';

/** An answer the endpoint has given and the model has not received yet. */
export interface HeldAnswer {
  /** What was asked, for a failing property's report, e.g. `ListSessions 00f…`. */
  readonly label: string;
  release(): void;
}

/** One pager a listing opened, and the pages it received. */
export interface PagerRecord {
  readonly operation: 'ListApplications' | 'ListSessions';
  /** The endpoint URL the pager's requests went to. */
  readonly endpoint: string;
  /** The profile of the connection, so that two connections to one endpoint stay apart. */
  readonly profile: string;
  readonly applicationId?: string;
  readonly params?: ListSessionsParams;
  readonly pageSize: number;
  readonly startingToken: string | undefined;
  /** The listing's signal: one per listing, aborted when the listing is discarded. */
  readonly signal: AbortSignal;
  /** Pages delivered to the listing, in order. */
  readonly pages: { readonly ids: readonly string[]; readonly nextToken: string | undefined }[];
}

/** Holds answers until released, and records what was delivered. */
export class AnswerGate {
  readonly held: HeldAnswer[] = [];
  readonly pagers: PagerRecord[] = [];
  /**
   * What the model was told about each session (`endpoint app/session`): the latest
   * `updatedAt` (epoch ms) of a copy delivered (GetSession, a page listing it), and whether a
   * TerminateSession answer was delivered, which means TERMINATING or ended from then on.
   */
  readonly known = new Map<string, { updatedAt: number; terminated: boolean }>();
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Wraps a real API; `endpoint` and `profile` name its connection in the records. */
  wrap(inner: EmrApi, endpoint: string, profile: string): EmrApi {
    const sessionPager = (applicationId: string, params: ListSessionsParams, pageSize: number): OpenPager<SessionSummary> => {
      const open = inner.openSessionPager(applicationId, params, pageSize);
      return (startingToken, signal) =>
        this.gatedPager(
          open(startingToken, signal),
          {
            operation: 'ListSessions',
            endpoint,
            profile,
            applicationId,
            params,
            pageSize,
            startingToken,
            signal,
            pages: [],
          },
          (session) => this.noteSession(endpoint, applicationId, session.sessionId, session.updatedAt),
        );
    };
    const applicationPager = (pageSize: number): OpenPager<ApplicationSummary> => {
      const open = inner.openApplicationPager(pageSize);
      return (startingToken, signal) =>
        this.gatedPager(
          open(startingToken, signal),
          {
            operation: 'ListApplications',
            endpoint,
            profile,
            pageSize,
            startingToken,
            signal,
            pages: [],
          },
          () => undefined,
        );
    };
    return {
      region: inner.region,
      regionSource: inner.regionSource,
      ...(inner.profileName ? { profileName: inner.profileName } : {}),
      openApplicationPager: applicationPager,
      openSessionPager: sessionPager,
      getSession: (applicationId: string, sessionId: string, signal?: AbortSignal): Promise<Session> =>
        this.hold(`GetSession ${sessionId}`, inner.getSession(applicationId, sessionId, signal), (session) =>
          this.noteSession(endpoint, applicationId, session.sessionId, session.updatedAt),
        ),
      getApplication: (applicationId: string, signal?: AbortSignal): Promise<Application> =>
        this.hold(`GetApplication ${applicationId}`, inner.getApplication(applicationId, signal)),
      getCallerIdentity: (signal?: AbortSignal) => inner.getCallerIdentity(signal),
      startSession: (request: StartSessionRequest, signal?: AbortSignal) =>
        this.hold(`StartSession ${request.applicationId}`, inner.startSession(request, signal)),
      terminateSession: (applicationId: string, sessionId: string, signal?: AbortSignal): Promise<void> =>
        this.hold(`TerminateSession ${sessionId}`, inner.terminateSession(applicationId, sessionId, signal), () =>
          this.noteSession(endpoint, applicationId, sessionId, undefined, true),
        ),
      getSessionEndpoint: (applicationId: string, sessionId: string, signal?: AbortSignal): Promise<SessionEndpoint> =>
        this.hold(`GetSessionEndpoint ${sessionId}`, inner.getSessionEndpoint(applicationId, sessionId, signal)),
      getResourceDashboard: (applicationId: string, sessionId: string, signal?: AbortSignal): Promise<string | undefined> =>
        this.hold(`GetResourceDashboard ${sessionId}`, inner.getResourceDashboard(applicationId, sessionId, signal)),
      dispose: () => inner.dispose(),
    };
  }

  /** Counts a promise (such as creating an API) as a request: `requestsAnswered` waits for it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const done = () => this.inFlight.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Resolves once every request sent so far has its answer (held or not), and nothing new was sent meanwhile. */
  async requestsAnswered(): Promise<void> {
    for (let quiet = 0; quiet < 2;) {
      await nextMacrotask();
      if (this.inFlight.size > 0) {
        quiet = 0;
        await Promise.allSettled([...this.inFlight]);
      } else {
        quiet++;
      }
    }
  }

  /** Delivers the held answer at `index` (modulo how many are held); false when none is held. */
  releaseOne(index: number): string | undefined {
    if (this.held.length === 0) {
      return undefined;
    }
    const [answer] = this.held.splice(index % this.held.length, 1);
    answer.release();
    return answer.label;
  }

  /** Delivers the first held answer whose label starts with `label`; rejects the test's premise when none is held. */
  release(label: string): void {
    const index = this.held.findIndex((answer) => answer.label.startsWith(label));
    if (index < 0) {
      throw new Error(`no answer to "${label}" is held; held: ${this.held.map((a) => a.label).join(', ') || 'none'}`);
    }
    this.releaseOne(index);
  }

  private hold<T>(label: string, request: Promise<T>, onDelivered?: (value: T) => void): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    const answered = this.track(
      request.then(
        (value) => (outcome = { ok: true, value }),
        (error: unknown) => (outcome = { ok: false, error }),
      ),
    );
    return new Promise<T>((resolve, reject) => {
      this.held.push({
        label,
        release: () => {
          // Every request is answered before a test releases anything (requestsAnswered).
          void answered.then(() => {
            if (outcome?.ok) {
              onDelivered?.(outcome.value);
              resolve(outcome.value);
            } else {
              reject(outcome?.error);
            }
          });
        },
      });
    });
  }

  private gatedPager<T>(pager: AsyncIterator<Page<T>>, record: PagerRecord, onItem: (item: T) => void): AsyncIterator<Page<T>> {
    this.pagers.push(record);
    const keyOf = (item: T) => {
      const row = item as { id?: string; sessionId?: string };
      return row.sessionId ?? row.id ?? '';
    };
    return {
      next: () =>
        this.hold(`${record.operation} ${record.applicationId ?? ''}`.trim(), pager.next(), (result) => {
          if (!result.done) {
            record.pages.push({ ids: result.value.items.map(keyOf), nextToken: result.value.nextToken });
            result.value.items.forEach(onItem);
          }
        }),
    };
  }

  private noteSession(
    endpoint: string,
    applicationId: string | undefined,
    sessionId: string | undefined,
    updatedAt: Date | undefined,
    terminated = false,
  ): void {
    const key = `${endpoint} ${applicationId ?? ''}/${sessionId ?? ''}`;
    const known = this.known.get(key) ?? { updatedAt: -Infinity, terminated: false };
    this.known.set(key, {
      updatedAt: Math.max(known.updatedAt, updatedAt?.getTime() ?? -Infinity),
      terminated: known.terminated || terminated,
    });
  }
}
