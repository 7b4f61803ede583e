import * as vscode from 'vscode';
import type { ExplorerConnection, ExplorerConnections } from '../model/explorerConnections';
import { actionsFor, type ConnectionNode, connectionRowId, ExplorerNode, ExplorerRowBuilder, type SessionNode } from '../model/explorerNodes';
import { isRunningNowRow, RUNNING_NOW_ID, type RunningNowNode, runningNowRows } from '../model/runningNowRows';
import type { RunningNow } from '../model/runningSessions';
import type { ExplorerModel } from '../model/explorerModel';
import type { PagedListing } from '../model/pagedListing';
import { CONTEXT_KEYS } from './commandIds';
import { toTreeItem, tooltipFor } from './treeItems';

/**
 * Maps the explorer's connections to the tree. With one connection its applications are the
 * root rows, as they always were; with several, each connection is a root row whose
 * applications load when it is expanded. Asking for an application's children loads its first
 * page when nothing is loaded yet; everything else comes from the models' caches.
 */
export class SessionsTreeDataProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The rows of each connection's model; a replaced model gets a new builder. */
  private builders = new WeakMap<ExplorerModel, ExplorerRowBuilder>();
  private buildersMulti = false;
  private readonly connectionNodes = new Map<string, ConnectionNode>();
  private readonly subscriptions: { dispose(): void }[];
  private noCredentials = false;
  private readonly noCredentialsChanged = new vscode.EventEmitter<boolean>();
  /**
   * Fired with true when the tree empties because no credentials were found (the view's welcome
   * content then offers the way out), and with false when rows come back.
   */
  readonly onDidChangeNoCredentials = this.noCredentialsChanged.event;
  /** The "Running now" root row: one object, so the tree can refresh it. */
  private readonly runningNowNode: RunningNowNode = { kind: 'runningNow', id: RUNNING_NOW_ID };
  /** The session rows under "Running now", by id, kept from one drawing to the next. */
  private readonly runningSessionNodes = new Map<string, SessionNode>();

  /** `runningNow`: the state behind the "Running now" row; without it the row is not shown. */
  constructor(
    private readonly connections: ExplorerConnections,
    private readonly runningNow?: RunningNow,
  ) {
    this.subscriptions = [
      connections.onDidChange((connection, applicationId) => {
        if (applicationId === undefined) {
          // A connection's top rows: the whole tree with one connection, its row with several.
          this.changed.fire(connections.isMulti ? this.connectionNodes.get(connection.id) : undefined);
          return;
        }
        // An application not shown yet has nothing to refresh.
        const node = this.builder(connection).applicationNode(applicationId);
        if (node) {
          this.changed.fire(node);
        }
      }),
      // One row redraws, keeping its id and place; no other row does.
      connections.onDidChangeSession((connection, applicationId, sessionId) => {
        // The same session under "Running now" shows the newer copy too.
        const session = connection.model.findSession(applicationId, sessionId);
        if (session) {
          this.runningNow?.updateSession(applicationId, session);
        }
        const node = this.builder(connection).sessionNode(applicationId, sessionId);
        if (node) {
          this.changed.fire(node);
        }
      }),
      // Connections added, removed or replaced: their rows go at once.
      connections.onDidChangeList(() => {
        // "Running now" drops a removed connection's sessions, and lists an added one's.
        this.refreshRunningNow();
        this.changed.fire(undefined);
      }),
      // A connection's resolved profile or Region: its row's words.
      connections.onDidChangeConnectionLabel(() => connections.isMulti && this.changed.fire(undefined)),
      // Ages and countdowns: every row redraws from what is loaded, with no request.
      connections.onDidTick(() => this.changed.fire(undefined)),
    ];
  }

  /** "Running now" changed (an answer, a round started): its row and children redraw. */
  runningNowChanged(): void {
    if (this.runningNow?.status === 'loaded') {
      this.runningNowNode.count = this.runningNow.sessions.length;
    }
    this.changed.fire(this.runningNowNode);
  }

  /** Retry from a "Running now" error row: a new round at once. */
  retryRunningNow(): void {
    void this.runningNow?.refresh();
  }

  /** Refresh: "Running now" asks again if it was ever listed; never expanded, it sends nothing. */
  refreshRunningNow(): void {
    if (this.runningNow && this.runningNow.status !== 'notLoaded') {
      void this.runningNow.refresh();
    }
  }

  /** The "Running now" root row, for TreeView.reveal and tests. */
  get runningNowRow(): RunningNowNode {
    return this.runningNowNode;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    // Drawing a row builds no model: a "Running now" row of a connection never expanded has none.
    const model = (node.connectionId === undefined ? this.connections.primary : this.connections.get(node.connectionId))?.builtModel;
    const details =
      model && node.kind === 'session' && node.session.applicationId && node.session.sessionId
        ? model.sessionDetails(node.session.applicationId, node.session.sessionId)?.session
        : undefined;
    const item = toTreeItem(node, model?.now() ?? Date.now(), details);
    // The tree forgets an application's expansion once its row is gone, as it is while an
    // error row stands in for the listing; the model remembers, and the row comes back open.
    if (node.kind === 'application' && model?.expanded.has(node.applicationId)) {
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
    const model = this.connections.modelOf(node);
    if (model && node.kind === 'session' && node.session.applicationId && node.session.sessionId) {
      const { applicationId, sessionId } = node.session;
      let details = model.sessionDetails(applicationId, sessionId);
      const ended = node.session.state === 'TERMINATED' || node.session.state === 'FAILED';
      if (!details || (!ended && model.now() - details.fetchedAt > model.detailsMaxAgeMs)) {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          const session = await (await model.getApi()).getSession(applicationId, sessionId, controller.signal);
          // A model whose connection was removed meanwhile applies nothing.
          model.applySession(applicationId, session);
          details = model.sessionDetails(applicationId, sessionId);
        } catch {
          // The tooltip shows what the listing gave; the request log says what failed.
        } finally {
          cancel.dispose();
        }
      }
      item.tooltip = tooltipFor(node, model.now(), details?.session);
      return item;
    }
    item.tooltip ??= tooltipFor(node, Date.now());
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      return this.roots();
    }
    switch (node.kind) {
      case 'connection': {
        const connection = this.connections.get(node.connectionId);
        return connection ? this.connectionRows(connection) : [];
      }
      case 'application': {
        const connection = this.connectionOfNode(node);
        if (!connection) {
          return [];
        }
        await settled(() => connection.model.sessions(node.applicationId));
        return this.connections.get(connection.id) ? this.builder(connection).sessions(node.applicationId) : [];
      }
      case 'error':
        return actionsFor(node);
      case 'runningNow':
        return this.runningNowChildren();
      default:
        return [];
    }
  }

  /** The active sessions of every connection; the first time, after the first answer. */
  private async runningNowChildren(): Promise<ExplorerNode[]> {
    const running = this.runningNow;
    if (!running) {
      return [];
    }
    if (running.status !== 'loaded') {
      await running.load();
    }
    const label = (id: string) => this.connections.get(id);
    return runningNowRows(
      running,
      {
        multi: this.connections.isMulti,
        connectionName: (id) => label(id)?.name ?? id,
        endpointLabel: (id) => label(id)?.endpointLabel ?? id,
      },
      this.runningSessionNodes,
    );
  }

  /** The row of an application that is shown, for TreeView.reveal; the first connection's without `connectionId`. */
  applicationNode(applicationId: string, connectionId?: string): ExplorerNode | undefined {
    const connection = connectionId === undefined ? this.connections.primary : this.connections.get(connectionId);
    return connection && this.builder(connection).applicationNode(applicationId);
  }

  /** The root row of a connection, while there are several. */
  connectionNode(connectionId: string): ConnectionNode | undefined {
    return this.connections.isMulti ? this.connectionNodes.get(connectionId) : undefined;
  }

  /** The row of a session that is shown, for TreeView.reveal; undefined until its application's rows are drawn. */
  sessionNode(applicationId: string, sessionId: string, connectionId?: string): ExplorerNode | undefined {
    const connection = connectionId === undefined ? this.connections.primary : this.connections.get(connectionId);
    return connection && this.builder(connection).sessionNode(applicationId, sessionId);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    if (node.kind === 'runningNow') {
      return undefined;
    }
    if (node.kind === 'action' && isRunningNowRow(node.errorNode)) {
      return node.errorNode;
    }
    if (isRunningNowRow(node)) {
      return this.runningNowNode;
    }
    const connection = this.connectionOfNode(node);
    if (!connection) {
      return undefined;
    }
    const top = this.connectionNode(connection.id);
    const application = (applicationId: string | undefined) =>
      applicationId === undefined ? top : this.builder(connection).applicationNode(applicationId);
    switch (node.kind) {
      case 'session':
        return application(node.session.applicationId ?? '');
      case 'action':
        return node.errorNode;
      case 'application':
        return top;
      case 'loadMore':
      case 'keepLooking':
      case 'listedFromToken':
      case 'error':
      case 'empty':
        return application(node.parentId);
      default:
        return undefined;
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
    this.noCredentialsChanged.dispose();
  }

  private connectionOfNode(node: ExplorerNode): ExplorerConnection | undefined {
    return node.connectionId === undefined ? this.connections.primary : this.connections.get(node.connectionId);
  }

  /** The row builder of a connection's current model; ids carry the connection's while there are several. */
  private builder(connection: ExplorerConnection): ExplorerRowBuilder {
    const multi = this.connections.isMulti;
    if (multi !== this.buildersMulti) {
      this.builders = new WeakMap();
      this.buildersMulti = multi;
    }
    let builder = this.builders.get(connection.model);
    if (!builder) {
      builder = new ExplorerRowBuilder(connection.model, { id: connection.id, prefixIds: multi });
      this.builders.set(connection.model, builder);
    }
    return builder;
  }

  private async roots(): Promise<ExplorerNode[]> {
    if (this.connections.isMulti) {
      this.setNoCredentials(false);
      // Nothing is requested here: a connection loads when its row is expanded.
      const rows: ExplorerNode[] = this.connections.list.map((c) => this.rowOf(c));
      for (const id of [...this.connectionNodes.keys()]) {
        if (!this.connections.get(id)) {
          this.connectionNodes.delete(id);
        }
      }
      return this.withRunningNow(rows);
    }
    const connection = this.connections.primary;
    const rows = await this.connectionRows(connection);
    if (this.connections.isMulti || this.connections.primary !== connection) {
      // The list changed while the first page loaded; the tree redraws from the new one.
      return [];
    }
    const listing = connection.model.applications;
    // With no credentials at all, the view's welcome content offers the way out.
    this.setNoCredentials(
      listing.items.length === 0 && connection.model.errorOf(listing, 'ListApplications')?.kind === 'noCredentials',
    );
    return this.noCredentials ? [] : this.withRunningNow(rows);
  }

  /** "Running now" above the applications or connections. */
  private withRunningNow(rows: ExplorerNode[]): ExplorerNode[] {
    return this.runningNow && this.connections.list.length > 0 ? [this.runningNowNode, ...rows] : rows;
  }

  /** A connection's applications, after their first page (or its failure). */
  private async connectionRows(connection: ExplorerConnection): Promise<ExplorerNode[]> {
    await settled(() => connection.model.applications);
    // A connection removed or replaced while it loaded shows nothing of what arrived.
    return this.connections.get(connection.id)?.model === connection.model ? this.builder(connection).roots() : [];
  }

  private rowOf(connection: ExplorerConnection): ConnectionNode {
    // Read without creating the connection's model: a row not expanded costs nothing.
    const detail = connection.label;
    let node = this.connectionNodes.get(connection.id);
    if (node) {
      node.name = connection.name;
      node.detail = detail;
    } else {
      node = {
        kind: 'connection',
        id: connectionRowId(connection.id),
        connectionId: connection.id,
        name: connection.name,
        detail,
      };
      this.connectionNodes.set(connection.id, node);
    }
    return node;
  }

  private setNoCredentials(noCredentials: boolean): void {
    if (noCredentials !== this.noCredentials) {
      this.noCredentials = noCredentials;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.noCredentials, noCredentials);
      this.noCredentialsChanged.fire(noCredentials);
    }
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
