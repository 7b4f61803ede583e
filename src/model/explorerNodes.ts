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

export interface LoadMoreNode extends OfConnection {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly parentId?: string;
  readonly loaded: number;
  readonly loading: boolean;
  /** Sessions or applications, for the description. */
  readonly noun: string;
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
  /** Sessions or applications. */
  readonly noun: string;
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
  /** The session rows last drawn, per application, by session id. */
  private readonly sessionNodes = new Map<string, Map<string, SessionNode>>();
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
    const node = this.sessionNodes.get(applicationId)?.get(sessionId);
    const session = this.model.findSession(applicationId, sessionId);
    if (node && session) {
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
        message: `No applications in ${this.model.endpointLabel}`,
        filtered: false,
      });
    }
    return rows;
  }

  /** The sessions of an application, then "Load more", an error or an empty note. */
  sessions(applicationId: string): ExplorerNode[] {
    const listing = this.model.sessions(applicationId);
    const before = this.sessionNodes.get(applicationId);
    const drawn = new Map<string, SessionNode>();
    this.sessionNodes.set(applicationId, drawn);
    // A session keeps its row object from one drawing to the next, so that TreeView.reveal,
    // given the row, finds it among the children the tree asks for.
    const rows: ExplorerNode[] = listing.items.filter((session) => this.model.isShown(session)).map((session) => {
      const key = session.sessionId ?? '';
      const node: SessionNode = before?.get(key) ?? { kind: 'session', id: `${this.prefix}session/${applicationId}/${key}`, session, ...this.of };
      node.session = session;
      drawn.set(key, node);
      return node;
    });
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
      app.activeCount = this.model.activeCount(applicationId);
    }
    const tail = this.tail(listing, applicationId, 'ListSessions', 'sessions');
    const hidden = listing.items.length - drawn.size;
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
        message: filtered ? 'No sessions match the filter' : never ? `No sessions: ${never}` : 'No sessions',
        filtered,
      });
    }
    return rows;
  }

  private tail<T>(
    listing: PagedListing<T>,
    parentId: string | undefined,
    operation: string,
    noun: string,
  ): ExplorerNode | undefined {
    const report = this.model.errorOf(listing, operation);
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

  private nodeFor(app: ApplicationSummary, columns: ApplicationColumns): ApplicationNode {
    const applicationId = app.id ?? '';
    let node = this.applicationNodes.get(applicationId);
    if (node) {
      node.app = app;
      node.columns = columns;
      node.activeCount = this.model.activeCount(applicationId);
    } else {
      node = { kind: 'application', id: `${this.prefix}app/${applicationId}`, applicationId, app, columns, ...this.of };
      this.applicationNodes.set(applicationId, node);
    }
    return node;
  }
}

/** The id of a connection's root row; the rows beneath it start with it. */
export function connectionRowId(connectionId: string): string {
  return `connection/${connectionId}`;
}
