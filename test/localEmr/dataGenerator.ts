/**
 * Deterministic data set: the same seed, counts and "now" always give the same applications
 * and sessions, and nothing the service would never show:
 * - applications cycle through eight profiles (APPLICATION_PROFILES), newest first by index;
 *   some have interactive sessions disabled, some are on releases older than emr-7.13.0, and
 *   HIVE applications cannot have sessions at all;
 * - a STARTED application that can take sessions gets `sessionsPerApplication` sessions covering
 *   every session state (when there are at least 8), with at most SAMPLE_ACTIVE_SESSIONS active
 *   ones, so StartSession still has room under the quota; a STOPPED or STOPPING one gets only
 *   ended sessions, all ended before it stopped; the others (CREATED, CREATING, STARTING, HIVE,
 *   disabled, older releases) get none;
 * - running sessions respect the service's limits at "now": IDLE for less than their idle
 *   timeout (at least 10 minutes to go), running for less than 24 hours (at least 4 to go);
 * - sessions were created over the 90 days before "now" (or before their application stopped).
 * One extra TERMINATED application (hidden from ListApplications) is always added, with three
 * TERMINATED sessions.
 */
import {
  ACTIVE_SESSION_STATES,
  SESSION_STATES,
  applicationArn,
  sessionArn,
  type ApplicationState,
  type InteractiveConfiguration,
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

/** Releases older than emr-7.13.0 (no interactive sessions), by cycle. */
const OLDER_RELEASES = ['emr-7.12.0', 'emr-7.9.0', 'emr-6.15.0'];

/** What a visible application is, by index (cycled every eight). */
interface ApplicationProfile {
  state: ApplicationState;
  /** Release emr-7.13.0 (RELEASE_LABEL), or one of OLDER_RELEASES. */
  olderRelease: boolean;
  /** interactiveConfiguration.sessionEnabled (false for HIVE and older releases). */
  sessionEnabled: boolean;
}

const APPLICATION_PROFILES: ApplicationProfile[] = [
  { state: 'STARTED', olderRelease: false, sessionEnabled: true },
  { state: 'STARTED', olderRelease: false, sessionEnabled: true },
  { state: 'STOPPED', olderRelease: false, sessionEnabled: true },
  { state: 'CREATED', olderRelease: false, sessionEnabled: false }, // HIVE
  { state: 'STARTED', olderRelease: false, sessionEnabled: false },
  { state: 'STARTING', olderRelease: true, sessionEnabled: false },
  { state: 'STOPPING', olderRelease: false, sessionEnabled: true },
  { state: 'CREATING', olderRelease: false, sessionEnabled: false }, // HIVE
];

/** Active sessions (SUBMITTED to BUSY) a generated application has at most: well under the quota of 25. */
export const SAMPLE_ACTIVE_SESSIONS = 10;

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
  ['TERMINATING', 1],
  ['STARTING', 3],
  ['SUBMITTED', 3],
];

/**
 * Weights of ended sessions: those of a stopped application, and those of a STARTED one once
 * it has SAMPLE_ACTIVE_SESSIONS active sessions. TERMINATING lasts seconds, so it is left out:
 * a sample of hundreds would otherwise show a dozen sessions stuck in it at the top.
 */
const ENDED_STATE_WEIGHTS: [SessionState, number][] = [
  ['TERMINATED', 82],
  ['FAILED', 18],
];

const isActive = (state: SessionState): boolean => ACTIVE_SESSION_STATES.includes(state);

export function generateData(o: GeneratorOptions): GeneratedData {
  const rng = new Random(o.seed);
  const ids = new Set<string>();
  const applications: StoredApplication[] = [];
  const sessions = new Map<string, StoredSession[]>();
  for (let i = 0; i < o.applications; i++) {
    const profile = APPLICATION_PROFILES[i % APPLICATION_PROFILES.length] as ApplicationProfile;
    const app = generateApplication(rng, o, ids, i, profile);
    applications.push(app);
    sessions.set(app.id, generateSessions(rng, o, ids, app));
  }
  const retired = generateApplication(rng, o, ids, o.applications, { state: 'TERMINATED', olderRelease: false, sessionEnabled: true });
  applications.push(retired);
  const retiredSessions: StoredSession[] = [];
  const endOfLife = (retired.timeline[retired.timeline.length - 1] as Transition<ApplicationState>).at;
  for (let j = 0; j < Math.min(3, o.sessionsPerApplication); j++) {
    retiredSessions.push(buildSession(rng, o, ids, retired, { state: 'TERMINATED', now: endOfLife }));
  }
  sessions.set(retired.id, retiredSessions);
  return { applications, sessions, ids };
}

/** The sessions of one visible application, as its state and configuration allow (see the file's comment). */
function generateSessions(rng: Random, o: GeneratorOptions, ids: Set<string>, app: StoredApplication): StoredSession[] {
  const list: StoredSession[] = [];
  const last = app.timeline[app.timeline.length - 1] as Transition<ApplicationState>;
  const running = last.state === 'STARTED';
  const stopped = last.state === 'STOPPING' || last.state === 'STOPPED';
  if (!(running || stopped) || !canHaveSessions(app)) {
    return list;
  }
  // A stopped application's sessions all ended before it began to stop.
  const now = stopped ? (app.timeline.find((t) => t.state === 'STOPPING') as Transition<ApplicationState>).at : o.now;
  let active = 0;
  for (let j = 0; j < o.sessionsPerApplication; j++) {
    // Every 25th session is a twin of the previous one: same state, same creation time,
    // so listings must break ties (by session id).
    const twinOf = j % 25 === 24 ? list[list.length - 1] : undefined;
    let state: SessionState;
    if (twinOf) {
      state = (twinOf.timeline[twinOf.timeline.length - 1] as Transition<SessionState>).state;
      if (isActive(state) && active >= SAMPLE_ACTIVE_SESSIONS) state = 'TERMINATED';
    } else if (!running) {
      state = j < ENDED_STATE_WEIGHTS.length ? (ENDED_STATE_WEIGHTS[j] as [SessionState, number])[0] : rng.weighted(ENDED_STATE_WEIGHTS);
    } else if (j < SESSION_STATES.length) {
      state = SESSION_STATES[j] as SessionState;
    } else {
      state = rng.weighted(active < SAMPLE_ACTIVE_SESSIONS ? SESSION_STATE_WEIGHTS : ENDED_STATE_WEIGHTS);
    }
    if (isActive(state)) active++;
    list.push(buildSession(rng, o, ids, app, { state, now, ...(twinOf ? { createdAt: twinOf.createdAt } : {}) }));
  }
  return list;
}

/** Whether an application's type, release and interactiveConfiguration allow sessions at all. */
function canHaveSessions(app: StoredApplication): boolean {
  return app.type === 'SPARK' && app.releaseLabel === RELEASE_LABEL && app.interactiveConfiguration.sessionEnabled;
}

function generateApplication(
  rng: Random,
  o: GeneratorOptions,
  ids: Set<string>,
  index: number,
  profile: ApplicationProfile,
): StoredApplication {
  const { state } = profile;
  const id = newResourceId(rng, APPLICATION_ID_LENGTH, ids);
  // Newest first by index, so the first applications listed are the ones with sessions.
  const createdAt = o.now - 140 * DAY - index * 9 * DAY - rng.int(0, 8 * DAY);
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
  const hive = index % 4 === 3 && state !== 'TERMINATED';
  const interactiveConfiguration: InteractiveConfiguration = hive
    ? { sessionEnabled: false, livyEndpointEnabled: false, studioEnabled: false }
    : { sessionEnabled: profile.sessionEnabled, livyEndpointEnabled: !profile.sessionEnabled, studioEnabled: true };
  const cycle = Math.floor(index / APPLICATION_PROFILES.length);
  const app: StoredApplication = {
    id,
    arn: applicationArn(o.region, o.accountId, id),
    releaseLabel: profile.olderRelease ? (OLDER_RELEASES[cycle % OLDER_RELEASES.length] as string) : RELEASE_LABEL,
    type: hive ? 'HIVE' : 'SPARK',
    architecture: index % 2 === 1 ? 'ARM64' : 'X86_64',
    createdAt,
    timeline,
    autoStart: true,
    autoStopIdleMinutes: 15,
    interactiveConfiguration,
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
  IDLE: [2 * MINUTE, 20 * HOUR],
  BUSY: [2 * MINUTE, 20 * HOUR],
  TERMINATING: [2 * MINUTE, 20 * HOUR],
  FAILED: [2 * MINUTE, 90 * DAY],
  TERMINATED: [2 * MINUTE, 90 * DAY],
};

/** How long a generated running session has been running at most: 4 hours short of the 24-hour limit. */
const MAX_GENERATED_RUN_MS = 20 * HOUR;
/** How close to its idle timeout a generated IDLE session is at most, so none ends while a demo or story runs. */
const IDLE_TIMEOUT_MARGIN_MS = 10 * MINUTE;

/**
 * Alternates BUSY and IDLE spells from the session's first IDLE transition up to `now`, each
 * IDLE spell shorter than the idle timeout less IDLE_TIMEOUT_MARGIN_MS, and ends in `final`.
 */
function workSpells(
  rng: Random,
  timeline: Transition<SessionState>[],
  idleTimeoutMinutes: number,
  now: number,
  final: 'IDLE' | 'BUSY',
  detail: (s: SessionState) => string,
): void {
  const maxIdle = Math.max(MINUTE, idleTimeoutMinutes * MINUTE - IDLE_TIMEOUT_MARGIN_MS);
  const lastAt = (): number => (timeline[timeline.length - 1] as Transition<SessionState>).at;
  const lastState = (): SessionState => (timeline[timeline.length - 1] as Transition<SessionState>).state;
  for (;;) {
    const next = lastAt() + (lastState() === 'IDLE' ? rng.int(30 * SECOND, maxIdle) : rng.int(MINUTE, 90 * MINUTE));
    if (next >= now) {
      break;
    }
    timeline.push({ at: next, state: lastState() === 'IDLE' ? 'BUSY' : 'IDLE', details: detail(lastState() === 'IDLE' ? 'BUSY' : 'IDLE') });
  }
  if (lastState() !== final) {
    // The last spell ends between its start and now; an IDLE one at most maxIdle before now.
    const from = final === 'IDLE' ? Math.max(lastAt(), now - maxIdle) : lastAt();
    timeline.push({ at: Math.min(now, from + rng.int(0, Math.max(0, now - from))), state: final, details: detail(final) });
  }
}

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
  // A session runs for at most 24 hours: one that must still run at "now" started at most 20 h ago.
  const runs = state === 'STARTED' || state === 'IDLE' || state === 'BUSY' || state === 'TERMINATING';
  const earliestRun = runs ? now - MAX_GENERATED_RUN_MS : Number.NEGATIVE_INFINITY;
  const startedAt = Math.max(earliestRun, startingAt + rng.int(5 * SECOND, 40 * SECOND));
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
    case 'BUSY':
      workSpells(rng, timeline, idleTimeoutMinutes, now, state, detail);
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
    // Workers of 4 vCPU and 16 GB; some with more disk than the 20 GB per worker that billing leaves out.
    footprint: { workers: vCPU / 4, vCPU, memoryGB: vCPU * 4, storageGB: (vCPU / 4) * rng.pick([20, 20, 50, 100]) },
  };
  if (rng.chance(0.8)) {
    session.name = sessionName(rng, session.createdBy);
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
