import * as vscode from 'vscode';
import type { ExplorerModel } from '../model/explorerModel';
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
  readonly model: ExplorerModel;
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly workspaceState: vscode.Memento;
  readonly log: Logger;
}

/**
 * Shows the connection and the model's filter on the view now and whenever either changes
 * (description, message and the `filtered` context key that shows Clear Filters), and returns
 * the function that changes the filter: it saves the filter in the workspace state, logs it,
 * applies it to the model and shows it.
 */
export function bindFilterState({ model, view, workspaceState, log }: FilterStateDeps): (filter: SessionFilter) => Promise<void> {
  // The header: which profile, Region and endpoint the view shows, then the filter.
  const show = () => {
    const description = describeFilter(model.filter);
    const connection = model.connectionLabel;
    view.description = description ? `${connection} · ${description}` : connection;
    // A view alone in its container hides its description, so the tree says it too, with why
    // the rows may not be newest first.
    const note = stateOrderNote(model.filter);
    view.message = description ? `${connection} · Filtered: ${description}${note ? `. ${note}` : ''}` : connection;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, isFilterActive(model.filter));
  };
  show();
  // Ends with the model, which drops its listeners when disposed.
  model.onDidChangeConnection(show);
  return async (filter) => {
    await workspaceState.update(FILTER_STATE_KEY, filter);
    log.info(`[filter] ${describeFilter(filter) ?? 'none'}`);
    model.setFilter(filter);
    show();
  };
}
