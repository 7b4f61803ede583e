import type { ApplicationSummary, Session, SessionSummary } from '@aws-sdk/client-emr-serverless';
import type { OpenPager } from './pagedListing';
import type { ListSessionsParams } from './sessionFilter';

/** What the explorer needs from EMR Serverless; the SDK-backed implementation is in src/aws. */
export interface EmrApi {
  /** Where requests go, for messages: a custom endpoint URL or "EMR Serverless in REGION". */
  readonly endpointLabel: string;
  openApplicationPager(pageSize: number): OpenPager<ApplicationSummary>;
  openSessionPager(applicationId: string, params: ListSessionsParams, pageSize: number): OpenPager<SessionSummary>;
  getSession(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<Session>;
  dispose(): void;
}
