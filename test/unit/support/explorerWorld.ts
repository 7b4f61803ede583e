/**
 * The explorer as a user drives it, for property tests: two local endpoints on one manual
 * clock, three connections to switch between (two profiles on one endpoint, and another
 * endpoint), an ExplorerModel with live rows on the same clock, every answer held back by an
 * AnswerGate until the test delivers it, and a stand-in for the tree view that asks for rows
 * as SessionsTreeDataProvider does when the model says something changed.
 *
 * User actions that run on (Load All, Start Session, Terminate Session, a redraw) are kept as
 * flows, so that a test can tell whether each of them ended.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Application, Session } from '@aws-sdk/client-emr-serverless';
import { createEmrApi } from '../../../src/aws/emrClient';
import { connectionId, type ConnectionConfig } from '../../../src/model/connectionList';
import { ExplorerConnections } from '../../../src/model/explorerConnections';
import type { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import type { Logger } from '../../../src/model/logger';
import type { PagedListing } from '../../../src/model/pagedListing';
import { terminateSessions } from '../../../src/model/sessionActions';
import { NO_FILTER, type SessionFilter } from '../../../src/model/sessionFilter';
import { sessionEligibility, toStartSessionRequest } from '../../../src/model/sessionStart';
import type { ConnectionSettings } from '../../../src/model/settings';
import { withoutAwsVariables } from '../../harness/awsProfile';
import { DEFAULT_KEY_PAIR, LocalEmrServer, ManualClock } from '../../localEmr/server';
import { overrideEnvironment } from './environment';
import { AnswerGate } from './gatedEmrApi';
import { ManualTimers } from './manualTimers';

/** The two profiles the connections use; both hold the local endpoint's key pair. */
export const PROPERTY_PROFILES = ['property-a', 'property-b'] as const;

/** Poll interval of the model under test, in seconds. */
export const POLL_SECONDS = 5;

/** States from which the Terminate Session command sends a request (as sessionLifecycleCommands.ts). */
const TERMINABLE = new Set(['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY']);

const EXECUTION_ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessSessionRole';

/**
 * Writes an AWS config and credentials file with both PROPERTY_PROFILES and points this
 * process's AWS variables at them. Returns what puts everything back.
 */
export function usePropertyProfiles(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-property-'));
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  fs.writeFileSync(config, PROPERTY_PROFILES.map((p) => `[profile ${p}]\nregion = us-east-1\n`).join('\n'));
  fs.writeFileSync(
    credentials,
    PROPERTY_PROFILES.map(
      (p) =>
        `[${p}]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${DEFAULT_KEY_PAIR.secretAccessKey}\n`,
    ).join('\n'),
    { mode: 0o600 },
  );
  const env: NodeJS.ProcessEnv = {
    ...withoutAwsVariables(process.env),
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const names = new Set([...Object.keys(process.env), ...Object.keys(env)].filter((n) => n.startsWith('AWS_')));
  const restore = overrideEnvironment(Object.fromEntries([...names].map((name) => [name, env[name]])));
  return () => {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** A user action still running, such as a Load All waiting for its next page. */
export interface Flow {
  readonly label: string;
  done: boolean;
}

/** A Load All in progress, and whether its notification's Cancel was pressed. */
interface BulkLoad extends Flow {
  readonly applicationId: string;
  cancelled: boolean;
}

/** One of the connections a user can switch to. */
export interface WorldConnection {
  readonly server: LocalEmrServer;
  readonly settings: ConnectionSettings;
  /** Applications of this endpoint that can take a session (sessionEligibility). */
  readonly eligible: readonly string[];
}

export interface WorldOptions {
  readonly applications: number;
  readonly sessionsPerApplication: number;
  readonly pageSize: number;
}

export class ExplorerWorld {
  readonly timers: ManualTimers;
  readonly gate: AnswerGate;
  /** The explorer's connections: one at a time here, replaced by a switch as a profile or endpoint change replaces it. */
  readonly explorer: ExplorerConnections;
  private rowBuilder: { model: ExplorerModel; rows: ExplorerRowBuilder } | undefined;
  private pageSize: number;
  readonly flows: Flow[] = [];
  readonly bulkLoads: BulkLoad[] = [];
  /** What went wrong outside an assertion: error lines of the model's log, unhandled rejections. */
  readonly problems: string[] = [];
  /** Applications (of the current connection) whose sessions the view has drawn. */
  readonly drawn = new Set<string>();
  private connectionIndex = 0;
  private rootsChanged = false;
  private readonly appsChanged = new Set<string>();
  /** Session ids each endpoint held before the run: every other one was started by the run. */
  private readonly initialSessions = new Map<LocalEmrServer, Set<string>>();
  private startCount = 0;

  private constructor(
    readonly connections: readonly WorldConnection[],
    pageSize: number,
    /** The endpoints' clock, which the model's timers run on too. */
    readonly clock: ManualClock,
  ) {
    this.timers = new ManualTimers(clock);
    this.gate = new AnswerGate();
    const log: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (m) => this.problems.push(`the model logged an error: ${m}`),
    };
    this.pageSize = pageSize;
    this.explorer = new ExplorerConnections({
      createApi: (connection) =>
        this.gate.track(
          createEmrApi(connection, log).then((api) => this.gate.wrap(api, connection.endpoint ?? '', connection.profile)),
        ),
      connections: [this.config()],
      filter: NO_FILTER,
      now: () => this.clock.now(),
      live: { pollIntervalSeconds: POLL_SECONDS, log, clock: this.timers },
    });
    this.explorer.onDidChange((_connection, applicationId) => {
      if (applicationId === undefined) {
        this.rootsChanged = true;
      } else {
        this.appsChanged.add(applicationId);
      }
    });
    for (const { server } of connections) {
      this.initialSessions.set(
        server,
        new Set(server.store.applications().flatMap((a) => server.store.sessions(a.id).map((s) => s.sessionId))),
      );
    }
  }

  /** Two endpoints (different data) on one manual clock, and a model showing the first, visible and with nothing expanded. */
  static async create(options: WorldOptions): Promise<ExplorerWorld> {
    const clock = new ManualClock();
    const servers = await Promise.all(
      [41, 42].map((seed) =>
        LocalEmrServer.start({
          seed,
          clock,
          applications: options.applications,
          sessionsPerApplication: options.sessionsPerApplication,
        }),
      ),
    );
    const connection = (server: LocalEmrServer, profile: string): WorldConnection => ({
      server,
      settings: { profile, region: 'us-east-1', endpoint: server.url, requestTimeoutMs: 30_000 },
      eligible: server.store
        .applications()
        .filter((a) => sessionEligibility(server.store.getApplication(a.id) as Application).ok)
        .map((a) => a.id),
    });
    const world = new ExplorerWorld(
      [
        connection(servers[0], PROPERTY_PROFILES[0]),
        connection(servers[0], PROPERTY_PROFILES[1]),
        connection(servers[1], PROPERTY_PROFILES[0]),
      ],
      options.pageSize,
      clock,
    );
    world.explorer.setVisible(true);
    world.rootsChanged = true;
    await world.settle();
    await world.deliverEverything();
    return world;
  }

  /** The model of the connection shown. */
  get model(): ExplorerModel {
    return this.explorer.primary.model;
  }

  /** The tree's rows of the connection shown (a new builder for a new connection's model). */
  get rows(): ExplorerRowBuilder {
    if (this.rowBuilder?.model !== this.model) {
      this.rowBuilder = { model: this.model, rows: new ExplorerRowBuilder(this.model) };
    }
    return this.rowBuilder.rows;
  }

  get connection(): WorldConnection {
    return this.connections[this.connectionIndex];
  }

  get server(): LocalEmrServer {
    return this.connection.server;
  }

  /** The application rows shown, by id. */
  applicationIds(): string[] {
    return this.model.applications.items.map((a) => a.id ?? '');
  }

  /** Whether a session was started during the run (and so is in no listing that began before). */
  startedHere(server: LocalEmrServer, sessionId: string): boolean {
    return !this.initialSessions.get(server)?.has(sessionId);
  }

  expand(applicationId: string): void {
    this.model.setExpanded(applicationId, true);
    this.drawApplication(applicationId);
  }

  collapse(applicationId: string): void {
    this.model.setExpanded(applicationId, false);
  }

  /** Load more under an application, if its rows end with Load more or Keep looking. */
  loadMore(applicationId: string): void {
    if (!this.model.expanded.has(applicationId) || !this.drawn.has(applicationId)) {
      return;
    }
    const listing = this.model.sessions(applicationId);
    const tail = this.rows.sessions(applicationId).at(-1);
    if (tail?.kind === 'loadMore' || tail?.kind === 'keepLooking') {
      this.run(`Load more ${applicationId}`, listing.loadNext());
    }
  }

  loadMoreApplications(): void {
    const tail = this.rows.roots().at(-1);
    if (tail?.kind === 'loadMore' || tail?.kind === 'keepLooking') {
      this.run('Load more applications', this.model.applications.loadNext());
    }
  }

  /** Retry on an error row, if the listing shows one (under an application, only while it is expanded). */
  retry(applicationId: string | undefined): void {
    if (applicationId !== undefined && !this.model.expanded.has(applicationId)) {
      return;
    }
    const error = applicationId === undefined ? this.model.applications.error : this.model.sessions(applicationId).error;
    if (error !== undefined) {
      this.model.retry(applicationId);
    }
  }

  /** Load All, as the command runs it: the application is revealed (expanded), then paged through. */
  loadAll(applicationId: string, maxItems: number): void {
    this.expand(applicationId);
    const load: BulkLoad = { label: `Load All ${applicationId}`, applicationId, cancelled: false, done: false };
    this.bulkLoads.push(load);
    this.run(load, this.model.loadAll(applicationId, { maxItems, isCancelled: () => load.cancelled }));
  }

  /** Cancel in the notification of every Load All still running. */
  cancelLoads(): void {
    for (const load of this.bulkLoads) {
      load.cancelled = true;
    }
  }

  setFilter(filter: SessionFilter): void {
    this.explorer.setFilter(filter);
  }

  setPageSize(pageSize: number): void {
    this.pageSize = pageSize;
    this.explorer.update([this.config()]);
  }

  /** Another profile or endpoint: a connection of another identity, so a new model replaces the old one. */
  switchConnection(index: number): void {
    this.connectionIndex = index % this.connections.length;
    this.drawn.clear();
    this.explorer.update([this.config()]);
    this.rootsChanged = true;
  }

  private config(): ConnectionConfig {
    const connection = this.connections[this.connectionIndex].settings;
    return { id: connectionId(connection), name: connection.profile, settings: { connection, pageSize: this.pageSize } };
  }

  /**
   * Start Session… on an application that takes sessions, as the command sends it after the
   * wizard: StartSession, then GetSession, then the row first in its application, revealed.
   */
  start(index: number): void {
    const eligible = this.connection.eligible;
    if (eligible.length === 0) {
      return;
    }
    const applicationId = eligible[index % eligible.length];
    const request = toStartSessionRequest(
      { applicationId, executionRoleArn: EXECUTION_ROLE, idleTimeoutMinutes: 60, sparkProperties: {}, tags: {} },
      `property-${++this.startCount}`,
    );
    const model = this.model;
    this.run(
      `Start Session on ${applicationId}`,
      (async () => {
        try {
          const api = await model.getApi();
          const started = await api.startSession(request);
          let session: Session;
          try {
            session = await api.getSession(applicationId, started.sessionId);
          } catch {
            session = { applicationId, sessionId: started.sessionId, arn: started.arn, state: 'SUBMITTED' } as Session;
          }
          model.addStartedSession(applicationId, session);
          this.expand(applicationId);
        } catch {
          // The command reports the failure in a notification; nothing changes in the tree.
        }
      })(),
    );
  }

  /** Terminate Session on the shown session row at `index` (counting every expanded application's rows). */
  terminate(index: number): void {
    const shown = [...this.model.expanded]
      .filter((id) => this.drawn.has(id))
      .flatMap((id) => this.rows.sessions(id).flatMap((n) => (n.kind === 'session' ? [n.session] : [])));
    if (shown.length === 0) {
      return;
    }
    const target = shown[index % shown.length];
    if (!TERMINABLE.has(target.state ?? '')) {
      return;
    }
    const model = this.model;
    const ref = { applicationId: target.applicationId ?? '', sessionId: target.sessionId ?? '' };
    this.run(
      `Terminate Session ${ref.sessionId}`,
      (async () => {
        try {
          const api = await model.getApi();
          const [outcome] = await terminateSessions(api, [ref]);
          if (outcome.ok) {
            const row = model.findSession(ref.applicationId, ref.sessionId);
            if (row && TERMINABLE.has(row.state ?? '')) {
              model.applySession(
                ref.applicationId,
                { ...row, state: 'TERMINATING', stateDetails: 'Terminate requested from VS Code' } as Session,
                'local',
              );
            }
          }
        } catch {
          // The command reports the failure in a notification.
        }
      })(),
    );
  }

  /** Moves the clock of the endpoints and of the model: due poll and redraw timers fire. */
  moveClock(ms: number): void {
    this.timers.advance(ms);
  }

  /** Flows that have not ended. */
  pending(): Flow[] {
    return this.flows.filter((f) => !f.done);
  }

  /**
   * Lets what the last action started go as far as it can without a held answer: every
   * request sent is answered (and held), and the view asks for the rows of whatever changed.
   */
  async settle(): Promise<void> {
    for (let round = 0; ; round++) {
      await this.gate.requestsAnswered();
      if (!this.rootsChanged && this.appsChanged.size === 0) {
        return;
      }
      if (round > 100) {
        throw new Error('the view kept redrawing: the model keeps saying something changed');
      }
      this.redraw();
    }
  }

  /** Delivers every answer held, oldest or newest first, and the answers to what they lead to, until nothing is held. */
  async deliverEverything(order: 'oldest' | 'newest' = 'oldest'): Promise<void> {
    for (let round = 0; this.gate.held.length > 0; round++) {
      if (round > 1000) {
        throw new Error('answers kept coming: the model keeps asking');
      }
      // One at a time, each handled before the next arrives, as answers come off a network.
      this.gate.releaseOne(order === 'oldest' ? 0 : this.gate.held.length - 1);
      await this.settle();
    }
  }

  /** Delivers every answer held, and what they lead to, until nothing is held and no flow runs; false if something never ends. */
  async drain(): Promise<boolean> {
    for (let round = 0; round < 200; round++) {
      await this.settle();
      if (this.gate.held.length === 0 && this.pending().length === 0) {
        return true;
      }
      await this.deliverEverything();
    }
    return false;
  }

  async close(): Promise<void> {
    this.explorer.dispose();
    await Promise.all(this.connections.map((c) => c.server.close()));
  }

  /**
   * What the tree does when the model fires: a changed root asks for the applications, and
   * then for the sessions of every expanded application shown; a changed application that is
   * expanded asks for its sessions.
   */
  private redraw(): void {
    const apps = [...this.appsChanged];
    this.appsChanged.clear();
    if (this.rootsChanged) {
      this.rootsChanged = false;
      this.run(
        'draw applications',
        (async () => {
          await settled(() => this.model.applications);
          const shown = new Set(this.rows.roots().flatMap((n) => (n.kind === 'application' ? [n.applicationId] : [])));
          for (const id of this.model.expanded) {
            if (shown.has(id)) {
              this.drawApplication(id);
            }
          }
        })(),
      );
    }
    for (const id of apps) {
      if (this.model.expanded.has(id)) {
        this.drawApplication(id);
      }
    }
  }

  private drawApplication(applicationId: string): void {
    this.run(
      `draw sessions of ${applicationId}`,
      (async () => {
        await settled(() => this.model.sessions(applicationId));
        this.rows.sessions(applicationId);
        this.drawn.add(applicationId);
      })(),
    );
  }

  private run(flow: string | Flow, promise: Promise<unknown>): void {
    const entry: Flow = typeof flow === 'string' ? { label: flow, done: false } : flow;
    this.flows.push(entry);
    promise.then(
      () => (entry.done = true),
      (error: unknown) => {
        entry.done = true;
        this.problems.push(`${entry.label} rejected: ${String(error)}`);
      },
    );
  }
}

/**
 * The first page of the current listing, as SessionsTreeDataProvider's `settled` asks for it:
 * loaded if never asked for, else waited for while loading; again if the listing was replaced.
 */
async function settled<T>(current: () => PagedListing<T>): Promise<void> {
  for (;;) {
    const listing = current();
    if (listing.status === 'notStarted') {
      await listing.loadNext();
    } else if (!listing.started) {
      await listing.whenIdle();
    }
    if (current() === listing) {
      return;
    }
  }
}
