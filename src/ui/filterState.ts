import * as vscode from 'vscode';
import type { ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerNode } from '../model/explorerNodes';
import type { Logger } from '../model/logger';
import { describeFilter, isFilterActive, parseStoredFilter, SessionFilter, stateOrderNote } from '../model/sessionFilter';
import { CONTEXT_KEYS } from './commandIds';

/** workspaceState key: the session filter, kept per workspace across reloads. */
const FILTER_STATE_KEY = 'emrServerless.filter';

/** The filter this workspace used last, or no filter; anything that could not be sent is dropped. */
export function restoreFilter(workspaceState: vscode.Memento): SessionFilter {
  return parseStoredFilter(workspaceState.get(FILTER_STATE_KEY));
}

export interface FilterStateDeps {
  readonly connections: ExplorerConnections;
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly workspaceState: vscode.Memento;
  readonly log: Logger;
  /**
   * Fired with true while the tree is empty for want of credentials. VS Code shows a view's
   * welcome content only while its message is empty, so the message is cleared meanwhile.
   */
  readonly onDidChangeNoCredentials?: vscode.Event<boolean>;
}

/**
 * Shows the connection and the model's filter on the view now and whenever either changes
 * (description, message and the `filtered` context key that shows Clear Filters), and returns
 * the function that changes the filter: it saves the filter in the workspace state, logs it,
 * applies it to the model and shows it.
 */
export function bindFilterState({
  connections,
  view,
  workspaceState,
  log,
  onDidChangeNoCredentials,
}: FilterStateDeps): (filter: SessionFilter) => Promise<void> {
  let welcomeShown = false;
  // The header: which profile, Region and endpoint the view shows (with several connections,
  // how many: each row names its own), then the filter.
  const show = () => {
    const description = describeFilter(connections.filter);
    const connection = connections.isMulti ? vscode.l10n.t('{0} connections', connections.list.length) : connections.primary.model.connectionLabel;
    view.description = description ? `${connection} · ${description}` : connection;
    // A view alone in its container hides its description, so the tree says it too, with why
    // the rows may not be newest first.
    const note = stateOrderNote(connections.filter);
    const filtered = description ? vscode.l10n.t('{0} · Filtered: {1}', connection, description) : connection;
    view.message = welcomeShown ? undefined : note ? `${filtered}. ${note}` : filtered;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, isFilterActive(connections.filter));
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.createdByMe, connections.filter.createdByMe === true);
  };
  show();
  // Ends with the connections, which drop their listeners when disposed.
  connections.onDidChangeConnectionLabel(show);
  connections.onDidChangeList(show);
  onDidChangeNoCredentials?.((noCredentials) => {
    welcomeShown = noCredentials;
    show();
  });
  return async (filter) => {
    await workspaceState.update(FILTER_STATE_KEY, filter);
    log.info(`[filter] ${describeFilter(filter) ?? 'none'}`);
    connections.setFilter(filter);
    show();
  };
}
