import type { Application, ApplicationSummary, Session, SessionSummary, StartSessionRequest } from '@aws-sdk/client-emr-serverless';
import type { OpenPager } from './pagedListing';
import type { ListSessionsParams } from './sessionFilter';

/** What the explorer needs from EMR Serverless; the SDK-backed implementation is in src/aws. */
export interface EmrApi {
  /** Where requests go, for messages: a custom endpoint URL or "EMR Serverless in REGION". */
  readonly endpointLabel: string;
  openApplicationPager(pageSize: number): OpenPager<ApplicationSummary>;
  openSessionPager(applicationId: string, params: ListSessionsParams, pageSize: number): OpenPager<SessionSummary>;
  /** GetSession. Rejects with the SDK's error (ResourceNotFoundException for an unknown session). */
  getSession(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<Session>;
  /** GetApplication: the full application, with `interactiveConfiguration` and `autoStartConfiguration`. */
  getApplication(applicationId: string, signal?: AbortSignal): Promise<Application>;
  /**
   * StartSession with the request as given (its `clientToken` makes a retry safe). Resolves with
   * the new session's ids; rejects with the SDK's error (ConflictException,
   * ServiceQuotaExceededException, ValidationException, AccessDeniedException).
   */
  startSession(request: StartSessionRequest, signal?: AbortSignal): Promise<{ applicationId: string; sessionId: string; arn: string }>;
  /** TerminateSession; idempotent, so an ended session resolves too. */
  terminateSession(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<void>;
  dispose(): void;
}
