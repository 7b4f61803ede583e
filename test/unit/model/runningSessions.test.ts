import * as assert from 'assert';
import type { EmrApi } from '../../../src/model/emrApi';
import { listRunningSessions, RunningNow, RUNNING_NOW_CONCURRENCY, type RunningNowConnection } from '../../../src/model/runningSessions';
import { ACTIVE_SESSION_STATES } from '../../../src/model/sessionStates';
import { ManualClock, type SessionStore } from '../../localEmr/server';
import { LocalEmrConnection } from '../support/localEmrConnection';
import { ManualTimers } from '../support/manualTimers';
import { silentLogger } from '../support/silentLogger';

const ACTIVE = new Set<string>(ACTIVE_SESSION_STATES);

/** What "Running now" must show for one store: its active sessions, by application. */
function activeIn(store: SessionStore, connectionId: string): string[] {
  return store
    .listApplications()
    .flatMap((a) => store.listSessions(a.id!, {}).filter((s) => ACTIVE.has(s.state!)).map((s) => `${connectionId} ${a.id} ${s.sessionId}`));
}

describe('Running now: active sessions of every application of every connection', function () {
  this.timeout(30_000);
  const clock = new ManualClock(Date.UTC(2026, 10, 30, 9, 0, 0));
  let local: LocalEmrConnection;
  const apis: EmrApi[] = [];
  let connections: RunningNowConnection[];

  before(async () => {
    local = await LocalEmrConnection.start({
      seed: 13,
      applications: 4,
      sessionsPerApplication: 60,
      clock,
      region: 'us-east-1',
      regions: { 'eu-west-1': { applications: 3, sessionsPerApplication: 40 } },
    });
    const connection = async (region: string): Promise<RunningNowConnection> => {
      const api = await local.createApi(local.settings({ region }));
      apis.push(api);
      return { id: `local-emr · ${region}`, api: async () => api };
    };
    connections = [await connection('us-east-1'), await connection('eu-west-1')];
    // More active sessions than one page holds in one application, so that every page is read.
    const busy = local.server.store.listApplications().find((a) => a.state === 'STARTED')!.id!;
    for (let i = 0; i < 55; i++) {
      local.server.store.addSession(busy, { state: i % 2 ? 'IDLE' : 'BUSY', createdAt: new Date(clock.now() - (i + 1) * 60_000) });
    }
  });
  after(async () => {
    apis.forEach((a) => a.dispose());
    await local.close();
  });
  afterEach(() => {
    local.server.faults.clear();
    local.server.resetRequests();
  });

  it('lists every active session of both connections, newest first, each with its connection and application', async () => {
    const answer = await listRunningSessions(connections);
    const expected = [...activeIn(local.server.store, connections[0]!.id), ...activeIn(local.server.storeFor('eu-west-1'), connections[1]!.id)];
    assert.ok(expected.length > 60, `the data holds ${expected.length} active sessions`);
    assert.deepStrictEqual(answer.sessions.map((r) => `${r.connectionId} ${r.application.id} ${r.session.sessionId}`).sort(), expected.sort());
    const times = answer.sessions.map((r) => r.session.createdAt!.getTime());
    assert.deepStrictEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    assert.ok(answer.sessions.every((r) => r.application.name !== undefined || r.application.id !== undefined));
    assert.deepStrictEqual(answer.failures, []);
  });

  it('lets the service filter the states, and reads every page', async () => {
    await listRunningSessions(connections);
    const lists = local.server.requests.filter((r) => r.operation === 'ListSessions');
    assert.ok(lists.every((r) => JSON.stringify(r.states) === JSON.stringify(ACTIVE_SESSION_STATES)), 'every ListSessions names the five active states');
    assert.ok(lists.some((r) => r.nextToken !== undefined), 'a later page was asked for');
    const apps = local.server.store.listApplications().length + local.server.storeFor('eu-west-1').listApplications().length;
    assert.strictEqual(lists.filter((r) => r.nextToken === undefined).length, apps, 'one listing per application');
  });

  it(`never has more than ${RUNNING_NOW_CONCURRENCY} requests in flight across connections`, async () => {
    local.server.faults.inject({ operation: '*', kind: 'latency', latencyMs: 40 });
    await listRunningSessions(connections);
    assert.strictEqual(local.server.peakInFlight, RUNNING_NOW_CONCURRENCY);
  });

  it('keeps a failure to its own application or connection, and lists the rest', async () => {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'accessDenied', region: 'eu-west-1' });
    local.server.faults.inject({ operation: 'ListSessions', kind: 'accessDenied', page: 'first', times: 1 });
    const answer = await listRunningSessions(connections);
    assert.deepStrictEqual(
      answer.failures.map((f) => [f.connectionId, f.operation]),
      [
        ['local-emr · eu-west-1', 'ListApplications'],
        ['local-emr · us-east-1', 'ListSessions'],
      ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
    );
    const failedApp = answer.failures.find((f) => f.operation === 'ListSessions')!.application!.id;
    const shown = new Set(answer.sessions.map((r) => `${r.connectionId} ${r.application.id} ${r.session.sessionId}`));
    const others = activeIn(local.server.store, connections[0]!.id).filter((k) => !k.includes(` ${failedApp} `));
    assert.deepStrictEqual([...shown].sort(), others.sort());
  });

  describe('polled like the live rows', () => {
    let timers: ManualTimers;
    let running: RunningNow;
    let changes: number;

    beforeEach(() => {
      // Between timers, wait until the round a timer started has been answered.
      timers = new ManualTimers(clock, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        while (running.status === 'loading') {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      });
      changes = 0;
      running = new RunningNow({ connections: () => connections, intervalSeconds: 5, onDidChange: () => changes++, log: silentLogger, clock: timers });
    });
    afterEach(() => running.dispose());

    const listings = () => local.server.count('ListApplications');

    it('loads when expanded, then asks again every interval while visible, and not while hidden or collapsed', async () => {
      running.setVisible(true);
      assert.strictEqual(running.status, 'notLoaded');
      running.setExpanded(true);
      await running.load();
      assert.strictEqual(running.status, 'loaded');
      assert.ok(running.sessions.length > 0);
      assert.strictEqual(listings(), 2, 'one round: one ListApplications per connection');
      await timers.advanceSettled(5_000);
      assert.strictEqual(listings(), 4, 'a second round after one interval');
      running.setVisible(false);
      await timers.advanceSettled(60_000);
      assert.strictEqual(listings(), 4, 'nothing while hidden');
      running.setVisible(true);
      await timers.advanceSettled(0);
      assert.strictEqual(listings(), 6, 'a round at once when shown again');
      running.setExpanded(false);
      await timers.advanceSettled(60_000);
      assert.strictEqual(listings(), 6, 'nothing while collapsed');
    });

    it('shows a session that started since, and drops one that ended, on the next round', async () => {
      running.setVisible(true);
      running.setExpanded(true);
      await running.load();
      const app = local.server.store.listApplications().find((a) => a.state === 'STARTED')!.id!;
      clock.set(clock.now() + 1_000);
      const started = local.server.store.addSession(app, { state: 'STARTING', createdAt: new Date(clock.now()) });
      const ended = running.sessions.find((r) => r.connectionId === connections[0]!.id)!;
      local.server.store.updateSession(ended.application.id!, ended.session.sessionId!, { state: 'TERMINATED' });
      await timers.advanceSettled(5_000);
      assert.strictEqual(running.sessions[0]!.session.sessionId, started.sessionId, 'the new session comes first');
      assert.ok(!running.sessions.some((r) => r.session.sessionId === ended.session.sessionId), 'the ended session is gone');
    });

    it('keeps the rows a failing connection had, backs off, and recovers', async () => {
      running.setVisible(true);
      running.setExpanded(true);
      await running.load();
      const before = running.sessions.filter((r) => r.connectionId === connections[1]!.id).map((r) => r.session.sessionId);
      assert.ok(before.length > 0);
      local.server.faults.inject({ operation: 'ListApplications', kind: 'accessDenied', region: 'eu-west-1' });
      await timers.advanceSettled(5_000);
      assert.deepStrictEqual(running.failures.map((f) => f.connectionId), [connections[1]!.id]);
      assert.deepStrictEqual(running.sessions.filter((r) => r.connectionId === connections[1]!.id).map((r) => r.session.sessionId), before);
      const afterFailure = listings();
      await timers.advanceSettled(5_000);
      assert.strictEqual(listings(), afterFailure, 'backed off: not asked again after one interval');
      await timers.advanceSettled(5_000);
      assert.strictEqual(listings(), afterFailure + 2, 'asked again after twice the interval');
      local.server.faults.clear();
      await timers.advanceSettled(20_000);
      assert.deepStrictEqual(running.failures, []);
      assert.ok(changes > 0);
    });

    it('drops the answer of a round that a refresh replaced', async () => {
      running.setVisible(true);
      running.setExpanded(true);
      local.server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 100, times: 2 });
      const first = running.load();
      const app = local.server.store.listApplications().find((a) => a.state === 'STARTED')!.id!;
      const added = local.server.store.addSession(app, { state: 'SUBMITTED' });
      await Promise.all([first, running.refresh()]);
      assert.ok(running.sessions.some((r) => r.session.sessionId === added.sessionId));
      local.server.store.updateSession(app, added.sessionId, { state: 'TERMINATED' });
    });

    it('shows a session changed elsewhere (Terminate) at once in its row', async () => {
      running.setVisible(true);
      running.setExpanded(true);
      await running.load();
      const row = running.sessions[0]!;
      running.updateSession(row.application.id!, { ...row.session, state: 'TERMINATING' });
      assert.strictEqual(running.sessions[0]!.session.state, 'TERMINATING');
      assert.strictEqual(running.sessions[0]!.session.sessionId, row.session.sessionId);
    });
  });
});
