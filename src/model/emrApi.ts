import type { Application, ApplicationSummary, Session, SessionSummary, StartSessionRequest } from '@aws-sdk/client-emr-serverless';
import type { OpenPager } from './pagedListing';
import type { ListSessionsParams } from './sessionFilter';
import type { SessionEndpoint } from './sparkConnect';

/**
 * Where the Region in use came from: the emrServerless.region setting, else the SDK's chain:
 * the AWS_REGION environment variable, the profile's `region` in the shared config file, and
 * only then DEFAULT_REGION.
 */
export type RegionSource = 'setting' | 'environment' | 'profile' | 'default';

/** STS GetCallerIdentity's answer: who a connection's credentials belong to. */
export interface CallerIdentity {
  /** The principal's ARN, such as `arn:aws:sts::123456789012:assumed-role/DataEngineer/bob`. */
  readonly arn: string;
  /** The 12-digit account id. */
  readonly account: string;
  /** The principal's unique id (`AIDA…`, `AROA…:SESSION`). */
  readonly userId: string;
}

/**
 * What the explorer needs from EMR Serverless; the SDK-backed implementation is in src/aws.
 * Every rejection carries its kind (awsErrors.ts attachFailureFacts), which describeError words.
 */
export interface EmrApi {
  /** The Region requests are signed for (and sent to, without a custom endpoint), such as eu-west-1. */
  readonly region: string;
  readonly regionSource: RegionSource;
  /** The profile in use: the profile setting, else AWS_PROFILE; undefined for the default chain without one. */
  readonly profileName?: string;
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
  /**
   * GetSessionEndpoint: the session's Spark Connect endpoint and a new auth token (secret, valid
   * one hour). Answers only for STARTED, IDLE or BUSY sessions; rejects as the SDK does, e.g.
   * ValidationException for a session in another state, ResourceNotFoundException.
   */
  getSessionEndpoint(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<SessionEndpoint>;
  /**
   * GetResourceDashboard with resourceType SESSION: a URL of the live Spark UI of a running
   * session, or of the history UI of an ended one, valid one hour (fetch it at each use, never
   * cache it); undefined when no UI is available yet. Rejects as the SDK does.
   */
  getResourceDashboard(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<string | undefined>;
  /**
   * STS GetCallerIdentity with the same credentials, Region and (unless it is one of AWS's own)
   * endpoint. STS needs no permission for it, but an explicit deny (a service control policy)
   * still rejects with AccessDenied; rejects as the SDK does.
   */
  getCallerIdentity(signal?: AbortSignal): Promise<CallerIdentity>;
  dispose(): void;
}
