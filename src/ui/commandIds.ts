/**
 * The extra argument a tree row's own command passes (TreeItem.command), so that a command can
 * tell a click or Enter on the row from a call by another command or the Command Palette.
 */
export const FROM_TREE_ROW = 'treeRow';

/** Command ids, as contributed in package.json. */
export const COMMANDS = {
  refresh: 'emrServerless.refresh',
  refreshApplication: 'emrServerless.refreshApplication',
  loadMore: 'emrServerless.loadMore',
  keepLooking: 'emrServerless.keepLooking',
  retry: 'emrServerless.retry',
  runErrorAction: 'emrServerless.runErrorAction',
  copyLoginCommand: 'emrServerless.copyLoginCommand',
  copyApplicationId: 'emrServerless.copyApplicationId',
  copyApplicationArn: 'emrServerless.copyApplicationArn',
  copySessionArn: 'emrServerless.copySessionArn',
  copySessionId: 'emrServerless.copySessionId',
  showSessionDetails: 'emrServerless.showSessionDetails',
  selectProfile: 'emrServerless.selectProfile',
  selectRegion: 'emrServerless.selectRegion',
  openSettings: 'emrServerless.openSettings',
  showLog: 'emrServerless.showLog',
  filterStates: 'emrServerless.filterStates',
  filterCreatedAt: 'emrServerless.filterCreatedAt',
  filterCreatedByMe: 'emrServerless.filterCreatedByMe',
  /**
   * "Created by Me" as the view title's menu shows it while the filter is on: VS Code draws no
   * check mark for an extension's command (`toggled` is for its own), so this twin's title
   * carries one.
   */
  filterCreatedByMeChecked: 'emrServerless.filterCreatedByMeChecked',
  clearFilters: 'emrServerless.clearFilters',
  startSession: 'emrServerless.startSession',
  terminateSession: 'emrServerless.terminateSession',
  connectSession: 'emrServerless.connectSession',
  detachSession: 'emrServerless.detachSession',
  openSparkUi: 'emrServerless.openSparkUi',
  openInConsole: 'emrServerless.openInConsole',
  showAttachedSession: 'emrServerless.showAttachedSession',
  loadAll: 'emrServerless.loadAll',
  copyAsCliCommand: 'emrServerless.copyAsCliCommand',
  copyAsPython: 'emrServerless.copyAsPython',
  listFromToken: 'emrServerless.listFromToken',
  listFromStart: 'emrServerless.listFromStart',
  exportSessions: 'emrServerless.exportSessions',
  findSession: 'emrServerless.findSession',
  goToSession: 'emrServerless.goToSession',
  addConnection: 'emrServerless.addConnection',
  removeConnection: 'emrServerless.removeConnection',
  addRegions: 'emrServerless.addRegions',
  scanAllRegions: 'emrServerless.scanAllRegions',
  // The view title's entries of commands that also work on a row (see viewTitleCommands.ts).
  startSessionFromViewTitle: 'emrServerless.startSessionFromViewTitle',
  exportSessionsFromViewTitle: 'emrServerless.exportSessionsFromViewTitle',
  addRegionsFromViewTitle: 'emrServerless.addRegionsFromViewTitle',
  scanAllRegionsFromViewTitle: 'emrServerless.scanAllRegionsFromViewTitle',
} as const;

export const VIEW_ID = 'emrServerless.sessions';

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEYS = {
  filtered: 'emrServerless.filtered',
  /** The filter shows only sessions created by the caller: "Created by Me" is checked. */
  createdByMe: 'emrServerless.createdByMe',
  noCredentials: 'emrServerless.noCredentials',
  /** A session is attached: new terminals get SPARK_REMOTE. */
  attached: 'emrServerless.attached',
  /** Requests go to AWS's own endpoints, so console links make sense (no custom endpoint). */
  consoleLinks: 'emrServerless.consoleLinks',
} as const;

/**
 * Each row kind's `contextValue`, which the manifest's item menus match as `viewItem`.
 * Application and session rows carry their state after a dot (see withState), so that a menu
 * can offer an action only in the states where it can work.
 */
export const CONTEXT_VALUES = {
  /** With several connections, a connection's root row: offers Remove Connection. */
  connection: 'connection',
  application: 'application',
  session: 'session',
  /** The "Running now" root row. */
  runningNow: 'runningNow',
  /** "Load more" under the applications. */
  loadMore: 'loadMore',
  /** "Load more" under an application's sessions: offers Load All and the copy commands. */
  loadMoreSessions: 'loadMore.sessions',
  /** "Listed from a token" above sessions listed from a token: offers List From Start. */
  listedFromToken: 'listedFromToken',
  /** "No sessions found yet" after a run of empty pages: offers Keep Looking. */
  keepLooking: 'keepLooking',
  error: 'error',
  /** An error row whose next step is a login command to copy. */
  errorWithLoginCommand: 'error.login',
  /** A next step under an error row; it is clicked, so it has no menu. */
  errorAction: 'errorAction',
  empty: 'empty',
  /** "No sessions match the filter": offers Clear Filters. */
  emptyFiltered: 'empty.filtered',
} as const;

/** The context values that carry a state: `application.STARTED`, `session.IDLE`. */
export type StatefulContextValue = typeof CONTEXT_VALUES.application | typeof CONTEXT_VALUES.session;

/** `KIND.STATE`, with UNKNOWN for a row whose state the service did not give. */
export function withState(kind: StatefulContextValue, state: string | undefined): string {
  return `${kind}.${state ?? 'UNKNOWN'}`;
}
