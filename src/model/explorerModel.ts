import type { ApplicationSummary, SessionSummary } from '@aws-sdk/client-emr-serverless';
import { describeError, ErrorReport } from './awsErrors';
import type { EmrApi } from './emrApi';
import { OpenPager, Page, PagedListing } from './pagedListing';
import { isFilterActive, SessionFilter, toListSessionsParams } from './sessionFilter';
import { ConnectionSettings, ExplorerSettings, sameConnection, SettingsError } from './settings';

export interface ExplorerModelOptions {
  /** Builds the API for a connection; called lazily, on the first request that needs it. */
  readonly createApi: (connection: ConnectionSettings) => Promise<EmrApi>;
  readonly settings: ExplorerSettings;
  readonly filter: SessionFilter;
  readonly now?: () => number;
}

/** Fired with the application whose sessions changed, or undefined for the whole tree. */
export type ChangeListener = (applicationId: string | undefined) => void;

/**
 * The explorer's state, with no vscode in it: the application listing, one session listing
 * per application (created when it is first expanded), the filter and the connection.
 * A refresh, a filter change, a settings change or dispose aborts what is in flight.
 */
export class ExplorerModel {
  private settingsValue: ExplorerSettings;
  private filterValue: SessionFilter;
  private api: Promise<EmrApi> | undefined;
  private appListing: PagedListing<ApplicationSummary>;
  private readonly sessionListings = new Map<string, PagedListing<SessionSummary>>();
  private readonly listeners = new Set<ChangeListener>();
  /**
   * Applications the user has expanded, by id. Kept across refreshes and failures, so that
   * an application comes back expanded when its row returns after an error row.
   */
  readonly expanded = new Set<string>();
  readonly now: () => number;

  constructor(private readonly options: ExplorerModelOptions) {
    this.settingsValue = options.settings;
    this.filterValue = options.filter;
    this.now = options.now ?? Date.now;
    this.appListing = this.newApplicationListing();
  }

  get settings(): ExplorerSettings {
    return this.settingsValue;
  }

  get filter(): SessionFilter {
    return this.filterValue;
  }

  get isFiltered(): boolean {
    return isFilterActive(this.filterValue);
  }

  /** Where requests go, in words, for messages. */
  get endpointLabel(): string {
    const c = this.settingsValue.connection;
    if (c.endpointError) {
      return 'the endpoint in the settings';
    }
    return c.endpoint ?? `EMR Serverless in ${c.region}`;
  }

  get applications(): PagedListing<ApplicationSummary> {
    return this.appListing;
  }

  /** The session listing of an application, created (not loaded) on first use. */
  sessions(applicationId: string): PagedListing<SessionSummary> {
    let listing = this.sessionListings.get(applicationId);
    if (!listing) {
      listing = this.newSessionListing(applicationId);
      this.sessionListings.set(applicationId, listing);
    }
    return listing;
  }

  errorOf<T>(listing: PagedListing<T>, operation: string): ErrorReport | undefined {
    if (listing.error === undefined) {
      return undefined;
    }
    return describeError(listing.error, {
      operation,
      endpointLabel: this.endpointLabel,
      profile: this.settingsValue.connection.profile || undefined,
    });
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  setExpanded(applicationId: string, expanded: boolean): void {
    if (expanded) {
      this.expanded.add(applicationId);
    } else {
      this.expanded.delete(applicationId);
    }
  }

  /** Reloads everything; expanded applications reload their first page when shown again. */
  refresh(): void {
    this.appListing.dispose();
    this.appListing = this.newApplicationListing();
    this.clearSessionListings();
    this.fire(undefined);
  }

  /** Reloads one application's sessions from the first page. */
  refreshApplication(applicationId: string): void {
    this.sessionListings.get(applicationId)?.dispose();
    this.sessionListings.delete(applicationId);
    this.fire(applicationId);
  }

  /**
   * Retries after a failure: a failed first page starts the listing again; a failed later
   * page asks for that page again and keeps the rows already loaded.
   */
  retry(applicationId: string | undefined): void {
    const listing = applicationId === undefined ? this.appListing : this.sessionListings.get(applicationId);
    if (listing?.started) {
      void listing.loadNext();
    } else if (applicationId === undefined) {
      this.refresh();
    } else {
      this.refreshApplication(applicationId);
    }
  }

  /** A new filter restarts every session listing; relative presets are resolved anew. */
  setFilter(filter: SessionFilter): void {
    this.filterValue = filter;
    this.clearSessionListings();
    this.fire(undefined);
  }

  /** New settings: a new connection reloads everything, a new page size every listing. */
  updateSettings(settings: ExplorerSettings): void {
    const previous = this.settingsValue;
    this.settingsValue = settings;
    if (!sameConnection(previous.connection, settings.connection)) {
      void this.api?.then((api) => api.dispose(), () => undefined);
      this.api = undefined;
      this.refresh();
    } else if (previous.pageSize !== settings.pageSize) {
      this.refresh();
    }
  }

  dispose(): void {
    this.appListing.dispose();
    this.clearSessionListings();
    this.listeners.clear();
    void this.api?.then((api) => api.dispose(), () => undefined);
    this.api = undefined;
  }

  /** The API for the current connection, created on first use. */
  getApi(): Promise<EmrApi> {
    const connection = this.settingsValue.connection;
    if (connection.endpointError) {
      return Promise.reject(
        new SettingsError('Endpoint setting cannot be used', `The endpoint setting cannot be used: ${connection.endpointError}`),
      );
    }
    if (!this.api) {
      const api = this.options.createApi(connection);
      // A failed creation (e.g. a refused endpoint) is retried on the next request.
      api.catch(() => {
        if (this.api === api) {
          this.api = undefined;
        }
      });
      this.api = api;
    }
    return this.api;
  }

  private clearSessionListings(): void {
    for (const listing of this.sessionListings.values()) {
      listing.dispose();
    }
    this.sessionListings.clear();
  }

  private newApplicationListing(): PagedListing<ApplicationSummary> {
    const pageSize = this.settingsValue.pageSize;
    const listing: PagedListing<ApplicationSummary> = new PagedListing(this.lazyPager((api) => api.openApplicationPager(pageSize)), {
      keyOf: (a) => a.id ?? '',
      updatedAtOf: (a) => a.updatedAt,
      onDidChange: () => {
        if (this.appListing === listing) {
          this.fire(undefined);
        }
      },
    });
    return listing;
  }

  private newSessionListing(applicationId: string): PagedListing<SessionSummary> {
    // Resolved once, when the listing starts: every page uses the same bounds.
    const params = toListSessionsParams(this.filterValue, this.now());
    const pageSize = this.settingsValue.pageSize;
    const listing: PagedListing<SessionSummary> = new PagedListing(
      this.lazyPager((api) => api.openSessionPager(applicationId, params, pageSize)),
      {
        keyOf: (s) => s.sessionId ?? '',
        updatedAtOf: (s) => s.updatedAt,
        onDidChange: () => {
          if (this.sessionListings.get(applicationId) === listing) {
            this.fire(applicationId);
          }
        },
      },
    );
    return listing;
  }

  /** A pager that first obtains the API, so that nothing AWS-related loads before it is needed. */
  private lazyPager<T>(open: (api: EmrApi) => OpenPager<T>): OpenPager<T> {
    const getApi = () => this.getApi();
    return (startingToken, signal) =>
      (async function* (): AsyncGenerator<Page<T>> {
        const api = await getApi();
        const pager = open(api)(startingToken, signal);
        for (;;) {
          const result = await pager.next();
          if (result.done) {
            return;
          }
          yield result.value;
        }
      })();
  }

  private fire(applicationId: string | undefined): void {
    for (const listener of [...this.listeners]) {
      listener(applicationId);
    }
  }
}
