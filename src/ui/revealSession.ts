/**
 * Shows one session's row in the tree, selected and focused (TreeView.reveal), loading what it
 * takes: the pages of applications up to its application, and the pages of its sessions up to
 * its page, through the listings the tree shows, at most `emrServerless.maxItems` sessions.
 */
import * as vscode from 'vscode';
import type { ExplorerModel } from '../model/explorerModel';
import type { ExplorerNode } from '../model/explorerNodes';
import type { SessionsTreeDataProvider } from './sessionsTreeDataProvider';

export interface RevealSessionDeps {
  /** The model of the connection the session is looked for in. */
  readonly model: ExplorerModel;
  /** That connection's identity; the first connection's when absent. */
  readonly connectionId?: string;
  readonly provider: SessionsTreeDataProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
}

/**
 * Why a session could not be revealed: its application is not listed (it is terminated, or of
 * another connection), its sessions are not listed under the current filter within `maxItems`,
 * a page failed (its error row says why), or the user cancelled the loading.
 */
export type RevealOutcome = 'revealed' | 'noApplication' | 'notListed' | 'failed' | 'cancelled';

/** Reveals a session's row; loads pages as needed, with a cancellable notification when it must. */
export async function revealSession(
  deps: RevealSessionDeps,
  applicationId: string,
  sessionId: string,
  options: { maxItems: number; what: string },
): Promise<RevealOutcome> {
  const { model, provider, view } = deps;
  // The application's row: the first page of applications, then more until it is found.
  await provider.getChildren();
  const apps = model.applications;
  while (!apps.find(applicationId) && apps.hasMore && apps.error === undefined) {
    await apps.loadNext();
  }
  if (!model.applications.find(applicationId)) {
    return apps.error === undefined ? 'noApplication' : 'failed';
  }
  await provider.getChildren();
  // With several connections, the connection's own rows hold the application's.
  const top = deps.connectionId === undefined ? undefined : provider.connectionNode(deps.connectionId);
  if (top) {
    await provider.getChildren(top);
  }
  const found = () => model.findSession(applicationId, sessionId) !== undefined;
  if (!found()) {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for {0}', options.what), cancellable: true },
      (progress, token) =>
        model.loadAll(applicationId, {
          maxItems: options.maxItems,
          until: found,
          isCancelled: () => token.isCancellationRequested,
          onProgress: (loaded) => progress.report({ message: vscode.l10n.t('{0} sessions loaded', loaded) }),
        }),
    );
    if (!found()) {
      return result.stoppedBy === 'cancelled' ? 'cancelled' : result.stoppedBy === 'error' ? 'failed' : 'notListed';
    }
  }
  const application = provider.applicationNode(applicationId, deps.connectionId);
  if (!application) {
    return 'noApplication';
  }
  model.setExpanded(applicationId, true);
  await view.reveal(application, { expand: true, select: false, focus: false });
  // Draws the application's rows, so that the session has its row object.
  await provider.getChildren(application);
  const row = provider.sessionNode(applicationId, sessionId, deps.connectionId);
  if (!row) {
    return 'notListed';
  }
  await view.reveal(row, { select: true, focus: true });
  return 'revealed';
}
