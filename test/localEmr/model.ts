/**
 * The EMR Serverless data model as the endpoint stores and returns it. The view types
 * (SessionSummary, SessionRecord, ApplicationSummary, ApplicationRecord) have exactly the
 * shape the AWS SDK returns for them (timestamps as Date, absent optional members left out),
 * so tests can compare SDK output with the store directly.
 */

/** Session states, in the model's enum order. This is also the group order of a multi-state listing. */
export const SESSION_STATES = ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY', 'FAILED', 'TERMINATING', 'TERMINATED'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** Application states, in the model's enum order (also the group order of a multi-state listing). */
export const APPLICATION_STATES = ['CREATING', 'CREATED', 'STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'TERMINATED'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** Session states in which a session runs and has an endpoint. */
export const RUNNING_SESSION_STATES: readonly SessionState[] = ['STARTED', 'IDLE', 'BUSY'];
/** Session states that count against the per-application session quota: every state before TERMINATING. */
export const ACTIVE_SESSION_STATES: readonly SessionState[] = ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY'];
/** Active sessions an application may have at once (the service's default quota). */
export const DEFAULT_SESSION_QUOTA = 25;
/** Session states that never change again. */
export const TERMINAL_SESSION_STATES: readonly SessionState[] = ['FAILED', 'TERMINATED'];

export const OPERATION_NAMES = [
  'ListApplications',
  'GetApplication',
  'ListSessions',
  'GetSession',
  'TerminateSession',
  'GetSessionEndpoint',
  'StartSession',
  'GetResourceDashboard',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** The STS operation the endpoint also answers, on the awsQuery protocol (stsQuery.ts). */
export const STS_OPERATION_NAMES = ['GetCallerIdentity'] as const;
/** Every operation the endpoint answers: EMR Serverless's, then STS's. */
export type EndpointOperationName = OperationName | (typeof STS_OPERATION_NAMES)[number];

/** A state entered at a point in time (epoch ms). A resource's state at time T is its last transition at or before T. */
export interface Transition<S extends string> {
  at: number;
  state: S;
  details: string;
}

export interface ResourceUtilization {
  vCPUHour: number;
  memoryGBHour: number;
  storageGBHour: number;
}

export interface NetworkConfiguration {
  subnetIds?: string[];
  securityGroupIds?: string[];
}

export interface Configuration {
  classification: string;
  properties?: Record<string, string>;
  configurations?: Configuration[];
}

export interface SessionConfigurationOverrides {
  runtimeConfiguration?: Configuration[];
}

/** What a running session holds, all workers together; drives the utilization figures (per hour of running). */
export interface WorkerFootprint {
  /** Driver and executors. */
  workers: number;
  vCPU: number;
  memoryGB: number;
  storageGB: number;
}

/** GetApplication's `interactiveConfiguration` (the model's InteractiveConfiguration). */
export interface InteractiveConfiguration {
  /** StartSession works only when this is true (and the release is emr-7.13.0 or later). */
  sessionEnabled: boolean;
  livyEndpointEnabled: boolean;
  studioEnabled: boolean;
}

/** A session as stored: fixed attributes plus its timeline of scheduled transitions. */
export interface StoredSession {
  applicationId: string;
  sessionId: string;
  arn: string;
  name?: string;
  releaseLabel: string;
  executionRoleArn: string;
  createdBy: string;
  createdAt: number;
  timeline: Transition<SessionState>[];
  idleTimeoutMinutes?: number;
  configurationOverrides?: SessionConfigurationOverrides;
  networkConfiguration?: NetworkConfiguration;
  tags?: Record<string, string>;
  footprint: WorkerFootprint;
}

export interface MaximumAllowedResources {
  cpu: string;
  memory: string;
  disk?: string;
}

/** An application as stored. */
export interface StoredApplication {
  id: string;
  arn: string;
  name?: string;
  releaseLabel: string;
  type: string;
  architecture: 'X86_64' | 'ARM64';
  createdAt: number;
  timeline: Transition<ApplicationState>[];
  autoStart: boolean;
  autoStopIdleMinutes: number;
  interactiveConfiguration: InteractiveConfiguration;
  maximumCapacity: MaximumAllowedResources;
  tags?: Record<string, string>;
  networkConfiguration?: NetworkConfiguration;
}

/** One item of ListSessions. */
export interface SessionSummary {
  applicationId: string;
  sessionId: string;
  arn: string;
  name?: string;
  state: SessionState;
  stateDetails: string;
  releaseLabel: string;
  executionRoleArn: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A session as GetSession returns it. */
export interface SessionRecord extends SessionSummary {
  startedAt?: Date;
  endedAt?: Date;
  idleSince?: Date;
  idleTimeoutMinutes?: number;
  configurationOverrides?: SessionConfigurationOverrides;
  networkConfiguration?: NetworkConfiguration;
  tags?: Record<string, string>;
  totalResourceUtilization?: ResourceUtilization;
  billedResourceUtilization?: ResourceUtilization;
  totalExecutionDurationSeconds?: number;
}

/** One item of ListApplications. */
export interface ApplicationSummary {
  id: string;
  name?: string;
  arn: string;
  releaseLabel: string;
  type: string;
  state: ApplicationState;
  stateDetails?: string;
  createdAt: Date;
  updatedAt: Date;
  architecture?: 'X86_64' | 'ARM64';
}

/** An application as the store lists it: the ListApplications item shape (with `id`). */
export type ApplicationRecord = ApplicationSummary;

/** An application as GetApplication returns it (note: `applicationId`, where the summary says `id`). */
export interface ApplicationDetail {
  applicationId: string;
  name?: string;
  arn: string;
  releaseLabel: string;
  type: string;
  state: ApplicationState;
  stateDetails?: string;
  createdAt: Date;
  updatedAt: Date;
  architecture?: 'X86_64' | 'ARM64';
  maximumCapacity: MaximumAllowedResources;
  tags?: Record<string, string>;
  autoStartConfiguration: { enabled: boolean };
  autoStopConfiguration: { enabled: boolean; idleTimeoutMinutes: number };
  networkConfiguration?: NetworkConfiguration;
  interactiveConfiguration: InteractiveConfiguration;
}

export function isSessionState(value: string): value is SessionState {
  return (SESSION_STATES as readonly string[]).includes(value);
}

export function isApplicationState(value: string): value is ApplicationState {
  return (APPLICATION_STATES as readonly string[]).includes(value);
}

export function applicationArn(region: string, accountId: string, applicationId: string): string {
  return `arn:aws:emr-serverless:${region}:${accountId}:/applications/${applicationId}`;
}

export function sessionArn(region: string, accountId: string, applicationId: string, sessionId: string): string {
  return `${applicationArn(region, accountId, applicationId)}/sessions/${sessionId}`;
}
