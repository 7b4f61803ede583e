/** Maps HTTP method and path to an operation, as the service's HTTP bindings define them. */
import type { OperationName } from './model';
import type { Query } from './validation';

export interface Route {
  operation: OperationName;
  applicationId?: string;
  sessionId?: string;
}

export interface ParsedUrl {
  /** Path as received, still percent-encoded. */
  rawPath: string;
  query: Query;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // left encoded: it then fails validation
  }
}

/** Splits a request target into its raw path and decoded query (keys may repeat: `states=IDLE&states=BUSY`). */
export function parseUrl(target: string): ParsedUrl {
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query: Query = {};
  if (q >= 0) {
    for (const piece of target.slice(q + 1).split('&')) {
      if (piece === '') {
        continue;
      }
      const eq = piece.indexOf('=');
      const key = decode(eq < 0 ? piece : piece.slice(0, eq));
      const value = eq < 0 ? '' : decode(piece.slice(eq + 1));
      (query[key] ??= []).push(value);
    }
  }
  return { rawPath, query };
}

/**
 * GET /applications; GET /applications/{applicationId};
 * GET|POST /applications/{applicationId}/sessions; GET /applications/{applicationId}/dashboard;
 * GET|DELETE /applications/{applicationId}/sessions/{sessionId};
 * GET /applications/{applicationId}/sessions/{sessionId}/endpoint.
 * An empty label (`/applications//sessions`) still matches, with an empty id that validation rejects.
 */
export function matchRoute(method: string, rawPath: string): Route | undefined {
  if (!rawPath.startsWith('/')) {
    return undefined;
  }
  const segments = rawPath.slice(1).split('/');
  if (segments[0] !== 'applications') {
    return undefined;
  }
  const applicationId = segments[1] === undefined ? undefined : decode(segments[1]);
  const sessionId = segments[3] === undefined ? undefined : decode(segments[3]);
  switch (segments.length) {
    case 1:
      return method === 'GET' ? { operation: 'ListApplications' } : undefined;
    case 2:
      return method === 'GET' ? { operation: 'GetApplication', applicationId } : undefined;
    case 3:
      if (segments[2] === 'dashboard') return method === 'GET' ? { operation: 'GetResourceDashboard', applicationId } : undefined;
      if (segments[2] !== 'sessions') return undefined;
      if (method === 'GET') return { operation: 'ListSessions', applicationId };
      if (method === 'POST') return { operation: 'StartSession', applicationId };
      return undefined;
    case 4:
      if (segments[2] !== 'sessions') return undefined;
      if (method === 'GET') return { operation: 'GetSession', applicationId, sessionId };
      if (method === 'DELETE') return { operation: 'TerminateSession', applicationId, sessionId };
      return undefined;
    case 5:
      if (segments[2] !== 'sessions' || segments[4] !== 'endpoint' || method !== 'GET') return undefined;
      return { operation: 'GetSessionEndpoint', applicationId, sessionId };
    default:
      return undefined;
  }
}
