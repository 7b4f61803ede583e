import * as vscode from 'vscode';
import type { ActionNode, ExplorerNode, KeepLookingNode, LoadMoreNode, ErrorNode } from '../model/explorerNodes';
import type { ExplorerConnections } from '../model/explorerConnections';
import type { Logger } from '../model/logger';
import { isRunningNowRow } from '../model/runningNowRows';
import { NO_FILTER, SessionFilter } from '../model/sessionFilter';
import { COMMANDS, FROM_TREE_ROW } from './commandIds';
import { registerGuarded } from './commandGuard';
import { pickCreatedAt, pickStates } from './filterPickers';
import type { SessionsTreeDataProvider } from './sessionsTreeDataProvider';

export interface ExplorerCommandDeps {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  /** Saves a new filter (workspace state, view description) and applies it. */
  readonly applyFilter: (filter: SessionFilter) => Promise<void>;
  /** The Sessions view and its rows: "Load more" pressed on a row moves the focus to the first new row. */
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly provider: SessionsTreeDataProvider;
}

/** Refresh, paging, retry and filters. */
export function registerExplorerCommands({ connections, log, applyFilter, view, provider }: ExplorerCommandDeps): vscode.Disposable[] {
  // A row whose connection was removed meanwhile does nothing.
  const retry = (node: ErrorNode) => (isRunningNowRow(node) ? provider.retryRunningNow() : connections.modelOf(node)?.retry(node.parentId));
  const listingOf = (node: LoadMoreNode | KeepLookingNode) => {
    const model = connections.modelOf(node);
    return node.parentId === undefined ? model?.applications : model?.sessions(node.parentId);
  };
  /** The ids of the rows a "Load more" row's listing holds, in order: applications or sessions. */
  const loadedKeys = (node: LoadMoreNode): string[] => {
    const model = connections.modelOf(node);
    if (!model) {
      return [];
    }
    return node.parentId === undefined
      ? model.applications.items.map((a) => a.id ?? '')
      : model.sessions(node.parentId).items.map((s) => s.sessionId ?? '');
  };
  /**
   * Selects and focuses the first row "Load more" brought, as Enter on the row itself would
   * have left it: the "Load more" row is gone and the tree would otherwise lose its focused row.
   * Rows hidden by a filter are passed over; nothing moves when no new row is shown.
   */
  const focusFirstNewRow = async (node: LoadMoreNode, keysBefore: ReadonlySet<string>) => {
    const connectionId = node.connectionId;
    let rowOf: (key: string) => ExplorerNode | undefined;
    if (node.parentId === undefined) {
      // Draws the rows, so that each new one has its row object.
      await provider.getChildren(connectionId === undefined ? undefined : provider.connectionNode(connectionId));
      rowOf = (key) => provider.applicationNode(key, connectionId);
    } else {
      const applicationId = node.parentId;
      const application = provider.applicationNode(applicationId, connectionId);
      if (!application) {
        return;
      }
      await provider.getChildren(application);
      rowOf = (key) => provider.sessionNode(applicationId, key, connectionId);
    }
    for (const key of loadedKeys(node)) {
      const row = keysBefore.has(key) ? undefined : rowOf(key);
      if (row) {
        await view.reveal(row, { select: true, focus: true });
        return;
      }
    }
  };

  return [
    registerGuarded(COMMANDS.refresh, log, () => {
      connections.refresh();
      provider.refreshRunningNow();
    }),
    registerGuarded(COMMANDS.refreshApplication, log, (node?: ExplorerNode) => {
      if (node?.kind === 'application') {
        connections.modelOf(node)?.refreshApplication(node.applicationId);
      }
    }),
    registerGuarded(COMMANDS.loadMore, log, async (node?: LoadMoreNode, origin?: unknown) => {
      if (node?.kind !== 'loadMore') {
        return;
      }
      const listing = listingOf(node);
      const keysBefore = new Set(loadedKeys(node));
      await listing?.loadNext();
      // Only a press on the row itself has a focused row to keep.
      if (origin === FROM_TREE_ROW && listing?.error === undefined) {
        await focusFirstNewRow(node, keysBefore);
      }
    }),
    registerGuarded(COMMANDS.keepLooking, log, async (node?: KeepLookingNode) => {
      if (node?.kind === 'keepLooking') {
        await listingOf(node)?.loadNext();
      }
    }),
    registerGuarded(COMMANDS.retry, log, (node?: ErrorNode) => {
      if (node?.kind === 'error') {
        retry(node);
      }
    }),
    registerGuarded(COMMANDS.runErrorAction, log, async (node?: ActionNode) => {
      if (node?.kind !== 'action') {
        return;
      }
      switch (node.action) {
        case 'retry':
          return retry(node.errorNode);
        case 'refresh':
          return connections.modelOf(node)?.refresh();
        case 'listFromStart':
          return node.errorNode.parentId === undefined ? undefined : connections.modelOf(node)?.listFromStart(node.errorNode.parentId);
        case 'showLog':
          return vscode.commands.executeCommand(COMMANDS.showLog);
        case 'selectProfile':
          return vscode.commands.executeCommand(COMMANDS.selectProfile);
        case 'openSettings':
          return vscode.commands.executeCommand(COMMANDS.openSettings);
        case 'openProxySettings':
          // VS Code's own settings: http.proxy, http.proxyStrictSSL, http.noProxy.
          return vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
        case 'copyLoginCommand':
          return vscode.commands.executeCommand(COMMANDS.copyLoginCommand, node.errorNode);
        case 'openCredentialsFile': {
          const file = node.errorNode.report.fileToOpen;
          return file && vscode.window.showTextDocument(vscode.Uri.file(file.path));
        }
      }
    }),
    registerGuarded(COMMANDS.copyLoginCommand, log, async (node?: ErrorNode) => {
      const command = node?.kind === 'error' ? node.report.loginCommand : undefined;
      if (command) {
        await vscode.env.clipboard.writeText(command);
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied: {0}', command), 4000);
      }
    }),
    registerGuarded(COMMANDS.filterStates, log, async () => {
      const states = await pickStates(connections.filter.states);
      if (states) {
        await applyFilter({ ...connections.filter, states });
      }
    }),
    registerGuarded(COMMANDS.filterCreatedAt, log, async () => {
      const createdAt = await pickCreatedAt(connections.filter.createdAt);
      if (createdAt) {
        await applyFilter({ ...connections.filter, createdAt });
      }
    }),
    registerGuarded(COMMANDS.clearFilters, log, () => applyFilter(NO_FILTER)),
  ];
}
