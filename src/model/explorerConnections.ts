/**
 * The connections the explorer lists, each an ExplorerModel of its own: its own SDK client
 * (created on its first request, so credentials are resolved once per connection and shared by
 * its requests), its own listings, errors and poller. The filter, visibility and poll interval
 * are the same for all. A connection's identity is its profile, Region and endpoint: a new
 * identity gets a new model, and the model it replaces is disposed, so that no answer that
 * arrives for the old connection is ever applied.
 */
import type { ConnectionConfig } from './connectionList';
import { ExplorerModel, type ExplorerModelOptions } from './explorerModel';
import type { SessionFilter } from './sessionFilter';

/** One connection of the explorer. */
export interface ExplorerConnection {
  /** Its identity (connectionList.ts connectionId). */
  readonly id: string;
  /** The row's label. */
  readonly name: string;
  readonly config: ConnectionConfig;
  readonly model: ExplorerModel;
}

export type ExplorerConnectionsOptions = Omit<ExplorerModelOptions, 'settings'> & {
  readonly connections: readonly ConnectionConfig[];
};

/** Fired with the connection and the application whose rows changed (undefined: the connection's top rows). */
export type ConnectionChangeListener = (connection: ExplorerConnection, applicationId: string | undefined) => void;

/** Fired when one session row of a connection changed in place. */
export type ConnectionSessionListener = (connection: ExplorerConnection, applicationId: string, sessionId: string) => void;

export class ExplorerConnections {
  private entries: ExplorerConnection[] = [];
  private filterValue: SessionFilter;
  private visible = false;
  private pollSeconds: number | undefined;
  private readonly subscriptions = new Map<ExplorerModel, { dispose(): void }[]>();
  private readonly listListeners = new Set<() => void>();
  private readonly changeListeners = new Set<ConnectionChangeListener>();
  private readonly sessionListeners = new Set<ConnectionSessionListener>();
  private readonly tickListeners = new Set<() => void>();
  private readonly labelListeners = new Set<() => void>();

  constructor(private readonly options: ExplorerConnectionsOptions) {
    this.filterValue = options.filter;
    this.update(options.connections);
  }

  /** The connections, in the order of the setting. Never empty. */
  get list(): readonly ExplorerConnection[] {
    return this.entries;
  }

  /** Several connections: each is a root row. With one, its applications are the root rows. */
  get isMulti(): boolean {
    return this.entries.length > 1;
  }

  /** The first connection: the only one, or the one a command with no row uses. */
  get primary(): ExplorerConnection {
    return this.entries[0] as ExplorerConnection;
  }

  get filter(): SessionFilter {
    return this.filterValue;
  }

  /** The connection with this identity, if it is still listed. */
  get(id: string | undefined): ExplorerConnection | undefined {
    return id === undefined ? undefined : this.entries.find((c) => c.id === id);
  }

  /**
   * The model of a row's connection: the row's own (by `connectionId`), the first connection's
   * for a row with none, or undefined when the row's connection was removed or replaced.
   */
  modelOf(node: { readonly connectionId?: string } | undefined): ExplorerModel | undefined {
    if (node?.connectionId === undefined) {
      return this.primary.model;
    }
    return this.get(node.connectionId)?.model;
  }

  /** The connection a model belongs to, while it is listed. */
  connectionOf(model: ExplorerModel): ExplorerConnection | undefined {
    return this.entries.find((c) => c.model === model);
  }

  /**
   * A new list: connections with an identity already listed keep their model (a new label,
   * page size or timeout is passed to it); removed ones are disposed at once, which drops their
   * rows and whatever is in flight; new ones start empty and load nothing until expanded.
   */
  update(configs: readonly ConnectionConfig[]): void {
    const before = this.entries;
    const next: ExplorerConnection[] = configs.map((config) => {
      const kept = before.find((c) => c.id === config.id);
      if (kept) {
        kept.model.updateSettings(config.settings);
        return { id: config.id, name: config.name, config, model: kept.model };
      }
      return { id: config.id, name: config.name, config, model: this.createModel(config) };
    });
    // One connection replaced by another (a profile or Region switch): applications that were
    // expanded stay expanded, as a refresh keeps them, and are polled as before.
    if (before.length === 1 && next.length === 1 && before[0]?.model !== next[0]?.model) {
      for (const applicationId of (before[0] as ExplorerConnection).model.expanded) {
        (next[0] as ExplorerConnection).model.setExpanded(applicationId, true);
      }
    }
    for (const old of before) {
      if (!next.some((c) => c.model === old.model)) {
        this.disposeModel(old.model);
      }
    }
    this.entries = next;
    if (before.length > 0) {
      this.fireList();
    }
  }

  setFilter(filter: SessionFilter): void {
    this.filterValue = filter;
    this.entries.forEach((c) => c.model.setFilter(filter));
  }

  /** Reloads every connection. */
  refresh(): void {
    this.entries.forEach((c) => c.model.refresh());
  }

  /** Every connection drops its SDK client and reloads through a new one (see ExplorerModel.reconnect). */
  reconnect(): void {
    this.entries.forEach((c) => c.model.reconnect());
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.entries.forEach((c) => c.model.setVisible(visible));
  }

  setPollInterval(seconds: number): void {
    this.pollSeconds = seconds;
    this.entries.forEach((c) => c.model.setPollInterval(seconds));
  }

  /** The list of connections changed (added, removed, replaced, renamed). */
  onDidChangeList(listener: () => void): { dispose(): void } {
    return subscribe(this.listListeners, listener);
  }

  onDidChange(listener: ConnectionChangeListener): { dispose(): void } {
    return subscribe(this.changeListeners, listener);
  }

  onDidChangeSession(listener: ConnectionSessionListener): { dispose(): void } {
    return subscribe(this.sessionListeners, listener);
  }

  /** Once a minute while the view is visible (any connection's tick). */
  onDidTick(listener: () => void): { dispose(): void } {
    return subscribe(this.tickListeners, listener);
  }

  /** A connection's resolved Region or profile became known (its `connectionLabel` changed). */
  onDidChangeConnectionLabel(listener: () => void): { dispose(): void } {
    return subscribe(this.labelListeners, listener);
  }

  dispose(): void {
    this.entries.forEach((c) => this.disposeModel(c.model));
    this.entries = [];
    for (const set of [
      this.listListeners,
      this.changeListeners,
      this.sessionListeners,
      this.tickListeners,
      this.labelListeners,
    ]) {
      set.clear();
    }
  }

  private createModel(config: ConnectionConfig): ExplorerModel {
    const model = new ExplorerModel({ ...this.options, settings: config.settings, filter: this.filterValue });
    if (this.pollSeconds !== undefined) {
      model.setPollInterval(this.pollSeconds);
    }
    model.setVisible(this.visible);
    const owner = () => this.connectionOf(model);
    this.subscriptions.set(model, [
      model.onDidChange((applicationId) => {
        const c = owner();
        if (c) {
          [...this.changeListeners].forEach((l) => l(c, applicationId));
        }
      }),
      model.onDidChangeSession((applicationId, sessionId) => {
        const c = owner();
        if (c) {
          [...this.sessionListeners].forEach((l) => l(c, applicationId, sessionId));
        }
      }),
      model.onDidTick(() => [...this.tickListeners].forEach((l) => l())),
      model.onDidChangeConnection(() => owner() && [...this.labelListeners].forEach((l) => l())),
    ]);
    return model;
  }

  private disposeModel(model: ExplorerModel): void {
    this.subscriptions.get(model)?.forEach((s) => s.dispose());
    this.subscriptions.delete(model);
    model.dispose();
  }

  private fireList(): void {
    [...this.listListeners].forEach((l) => l());
  }
}

function subscribe<T>(set: Set<T>, listener: T): { dispose(): void } {
  set.add(listener);
  return { dispose: () => set.delete(listener) };
}
