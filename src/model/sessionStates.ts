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

export function isSessionState(value: unknown): value is SessionState {
  return typeof value === 'string' && (SESSION_STATES as readonly string[]).includes(value);
}

/** States a session passes through on its own; polling and spinners apply to these. */
export const TRANSITIONAL_STATES: readonly SessionState[] = ['SUBMITTED', 'STARTING', 'TERMINATING'];

export function isTransitional(state: string | undefined): boolean {
  return (TRANSITIONAL_STATES as readonly string[]).includes(state ?? '');
}

/** Named groups offered as shortcuts in the state filter. */
export const STATE_GROUPS: readonly { label: string; states: readonly SessionState[] }[] = [
  { label: 'Active', states: ['STARTED', 'IDLE', 'BUSY'] },
  { label: 'Starting or stopping', states: ['SUBMITTED', 'STARTING', 'TERMINATING'] },
  { label: 'Ended', states: ['FAILED', 'TERMINATED'] },
];

/** Puts states in lifecycle order and drops duplicates and unknown values. */
export function normalizeStates(states: readonly unknown[]): SessionState[] {
  return SESSION_STATES.filter((s) => states.includes(s));
}
