/**
 * Terminating several sessions at once: requests in parallel, at most
 * TERMINATE_CONCURRENCY at a time, and one outcome per session. TerminateSession is idempotent
 * (EMR Serverless API reference): a session that has already ended is not an error.
 */
import pLimit from 'p-limit';
import type { EmrApi } from './emrApi';

/** How many TerminateSession requests run at once. */
export const TERMINATE_CONCURRENCY = 5;

/** A session to terminate. */
export interface SessionRef {
  readonly applicationId: string;
  readonly sessionId: string;
}

/** One session's outcome: `ok`, or the error the request failed with (as thrown by the SDK). */
export type TerminateOutcome<T extends SessionRef> = { readonly session: T; readonly ok: true } | { readonly session: T; readonly ok: false; readonly error: unknown };

/**
 * Sends TerminateSession for each session, at most `concurrency` at a time, and resolves with
 * the outcomes in the order given. Never rejects: each failure is in its outcome.
 */
export async function terminateSessions<T extends SessionRef>(
  api: Pick<EmrApi, 'terminateSession'>,
  sessions: readonly T[],
  concurrency = TERMINATE_CONCURRENCY,
  signal?: AbortSignal,
): Promise<TerminateOutcome<T>[]> {
  const limit = pLimit(concurrency);
  return Promise.all(
    sessions.map((session) =>
      limit(async (): Promise<TerminateOutcome<T>> => {
        try {
          await api.terminateSession(session.applicationId, session.sessionId, signal);
          return { session, ok: true };
        } catch (error) {
          return { session, ok: false, error };
        }
      }),
    ),
  );
}
