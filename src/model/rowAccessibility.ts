/**
 * What a screen reader says for each tree row (its `accessibilityInformation.label`): the kind of
 * row, its name and its state in words, since a row's icon tells the state by shape and colour
 * alone. For example "session daily-etl, idle, created 3 hours ago, ends in 48 minutes".
 *
 * Times are spelt out ("3 hours ago", not "3 h ago"): abbreviations are read letter by letter.
 * States are the service's, in lower case (IDLE is read "idle", not spelt).
 */
import * as l10n from '@vscode/l10n';
import type { ApplicationState, Session, SessionState, SessionSummary } from '@aws-sdk/client-emr-serverless';
import type { ExplorerNode } from './explorerNodes';
import { applicationLabel, sessionLabel } from './format';
import { guardrailsOf, RUNNING_STATES } from './sessionGuardrails';

/** Session states in words; a Record over the SDK's union, so a new state fails to compile until worded. */
const SESSION_STATE_WORDS: Readonly<Record<SessionState, () => string>> = {
  SUBMITTED: () => l10n.t('submitted'),
  STARTING: () => l10n.t('starting'),
  STARTED: () => l10n.t('started'),
  IDLE: () => l10n.t('idle'),
  BUSY: () => l10n.t('busy'),
  FAILED: () => l10n.t('failed'),
  TERMINATING: () => l10n.t('terminating'),
  TERMINATED: () => l10n.t('terminated'),
};

const APPLICATION_STATE_WORDS: Readonly<Record<ApplicationState, () => string>> = {
  CREATING: () => l10n.t('creating'),
  CREATED: () => l10n.t('created'),
  STARTING: () => l10n.t('starting'),
  STARTED: () => l10n.t('started'),
  STOPPING: () => l10n.t('stopping'),
  STOPPED: () => l10n.t('stopped'),
  TERMINATED: () => l10n.t('terminated'),
};

function inWords(table: Readonly<Record<string, () => string>>, state: string | undefined): string {
  if (state === undefined || state === '') {
    return l10n.t('state unknown');
  }
  return Object.prototype.hasOwnProperty.call(table, state) ? table[state]() : l10n.t('state {0}', state.toLowerCase());
}

/** Each unit's size, and its words for one and for several. */
const UNITS: ReadonlyArray<readonly [number, () => string, (n: number) => string]> = [
  [365 * 86_400_000, () => l10n.t('1 year'), (n) => l10n.t('{0} years', n)],
  [30 * 86_400_000, () => l10n.t('1 month'), (n) => l10n.t('{0} months', n)],
  [86_400_000, () => l10n.t('1 day'), (n) => l10n.t('{0} days', n)],
  [3_600_000, () => l10n.t('1 hour'), (n) => l10n.t('{0} hours', n)],
  [60_000, () => l10n.t('1 minute'), (n) => l10n.t('{0} minutes', n)],
];

/** A span in whole units, spelt out: "1 minute", "48 minutes", "3 hours"; "less than a minute" under one. */
export function spanInWords(ms: number): string {
  const abs = Math.abs(ms);
  for (const [size, one, several] of UNITS) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      return n === 1 ? one() : several(n);
    }
  }
  return l10n.t('less than a minute');
}

/** "3 hours ago", "just now"; "in 5 minutes" for a time ahead of `now` (a skewed clock). Empty without a date. */
export function relativeTimeInWords(then: Date | undefined, now: number): string {
  if (!then || Number.isNaN(then.getTime())) {
    return '';
  }
  const diff = now - then.getTime();
  if (Math.abs(diff) < 60_000) {
    return l10n.t('just now');
  }
  return diff > 0 ? l10n.t('{0} ago', spanInWords(diff)) : l10n.t('in {0}', spanInWords(diff));
}

/**
 * A session row: "session NAME, STATE, created AGE", then for a running session when it will end,
 * as its tooltip says (guardrailTooltip): "ends in 48 minutes", by its idle timeout when
 * `details` (GetSession) say since when it is idle, otherwise by the 24-hour limit. An idle
 * session known only from the listing, which says nothing of the idle timeout, "ends within
 * 23 hours": the idle timeout may end it sooner.
 */
export function sessionAccessibilityLabel(session: SessionSummary, now: number, details?: Session): string {
  const created = relativeTimeInWords(session.createdAt, now);
  const parts = [
    l10n.t('session {0}', sessionLabel(session)),
    inWords(SESSION_STATE_WORDS, session.state),
    created && l10n.t('created {0}', created),
  ];
  if (RUNNING_STATES.has(session.state ?? '')) {
    // Details fetched while the session was in another state would give a wrong end.
    const current = details && details.state === session.state ? details : session;
    const g = guardrailsOf(current, now);
    const endsAt = g.endsAt;
    if (endsAt !== undefined) {
      const idleEndUnknown = current.state === 'IDLE' && g.idleEndsAt === undefined;
      parts.push(
        endsAt <= now ? l10n.t('due to end now') : idleEndUnknown ? l10n.t('ends within {0}', spanInWords(endsAt - now)) : l10n.t('ends in {0}', spanInWords(endsAt - now)),
      );
    }
  }
  return parts.filter(Boolean).join(', ');
}

/** The label of any row, by its kind. `details`: GetSession's answer for a session row, when known. */
export function rowAccessibilityLabel(node: ExplorerNode, now: number, details?: Session): string {
  switch (node.kind) {
    case 'connection':
      return node.detail === node.name ? l10n.t('connection {0}', node.name) : l10n.t('connection {0}, {1}', node.name, node.detail);
    case 'application': {
      const a = node.app;
      const active =
        node.activeCount === undefined
          ? ''
          : node.activeCount === 1
            ? l10n.t('1 active session')
            : l10n.t('{0} active sessions', node.activeCount);
      return [l10n.t('application {0}', applicationLabel(a)), inWords(APPLICATION_STATE_WORDS, a.state), a.type, a.releaseLabel, active].filter(Boolean).join(', ');
    }
    case 'session':
      return sessionAccessibilityLabel(node.session, now, details) + (node.where ? `, in ${node.where}` : '');
    case 'runningNow':
      return node.count === undefined
        ? l10n.t('Running now')
        : node.count === 1
          ? l10n.t('Running now, 1 active session')
          : l10n.t('Running now, {0} active sessions', node.count);
    case 'loadMore':
      if (node.noun === 'sessions') {
        return node.loading ? l10n.t('Loading more sessions, {0} loaded', node.loaded) : l10n.t('Load more sessions, {0} loaded', node.loaded);
      }
      return node.loading
        ? l10n.t('Loading more applications, {0} loaded', node.loaded)
        : l10n.t('Load more applications, {0} loaded', node.loaded);
    case 'keepLooking':
      if (node.loading) {
        return node.noun === 'sessions'
          ? l10n.t('Still looking for sessions, {0} empty pages so far', node.emptyPages)
          : l10n.t('Still looking for applications, {0} empty pages so far', node.emptyPages);
      }
      if (node.noun === 'sessions') {
        return node.loaded > 0
          ? l10n.t('No more sessions found yet after {0} empty pages, Keep Looking', node.emptyPages)
          : l10n.t('No sessions found yet after {0} empty pages, Keep Looking', node.emptyPages);
      }
      return node.loaded > 0
        ? l10n.t('No more applications found yet after {0} empty pages, Keep Looking', node.emptyPages)
        : l10n.t('No applications found yet after {0} empty pages, Keep Looking', node.emptyPages);
    case 'listedFromToken':
      return l10n.t('Listed from a token, not from the newest session; List From Start');
    case 'error':
      return (
        (node.report.kind === 'throttled' ? l10n.t('Warning: {0}', node.report.title) : l10n.t('Error: {0}', node.report.title)) +
        (node.afterRows ? `, ${l10n.t('loading more failed')}` : '')
      );
    case 'action':
      return node.label;
    case 'empty':
      return node.filtered ? l10n.t('{0}, Clear Filters', node.message) : node.message;
  }
}
