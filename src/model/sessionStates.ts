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
  { label: 'Active', states: ['STARTED', 'IDLE', 'BUSY'] },
  { label: 'Starting or stopping', states: ['SUBMITTED', 'STARTING', 'TERMINATING'] },
  { label: 'Ended', states: ['FAILED', 'TERMINATED'] },
];

/** Puts states in lifecycle order and drops duplicates and unknown values. */
export function normalizeStates(states: readonly unknown[]): SessionState[] {
  return SESSION_STATES.filter((s) => states.includes(s));
}
