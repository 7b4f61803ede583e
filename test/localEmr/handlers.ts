/** The operations: validated input in, response body out (errors are thrown as ServiceError). */
import { pageAfter, type SortKey } from './listingOrder';
import { APPLICATION_STATES, SESSION_STATES, type OperationName } from './model';
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

function listApplications(ctx: OperationContext): object {
  const input = parseListApplications(ctx.query);
  const states = normalizedStates(input.states, APPLICATION_STATES);
  const binding = listingBinding(['ListApplications', states ?? null]);
  const after = input.nextToken === undefined ? undefined : ctx.tokens.read(input.nextToken, binding);
  const now = ctx.store.now();
  const page = pageAfter(ctx.store.keyedApplications({ states }, now), after, input.maxResults ?? DEFAULT_PAGE_SIZE);
  return withNextToken({ applications: page.items.map((a) => applicationSummaryAt(a, now)) }, ctx.tokens, binding, page.nextAfter);
}

function listSessions(ctx: OperationContext): object {
  const input = parseListSessions(ctx.route.applicationId ?? '', ctx.query);
  if (!ctx.store.storedApplication(input.applicationId)) {
    throw applicationNotFound(input.applicationId);
  }
  const states = normalizedStates(input.states, SESSION_STATES);
  const filter = { states, createdAtAfter: input.createdAtAfter, createdAtBefore: input.createdAtBefore };
  const binding = listingBinding(['ListSessions', input.applicationId, states ?? null, input.createdAtAfter ?? null, input.createdAtBefore ?? null]);
  const after = input.nextToken === undefined ? undefined : ctx.tokens.read(input.nextToken, binding);
  const now = ctx.store.now();
  const page = pageAfter(ctx.store.keyedSessions(input.applicationId, filter, now), after, input.maxResults ?? DEFAULT_PAGE_SIZE);
  return withNextToken({ sessions: page.items.map((s) => sessionSummaryAt(s, now)) }, ctx.tokens, binding, page.nextAfter);
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
  ListApplications: listApplications,
  GetApplication: getApplication,
  ListSessions: listSessions,
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
