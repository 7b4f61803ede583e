import * as l10n from '@vscode/l10n';
import type { Application, ApplicationSummary, Session, SessionSummary } from '@aws-sdk/client-emr-serverless';
import { describeError, ErrorReport } from './awsErrors';
import type { CallerIdentity, EmrApi, RegionSource } from './emrApi';
import type { Logger } from './logger';
import { SessionPoller } from './sessionPoller';
import { ACTIVE_SESSION_STATES, canFollowSessionState } from './sessionStates';
import { systemTimerClock, type Timer, type TimerClock } from './timerClock';
import { LISTING_END, LISTING_START, type ListingPosition } from './listingPosition';
import type { ListingToCopy } from './listSessionsCommand';
import { OpenPager, Page, PagedListing } from './pagedListing';
import {
  isFilterActive,
  ListSessionsParams,
  sameListingFilter,
  SessionFilter,
  sessionShownBy,
  toListSessionsParams,
} from './sessionFilter';
import { ConnectionSettings, ExplorerSettings, sameConnection, SettingsError } from './settings';

export interface ExplorerModelOptions {
  /** Builds the API for a connection; called lazily, on the first request that needs it. */
  readonly createApi: (connection: ConnectionSettings) => Promise<EmrApi>;
  readonly settings: ExplorerSettings;
  readonly filter: SessionFilter;
  readonly now?: () => number;
  /**
   * Live rows: sessions and applications on their way to another state are polled (see
   * SessionPoller) while the view is visible. Without it, rows change only on refresh.
   */
  readonly live?: {
    /** emrServerless.pollIntervalSeconds, validated: 0 turns polling off. */
    readonly pollIntervalSeconds: number;
    /** Where poll failures are reported. */
    readonly log: Logger;
    /** Timers for the poller; the system's by default. */
    readonly clock?: TimerClock;
  };
}

/** Fired with the application whose sessions changed, or undefined for the whole tree. */
export type ChangeListener = (applicationId: string | undefined) => void;

/** Fired when one session row changed in place (a poll answer, a start, a terminate). */
export type SessionChangeListener = (applicationId: string, sessionId: string) => void;

/** The most often a listing being loaded in bulk (Load All) tells listeners it changed: every 250 ms. */
export const BULK_LOAD_REDRAW_MS = 250;

/** How a Load All ended. */
export interface LoadAllResult {
  /** Sessions the listing holds now. */
  readonly loaded: number;
  /**
   * Why it stopped: every page is loaded, the cap was reached, `until` held (a sought session
   * was found), it was cancelled, a page failed (the error row says why), or, with
   * `stopOnEmptyPages`, MAX_EMPTY_PAGES_PER_LOAD empty pages came in a row (the "Keep Looking"
   * row goes on).
   */
  readonly stoppedBy: 'end' | 'maxItems' | 'found' | 'cancelled' | 'error' | 'emptyPages';
}

/** The active states (sessionStates.ts) as a set, for counting an application's active sessions. */
const ACTIVE_STATES: ReadonlySet<string> = new Set(ACTIVE_SESSION_STATES);

/** A GetSession result kept for tooltips and details, with when it arrived (epoch ms). */
export interface SessionDetails {
  readonly session: Session;
  readonly fetchedAt: number;
}

/**
 * The explorer's state, with no vscode in it: the application listing, one session listing
 * per application (created when it is first expanded), the filter and the connection.
 * A refresh, a filter change, a settings change or dispose aborts what is in flight.
 */
export class ExplorerModel {
  private settingsValue: ExplorerSettings;
  private filterValue: SessionFilter;
  /** Whether the filter shows a loaded session (only its creator part can hide one). */
  private shows: (session: SessionSummary) => boolean;
  /** STS GetCallerIdentity answers (or the requests under way), per connection: profile, Region and endpoint settings. */
  private readonly callers = new Map<string, Promise<CallerIdentity>>();
  /** The callers' ARNs that arrived, per connection, so rows can be drawn without waiting. */
  private readonly callerArns = new Map<string, string>();
  private api: Promise<EmrApi> | undefined;
  private appListing: PagedListing<ApplicationSummary>;
  private readonly sessionListings = new Map<string, PagedListing<SessionSummary>>();
  /** The ListSessions parameters each session listing resolved when it started. */
  private readonly listingParams = new WeakMap<PagedListing<SessionSummary>, ListSessionsParams>();
  /** Where the next session listing of an application starts, when the user listed from a token. */
  private readonly startPositions = new Map<string, ListingPosition>();
  /** Applications whose listing is being loaded in bulk: their change events are throttled. */
  private readonly bulkLoads = new Map<string, { lastFired: number; timer: Timer | undefined }>();
  private readonly clock: TimerClock;
  private readonly listeners = new Set<ChangeListener>();
  private readonly sessionListeners = new Set<SessionChangeListener>();
  private readonly tickListeners = new Set<() => void>();
  private readonly details = new Map<string, SessionDetails>();
  private readonly poller: SessionPoller | undefined;
  private pollSeconds: number;
  private readonly connectionListeners = new Set<() => void>();
  /** What the API of the current connection resolved: Region, its source, the profile in use. */
  private connected: { region: string; regionSource: RegionSource; profileName?: string } | undefined;
  /**
   * Applications the user has expanded, by id. Kept across refreshes and failures, so that
   * an application comes back expanded when its row returns after an error row.
   */
  readonly expanded = new Set<string>();
  readonly now: () => number;
  /** Set by dispose: the connection is gone, and nothing that arrives for it is applied. */
  private disposed = false;

  constructor(private readonly options: ExplorerModelOptions) {
    this.settingsValue = options.settings;
    this.filterValue = options.filter;
    this.shows = sessionShownBy(options.filter, undefined);
    this.now = options.now ?? Date.now;
    this.clock = options.live?.clock ?? systemTimerClock;
    this.appListing = this.newApplicationListing();
    const live = options.live;
    this.pollSeconds = live?.pollIntervalSeconds ?? 0;
    if (live) {
      this.poller = new SessionPoller({
        api: () => this.getApi(),
        errorContext: () => ({ endpointLabel: this.endpointLabel, profile: this.settingsValue.connection.profile || undefined }),
        intervalSeconds: live.pollIntervalSeconds,
        onSession: (applicationId, session) => this.applySession(applicationId, session),
        onApplication: (application) => this.applyApplication(application),
        onTick: () => this.tickListeners.forEach((l) => l()),
        log: live.log,
        clock: live.clock,
      });
    }
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
    return endpointLabel(this.settingsValue.connection, this.connected?.region);
  }

  /**
   * The connection in a few words, for the view's header: the profile (the setting, else
   * AWS_PROFILE, else "default chain"), the Region, and the custom endpoint if one is set,
   * such as "default · eu-west-1" or "local-emr · us-east-1 · http://127.0.0.1:4599". A
   * Region nothing set is named as the default; "…" stands for a Region not resolved yet.
   */
  get connectionLabel(): string {
    return connectionLabel(this.settingsValue.connection, this.connected);
  }

  /** The Region the connection's SDK client resolved, once its first request needed one. */
  get resolvedRegion(): string | undefined {
    return this.connected?.region;
  }

  /** Called when connectionLabel may have changed. */
  onDidChangeConnection(listener: () => void): { dispose(): void } {
    this.connectionListeners.add(listener);
    return { dispose: () => this.connectionListeners.delete(listener) };
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

  /**
   * The sessions the tree holds, in the tree's order: of one application, or without one of
   * every application listed, application by application. Nothing is requested, so an
   * application never expanded adds nothing.
   */
  loadedSessions(applicationId?: string): SessionSummary[] {
    const ids = applicationId === undefined ? this.appListing.items.map((a) => a.id ?? '') : [applicationId];
    return ids.flatMap((id) => [...(this.sessionListings.get(id)?.items ?? [])]);
  }

  /**
   * The loaded sessions the tree shows, in its order (loadedSessions without those the
   * filter's creator part hides).
   */
  shownSessions(applicationId?: string): SessionSummary[] {
    return this.loadedSessions(applicationId).filter(this.shows);
  }

  /** Whether the filter shows a loaded session: false only for another creator's under "Created by me". */
  isShown(session: SessionSummary): boolean {
    return this.shows(session);
  }

  /**
   * Who the current connection's credentials belong to, from STS GetCallerIdentity, asked once
   * per connection (the profile, Region and endpoint settings) and kept while VS Code runs; a
   * failure is not kept, so the next call asks again. Rejects as EmrApi.getCallerIdentity does.
   */
  callerIdentity(): Promise<CallerIdentity> {
    const key = this.connectionKey();
    let caller = this.callers.get(key);
    if (!caller) {
      caller = this.getApi().then((api) => api.getCallerIdentity());
      this.callers.set(key, caller);
      caller.then(
        (identity) => {
          this.callerArns.set(key, identity.arn);
          if (key === this.connectionKey() && this.filterValue.createdByMe) {
            this.updateShown();
            this.fire(undefined);
          }
        },
        () => this.callers.delete(key),
      );
    }
    return caller;
  }

  /** The caller's ARN of the current connection, once STS answered. */
  get callerArn(): string | undefined {
    return this.callerArns.get(this.connectionKey());
  }

  private connectionKey(): string {
    const c = this.settingsValue.connection;
    return JSON.stringify([c.profile, c.region ?? null, c.endpoint ?? null]);
  }

  /**
   * Which loaded sessions the tree shows. Under "created by me" with a caller not known yet
   * (another connection since the filter was set), the caller is asked for, and every
   * session is shown until the answer comes; a failure is logged by the request log.
   */
  private updateShown(): void {
    this.shows = sessionShownBy(this.filterValue, this.callerArn);
    if (this.filterValue.createdByMe && this.callerArn === undefined) {
      this.callerIdentity().catch(() => undefined);
    }
  }

  /**
   * What a listing's failure says, or undefined when it has none. `fromStartingToken`: the
   * failed request carried a token the user gave (see ErrorContext).
   */
  errorOf<T>(listing: PagedListing<T>, operation: string, fromStartingToken = false): ErrorReport | undefined {
    if (listing.error === undefined) {
      return undefined;
    }
    return describeError(listing.error, {
      operation,
      endpointLabel: this.endpointLabel,
      profile: this.settingsValue.connection.profile || undefined,
      ...(fromStartingToken ? { fromStartingToken } : {}),
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
    this.poller?.setExpanded(applicationId, expanded);
  }

  /** The view was shown or hidden: nothing is polled while it is hidden. */
  setVisible(visible: boolean): void {
    this.poller?.setVisible(visible);
  }

  /** A new poll interval, in seconds; 0 turns polling off. */
  setPollInterval(seconds: number): void {
    this.pollSeconds = seconds;
    this.poller?.setIntervalSeconds(seconds);
  }

  /**
   * How old (ms) a running session's GetSession result may be before a tooltip asks again:
   * one poll interval, or a minute with polling off.
   */
  get detailsMaxAgeMs(): number {
    return (this.pollSeconds > 0 ? this.pollSeconds : 60) * 1000;
  }

  /** Called for each row changed in place. */
  onDidChangeSession(listener: SessionChangeListener): { dispose(): void } {
    this.sessionListeners.add(listener);
    return { dispose: () => this.sessionListeners.delete(listener) };
  }

  /** Called once a minute while the view is visible, so ages and countdowns can be redrawn. */
  onDidTick(listener: () => void): { dispose(): void } {
    this.tickListeners.add(listener);
    return { dispose: () => this.tickListeners.delete(listener) };
  }

  /** A session's row, if its application's listing holds it. */
  findSession(applicationId: string, sessionId: string): SessionSummary | undefined {
    return this.sessionListings.get(applicationId)?.find(sessionId);
  }

  /** How many sessions of an application are loaded (0 before its listing starts). */
  loadedCount(applicationId: string): number {
    return this.sessionListings.get(applicationId)?.items.length ?? 0;
  }

  /** The application whose loaded sessions hold this session id, if any does. */
  applicationOfLoadedSession(sessionId: string): string | undefined {
    for (const [applicationId, listing] of this.sessionListings) {
      if (listing.find(sessionId)) {
        return applicationId;
      }
    }
    return undefined;
  }

  /**
   * Whether an application's sessions may have pages not loaded yet: its listing was never
   * started, or the service gave a token for a next page. A failed listing counts, so a
   * search can retry it.
   */
  hasUnloadedSessions(applicationId: string): boolean {
    return this.sessionListings.get(applicationId)?.hasMore ?? true;
  }

  /** The last GetSession result for a session, if one arrived. */
  sessionDetails(applicationId: string, sessionId: string): SessionDetails | undefined {
    return this.details.get(`${applicationId}/${sessionId}`);
  }

  /**
   * How many sessions of an application are active, once known: when every page of its
   * listing is loaded and the filter hides no active state. Undefined otherwise.
   */
  activeCount(applicationId: string): number | undefined {
    const listing = this.sessionListings.get(applicationId);
    const states = this.filterValue.states;
    if (!listing || listing.hasMore || listing.error !== undefined || (states.length > 0 && ACTIVE_SESSION_STATES.some((s) => !states.includes(s)))) {
      return undefined;
    }
    return listing.items.filter((s) => ACTIVE_STATES.has(s.state ?? '')).length;
  }

  /**
   * A newer copy of a session (a GetSession answer, or a state set here after a request the
   * service accepted): its row is updated in place, it is polled while it is on its way to
   * another state, and listeners hear of it. An older copy than the row shows is ignored.
   * A local state is newer than the row it replaces (it is given a time 1 ms after the
   * row's `updatedAt`), so an answer computed before that request, and so no newer than the
   * row, cannot take it back.
   */
  applySession(applicationId: string, session: Session, source: 'GetSession' | 'local' = 'GetSession'): void {
    if (this.disposed) {
      return;
    }
    const sessionId = session.sessionId ?? '';
    const listing = this.sessionListings.get(applicationId);
    if (source === 'GetSession') {
      this.details.set(`${applicationId}/${sessionId}`, { session, fetchedAt: this.now() });
    } else {
      const shownAt = listing?.find(sessionId)?.updatedAt?.getTime();
      if (shownAt !== undefined && shownAt >= (session.updatedAt?.getTime() ?? -Infinity)) {
        session = { ...session, updatedAt: new Date(shownAt + 1) };
      }
    }
    if (listing?.update(session)) {
      this.poller?.observeSession(applicationId, sessionId, session);
      this.fireSession(applicationId, sessionId);
    }
  }

  /** A session started from here: first in its application's listing, and polled until it settles. */
  addStartedSession(applicationId: string, session: Session): void {
    if (this.disposed) {
      return;
    }
    const listing = this.sessionListings.get(applicationId);
    this.details.set(`${applicationId}/${session.sessionId ?? ''}`, { session, fetchedAt: this.now() });
    if (listing?.started) {
      listing.insertFirst(session);
      this.poller?.observeSession(applicationId, session.sessionId ?? '', session);
      this.fire(applicationId);
    }
  }

  /** A GetApplication answer: the application's row is updated in place. */
  applyApplication(application: Application): void {
    if (this.disposed) {
      return;
    }
    const summary: ApplicationSummary = {
      id: application.applicationId,
      name: application.name,
      arn: application.arn,
      releaseLabel: application.releaseLabel,
      type: application.type,
      state: application.state,
      stateDetails: application.stateDetails,
      createdAt: application.createdAt,
      updatedAt: application.updatedAt,
      architecture: application.architecture,
    };
    if (this.appListing.update(summary)) {
      this.poller?.observeApplication(application.applicationId ?? '', summary);
      this.fire(application.applicationId);
    }
  }

  /** Reloads everything; expanded applications reload their first page when shown again. */
  refresh(): void {
    this.poller?.forgetAll();
    this.appListing.dispose();
    this.appListing = this.newApplicationListing();
    this.clearSessionListings();
    this.fire(undefined);
  }

  /**
   * The listing of an application's sessions as an AWS CLI command or boto3 script would
   * resume it right after the last row loaded from a page (rows put first by Start Session do
   * not count): its resolved filters, page size and position, the connection, and `maxItems`
   * as `--max-items`. An application never expanded gets its listing from the start (where
   * it would start if expanded now); a listing loaded to its end is copied from its start.
   */
  listingToCopy(applicationId: string, maxItems: number): ListingToCopy {
    const listing = this.sessions(applicationId);
    const params = this.listingParams.get(listing) ?? toListSessionsParams(this.filterValue, this.now());
    const position = listing.position === LISTING_END ? listing.start : listing.position;
    const connection = this.settingsValue.connection;
    // The Region the tree lists from: the setting, or the one the SDK's chain resolved.
    const region = connection.region ?? this.connected?.region;
    return {
      applicationId,
      params,
      pageSize: this.settingsValue.pageSize,
      maxItems,
      position,
      ...(region ? { region } : {}),
      ...(connection.profile ? { profile: connection.profile } : {}),
      ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    };
  }

  /**
   * Loads pages of an application's sessions until the end, until the listing holds
   * `maxItems` sessions (cut in the middle of a page if need be, as the AWS CLI's
   * `--max-items` does), until `isCancelled()` says so between pages, or until a page fails.
   * What is loaded is always a prefix of the listing, and "Load more" goes on from there.
   * Meanwhile listeners hear of the application at most every BULK_LOAD_REDRAW_MS, and once
   * at the end. `onProgress` gets the number of sessions after each page. With `until`, it
   * also stops, before asking for a page, once `until()` holds (stoppedBy 'found'). With
   * `stopOnEmptyPages`, it stops as one "Load more" does after MAX_EMPTY_PAGES_PER_LOAD empty
   * pages in a row that still carry a nextToken (stoppedBy 'emptyPages'), leaving the
   * "Keep Looking" row; without it, it goes on through them until cancelled.
   */
  async loadAll(
    applicationId: string,
    options: {
      maxItems: number;
      isCancelled?: () => boolean;
      onProgress?: (loaded: number) => void;
      until?: () => boolean;
      stopOnEmptyPages?: boolean;
    },
  ): Promise<LoadAllResult> {
    const listing = this.sessions(applicationId);
    const bulk = { lastFired: this.clock.now(), timer: undefined as Timer | undefined };
    this.bulkLoads.set(applicationId, bulk);
    let stoppedBy: LoadAllResult['stoppedBy'];
    try {
      for (;;) {
        if (options.until?.()) {
          stoppedBy = 'found';
          break;
        }
        if (!listing.hasMore) {
          stoppedBy = 'end';
          break;
        }
        if (listing.items.length >= options.maxItems) {
          stoppedBy = 'maxItems';
          break;
        }
        if (options.isCancelled?.()) {
          stoppedBy = 'cancelled';
          break;
        }
        await listing.loadNext(options.maxItems - listing.items.length);
        if (this.sessionListings.get(applicationId) !== listing) {
          // Refreshed, filtered or disposed meanwhile: the new listing is not this load's.
          stoppedBy = 'cancelled';
          break;
        }
        if (listing.error !== undefined) {
          stoppedBy = 'error';
          break;
        }
        options.onProgress?.(listing.items.length);
        if (options.stopOnEmptyPages && listing.stoppedOnEmptyPages) {
          stoppedBy = 'emptyPages';
          break;
        }
      }
    } finally {
      bulk.timer?.cancel();
      if (this.bulkLoads.get(applicationId) === bulk) {
        this.bulkLoads.delete(applicationId);
      }
      this.fire(applicationId);
    }
    return { loaded: listing.items.length, stoppedBy };
  }

  /**
   * Lists an application's sessions again from `position` (a token the user gave) instead of
   * the start; it stays so across refreshes until `listFromStart`.
   */
  listFromPosition(applicationId: string, position: ListingPosition): void {
    this.startPositions.set(applicationId, position);
    this.refreshApplication(applicationId);
  }

  /** Lists an application's sessions from the start again, after `listFromPosition`. */
  listFromStart(applicationId: string): void {
    this.startPositions.delete(applicationId);
    this.refreshApplication(applicationId);
  }

  /** Where an application's session listing starts: `LISTING_START`, or the position it was listed from. */
  startOf(applicationId: string): ListingPosition {
    return this.startPositions.get(applicationId) ?? LISTING_START;
  }

  /** Reloads one application's sessions from the first page. */
  refreshApplication(applicationId: string): void {
    this.poller?.forgetSessions(applicationId);
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

  /**
   * A new filter restarts every session listing from the start; relative presets are resolved
   * anew. A filter that differs only in its creator keeps the listings and redraws them.
   */
  setFilter(filter: SessionFilter): void {
    const previous = this.filterValue;
    this.filterValue = filter;
    this.updateShown();
    if (sameListingFilter(previous, filter)) {
      this.fire(undefined);
      return;
    }
    // A token names a place in a listing under the filters it was issued with, not under new ones.
    this.startPositions.clear();
    for (const applicationId of this.sessionListings.keys()) {
      this.poller?.forgetSessions(applicationId);
    }
    this.clearSessionListings();
    this.fire(undefined);
  }

  /** New settings: a new connection reloads everything, a new page size every listing. */
  updateSettings(settings: ExplorerSettings): void {
    const previous = this.settingsValue;
    this.settingsValue = settings;
    if (!sameConnection(previous.connection, settings.connection) || previous.pageSize !== settings.pageSize) {
      // A token is only good for the endpoint and page size it came from.
      this.startPositions.clear();
    }
    if (!sameConnection(previous.connection, settings.connection)) {
      this.reconnect();
      // "Me" is the caller of the new connection, asked through its new client.
      this.updateShown();
    } else if (previous.pageSize !== settings.pageSize) {
      this.refresh();
    }
  }

  /** Whether dispose was called: the connection was removed or replaced. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Drops the connection's SDK client and reloads everything through a new one: for a new
   * connection, or when what the client was built from changed outside the extension's own
   * settings (VS Code's proxy settings).
   */
  reconnect(): void {
    void this.api?.then((api) => api.dispose(), () => undefined);
    this.api = undefined;
    this.connected = undefined;
    this.fireConnection();
    this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    this.details.clear();
    this.poller?.dispose();
    this.tickListeners.clear();
    this.sessionListeners.clear();
    this.appListing.dispose();
    this.clearSessionListings();
    this.listeners.clear();
    this.connectionListeners.clear();
    void this.api?.then((api) => api.dispose(), () => undefined);
    this.api = undefined;
  }

  /** The API for the current connection, created on first use. */
  getApi(): Promise<EmrApi> {
    const connection = this.settingsValue.connection;
    const unusable = unusableConnection(connection, this.disposed);
    if (unusable) {
      return Promise.reject(unusable);
    }
    if (!this.api) {
      const api = this.options.createApi(connection);
      api.then(
        (created) => {
          if (this.api === api) {
            this.connected = { region: created.region, regionSource: created.regionSource, profileName: created.profileName };
            this.fireConnection();
          }
        },
        // A failed creation (e.g. a refused endpoint) is retried on the next request.
        () => {
          if (this.api === api) {
            this.api = undefined;
          }
        },
      );
      this.api = api;
    }
    return this.api;
  }

  /**
   * An API for `region`: the current connection's own when it signs for that Region, else a
   * new one with the same profile, endpoint and timeout, signed for `region` (a session ARN of
   * another Region). `release()` disposes the new one; the connection's own is kept. Rejects as
   * getApi does.
   */
  async apiInRegion(region: string): Promise<{ api: EmrApi; release: () => void }> {
    const api = await this.getApi();
    if (api.region === region) {
      return { api, release: () => undefined };
    }
    const other = await this.options.createApi({ ...this.settingsValue.connection, region });
    return { api: other, release: () => other.dispose() };
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
      // Only the rows a page brought: observing every loaded row after every page would cost
      // as much as the rows loaded so far, page after page.
      onRowsTaken: (apps) => {
        if (this.appListing === listing) {
          for (const app of apps) {
            this.poller?.observeApplication(app.id ?? '', app);
          }
        }
      },
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
    const start = this.startPositions.get(applicationId);
    const listing: PagedListing<SessionSummary> = new PagedListing(
      this.lazyPager((api) => api.openSessionPager(applicationId, params, pageSize)),
      {
        keyOf: (s) => s.sessionId ?? '',
        updatedAtOf: (s) => s.updatedAt,
        canFollow: (shown, candidate) => canFollowSessionState(shown.state, candidate.state),
        ...(start ? { start } : {}),
        // Only the rows a page brought (see the application listing above).
        onRowsTaken: (sessions) => {
          if (this.sessionListings.get(applicationId) === listing) {
            for (const session of sessions) {
              this.poller?.observeSession(applicationId, session.sessionId ?? '', session);
            }
          }
        },
        onDidChange: () => {
          if (this.sessionListings.get(applicationId) === listing) {
            this.fireThrottled(applicationId);
          }
        },
      },
    );
    this.listingParams.set(listing, params);
    return listing;
  }

  /**
   * A pager that first obtains the API, so that nothing AWS-related loads before it is needed;
   * then each `next()` is the API pager's own (a plain iterator rather than an async generator
   * around it, which cost every first page promise turns).
   */
  private lazyPager<T>(open: (api: EmrApi) => OpenPager<T>): OpenPager<T> {
    const getApi = () => this.getApi();
    return (startingToken, signal) => {
      let pager: Promise<AsyncIterator<Page<T>>> | undefined;
      return {
        next: () => (pager ??= getApi().then((api) => open(api)(startingToken, signal))).then((opened) => opened.next()),
      };
    };
  }

  private fireSession(applicationId: string, sessionId: string): void {
    for (const listener of [...this.sessionListeners]) {
      listener(applicationId, sessionId);
    }
  }

  private fireConnection(): void {
    for (const listener of [...this.connectionListeners]) {
      listener();
    }
  }

  /** Fires now, or, while the application's listing is loaded in bulk, at most every BULK_LOAD_REDRAW_MS. */
  private fireThrottled(applicationId: string): void {
    const bulk = this.bulkLoads.get(applicationId);
    if (!bulk) {
      this.fire(applicationId);
      return;
    }
    if (bulk.timer) {
      return;
    }
    const wait = bulk.lastFired + BULK_LOAD_REDRAW_MS - this.clock.now();
    if (wait <= 0) {
      bulk.lastFired = this.clock.now();
      this.fire(applicationId);
      return;
    }
    bulk.timer = this.clock.setTimer(() => {
      bulk.timer = undefined;
      bulk.lastFired = this.clock.now();
      if (this.bulkLoads.get(applicationId) === bulk) {
        this.fire(applicationId);
      }
    }, wait);
  }

  private fire(applicationId: string | undefined): void {
    for (const listener of [...this.listeners]) {
      listener(applicationId);
    }
  }
}

/**
 * ExplorerModel.endpointLabel from the connection's settings and the Region its SDK client
 * resolved (undefined before its first request): the custom endpoint, else
 * "EMR Serverless in eu-west-1".
 */
export function endpointLabel(c: ConnectionSettings, resolvedRegion?: string): string {
  if (c.endpointError) {
    return l10n.t('the endpoint in the settings');
  }
  return c.endpoint ?? l10n.t('EMR Serverless in {0}', c.region ?? resolvedRegion ?? l10n.t('the Region of your AWS config'));
}

/**
 * Why nothing can be sent for a connection, or undefined when it can: it was removed or
 * replaced (`removed`), or its endpoint setting cannot be used. ExplorerModel.getApi rejects
 * with this SettingsError.
 */
export function unusableConnection(c: ConnectionSettings, removed: boolean): SettingsError | undefined {
  if (removed) {
    return new SettingsError(l10n.t('Connection removed'), l10n.t('This connection was removed or changed; nothing is sent for it.'));
  }
  if (c.endpointError) {
    return new SettingsError(l10n.t('Endpoint setting cannot be used'), l10n.t('The endpoint setting cannot be used: {0}', c.endpointError));
  }
  return undefined;
}

/**
 * ExplorerModel.connectionLabel from the connection's settings and what its SDK client
 * resolved (undefined before its first request): "default · eu-west-1",
 * "local-emr · us-east-1 · http://127.0.0.1:4599", "default chain · …".
 */
export function connectionLabel(
  c: ConnectionSettings,
  resolved?: { readonly region: string; readonly regionSource: RegionSource; readonly profileName?: string },
): string {
  const who = c.profile || resolved?.profileName || l10n.t('default chain');
  const region = c.region ?? (resolved ? (resolved.regionSource === 'default' ? l10n.t('{0} (default Region)', resolved.region) : resolved.region) : '…');
  const endpoint = c.endpointError ? l10n.t('endpoint setting unusable') : c.endpoint;
  return [who, region, endpoint].filter(Boolean).join(' · ');
}
