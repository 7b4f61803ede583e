/**
 * Terminating several sessions at once: requests in parallel, at most
 * TERMINATE_CONCURRENCY at a time, and one outcome per session. TerminateSession is idempotent
 * (EMR Serverless API reference): a session that has already ended is not an error.
 */
import pLimit from 'p-limit';
import type { EmrApi } from './emrApi';
import type { SessionNode } from './explorerNodes';

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

/** Whether a value VS Code passed a command is a session row (and not undefined, another row kind or other data). */
function isSessionRow(value: unknown): value is SessionNode {
  const row = value as { kind?: unknown; session?: unknown } | null | undefined;
  return typeof row === 'object' && row !== null && row.kind === 'session' && typeof row.session === 'object' && row.session !== null;
}

/**
 * The session rows a tree command acts on, from what VS Code passes it: the row clicked
 * (`node`), then the multi-selection (`selection`), or with neither the view's own selection
 * (`fallback`). VS Code's selection array can hold undefined, or rows replaced while the
 * selection was made: anything that is not a session row is dropped, and a session selected
 * twice (by connection, application and session id) is kept once, first place first. Never
 * throws, whatever the arguments.
 */
export function selectedSessionRows(node: unknown, selection: unknown, fallback: readonly unknown[]): SessionNode[] {
  const fromSelection = Array.isArray(selection) ? selection.filter(isSessionRow) : [];
  const rows = fromSelection.length > 0 ? fromSelection : isSessionRow(node) ? [node] : fallback.filter(isSessionRow);
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = JSON.stringify([row.connectionId ?? '', row.session.applicationId ?? '', row.session.sessionId ?? '']);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
