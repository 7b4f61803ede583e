/** Request accounting: one entry per request received, for tests to count and inspect. */
import type { EndpointOperationName } from './model';
import type { Query } from './validation';

export interface RecordedRequest {
  /** The operation the method and path map to, or 'UnknownOperation'. */
  operation: EndpointOperationName | 'UnknownOperation';
  method: string;
  /** Path as received (percent-encoded). */
  path: string;
  applicationId?: string;
  sessionId?: string;
  /** Every query parameter with all its decoded values. */
  query: Query;
  nextToken?: string;
  /** maxResults when it is an integer. */
  maxResults?: number;
  states?: string[];
  /** Raw createdAt bounds as sent. */
  createdAtAfter?: string;
  createdAtBefore?: string;
  /** The region the request was signed for (its SigV4 credential scope), once verified. */
  region?: string;
  /** Access key id named in the Authorization header, verified or not. */
  accessKeyId?: string;
  requestId: string;
  /** HTTP status answered; 0 while pending, and for dropped or abandoned requests. */
  status: number;
  /** Error name when the answer was an error. */
  errorType?: string;
  /** Fault that answered the request, if any. */
  fault?: string;
  receivedAt: number;
  durationMs?: number;
}

export function recordFor(
  base: Pick<RecordedRequest, 'operation' | 'method' | 'path' | 'query' | 'requestId' | 'applicationId' | 'sessionId'>,
  authorization: string | undefined,
): RecordedRequest {
  const { query } = base;
  const one = (k: string): string | undefined => query[k]?.[0];
  const record: RecordedRequest = { ...base, status: 0, receivedAt: Date.now() };
  for (const key of ['applicationId', 'sessionId'] as const) {
    if (record[key] === undefined) delete record[key];
  }
  const nextToken = one('nextToken');
  if (nextToken !== undefined) record.nextToken = nextToken;
  const maxResults = one('maxResults');
  if (maxResults !== undefined && /^-?\d+$/.test(maxResults)) record.maxResults = Number(maxResults);
  if (query['states']) record.states = [...query['states']];
  const after = one('createdAtAfter');
  if (after !== undefined) record.createdAtAfter = after;
  const before = one('createdAtBefore');
  if (before !== undefined) record.createdAtBefore = before;
  const keyId = authorization ? /Credential=([^/,\s]+)\//.exec(authorization)?.[1] : undefined;
  if (keyId !== undefined) record.accessKeyId = keyId;
  return record;
}
