/**
 * GetResourceDashboard, `GET /applications/{applicationId}/dashboard?resourceId=&resourceType=`.
 *
 * The model: `resourceId` (1 to 64 of `[0-9a-z]`) and `resourceType` (enum, only SESSION) are
 * required query members; the answer is `{url}` (1 to 2048 characters), with `url` absent when no
 * UI is available; errors Validation, ResourceNotFound, InternalServer. "For an active resource,
 * this URL opens the live application UI. For a terminated resource, this URL opens the
 * persistent application UI." The URL is valid for one hour.
 *
 * Chosen here, where the service documents nothing:
 * - a session that is STARTED, IDLE or BUSY gets a live Spark UI URL,
 *   `https://SESSION_ID.APP_ID.emrappui-prod.REGION.amazonaws.com/sparkui/?authToken=…`;
 * - a session that ran and is now TERMINATING, TERMINATED or FAILED gets a history URL,
 *   `https://p-APP_ID.emrappui-prod.REGION.amazonaws.com/shs/history/SESSION_ID/jobs/?authToken=…`;
 * - a session that never ran (SUBMITTED, STARTING, or FAILED before starting) gets no `url`;
 * - every call mints a new `authToken`, so no two answers are the same URL.
 */
import { randomBytes } from 'node:crypto';
import { RUNNING_SESSION_STATES } from './model';
import { DASHBOARD_TOKEN_PREFIX } from './secretMarkers';
import { requireSession } from './sessionCommands';
import { sessionStateAt } from './sessionLifecycle';
import type { SessionStore } from './sessionStore';
import { checkId, Violations, type Query } from './validation';

export const RESOURCE_TYPES = ['SESSION'] as const;

export interface ResourceDashboardInput {
  applicationId: string;
  resourceId: string;
  resourceType: (typeof RESOURCE_TYPES)[number];
}

/** Validates the whole request at once, as the service does: one ValidationException listing every violation. */
export function parseResourceDashboard(applicationId: string, query: Query): ResourceDashboardInput {
  const v = new Violations();
  checkId(v, 'applicationId', applicationId);
  const resourceId = required(v, query, 'resourceId');
  if (resourceId !== undefined) {
    checkId(v, 'resourceId', resourceId);
  }
  const resourceType = required(v, query, 'resourceType');
  if (resourceType !== undefined && !(RESOURCE_TYPES as readonly string[]).includes(resourceType)) {
    v.add(resourceType, 'resourceType', `Member must satisfy enum value set: [${RESOURCE_TYPES.join(', ')}]`);
  }
  v.throwIfAny();
  return { applicationId, resourceId: resourceId ?? '', resourceType: resourceType as ResourceDashboardInput['resourceType'] };
}

function required(v: Violations, query: Query, field: string): string | undefined {
  const values = query[field];
  if (!values || values.length === 0) {
    v.list.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (values.length > 1) {
    v.add(`[${values.join(', ')}]`, field, 'Member must be a single value');
    return undefined;
  }
  return values[0];
}

/** The answer for a session: a fresh URL, or `{}` when the session never ran. */
export function resourceDashboard(store: SessionStore, input: ResourceDashboardInput): { url?: string } {
  const s = requireSession(store, input.applicationId, input.resourceId);
  const now = store.now();
  const state = sessionStateAt(s, now);
  const token = `${DASHBOARD_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  if (RUNNING_SESSION_STATES.includes(state)) {
    return { url: `https://${s.sessionId}.${s.applicationId}.emrappui-prod.${store.region}.amazonaws.com/sparkui/?authToken=${token}` };
  }
  const ran = s.timeline.some((t) => t.at <= now && RUNNING_SESSION_STATES.includes(t.state));
  if (!ran) {
    return {};
  }
  return { url: `https://p-${s.applicationId}.emrappui-prod.${store.region}.amazonaws.com/shs/history/${s.sessionId}/jobs/?authToken=${token}` };
}
