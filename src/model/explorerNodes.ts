import * as l10n from '@vscode/l10n';
import type { ApplicationSummary, SessionSummary } from '@aws-sdk/client-emr-serverless';
import { type ErrorAction, type ErrorReport, nextSteps } from './awsErrors';
import type { ExplorerModel } from './explorerModel';
import { ApplicationColumns, varyingColumns } from './format';
import type { PagedListing } from './pagedListing';
import type { ListingPosition } from './listingPosition';
import { sessionsUnsupported } from './sessionStart';
import type { RunningNowNode } from './runningNowRows';

export type { RunningNowNode };

/**
 * The rows of the tree, as plain data. Each kind has a fixed context value in the view layer.
 * `parentId` is the application a row belongs to, or undefined for the top level of its
 * connection. `connectionId` names the connection a row belongs to (explorerConnections.ts);
 * with several connections, ids start with the connection's, so that the same application
 * listed by two connections has two rows. Ids are stable across reloads, so expansion and
 * selection survive them.
 */
export type ExplorerNode =
  | ConnectionNode
  | ApplicationNode
  | SessionNode
  | LoadMoreNode
  | KeepLookingNode
  | ErrorNode
  | EmptyNode
  | ActionNode
  | ListedFromTokenNode
  | RunningNowNode;

/** What every row knows of its connection. */
interface OfConnection {
  /** The connection the row belongs to; undefined only for rows built without one (tests). */
  readonly connectionId?: string;
}

/** With several connections, the root row of one: "prod · eu-west-1", or its label. */
export interface ConnectionNode extends OfConnection {
  readonly kind: 'connection';
  readonly id: string;
  readonly connectionId: string;
  /** The row's label. */
  name: string;
  /** Profile, Region and endpoint in words (the header line of a single connection). */
  detail: string;
}

export interface ApplicationNode extends OfConnection {
  readonly kind: 'application';
  readonly id: string;
  readonly applicationId: string;
  app: ApplicationSummary;
  /** The fields that differ between the applications listed, shown in the description. */
  columns: ApplicationColumns;
  /** Its active sessions, once every page is loaded (ExplorerModel.activeCount). */
  activeCount?: number;
}

/** A session row. The same object stands for the session while its listing lives, so a poll answer redraws only this row. */
export interface SessionNode extends OfConnection {
  readonly kind: 'session';
  readonly id: string;
  session: SessionSummary;
  /** Under "Running now": its connection (with several) and application, in words. */
  where?: string;
}

/** What a paged listing holds; the UI picks its words by it. */
export type ListingNoun = 'sessions' | 'applications';

export interface LoadMoreNode extends OfConnection {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly parentId?: string;
  readonly loaded: number;
  readonly loading: boolean;
  /** What the listing holds, for the description. */
  readonly noun: ListingNoun;
  /** Loaded sessions the filter hides ("Created by me" hides other creators'). */
  readonly hidden?: number;
}

/**
 * Stands in for "Load more" when a load stopped after MAX_EMPTY_PAGES_PER_LOAD empty pages in a
 * row that still carried a nextToken: nothing found yet, with a way to keep looking.
 */
export interface KeepLookingNode extends OfConnection {
  readonly kind: 'keepLooking';
  readonly id: string;
  readonly parentId?: string;
  readonly loaded: number;
  /** Empty pages in a row so far. */
  readonly emptyPages: number;
  readonly loading: boolean;
  /** What the listing holds. */
  readonly noun: ListingNoun;
}

/**
 * First under an application whose sessions are listed from a token (List From Token…) rather
 * than from the start; clicking it lists from the start again.
 */
export interface ListedFromTokenNode extends OfConnection {
  readonly kind: 'listedFromToken';
  readonly id: string;
  readonly parentId: string;
  /** Where the listing starts. */
  readonly position: ListingPosition;
}

export interface ErrorNode extends OfConnection {
  readonly kind: 'error';
  readonly id: string;
  readonly parentId?: string;
  readonly report: ErrorReport;
  /** Whether rows loaded before the failure are still shown above this node. */
  readonly afterRows: boolean;
}

export interface EmptyNode extends OfConnection {
  readonly kind: 'empty';
  readonly id: string;
  readonly parentId?: string;
  readonly message: string;
  /** Whether a filter is what left nothing, so the node can offer to clear it. */
  readonly filtered: boolean;
}

export type { ErrorAction };

export interface ActionNode extends OfConnection {
  readonly kind: 'action';
  readonly id: string;
  readonly label: string;
  readonly action: ErrorAction;
  readonly errorNode: ErrorNode;
}

/** The next steps of an error row, as rows beneath it (see nextSteps). */
export function actionsFor(node: ErrorNode): ActionNode[] {
  return nextSteps(node.report).map(({ action, label }) => ({
    kind: 'action',
    id: `${node.id}/${action}`,
    label,
    action,
    errorNode: node,
    ...(node.connectionId === undefined ? {} : { connectionId: node.connectionId }),
  }));
}

/**
 * Builds tree rows from the model. Application nodes are kept by id, so the same object
 * stands for an application across reloads (the tree refreshes a node by its object).
 */
export class ExplorerRowBuilder {
  private readonly applicationNodes = new Map<string, ApplicationNode>();
  /**
   * The session rows drawn so far, per application, by session id, with the listing they were
   * drawn from. While that listing lives its rows are only ever added or replaced in place, so
   * the map is kept from one drawing to the next and only new sessions get a row: a redraw of
   * 10,000 loaded sessions builds no map and no row again.
   */
  private readonly sessionNodes = new Map<string, DrawnSessions>();
  /** Put before every id: empty for a single connection, so its rows keep today's ids. */
  private readonly prefix: string;
  private readonly of: OfConnection;

  /**
   * `connection`: the connection the rows belong to, and whether its id goes into theirs
   * (several connections in one tree).
   */
  constructor(
    private readonly model: ExplorerModel,
    connection?: { readonly id: string; readonly prefixIds: boolean },
  ) {
    this.prefix = connection?.prefixIds ? `${connectionRowId(connection.id)}/` : '';
    this.of = connection ? { connectionId: connection.id } : {};
  }

  applicationNode(applicationId: string): ApplicationNode | undefined {
    return this.applicationNodes.get(applicationId);
  }

  /** The row of a session that is shown, updated to what the model holds now. */
  sessionNode(applicationId: string, sessionId: string): SessionNode | undefined {
    const drawn = this.sessionNodes.get(applicationId);
    const node = drawn?.nodes.get(sessionId);
    const session = this.model.findSession(applicationId, sessionId);
    if (!node || (session && !this.model.isShown(session))) {
      // Never drawn, or hidden by the filter since ("Created by me"): not a row of the tree.
      return undefined;
    }
    if (session) {
      node.session = session;
    }
    return node;
  }

  /** Top-level rows. The caller loads the first page before asking, if it wants one. */
  roots(): ExplorerNode[] {
    const listing = this.model.applications;
    const columns = varyingColumns(listing.items);
    const rows: ExplorerNode[] = listing.items.map((app) => this.nodeFor(app, columns));
    const tail = this.tail(listing, undefined, 'ListApplications', 'applications');
    if (tail) {
      rows.push(tail);
    } else if (rows.length === 0 && listing.status === 'loaded') {
      rows.push({
        kind: 'empty',
        id: `${this.prefix}empty/`,
        ...this.of,
        message: l10n.t('No applications in {0}', this.model.endpointLabel),
        filtered: false,
      });
    }
    return rows;
  }

  /** The sessions of an application, then "Load more", an error or an empty note. */
  sessions(applicationId: string): ExplorerNode[] {
    const listing = this.model.sessions(applicationId);
    const drawn = this.drawnSessions(applicationId, listing);
    // A session keeps its row object from one drawing to the next, so that TreeView.reveal,
    // given the row, finds it among the children the tree asks for.
    const rows: ExplorerNode[] = [];
    for (const session of listing.items) {
      if (!this.model.isShown(session)) {
        continue;
      }
      const key = session.sessionId ?? '';
      let node = drawn.nodes.get(key);
      if (node) {
        node.session = session;
      } else {
        node = { kind: 'session', id: `${this.prefix}session/${applicationId}/${key}`, session, ...this.of };
        drawn.nodes.set(key, node);
      }
      rows.push(node);
    }
    const shown = rows.length;
    const start = this.model.startOf(applicationId);
    if (start.pageToken !== undefined || start.rowsTakenFromPage > 0) {
      rows.unshift({
        kind: 'listedFromToken',
        id: `${this.prefix}fromToken/${applicationId}`,
        parentId: applicationId,
        position: start,
        ...this.of,
      });
    }
    const app = this.applicationNodes.get(applicationId);
    if (app) {
      app.activeCount = this.activeCount(app.app);
    }
    const tail = this.tail(listing, applicationId, 'ListSessions', 'sessions');
    const hidden = listing.items.length - shown;
    if (tail) {
      rows.push(tail.kind === 'loadMore' && hidden > 0 ? { ...tail, hidden } : tail);
    } else if (rows.length === 0 && listing.status === 'loaded') {
      const filtered = this.model.isFiltered;
      // An application that can never hold a session says why, so an empty list is not a puzzle.
      const never = app ? sessionsUnsupported(app.app) : undefined;
      rows.push({
        kind: 'empty',
        id: `${this.prefix}empty/${applicationId}`,
        ...this.of,
        parentId: applicationId,
        message: filtered ? l10n.t('No sessions match the filter') : never ? l10n.t('No sessions: {0}', never) : l10n.t('No sessions'),
        filtered,
      });
    }
    return rows;
  }

  /**
   * The rows drawn for an application's listing. A new listing (a refresh, a filter, a token)
   * starts a new map, keeping the row objects of the sessions it lists again.
   */
  private drawnSessions(applicationId: string, listing: PagedListing<SessionSummary>): DrawnSessions {
    const before = this.sessionNodes.get(applicationId);
    if (before?.listing === listing) {
      return before;
    }
    const nodes = new Map<string, SessionNode>();
    if (before) {
      for (const session of listing.items) {
        const key = session.sessionId ?? '';
        const node = before.nodes.get(key);
        if (node) {
          nodes.set(key, node);
        }
      }
    }
    const drawn = { listing, nodes };
    this.sessionNodes.set(applicationId, drawn);
    return drawn;
  }

  private tail<T>(
    listing: PagedListing<T>,
    parentId: string | undefined,
    operation: string,
    noun: ListingNoun,
  ): ExplorerNode | undefined {
    // A session listing that has loaded nothing yet failed on its first request, which carried
    // the token of List From Token… when the listing starts from one.
    const fromStartingToken = noun === 'sessions' && parentId !== undefined && listing.items.length === 0 && this.model.startOf(parentId).pageToken !== undefined;
    const report = this.model.errorOf(listing, operation, fromStartingToken);
    if (report) {
      return {
        kind: 'error',
        id: `${this.prefix}error/${parentId ?? ''}`,
        parentId,
        report,
        afterRows: listing.items.length > 0,
        ...this.of,
      };
    }
    if (listing.started && listing.stoppedOnEmptyPages) {
      return {
        kind: 'keepLooking',
        id: `${this.prefix}keepLooking/${parentId ?? ''}`,
        ...this.of,
        parentId,
        loaded: listing.items.length,
        emptyPages: listing.emptyPagesInARow,
        loading: listing.status === 'loading',
        noun,
      };
    }
    if (listing.started && listing.hasMore) {
      return {
        kind: 'loadMore',
        id: `${this.prefix}more/${parentId ?? ''}`,
        ...this.of,
        parentId,
        loaded: listing.items.length,
        loading: listing.status === 'loading',
        noun,
      };
    }
    return undefined;
  }

  /**
   * An application's active sessions, once known (ExplorerModel.activeCount); none for one that
   * can never hold a session (sessionsUnsupported), where "0 active" would suggest otherwise.
   */
  private activeCount(app: ApplicationSummary): number | undefined {
    return sessionsUnsupported(app) ? undefined : this.model.activeCount(app.id ?? '');
  }

  private nodeFor(app: ApplicationSummary, columns: ApplicationColumns): ApplicationNode {
    const applicationId = app.id ?? '';
    let node = this.applicationNodes.get(applicationId);
    if (node) {
      node.app = app;
      node.columns = columns;
      node.activeCount = this.activeCount(app);
    } else {
      node = { kind: 'application', id: `${this.prefix}app/${applicationId}`, applicationId, app, columns, ...this.of };
      this.applicationNodes.set(applicationId, node);
    }
    return node;
  }
}

/** The session rows drawn from one listing, by session id (see ExplorerRowBuilder.sessionNodes). */
interface DrawnSessions {
  readonly listing: PagedListing<SessionSummary>;
  readonly nodes: Map<string, SessionNode>;
}

/** The id of a connection's root row; the rows beneath it start with it. */
export function connectionRowId(connectionId: string): string {
  return `connection/${connectionId}`;
}
