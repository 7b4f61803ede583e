import * as vscode from 'vscode';
import type { ActionNode, ExplorerNode, KeepLookingNode, LoadMoreNode, ErrorNode } from '../model/explorerNodes';
import type { ExplorerConnections } from '../model/explorerConnections';
import type { Logger } from '../model/logger';
import { NO_FILTER, SessionFilter } from '../model/sessionFilter';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { pickCreatedAt, pickStates } from './filterPickers';

export interface ExplorerCommandDeps {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  /** Saves a new filter (workspace state, view description) and applies it. */
  readonly applyFilter: (filter: SessionFilter) => Promise<void>;
}

/** Refresh, paging, retry and filters. */
export function registerExplorerCommands({ connections, log, applyFilter }: ExplorerCommandDeps): vscode.Disposable[] {
  // A row whose connection was removed meanwhile does nothing.
  const retry = (node: ErrorNode) => connections.modelOf(node)?.retry(node.parentId);
  const listingOf = (node: LoadMoreNode | KeepLookingNode) => {
    const model = connections.modelOf(node);
    return node.parentId === undefined ? model?.applications : model?.sessions(node.parentId);
  };

  return [
    registerGuarded(COMMANDS.refresh, log, () => connections.refresh()),
    registerGuarded(COMMANDS.refreshApplication, log, (node?: ExplorerNode) => {
      if (node?.kind === 'application') {
        connections.modelOf(node)?.refreshApplication(node.applicationId);
      }
    }),
    registerGuarded(COMMANDS.loadMore, log, async (node?: LoadMoreNode) => {
      if (node?.kind === 'loadMore') {
        await listingOf(node)?.loadNext();
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
        vscode.window.setStatusBarMessage(`$(check) Copied: ${command}`, 4000);
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
