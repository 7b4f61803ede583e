import type { Application, Session } from '@aws-sdk/client-emr-serverless';
import type { PollingApi } from '../../../src/model/sessionPoller';
import { nextMacrotask } from './manualTimers';

export interface RecordedCall {
  readonly operation: 'GetSession' | 'GetApplication';
  readonly applicationId: string;
  readonly sessionId?: string;
  /** The clock's time when the request was sent, epoch ms. */
  readonly at: number;
}

/**
 * Passes each request to another PollingApi (the SDK-backed one, or a scripted one) and
 * records it with the clock's time; settled() waits until every request sent so far has been
 * answered and its answer handled.
 */
export class RecordingPollingApi implements PollingApi {
  readonly calls: RecordedCall[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly inner: PollingApi,
    private readonly now: () => number,
  ) {}

  getSession(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<Session> {
    this.calls.push({ operation: 'GetSession', applicationId, sessionId, at: this.now() });
    return this.track(this.inner.getSession(applicationId, sessionId, signal));
  }

  getApplication(applicationId: string, signal?: AbortSignal): Promise<Application> {
    this.calls.push({ operation: 'GetApplication', applicationId, at: this.now() });
    return this.track(this.inner.getApplication(applicationId, signal));
  }

  count(operation: RecordedCall['operation']): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  /** Resolves once nothing is in flight and every answer's handlers have run. */
  async settled(): Promise<void> {
    await nextMacrotask();
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
      await nextMacrotask();
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const done = () => this.inFlight.delete(promise);
    promise.then(done, done);
    return promise;
  }
}
