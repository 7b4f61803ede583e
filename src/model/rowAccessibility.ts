/**
 * What a screen reader says for each tree row (its `accessibilityInformation.label`): the kind of
 * row, its name and its state in words, since a row's icon tells the state by shape and colour
 * alone. For example "session daily-etl, idle, created 3 hours ago, ends in 48 minutes".
 *
 * Times are spelt out ("3 hours ago", not "3 h ago"): abbreviations are read letter by letter.
 * States are the service's, in lower case (IDLE is read "idle", not spelt).
 */
import type { ApplicationState, Session, SessionState, SessionSummary } from '@aws-sdk/client-emr-serverless';
import type { ExplorerNode } from './explorerNodes';
import { applicationLabel, sessionLabel } from './format';
import { guardrailsOf, RUNNING_STATES } from './sessionGuardrails';

/** Session states in words; a Record over the SDK's union, so a new state fails to compile until worded. */
const SESSION_STATE_WORDS: Readonly<Record<SessionState, string>> = {
  SUBMITTED: 'submitted',
  STARTING: 'starting',
  STARTED: 'started',
  IDLE: 'idle',
  BUSY: 'busy',
  FAILED: 'failed',
  TERMINATING: 'terminating',
  TERMINATED: 'terminated',
};

const APPLICATION_STATE_WORDS: Readonly<Record<ApplicationState, string>> = {
  CREATING: 'creating',
  CREATED: 'created',
  STARTING: 'starting',
  STARTED: 'started',
  STOPPING: 'stopping',
  STOPPED: 'stopped',
  TERMINATED: 'terminated',
};

function inWords(table: Readonly<Record<string, string>>, state: string | undefined): string {
  if (state === undefined || state === '') {
    return 'state unknown';
  }
  return Object.prototype.hasOwnProperty.call(table, state) ? table[state] : `state ${state.toLowerCase()}`;
}

const UNITS: ReadonlyArray<readonly [number, string]> = [
  [365 * 86_400_000, 'year'],
  [30 * 86_400_000, 'month'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

/** A span in whole units, spelt out: "1 minute", "48 minutes", "3 hours"; "less than a minute" under one. */
export function spanInWords(ms: number): string {
  const abs = Math.abs(ms);
  for (const [size, unit] of UNITS) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return 'less than a minute';
}

/** "3 hours ago", "just now"; "in 5 minutes" for a time ahead of `now` (a skewed clock). Empty without a date. */
export function relativeTimeInWords(then: Date | undefined, now: number): string {
  if (!then || Number.isNaN(then.getTime())) {
    return '';
  }
  const diff = now - then.getTime();
  if (Math.abs(diff) < 60_000) {
    return 'just now';
  }
  return diff > 0 ? `${spanInWords(diff)} ago` : `in ${spanInWords(diff)}`;
}

/**
 * A session row: "session NAME, STATE, created AGE", then for a running session when it will end
 * ("ends in 48 minutes"): by its idle timeout when `details` (GetSession) say since when it is
 * idle, otherwise by the 24-hour limit.
 */
export function sessionAccessibilityLabel(session: SessionSummary, now: number, details?: Session): string {
  const created = relativeTimeInWords(session.createdAt, now);
  const parts = [`session ${sessionLabel(session)}`, inWords(SESSION_STATE_WORDS, session.state), created && `created ${created}`];
  if (RUNNING_STATES.has(session.state ?? '')) {
    // Details fetched while the session was in another state would give a wrong end.
    const current = details && details.state === session.state ? details : session;
    const endsAt = guardrailsOf(current, now).endsAt;
    if (endsAt !== undefined) {
      parts.push(endsAt > now ? `ends in ${spanInWords(endsAt - now)}` : 'due to end now');
    }
  }
  return parts.filter(Boolean).join(', ');
}

/** The label of any row, by its kind. `details`: GetSession's answer for a session row, when known. */
export function rowAccessibilityLabel(node: ExplorerNode, now: number, details?: Session): string {
  switch (node.kind) {
    case 'connection':
      return `connection ${node.name}${node.detail === node.name ? '' : `, ${node.detail}`}`;
    case 'application': {
      const a = node.app;
      const active = node.activeCount === undefined ? '' : `${node.activeCount} active session${node.activeCount === 1 ? '' : 's'}`;
      return [`application ${applicationLabel(a)}`, inWords(APPLICATION_STATE_WORDS, a.state), a.type, a.releaseLabel, active].filter(Boolean).join(', ');
    }
    case 'session':
      return sessionAccessibilityLabel(node.session, now, details) + (node.where ? `, in ${node.where}` : '');
    case 'runningNow':
      return node.count === undefined ? 'Running now' : `Running now, ${node.count} active session${node.count === 1 ? '' : 's'}`;
    case 'loadMore':
      return node.loading ? `Loading more ${node.noun}, ${node.loaded} loaded` : `Load more ${node.noun}, ${node.loaded} loaded`;
    case 'keepLooking':
      return node.loading
        ? `Still looking for ${node.noun}, ${node.emptyPages} empty pages so far`
        : `No ${node.loaded > 0 ? 'more ' : ''}${node.noun} found yet after ${node.emptyPages} empty pages, Keep Looking`;
    case 'listedFromToken':
      return 'Listed from a token, not from the newest session; List From Start';
    case 'error':
      return `${node.report.kind === 'throttled' ? 'Warning' : 'Error'}: ${node.report.title}${node.afterRows ? ', loading more failed' : ''}`;
    case 'action':
      return node.label;
    case 'empty':
      return node.filtered ? `${node.message}, Clear Filters` : node.message;
  }
}
