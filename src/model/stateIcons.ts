import type { ApplicationState, SessionState } from '@aws-sdk/client-emr-serverless';

/**
 * How each state looks in the tree: a codicon id (`~spin` makes it spin), a theme colour id,
 * and whether the row also names the state in words. Plain strings, so the model can test the
 * tables; `src/ui/treeItems.ts` turns them into `ThemeIcon`s.
 *
 * The tables are `Record`s over the SDK's own state unions, so a state the SDK adds fails to
 * compile until it has an icon here. No icon is shaped like a control (a checkbox, a radio
 * button, a play or stop button), because a row's icon cannot be clicked.
 */
export interface StateLook {
  /** Codicon id, e.g. "coffee" or "sync~spin". */
  readonly icon: string;
  /** Theme colour id, e.g. "charts.green". */
  readonly color: string;
  /**
   * Whether the description names the state. True where the icon alone does not tell the
   * state: spinning icons say only "in progress", and a shape shared by two states is told
   * apart by colour alone.
   */
  readonly inWords: boolean;
}

/** Session states, SUBMITTED to TERMINATED; SUBMITTED, STARTING and TERMINATING spin. */
export const SESSION_STATE_LOOKS: Readonly<Record<SessionState, StateLook>> = {
  SUBMITTED: { icon: 'loading~spin', color: 'charts.blue', inWords: true },
  STARTING: { icon: 'sync~spin', color: 'charts.yellow', inWords: true },
  STARTED: { icon: 'vm-running', color: 'charts.green', inWords: false },
  IDLE: { icon: 'coffee', color: 'terminal.ansiCyan', inWords: false },
  BUSY: { icon: 'pulse', color: 'charts.orange', inWords: false },
  FAILED: { icon: 'error', color: 'charts.red', inWords: false },
  TERMINATING: { icon: 'gear~spin', color: 'charts.purple', inWords: true },
  TERMINATED: { icon: 'circle-slash', color: 'disabledForeground', inWords: false },
};

/** Application states; CREATING, STARTING and STOPPING spin. */
export const APPLICATION_STATE_LOOKS: Readonly<Record<ApplicationState, StateLook>> = {
  CREATING: { icon: 'loading~spin', color: 'charts.blue', inWords: true },
  CREATED: { icon: 'server', color: 'charts.blue', inWords: true },
  STARTING: { icon: 'sync~spin', color: 'charts.yellow', inWords: true },
  STARTED: { icon: 'server-process', color: 'charts.green', inWords: false },
  STOPPING: { icon: 'sync~spin', color: 'charts.orange', inWords: true },
  STOPPED: { icon: 'server', color: 'disabledForeground', inWords: true },
  TERMINATED: { icon: 'circle-slash', color: 'disabledForeground', inWords: false },
};

/** A state missing from the answer, or one this version does not know: always in words. */
export const UNKNOWN_STATE_LOOK: StateLook = { icon: 'question', color: 'foreground', inWords: true };

/** The look of a session state as the service reported it (a string, possibly new or absent). */
export function sessionStateLook(state: string | undefined): StateLook {
  return lookUp(SESSION_STATE_LOOKS, state);
}

/** The look of an application state as the service reported it. */
export function applicationStateLook(state: string | undefined): StateLook {
  return lookUp(APPLICATION_STATE_LOOKS, state);
}

function lookUp(table: Readonly<Record<string, StateLook>>, state: string | undefined): StateLook {
  return state !== undefined && Object.prototype.hasOwnProperty.call(table, state) ? table[state] : UNKNOWN_STATE_LOOK;
}
