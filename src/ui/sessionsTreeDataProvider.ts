import * as vscode from 'vscode';
import { actionsFor, ExplorerNode, ExplorerRowBuilder } from '../model/explorerNodes';
import type { ExplorerModel } from '../model/explorerModel';
import type { PagedListing } from '../model/pagedListing';
import { CONTEXT_KEYS } from './commandIds';
import { toTreeItem, tooltipFor } from './treeItems';

/**
 * Maps the explorer model to the tree. Asking for an application's children loads its first
 * page when nothing is loaded yet; everything else comes from the model's cache.
 */
export class SessionsTreeDataProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes: ExplorerRowBuilder;
  private readonly subscriptions: { dispose(): void }[];
  private noCredentials = false;

  constructor(private readonly model: ExplorerModel) {
    this.nodes = new ExplorerRowBuilder(model);
    this.subscriptions = [
      model.onDidChange((applicationId) => {
        const node = applicationId === undefined ? undefined : this.nodes.applicationNode(applicationId);
        // An application not shown yet has nothing to refresh.
        if (applicationId === undefined || node) {
          this.changed.fire(node);
        }
      }),
      // One row redraws, keeping its id and place; no other row does.
      model.onDidChangeSession((applicationId, sessionId) => {
        const node = this.nodes.sessionNode(applicationId, sessionId);
        if (node) {
          this.changed.fire(node);
        }
      }),
      // Ages and countdowns: every row redraws from what is loaded, with no request.
      model.onDidTick(() => this.changed.fire(undefined)),
    ];
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = toTreeItem(node, this.model.now());
    // The tree forgets an application's expansion once its row is gone, as it is while an
    // error row stands in for the listing; the model remembers, and the row comes back open.
    if (node.kind === 'application' && this.model.expanded.has(node.applicationId)) {
      item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    }
    return item;
  }

  /**
   * Builds the tooltip on hover. A session's cost and limits come from GetSession: for a
   * running session at most once per poll interval, for an ended one once; a failure leaves
   * the tooltip without them.
   */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind === 'session' && node.session.applicationId && node.session.sessionId) {
      const { applicationId, sessionId } = node.session;
      let details = this.model.sessionDetails(applicationId, sessionId);
      const ended = node.session.state === 'TERMINATED' || node.session.state === 'FAILED';
      if (!details || (!ended && this.model.now() - details.fetchedAt > this.model.detailsMaxAgeMs)) {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          const session = await (await this.model.getApi()).getSession(applicationId, sessionId, controller.signal);
          this.model.applySession(applicationId, session);
          details = this.model.sessionDetails(applicationId, sessionId);
        } catch {
          // The tooltip shows what the listing gave; the request log says what failed.
        } finally {
          cancel.dispose();
        }
      }
      item.tooltip = tooltipFor(node, this.model.now(), details?.session);
      return item;
    }
    item.tooltip ??= tooltipFor(node, this.model.now());
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      return this.roots();
    }
    switch (node.kind) {
      case 'application': {
        await settled(() => this.model.sessions(node.applicationId));
        return this.nodes.sessions(node.applicationId);
      }
      case 'error':
        return actionsFor(node);
      default:
        return [];
    }
  }

  /** The row of an application that is shown, for TreeView.reveal. */
  applicationNode(applicationId: string): ExplorerNode | undefined {
    return this.nodes.applicationNode(applicationId);
  }

  /** The row of a session that is shown, for TreeView.reveal; undefined until its application's rows are drawn. */
  sessionNode(applicationId: string, sessionId: string): ExplorerNode | undefined {
    return this.nodes.sessionNode(applicationId, sessionId);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    switch (node.kind) {
      case 'session':
        return this.nodes.applicationNode(node.session.applicationId ?? '');
      case 'action':
        return node.errorNode;
      case 'loadMore':
      case 'keepLooking':
      case 'listedFromToken':
      case 'error':
      case 'empty':
        return node.parentId === undefined ? undefined : this.nodes.applicationNode(node.parentId);
      default:
        return undefined;
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }

  private async roots(): Promise<ExplorerNode[]> {
    const listing = await settled(() => this.model.applications);
    const rows = this.nodes.roots();
    // With no credentials at all, the view's welcome content offers the way out.
    const noCredentials =
      listing.items.length === 0 && this.model.errorOf(listing, 'ListApplications')?.kind === 'noCredentials';
    if (noCredentials !== this.noCredentials) {
      this.noCredentials = noCredentials;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.noCredentials, noCredentials);
    }
    return noCredentials ? [] : rows;
  }
}

/**
 * Loads a listing's first rows if they were never asked for, or waits for the load in flight.
 * That load goes on through empty pages that carry a nextToken (see PagedListing), so the tree
 * never shows "Load more · 0 sessions loaded" while the service is still answering. A failed
 * first page is not asked for again here: only Retry does that, so a lasting
 * failure cannot turn into a loop of requests each time the tree redraws.
 */
async function firstPage<T>(listing: PagedListing<T>): Promise<void> {
  if (listing.status === 'notStarted') {
    await listing.loadNext();
  } else if (!listing.started) {
    await listing.whenIdle();
  }
}

/**
 * The first page of the current listing. A refresh, filter or settings change during the
 * wait replaces the listing; then the new one is waited for, so the rows returned are never
 * those of a listing that is already gone.
 */
async function settled<T>(current: () => PagedListing<T>): Promise<PagedListing<T>> {
  for (;;) {
    const listing = current();
    await firstPage(listing);
    if (current() === listing) {
      return listing;
    }
  }
}
