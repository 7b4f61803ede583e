/**
 * Deterministic data set: the same seed, counts and "now" always give the same applications
 * and sessions. Every visible application gets `sessionsPerApplication` sessions covering every
 * session state (when there are at least 8), created over the 90 days before "now". One extra
 * TERMINATED application (hidden from ListApplications) is always added.
 */
import {
  SESSION_STATES,
  applicationArn,
  sessionArn,
  type ApplicationState,
  type SessionState,
  type StoredApplication,
  type StoredSession,
  type Transition,
} from './model';
import { Random, newResourceId } from './random';
import {
  APPLICATION_NAMES,
  TEAMS,
  executionRoleArns,
  principalArns,
  sessionName,
  sparkOverrides,
  stateDetails,
} from './sampleValues';

export interface GeneratorOptions {
  seed: number;
  applications: number;
  sessionsPerApplication: number;
  region: string;
  accountId: string;
  /** "Now" of the clock, epoch ms; every generated time lies at or before it. */
  now: number;
}

export interface GeneratedData {
  applications: StoredApplication[];
  sessions: Map<string, StoredSession[]>;
  /** Ids already in use, for minting new unique ones. */
  ids: Set<string>;
}

export const APPLICATION_ID_LENGTH = 16;
export const SESSION_ID_LENGTH = 20;
export const RELEASE_LABEL = 'emr-7.13.0';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** States of visible applications, by index (cycled). */
const APPLICATION_STATE_CYCLE: ApplicationState[] = ['STARTED', 'STARTED', 'STOPPED', 'CREATED', 'STARTED', 'STARTING', 'STOPPING', 'CREATING'];

/**
 * State weights of generated sessions beyond the first eight (which take one state each).
 * Sessions pass through the transitional states in minutes, so few are ever in them.
 */
const SESSION_STATE_WEIGHTS: [SessionState, number][] = [
  ['TERMINATED', 52],
  ['IDLE', 14],
  ['FAILED', 10],
  ['BUSY', 9],
  ['STARTED', 5],
  ['TERMINATING', 4],
  ['STARTING', 3],
  ['SUBMITTED', 3],
];

export function generateData(o: GeneratorOptions): GeneratedData {
  const rng = new Random(o.seed);
  const ids = new Set<string>();
  const applications: StoredApplication[] = [];
  const sessions = new Map<string, StoredSession[]>();
  for (let i = 0; i < o.applications; i++) {
    const app = generateApplication(rng, o, ids, i, APPLICATION_STATE_CYCLE[i % APPLICATION_STATE_CYCLE.length] as ApplicationState);
    applications.push(app);
    const list: StoredSession[] = [];
    for (let j = 0; j < o.sessionsPerApplication; j++) {
      // Every 25th session is a twin of the previous one: same state, same creation time,
      // so listings must break ties (by session id).
      const twinOf = j % 25 === 24 ? list[list.length - 1] : undefined;
      if (twinOf) {
        const state = (twinOf.timeline[twinOf.timeline.length - 1] as Transition<SessionState>).state;
        list.push(buildSession(rng, o, ids, app, { state, now: o.now, createdAt: twinOf.createdAt }));
        continue;
      }
      const state = j < SESSION_STATES.length ? (SESSION_STATES[j] as SessionState) : rng.weighted(SESSION_STATE_WEIGHTS);
      list.push(buildSession(rng, o, ids, app, { state, now: o.now }));
    }
    sessions.set(app.id, list);
  }
  const retired = generateApplication(rng, o, ids, o.applications, 'TERMINATED');
  applications.push(retired);
  const retiredSessions: StoredSession[] = [];
  const endOfLife = (retired.timeline[retired.timeline.length - 1] as Transition<ApplicationState>).at;
  for (let j = 0; j < Math.min(3, o.sessionsPerApplication); j++) {
    retiredSessions.push(buildSession(rng, o, ids, retired, { state: 'TERMINATED', now: endOfLife }));
  }
  sessions.set(retired.id, retiredSessions);
  return { applications, sessions, ids };
}

function generateApplication(
  rng: Random,
  o: GeneratorOptions,
  ids: Set<string>,
  index: number,
  state: ApplicationState,
): StoredApplication {
  const id = newResourceId(rng, APPLICATION_ID_LENGTH, ids);
  const createdAt = o.now - rng.int(140 * DAY, 400 * DAY);
  const timeline: Transition<ApplicationState>[] = [
    { at: createdAt, state: 'CREATING', details: 'Application is being created.' },
  ];
  const at = (t: number, s: ApplicationState, details: string): void => {
    timeline.push({ at: t, state: s, details });
  };
  if (state !== 'CREATING') {
    at(createdAt + rng.int(20 * SECOND, 90 * SECOND), 'CREATED', 'Application is created.');
  }
  if (state === 'STARTING' || state === 'STARTED' || state === 'STOPPING' || state === 'STOPPED') {
    // STARTING and STOPPING are caught in the act (seconds ago); the others settled long enough ago.
    const startAt = state === 'STARTING' ? o.now - rng.int(SECOND, 4 * SECOND) : o.now - rng.int(2 * HOUR, 10 * DAY);
    at(startAt, 'STARTING', 'Application is starting.');
    if (state !== 'STARTING') {
      at(startAt + rng.int(5 * SECOND, 30 * SECOND), 'STARTED', 'Application is started.');
    }
    if (state === 'STOPPING' || state === 'STOPPED') {
      const stopAt = state === 'STOPPING' ? o.now - rng.int(SECOND, 4 * SECOND) : startAt + rng.int(HOUR, o.now - startAt - MINUTE);
      at(stopAt, 'STOPPING', 'Application is stopping after 15 minutes of inactivity.');
      if (state === 'STOPPED') {
        at(stopAt + 5 * SECOND, 'STOPPED', 'Application was stopped after 15 minutes of inactivity.');
      }
    }
  }
  if (state === 'TERMINATED') {
    at(o.now - rng.int(20 * DAY, 40 * DAY), 'TERMINATED', 'Application was deleted.');
  }
  const hive = index % 4 === 3;
  const app: StoredApplication = {
    id,
    arn: applicationArn(o.region, o.accountId, id),
    releaseLabel: state === 'TERMINATED' ? 'emr-7.2.0' : RELEASE_LABEL,
    type: hive ? 'HIVE' : 'SPARK',
    architecture: index % 2 === 1 ? 'ARM64' : 'X86_64',
    createdAt,
    timeline,
    autoStart: true,
    autoStopIdleMinutes: 15,
    sessionsEnabled: true,
    maximumCapacity: { cpu: '400 vCPU', memory: '3000 GB', disk: '20000 GB' },
    tags: { team: rng.pick(TEAMS), environment: rng.pick(['prod', 'dev']) },
  };
  const name = state === 'TERMINATED' ? 'retired-etl' : index % 5 === 4 ? undefined : nthName(index);
  if (name !== undefined) {
    app.name = name;
  }
  if (index % 3 === 0) {
    app.networkConfiguration = {
      subnetIds: [`subnet-0${rng.hex(16)}`, `subnet-0${rng.hex(16)}`],
      securityGroupIds: [`sg-0${rng.hex(16)}`],
    };
  }
  return app;
}

function nthName(index: number): string {
  const base = APPLICATION_NAMES[index % APPLICATION_NAMES.length] as string;
  return index < APPLICATION_NAMES.length ? base : `${base}-${Math.floor(index / APPLICATION_NAMES.length) + 1}`;
}

/** Where a generated session of a given state is placed in time, as [min, max] age at "now". */
const AGE_BY_STATE: Record<SessionState, [number, number]> = {
  SUBMITTED: [0, 5 * MINUTE],
  STARTING: [5 * SECOND, 10 * MINUTE],
  STARTED: [2 * MINUTE, 2 * HOUR],
  IDLE: [2 * MINUTE, 3 * DAY],
  BUSY: [2 * MINUTE, 3 * DAY],
  TERMINATING: [2 * MINUTE, 3 * DAY],
  FAILED: [2 * MINUTE, 90 * DAY],
  TERMINATED: [2 * MINUTE, 90 * DAY],
};

export interface SessionShape {
  state: SessionState;
  /** "Now" for this session: every transition lies at or before it. */
  now: number;
  /** Fixed creation time (epoch ms); by default one suited to the state. */
  createdAt?: number;
}

/** Builds one realistic session whose timeline ends in `shape.state`. */
export function buildSession(
  rng: Random,
  o: Pick<GeneratorOptions, 'region' | 'accountId'>,
  ids: Set<string>,
  app: StoredApplication,
  shape: SessionShape,
): StoredSession {
  const sessionId = newResourceId(rng, SESSION_ID_LENGTH, ids);
  const { state, now } = shape;
  const [minAge, maxAge] = AGE_BY_STATE[state];
  let createdAt = shape.createdAt ?? now - rng.int(minAge, maxAge);
  if (shape.createdAt === undefined && rng.chance(0.1)) {
    createdAt -= createdAt % 1000; // some creation times fall on whole seconds
  }
  const idleTimeoutMinutes = rng.pick([15, 30, 60, 60, 120, 480]);
  const detail = (s: SessionState): string => stateDetails(rng, s, idleTimeoutMinutes);
  const timeline: Transition<SessionState>[] = [{ at: createdAt, state: 'SUBMITTED', details: detail('SUBMITTED') }];
  const push = (at: number, s: SessionState): void => {
    const last = timeline[timeline.length - 1] as Transition<SessionState>;
    timeline.push({ at: Math.max(last.at, Math.min(at, now)), state: s, details: detail(s) });
  };
  const startingAt = createdAt + rng.int(1 * SECOND, 4 * SECOND);
  const startedAt = startingAt + rng.int(5 * SECOND, 40 * SECOND);
  const idleAt = startedAt + rng.int(1 * SECOND, 5 * SECOND);
  const endAt = Math.min(now - SECOND, idleAt + rng.int(5 * MINUTE, 8 * HOUR));
  const failsEarly = state === 'FAILED' && rng.chance(0.5);
  if (state !== 'SUBMITTED') {
    push(startingAt, 'STARTING');
  }
  if (state !== 'SUBMITTED' && state !== 'STARTING' && !failsEarly) {
    push(startedAt, 'STARTED');
    if (state !== 'STARTED') {
      push(idleAt, 'IDLE');
    }
  }
  switch (state) {
    case 'IDLE':
      if (rng.chance(0.5)) {
        const busyAt = idleAt + rng.int(SECOND, Math.max(SECOND, now - idleAt - 2 * SECOND));
        push(busyAt, 'BUSY');
        push(busyAt + rng.int(SECOND, Math.max(SECOND, now - busyAt)), 'IDLE');
      }
      break;
    case 'BUSY':
      push(idleAt + rng.int(SECOND, Math.max(SECOND, now - idleAt)), 'BUSY');
      break;
    case 'FAILED':
      push(failsEarly ? startingAt + rng.int(10 * SECOND, 2 * MINUTE) : endAt, 'FAILED');
      break;
    case 'TERMINATING':
      push(now - rng.int(0, 4 * SECOND), 'TERMINATING');
      break;
    case 'TERMINATED':
      push(endAt - 5 * SECOND, 'TERMINATING');
      push(endAt, 'TERMINATED');
      break;
    default:
      break;
  }
  const vCPU = rng.pick([4, 8, 16, 32]);
  const session: StoredSession = {
    applicationId: app.id,
    sessionId,
    arn: sessionArn(o.region, o.accountId, app.id, sessionId),
    releaseLabel: app.releaseLabel,
    executionRoleArn: rng.pick(executionRoleArns(o.accountId)),
    createdBy: rng.pick(principalArns(o.accountId)),
    createdAt,
    timeline,
    idleTimeoutMinutes,
    footprint: { vCPU, memoryGB: vCPU * 4, storageGB: 20 * Math.ceil(vCPU / 4) },
  };
  if (rng.chance(0.8)) {
    session.name = sessionName(rng);
  }
  if (rng.chance(0.5)) {
    session.tags = { team: rng.pick(TEAMS), 'cost-center': String(rng.int(1000, 9999)) };
  }
  if (rng.chance(0.4)) {
    session.configurationOverrides = sparkOverrides(rng);
  }
  if (app.networkConfiguration) {
    session.networkConfiguration = structuredClone(app.networkConfiguration);
  }
  return session;
}
