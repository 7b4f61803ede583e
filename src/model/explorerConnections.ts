/**
 * The connections the explorer lists, each an ExplorerModel of its own: its own SDK client
 * (created on its first request, so credentials are resolved once per connection and shared by
 * its requests), its own listings, errors and poller. A connection's model is itself created
 * when something first asks for it (its row expanded, a command on it), so listing many
 * connections costs next to nothing until one is used; "Running now" lists every connection
 * through its API alone (ExplorerConnection.api), which the model takes over when it is made.
 * The filter, visibility and poll interval are the same for all. A connection's identity is its profile, Region and endpoint: a new
 * identity gets a new model, and the model it replaces is disposed, so that no answer that
 * arrives for the old connection is ever applied.
 */
import type { ConnectionConfig } from './connectionList';
import type { EmrApi } from './emrApi';
import { connectionLabel, endpointLabel, ExplorerModel, type ExplorerModelOptions, unusableConnection } from './explorerModel';
import type { SessionFilter } from './sessionFilter';
import { type ConnectionSettings, type ExplorerSettings, sameConnection } from './settings';

/** One connection of the explorer. */
export interface ExplorerConnection {
  /** Its identity (connectionList.ts connectionId). */
  readonly id: string;
  /** The row's label. */
  readonly name: string;
  readonly config: ConnectionConfig;
  /** Its model, created on first read (which resolves nothing: no credentials, no SDK client). */
  readonly model: ExplorerModel;
  /** Its model if something created it already, without creating it ("Running now" rows draw without one). */
  readonly builtModel: ExplorerModel | undefined;
  /** ExplorerModel.connectionLabel, read without creating the model. */
  readonly label: string;
  /** ExplorerModel.endpointLabel ("EMR Serverless in eu-west-1", or the endpoint), read without creating the model. */
  readonly endpointLabel: string;
  /**
   * The connection's API, for work across connections ("Running now") that does not need its
   * rows: its model's (ExplorerModel.getApi) once the model exists; before that, an API of its
   * own that the model takes over when it is created, so credentials are still resolved once.
   * Rejects as ExplorerModel.getApi does.
   */
  api(): Promise<EmrApi>;
}

/**
 * Holds a connection's model from its first use on, and before it, the API that work across
 * connections asked for; kept across updates that keep the connection.
 */
class ModelSlot {
  private value: ExplorerModel | undefined;
  /** Set once the connection is removed or replaced: a model first asked for then is born disposed. */
  private retired = false;
  /** The API made before the model, for the settings it was made with; the model takes it over. */
  private early: { readonly connection: ConnectionSettings; readonly api: Promise<EmrApi> } | undefined;

  constructor(
    private settings: ExplorerSettings,
    private readonly create: (settings: ExplorerSettings, retired: boolean, createApi: ExplorerModelOptions['createApi']) => ExplorerModel,
    private readonly createApi: ExplorerModelOptions['createApi'],
  ) {}

  get(): ExplorerModel {
    return (this.value ??= this.create(this.settings, this.retired, (connection) => this.takeEarlyApi(connection) ?? this.createApi(connection)));
  }

  /** The model if it was created, without creating it. */
  peek(): ExplorerModel | undefined {
    return this.value;
  }

  /** See ExplorerConnection.api. */
  api(): Promise<EmrApi> {
    if (this.value) {
      return this.value.getApi();
    }
    const connection = this.settings.connection;
    const unusable = unusableConnection(connection, this.retired);
    if (unusable) {
      return Promise.reject(unusable);
    }
    if (!this.early) {
      const early = { connection, api: this.createApi(connection) };
      // A failed creation is retried on the next request, as the model's own is.
      early.api.catch(() => {
        if (this.early === early) {
          this.early = undefined;
        }
      });
      this.early = early;
    }
    return this.early.api;
  }

  /** New settings for the same connection (label, page size, timeout). */
  update(settings: ExplorerSettings): void {
    if (!sameConnection(this.settings.connection, settings.connection)) {
      this.dropEarlyApi();
    }
    this.settings = settings;
    this.value?.updateSettings(settings);
  }

  /** The SDK client is rebuilt on next use (ExplorerModel.reconnect). */
  reconnect(): void {
    this.dropEarlyApi();
    this.value?.reconnect();
  }

  /** The connection is gone; returns its model, if one was created, for disposing. */
  retire(): ExplorerModel | undefined {
    this.retired = true;
    this.dropEarlyApi();
    return this.value;
  }

  /** The API made before the model, for the model's own connection (not another Region's). */
  private takeEarlyApi(connection: ConnectionSettings): Promise<EmrApi> | undefined {
    const early = this.early;
    if (!early || !sameConnection(early.connection, connection)) {
      return undefined;
    }
    this.early = undefined;
    return early.api;
  }

  private dropEarlyApi(): void {
    void this.early?.api.then((api) => api.dispose(), () => undefined);
    this.early = undefined;
  }
}

class Connection implements ExplorerConnection {
  constructor(
    readonly id: string,
    readonly name: string,
    readonly config: ConnectionConfig,
    readonly slot: ModelSlot,
  ) {}

  get model(): ExplorerModel {
    return this.slot.get();
  }

  get builtModel(): ExplorerModel | undefined {
    return this.slot.peek();
  }

  get label(): string {
    return this.slot.peek()?.connectionLabel ?? connectionLabel(this.config.settings.connection);
  }

  get endpointLabel(): string {
    return this.slot.peek()?.endpointLabel ?? endpointLabel(this.config.settings.connection);
  }

  api(): Promise<EmrApi> {
    return this.slot.api();
  }
}

export type ExplorerConnectionsOptions = Omit<ExplorerModelOptions, 'settings'> & {
  readonly connections: readonly ConnectionConfig[];
};

/** Fired with the connection and the application whose rows changed (undefined: the connection's top rows). */
export type ConnectionChangeListener = (connection: ExplorerConnection, applicationId: string | undefined) => void;

/** Fired when one session row of a connection changed in place. */
export type ConnectionSessionListener = (connection: ExplorerConnection, applicationId: string, sessionId: string) => void;

export class ExplorerConnections {
  private entries: Connection[] = [];
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
    return this.entries[0] as Connection;
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
    return this.entries.find((c) => c.slot.peek() === model);
  }

  /**
   * A new list: connections with an identity already listed keep their model (a new label,
   * page size or timeout is passed to it); removed ones are disposed at once, which drops their
   * rows and whatever is in flight; new ones start empty and load nothing until expanded.
   */
  update(configs: readonly ConnectionConfig[]): void {
    const before = this.entries;
    const next = configs.map((config) => {
      const kept = before.find((c) => c.id === config.id);
      if (kept) {
        kept.slot.update(config.settings);
        return new Connection(config.id, config.name, config, kept.slot);
      }
      return new Connection(config.id, config.name, config, new ModelSlot(config.settings, (s, retired, createApi) => this.createModel(s, retired, createApi), this.options.createApi));
    });
    // One connection replaced by another (a profile or Region switch): applications that were
    // expanded stay expanded, as a refresh keeps them, and are polled as before.
    const replaced = before.length === 1 && next.length === 1 && before[0]?.slot !== next[0]?.slot ? before[0]?.slot.peek() : undefined;
    if (replaced && replaced.expanded.size > 0) {
      for (const applicationId of replaced.expanded) {
        (next[0] as Connection).model.setExpanded(applicationId, true);
      }
    }
    for (const old of before) {
      if (!next.some((c) => c.slot === old.slot)) {
        this.retire(old);
      }
    }
    this.entries = next;
    if (before.length > 0) {
      this.fireList();
    }
  }

  setFilter(filter: SessionFilter): void {
    this.filterValue = filter;
    this.created().forEach((m) => m.setFilter(filter));
  }

  /** Reloads every connection. */
  refresh(): void {
    this.created().forEach((m) => m.refresh());
  }

  /** Every connection drops its SDK client and reloads through a new one (see ExplorerModel.reconnect). */
  reconnect(): void {
    this.entries.forEach((c) => c.slot.reconnect());
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.created().forEach((m) => m.setVisible(visible));
  }

  setPollInterval(seconds: number): void {
    this.pollSeconds = seconds;
    this.created().forEach((m) => m.setPollInterval(seconds));
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

  /** A connection is gone: a model it made is disposed, and one first asked for later is born disposed. */
  private retire(connection: Connection): void {
    const model = connection.slot.retire();
    if (model) {
      this.disposeModel(model);
    }
  }

  dispose(): void {
    this.entries.forEach((c) => this.retire(c));
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

  /** The models created so far: a connection never used has nothing to filter, poll or reload. */
  private created(): ExplorerModel[] {
    return this.entries.flatMap((c) => c.slot.peek() ?? []);
  }

  /**
   * A connection's model, on its first use. One first asked for after its connection was
   * removed (by code still holding the old connection) is disposed at once: it sends nothing
   * and applies nothing, as the model it would have had.
   */
  private createModel(settings: ExplorerSettings, retired: boolean, createApi: ExplorerModelOptions['createApi']): ExplorerModel {
    const model = new ExplorerModel({ ...this.options, createApi, settings, filter: this.filterValue });
    if (retired) {
      model.dispose();
      return model;
    }
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
