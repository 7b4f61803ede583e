import * as l10n from '@vscode/l10n';

/** The session states EMR Serverless reports, in lifecycle order. */
export const SESSION_STATES = [
  'SUBMITTED',
  'STARTING',
  'STARTED',
  'IDLE',
  'BUSY',
  'FAILED',
  'TERMINATING',
  'TERMINATED',
] as const;

export type SessionState = (typeof SESSION_STATES)[number];

/** Named groups offered as shortcuts in the state filter. */
export const STATE_GROUPS: readonly { label: string; states: readonly SessionState[] }[] = [
  {
    get label() {
      return l10n.t('Active');
    },
    states: ['STARTED', 'IDLE', 'BUSY'] },
  {
    get label() {
      return l10n.t('Starting or stopping');
    },
    states: ['SUBMITTED', 'STARTING', 'TERMINATING'] },
  {
    get label() {
      return l10n.t('Ended');
    },
    states: ['FAILED', 'TERMINATED'] },
];

/** Puts states in lifecycle order and drops duplicates and unknown values. */
export function normalizeStates(states: readonly unknown[]): SessionState[] {
  return SESSION_STATES.filter((s) => states.includes(s));
}

/**
 * Sessions in these states move on by themselves (to IDLE, FAILED or TERMINATED), so their rows
 * are polled; the others stay as they are until someone acts. A new state fails to compile here
 * until it is placed.
 */
export const SESSION_STATE_IS_TRANSITIONAL: Record<SessionState, boolean> = {
  SUBMITTED: true,
  STARTING: true,
  STARTED: true,
  IDLE: false,
  BUSY: false,
  FAILED: false,
  TERMINATING: true,
  TERMINATED: false,
};

/** Whether a session in `state` changes by itself; false for a missing or unknown state. */
export function isTransitionalSessionState(state: string | undefined): boolean {
  return (
    (SESSION_STATES as readonly (string | undefined)[]).includes(state) && SESSION_STATE_IS_TRANSITIONAL[state as SessionState]
  );
}

/**
 * Sessions in these states are active: they count against the application's quota of active
 * sessions (25 by default). "Running now" lists these.
 */
export const ACTIVE_SESSION_STATES = ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY'] as const satisfies readonly SessionState[];

/**
 * Whether a copy of a session in state `candidate` can describe it after a copy in state
 * `shown`: once TERMINATING, a session only ends (TERMINATED or FAILED), and an ended one never
 * changes again (the session lifecycle in the EMR Serverless API reference). A late answer
 * computed before a Terminate, whose IDLE would otherwise replace TERMINATING, fails this
 * whatever the clocks say. Unknown or missing states are not judged (true).
 */
export function canFollowSessionState(shown: string | undefined, candidate: string | undefined): boolean {
  switch (shown) {
    case 'TERMINATING':
      return candidate === 'TERMINATING' || candidate === 'TERMINATED' || candidate === 'FAILED';
    case 'TERMINATED':
    case 'FAILED':
      return candidate === shown;
    default:
      return true;
  }
}
