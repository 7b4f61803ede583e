/** Command ids, as contributed in package.json. */
export const COMMANDS = {
  refresh: 'emrServerless.refresh',
  refreshApplication: 'emrServerless.refreshApplication',
  loadMore: 'emrServerless.loadMore',
  retry: 'emrServerless.retry',
  runErrorAction: 'emrServerless.runErrorAction',
  copyLoginCommand: 'emrServerless.copyLoginCommand',
  copySessionArn: 'emrServerless.copySessionArn',
  copySessionId: 'emrServerless.copySessionId',
  showSessionDetails: 'emrServerless.showSessionDetails',
  selectProfile: 'emrServerless.selectProfile',
  selectRegion: 'emrServerless.selectRegion',
  openSettings: 'emrServerless.openSettings',
  showLog: 'emrServerless.showLog',
  filterStates: 'emrServerless.filterStates',
  filterCreatedAt: 'emrServerless.filterCreatedAt',
  clearFilters: 'emrServerless.clearFilters',
} as const;

export const VIEW_ID = 'emrServerless.sessions';

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEYS = {
  filtered: 'emrServerless.filtered',
  noCredentials: 'emrServerless.noCredentials',
} as const;
