/** The operations: validated input in, response body out (errors are thrown as ServiceError). */
import { BEFORE_FIRST, pageAfter, type Keyed, type SortKey } from './listingOrder';
import { APPLICATION_STATES, SESSION_STATES, type OperationName, type StoredApplication, type StoredSession } from './model';
import { listingBinding, type PageTokens } from './pageTokens';
import { parseResourceDashboard, resourceDashboard } from './resourceDashboard';
import type { Route } from './router';
import { applicationNotFound, requireSession, sessionEndpoint, startSession, terminateSession } from './sessionCommands';
import { applicationSummaryAt, sessionRecordAt, sessionSummaryAt } from './sessionLifecycle';
import type { SessionStore } from './sessionStore';
import { parseStartSession } from './startSessionInput';
import { DEFAULT_PAGE_SIZE, parseListApplications, parseListSessions, validateIds, type Query } from './validation';

export interface OperationContext {
  store: SessionStore;
  tokens: PageTokens;
  route: Route;
  query: Query;
  body: Buffer;
  /** Who is calling (createdBy of sessions it starts). */
  principalArn: string;
}

/** A states filter as a listing identity: distinct values in enum order (filter order does not matter). */
function normalizedStates(states: readonly string[] | undefined, order: readonly string[]): string[] | undefined {
  return states && states.length > 0 ? order.filter((s) => states.includes(s)) : undefined;
}

function withNextToken<T extends object>(body: T, tokens: PageTokens, binding: string, nextAfter: SortKey | undefined): T {
  return nextAfter ? { ...body, nextToken: tokens.issue(binding, nextAfter) } : body;
}

/** One page request of a listing: where it resumes, and the listing it belongs to. */
interface ListingRequest<T> {
  /** The body's list field: `applications` or `sessions`. */
  field: 'applications' | 'sessions';
  binding: string;
  after: SortKey | undefined;
  /** Empty pages served in a row before this request (see pageTokens.ts). */
  emptyPages: number;
  limit: number;
  now: number;
  keyed: () => Keyed<T>[];
  summary: (item: T, now: number) => object;
}

function readToken(ctx: OperationContext, token: string | undefined, binding: string): { after: SortKey | undefined; emptyPages: number } {
  return token === undefined ? { after: undefined, emptyPages: 0 } : ctx.tokens.readPosition(token, binding);
}

function applicationsRequest(ctx: OperationContext): ListingRequest<StoredApplication> {
  const input = parseListApplications(ctx.query);
  const states = normalizedStates(input.states, APPLICATION_STATES);
  const binding = listingBinding(['ListApplications', states ?? null]);
  const now = ctx.store.now();
  return {
    field: 'applications',
    binding,
    ...readToken(ctx, input.nextToken, binding),
    limit: input.maxResults ?? DEFAULT_PAGE_SIZE,
    now,
    keyed: () => ctx.store.keyedApplications({ states }, now),
    summary: applicationSummaryAt,
  };
}

function sessionsRequest(ctx: OperationContext): ListingRequest<StoredSession> {
  const input = parseListSessions(ctx.route.applicationId ?? '', ctx.query);
  if (!ctx.store.storedApplication(input.applicationId)) {
    throw applicationNotFound(input.applicationId);
  }
  const states = normalizedStates(input.states, SESSION_STATES);
  const filter = { states, createdAtAfter: input.createdAtAfter, createdAtBefore: input.createdAtBefore };
  const binding = listingBinding(['ListSessions', input.applicationId, states ?? null, input.createdAtAfter ?? null, input.createdAtBefore ?? null]);
  const now = ctx.store.now();
  return {
    field: 'sessions',
    binding,
    ...readToken(ctx, input.nextToken, binding),
    limit: input.maxResults ?? DEFAULT_PAGE_SIZE,
    now,
    keyed: () => ctx.store.keyedSessions(input.applicationId, filter, now),
    summary: sessionSummaryAt,
  };
}

function listingRequest(ctx: OperationContext): ListingRequest<StoredApplication> | ListingRequest<StoredSession> {
  return ctx.route.operation === 'ListApplications' ? applicationsRequest(ctx) : sessionsRequest(ctx);
}

function answerPage<T>(request: ListingRequest<T>, tokens: PageTokens): object {
  const page = pageAfter(request.keyed(), request.after, request.limit);
  const body = { [request.field]: page.items.map((item) => request.summary(item, request.now)) };
  return withNextToken(body, tokens, request.binding, page.nextAfter);
}

/**
 * The answer of an `emptyPage` fault to a list request, validated as the operation would be:
 * no items, and a nextToken that resumes where this request did (the start for a first page),
 * unlike the token that asked for it.
 */
export function emptyPage(ctx: OperationContext): object {
  const request = listingRequest(ctx);
  return { [request.field]: [], nextToken: ctx.tokens.issue(request.binding, request.after ?? BEFORE_FIRST, request.emptyPages + 1) };
}

function getApplication(ctx: OperationContext): object {
  const applicationId = ctx.route.applicationId ?? '';
  validateIds({ applicationId });
  const application = ctx.store.getApplication(applicationId);
  if (!application) {
    throw applicationNotFound(applicationId);
  }
  return { application };
}

function ids(ctx: OperationContext): { applicationId: string; sessionId: string } {
  const applicationId = ctx.route.applicationId ?? '';
  const sessionId = ctx.route.sessionId ?? '';
  validateIds({ applicationId, sessionId });
  return { applicationId, sessionId };
}

const OPERATIONS: Record<OperationName, (ctx: OperationContext) => object> = {
  ListApplications: (ctx) => answerPage(applicationsRequest(ctx), ctx.tokens),
  GetApplication: getApplication,
  ListSessions: (ctx) => answerPage(sessionsRequest(ctx), ctx.tokens),
  GetSession(ctx) {
    const { applicationId, sessionId } = ids(ctx);
    return { session: sessionRecordAt(requireSession(ctx.store, applicationId, sessionId), ctx.store.now()) };
  },
  TerminateSession(ctx) {
    const { applicationId, sessionId } = ids(ctx);
    return terminateSession(ctx.store, applicationId, sessionId);
  },
  GetSessionEndpoint(ctx) {
    const { applicationId, sessionId } = ids(ctx);
    return sessionEndpoint(ctx.store, applicationId, sessionId);
  },
  StartSession(ctx) {
    const applicationId = ctx.route.applicationId ?? '';
    validateIds({ applicationId });
    return startSession(ctx.store, applicationId, parseStartSession(ctx.body), ctx.principalArn);
  },
  GetResourceDashboard(ctx) {
    return resourceDashboard(ctx.store, parseResourceDashboard(ctx.route.applicationId ?? '', ctx.query));
  },
};

export function runOperation(ctx: OperationContext): object {
  return OPERATIONS[ctx.route.operation](ctx);
}
