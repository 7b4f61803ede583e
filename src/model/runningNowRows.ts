import * as l10n from '@vscode/l10n';
/**
 * The rows of "Running now" (runningSessions.ts), as plain data: the root row, then each active
 * session as a session row of its connection, an error row per failed listing, or a note that
 * nothing runs. Every id starts with RUNNING_NOW_ID, so a session listed here and under its
 * application has two rows with two ids.
 */
import { describeError } from './awsErrors';
import type { EmptyNode, ErrorNode, ExplorerNode, SessionNode } from './explorerNodes';
import type { RunningNow } from './runningSessions';

/** The id of the "Running now" root row; the rows beneath start with it and a slash. */
export const RUNNING_NOW_ID = 'running';

/** The "Running now" root row. */
export interface RunningNowNode {
  readonly kind: 'runningNow';
  readonly id: typeof RUNNING_NOW_ID;
  readonly connectionId?: undefined;
  /** Active sessions last listed, or undefined before the first answer. */
  count?: number;
}

/** Whether a row is beneath "Running now" (its parent is the root row). */
export function isRunningNowRow(node: { readonly id: string }): boolean {
  return node.id.startsWith(`${RUNNING_NOW_ID}/`);
}

/** What the rows need to know of each connection. */
export interface RunningNowLabels {
  /** The connection's name, shown beside each session when there are several connections. */
  readonly connectionName: (connectionId: string) => string;
  /** Where the connection's requests go ("prod · eu-west-1"), for error rows. */
  readonly endpointLabel: (connectionId: string) => string;
  /** Several connections: rows name theirs. */
  readonly multi: boolean;
}

/**
 * The children of "Running now", newest first, then one error row per failed connection (or
 * application), or "No sessions are running" when nothing runs and nothing failed. Session rows
 * keep their object across calls through `previous` (by id), so the tree redraws them in place.
 */
export function runningNowRows(state: Pick<RunningNow, 'sessions' | 'failures'>, labels: RunningNowLabels, previous?: Map<string, SessionNode>): ExplorerNode[] {
  const rows: ExplorerNode[] = [];
  const drawn = new Map<string, SessionNode>();
  for (const { connectionId, application, session } of state.sessions) {
    const applicationId = application.id ?? session.applicationId ?? '';
    const id = `${RUNNING_NOW_ID}/${connectionId}/${applicationId}/${session.sessionId ?? ''}`;
    const where = [labels.multi ? labels.connectionName(connectionId) : '', application.name || applicationId].filter(Boolean).join(' · ');
    const node: SessionNode = previous?.get(id) ?? { kind: 'session', id, connectionId, session, where };
    node.session = { ...session, applicationId };
    node.where = where;
    drawn.set(id, node);
    rows.push(node);
  }
  previous?.clear();
  drawn.forEach((node, id) => previous?.set(id, node));
  for (const failure of state.failures) {
    const applicationId = failure.application?.id;
    const report = describeError(failure.error, { operation: failure.operation, endpointLabel: labels.endpointLabel(failure.connectionId) });
    const where = [labels.multi ? labels.connectionName(failure.connectionId) : '', failure.application?.name || applicationId || ''].filter(Boolean).join(' · ');
    const error: ErrorNode = {
      kind: 'error',
      id: `${RUNNING_NOW_ID}/error/${failure.connectionId}/${applicationId ?? ''}`,
      connectionId: failure.connectionId,
      report: where ? { ...report, title: `${where}: ${report.title}` } : report,
      afterRows: false,
    };
    rows.push(error);
  }
  if (rows.length === 0) {
    const empty: EmptyNode = { kind: 'empty', id: `${RUNNING_NOW_ID}/empty`, message: l10n.t('No sessions are running'), filtered: false };
    rows.push(empty);
  }
  return rows;
}
