/** Realistic values for generated applications and sessions. */
import type { Random } from './random';
import type { SessionState } from './model';

export function principalArns(accountId: string): string[] {
  return [
    `arn:aws:iam::${accountId}:user/alice`,
    `arn:aws:sts::${accountId}:assumed-role/DataEngineer/bob`,
    `arn:aws:iam::${accountId}:user/carol.nguyen`,
    `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_DataScientist_0a1b2c3d4e5f6789/dana@example.com`,
    `arn:aws:sts::${accountId}:assumed-role/EMRStudio-Workspace-Role/i-0a1b2c3d4e5f67890`,
  ];
}

/** The principal the endpoint attributes a request to when its key pair names none. */
export function defaultPrincipalArn(accountId: string, withSessionToken: boolean): string {
  return withSessionToken
    ? `arn:aws:sts::${accountId}:assumed-role/DataEngineer/bob`
    : `arn:aws:iam::${accountId}:user/alice`;
}

export function executionRoleArns(accountId: string): string[] {
  return [
    `arn:aws:iam::${accountId}:role/EMRServerlessExecutionRole`,
    `arn:aws:iam::${accountId}:role/service-role/EMRStudio-SessionRole`,
    `arn:aws:iam::${accountId}:role/DataEngineerSparkRole`,
  ];
}

export const APPLICATION_NAMES = [
  'analytics-spark',
  'etl-nightly',
  'ml-feature-store',
  'hive-warehouse',
  'adhoc-notebooks',
  'clickstream-sessions',
  'finance-reporting',
  'data-quality',
];

const NAME_STEMS = [
  'notebook',
  'etl-backfill',
  'feature-engineering',
  'adhoc',
  'churn-model',
  'daily-aggregates',
  'Exploration',
  'Analyse des données',
  'クリックストリーム分析',
  'sales forecast',
];
/** The people of principalArns, as session names write them. */
const PEOPLE = ['alice', 'bob', 'carol', 'dana'];
const NAME_OWNERS = [...PEOPLE, 'team-a', '2025-Q2', 'prod', 'dev'];

/** The person of principalArns that an ARN stands for ("carol" for user/carol.nguyen); undefined for a workspace role. */
export function personOf(principalArn: string): string | undefined {
  return PEOPLE.find((person) => new RegExp(`[/:]${person}\\b`).test(principalArn));
}

/**
 * A session name such as "etl-backfill-bob" or "Exploration (team-a)". A name that names a
 * person names its creator, so that "Created by Me" never shows "(bob)" among Alice's sessions;
 * a creator who is no person gets a team's name instead.
 */
export function sessionName(rng: Random, createdBy: string): string {
  const stem = rng.pick(NAME_STEMS);
  const picked = rng.pick(NAME_OWNERS);
  const owner = PEOPLE.includes(picked) ? (personOf(createdBy) ?? 'team-a') : picked;
  return /^[a-z-]+$/.test(stem) ? `${stem}-${owner}` : `${stem} (${owner})`;
}

export const TEAMS = ['data-eng', 'analytics', 'ml-platform', 'finance'];

const DETAILS: Record<SessionState, readonly string[]> = {
  SUBMITTED: ['Session request accepted.', 'Session is queued until capacity is available.'],
  STARTING: ['Provisioning driver and executor capacity.', 'Starting the Spark driver.'],
  STARTED: ['Session started.'],
  IDLE: ['Session is idle and ready to run statements.'],
  BUSY: ['Session is running a statement.', 'Session is running 3 statements.'],
  FAILED: [
    'Spark driver exited with code 1: java.lang.OutOfMemoryError: Java heap space',
    'Session failed to start: the execution role could not be assumed by emr-serverless.amazonaws.com.',
    'Session failed to start: subnet subnet-0a1b2c3d has no free IP addresses.',
    'Application capacity limit exceeded: the maximum of 400 vCPU is in use.',
  ],
  TERMINATING: ['Session termination was requested by the user.'],
  TERMINATED: ['Session was terminated by the user.', 'Session was terminated because the application was stopped.'],
};

export function stateDetails(rng: Random, state: SessionState, idleTimeoutMinutes: number): string {
  if ((state === 'TERMINATING' || state === 'TERMINATED') && rng.chance(0.4)) {
    return state === 'TERMINATING'
      ? `Session was idle for ${idleTimeoutMinutes} minutes and is being terminated.`
      : `Session was terminated after an idle timeout of ${idleTimeoutMinutes} minutes.`;
  }
  return rng.pick(DETAILS[state]);
}

export function sparkOverrides(rng: Random): { runtimeConfiguration: { classification: string; properties: Record<string, string> }[] } {
  return {
    runtimeConfiguration: [
      {
        classification: 'spark-defaults',
        properties: {
          'spark.executor.memory': rng.pick(['4g', '8g', '16g']),
          'spark.executor.cores': rng.pick(['2', '4']),
          'spark.dynamicAllocation.maxExecutors': String(rng.int(4, 40)),
        },
      },
    ],
  };
}
