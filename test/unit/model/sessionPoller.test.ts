import * as assert from 'assert';
import { classifyError } from '../../../src/aws/errorClassification';
import { attachFailureFacts } from '../../../src/model/awsErrors';
import { StartSessionCommand, type Application, type EMRServerlessClient, type Session } from '@aws-sdk/client-emr-serverless';
import { createEmrApi } from '../../../src/aws/emrClient';
import { backoffDelayMs, MAX_BACKOFF_MS } from '../../../src/model/backoff';
import type { Logger } from '../../../src/model/logger';
import { sessionEligibility } from '../../../src/model/sessionStart';
import { SessionPoller, TICK_MS, type PollingApi, type SessionPollerOptions } from '../../../src/model/sessionPoller';
import { SESSION_STATES } from '../../../src/model/sessionStates';
import { ManualClock } from '../../localEmr/clock';
import { sdkClient } from '../localEmr/helpers';
import { LocalEmrConnection } from '../support/localEmrConnection';
import { ManualTimers } from '../support/manualTimers';
import { RecordingPollingApi } from '../support/recordingPollingApi';

const APP = '00fabcdefghijklm';
const OTHER_APP = '00fnopqrstuvwxyz';

/**
 * A scripted EMR Serverless: answers with whatever state the test has put there, at the time
 * of the request. Failures queued with failNext are thrown first, one per request; hold()
 * keeps answers back until release().
 */
class ScriptedEmr implements PollingApi {
  private readonly sessions = new Map<string, Session>();
  private readonly applications = new Map<string, Application>();
  private readonly failures: unknown[] = [];
  private gates: (() => void)[] | undefined;

  constructor(private readonly clock: ManualClock) {}

  /** Puts a session in `state`, changed now. */
  setSession(applicationId: string, sessionId: string, state: string): Session {
    const session = { applicationId, sessionId, state, updatedAt: new Date(this.clock.now()) } as Session;
    this.sessions.set(`${applicationId}/${sessionId}`, session);
    return session;
  }

  setApplication(applicationId: string, state: string): Application {
    const application = { applicationId, state, updatedAt: new Date(this.clock.now()) } as Application;
    this.applications.set(applicationId, application);
    return application;
  }

  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  hold(): void {
    this.gates = [];
  }

  release(): void {
    const gates = this.gates ?? [];
    this.gates = undefined;
    gates.forEach((open) => open());
  }

  getSession(applicationId: string, sessionId: string): Promise<Session> {
    return this.answer(() => this.sessions.get(`${applicationId}/${sessionId}`));
  }

  getApplication(applicationId: string): Promise<Application> {
    return this.answer(() => this.applications.get(applicationId));
  }

  private async answer<T>(read: () => T | undefined): Promise<T> {
    const failure = this.failures.shift();
    const value = read();
    if (this.gates) {
      const gates = this.gates;
      await new Promise<void>((resolve) => gates.push(resolve));
    }
    if (failure !== undefined) {
      throw failure;
    }
    if (value === undefined) {
      throw Object.assign(new Error('Session not found'), { name: 'ResourceNotFoundException' });
    }
    return structuredClone(value);
  }
}

/** A throttling error as the SDK-backed EmrApi rejects with it: classified by src/aws. */
function throttling(): Error {
  const error = Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400, requestId: 'req-1' },
  });
  attachFailureFacts(error, { kind: classifyError(error) });
  return error;
}

class LogLines implements Logger {
  readonly lines: string[] = [];
  debug = (m: string) => void this.lines.push(`debug ${m}`);
  info = (m: string) => void this.lines.push(`info ${m}`);
  warn = (m: string) => void this.lines.push(`warn ${m}`);
  error = (m: string) => void this.lines.push(`error ${m}`);
}

/** A poller on a manual clock against the scripted endpoint, with everything it reports recorded. */
function setUp(intervalSeconds = 5, overrides: Partial<SessionPollerOptions> = {}) {
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const emr = new ScriptedEmr(clock);
  const api = new RecordingPollingApi(emr, () => clock.now());
  const log = new LogLines();
  const sessions: { applicationId: string; sessionId: string; state: string }[] = [];
  const applications: { applicationId: string; state: string }[] = [];
  let ticks = 0;
  const poller = new SessionPoller({
    api: async () => api,
    errorContext: () => ({ endpointLabel: 'EMR Serverless in us-east-1' }),
    intervalSeconds,
    onSession: (applicationId, s) => sessions.push({ applicationId, sessionId: s.sessionId ?? '', state: s.state ?? '' }),
    onApplication: (a) => applications.push({ applicationId: a.applicationId ?? '', state: a.state ?? '' }),
    onTick: () => ticks++,
    log,
    clock: timers,
    ...overrides,
  });
  /** A session that the endpoint and the row agree is in `state`. */
  const showSession = (applicationId: string, sessionId: string, state: string) => {
    const s = emr.setSession(applicationId, sessionId, state);
    poller.observeSession(applicationId, sessionId, s);
  };
  return { clock, timers, emr, api, log, poller, sessions, applications, ticks: () => ticks, showSession };
}

describe('session poller on a manual clock', () => {
  for (const intervalSeconds of [1, 5, 15, 60]) {
    for (const k of [1, 3]) {
      it(`asks GetSession exactly ${k} × 60 / ${intervalSeconds} times a simulated minute for ${k} visible transitional session(s)`, async () => {
        const t = setUp(intervalSeconds);
        for (let i = 0; i < k; i++) {
          t.showSession(APP, `session${i}`, 'STARTING');
        }
        t.poller.setExpanded(APP, true);
        t.poller.setVisible(true);
        await t.timers.advanceSettled(0);
        const afterShow = t.api.count('GetSession');
        assert.strictEqual(afterShow, k, 'one round at once when the view is shown');
        await t.timers.advanceSettled(60_000);
        assert.strictEqual(t.api.count('GetSession') - afterShow, (k * 60) / intervalSeconds);
        await t.timers.advanceSettled(60_000);
        assert.strictEqual(
          t.api.count('GetSession') - afterShow,
          (2 * k * 60) / intervalSeconds,
          'the same again the next minute',
        );
        assert.strictEqual(t.api.count('GetApplication'), 0);
        t.poller.dispose();
      });
    }
  }

  it('starts no timer and sends nothing before the view is first shown', async () => {
    const t = setUp();
    t.showSession(APP, 'starting', 'STARTING');
    t.poller.observeApplication(OTHER_APP, t.emr.setApplication(OTHER_APP, 'CREATING'));
    t.poller.setExpanded(APP, true);
    assert.strictEqual(t.timers.pendingCount, 0, 'no timer is set');
    await t.timers.advanceSettled(10 * 60_000);
    assert.strictEqual(t.api.calls.length, 0);
    assert.strictEqual(t.ticks(), 0);
    t.poller.dispose();
  });

  it('polls only SUBMITTED, STARTING, STARTED and TERMINATING sessions', async () => {
    const t = setUp();
    for (const state of SESSION_STATES) {
      t.showSession(APP, state.toLowerCase(), state);
    }
    t.poller.observeSession(APP, 'nostate', {});
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(5_000);
    const asked = [...new Set(t.api.calls.map((c) => c.sessionId))].sort();
    assert.deepStrictEqual(asked, ['started', 'starting', 'submitted', 'terminating']);
    t.poller.dispose();
  });

  it('asks nothing while the view is hidden, and runs one round at once when it is shown again', async () => {
    const t = setUp();
    t.showSession(APP, 'a', 'SUBMITTED');
    t.showSession(APP, 'b', 'TERMINATING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(12_000);
    assert.strictEqual(t.api.count('GetSession'), 6, 'at 0, 5 and 10 s');
    t.poller.setVisible(false);
    await t.timers.advanceSettled(10 * 60_000);
    assert.strictEqual(t.api.count('GetSession'), 6, 'nothing while hidden');
    assert.strictEqual(t.timers.pendingCount, 0, 'no timer runs while hidden');
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    assert.strictEqual(t.api.count('GetSession'), 8, 'one round at once');
    await t.timers.advanceSettled(4_999);
    assert.strictEqual(t.api.count('GetSession'), 8, 'then the interval again');
    await t.timers.advanceSettled(1);
    assert.strictEqual(t.api.count('GetSession'), 10);
    t.poller.dispose();
  });

  it('stops asking for a session once its answer shows it settled, and hands every answer over', async () => {
    const t = setUp();
    t.showSession(APP, 'a', 'STARTING');
    t.showSession(APP, 'b', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    t.emr.setSession(APP, 'a', 'STARTED');
    await t.timers.advanceSettled(5_000);
    t.emr.setSession(APP, 'a', 'IDLE');
    t.emr.setSession(APP, 'b', 'FAILED');
    await t.timers.advanceSettled(5_000);
    assert.deepStrictEqual(
      t.sessions.map((s) => `${s.sessionId} ${s.state}`),
      ['a STARTING', 'b STARTING', 'a STARTED', 'b STARTING', 'a IDLE', 'b FAILED'],
    );
    const before = t.api.count('GetSession');
    await t.timers.advanceSettled(5 * 60_000);
    assert.strictEqual(t.api.count('GetSession'), before, 'settled rows are not asked for');
    assert.strictEqual(t.poller.trackedCount, 0);
    assert.strictEqual(t.timers.pendingCount, 1, 'only the minute tick is left');
    t.poller.dispose();
  });

  it('stops asking for a session when a listing shows it settled', async () => {
    const t = setUp();
    t.showSession(APP, 'a', 'TERMINATING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(5_000);
    const before = t.api.count('GetSession');
    t.clock.advance(1);
    t.showSession(APP, 'a', 'TERMINATED');
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.api.count('GetSession'), before);
    t.poller.dispose();
  });

  it('asks nothing for the sessions of a collapsed application, and asks at once when it is expanded again', async () => {
    const t = setUp();
    t.showSession(APP, 'a', 'STARTING');
    t.showSession(OTHER_APP, 'b', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(5_000);
    assert.deepStrictEqual([...new Set(t.api.calls.map((c) => c.sessionId))], ['a'], 'only the expanded application');
    t.poller.setExpanded(APP, false);
    const before = t.api.count('GetSession');
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.api.count('GetSession'), before, 'nothing while collapsed');
    t.poller.setExpanded(APP, true);
    await t.timers.advanceSettled(0);
    assert.strictEqual(t.api.count('GetSession'), before + 1, 'at once on expanding');
    t.poller.dispose();
  });

  it('polls applications in CREATING, STARTING or STOPPING with GetApplication while visible, expanded or not, until they settle', async () => {
    const t = setUp();
    for (const [id, state] of [
      ['creating', 'CREATING'],
      ['starting', 'STARTING'],
      ['stopping', 'STOPPING'],
      ['created', 'CREATED'],
      ['started', 'STARTED'],
      ['stopped', 'STOPPED'],
      ['terminated', 'TERMINATED'],
    ]) {
      t.poller.observeApplication(id, t.emr.setApplication(id, state));
    }
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    assert.deepStrictEqual(t.api.calls.map((c) => c.applicationId).sort(), ['creating', 'starting', 'stopping']);
    t.emr.setApplication('starting', 'STARTED');
    await t.timers.advanceSettled(5_000);
    assert.deepStrictEqual(
      t.applications
        .slice(-3)
        .map((a) => `${a.applicationId} ${a.state}`)
        .sort(),
      ['creating CREATING', 'starting STARTED', 'stopping STOPPING'],
    );
    await t.timers.advanceSettled(5_000);
    assert.deepStrictEqual(
      t.api.calls
        .slice(-2)
        .map((c) => c.applicationId)
        .sort(),
      ['creating', 'stopping'],
      'the started one is no longer asked for',
    );
    assert.strictEqual(t.api.count('GetApplication'), 3 + 3 + 2);
    t.poller.setVisible(false);
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.api.count('GetApplication'), 8, 'nothing while hidden');
    t.poller.dispose();
  });

  it('asks nothing at an interval of 0 while ages still tick, and asks at once when polling is turned on', async () => {
    const t = setUp(0);
    t.showSession(APP, 'a', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(5 * 60_000);
    assert.strictEqual(t.api.calls.length, 0);
    assert.strictEqual(t.ticks(), 5, 'ages still redraw once a minute');
    t.poller.setIntervalSeconds(10);
    await t.timers.advanceSettled(0);
    assert.strictEqual(t.api.count('GetSession'), 1, 'at once when turned on');
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.api.count('GetSession'), 7, 'every 10 s');
    t.poller.setIntervalSeconds(0);
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.api.count('GetSession'), 7, 'off again');
    t.poller.dispose();
  });

  it('applies a shorter interval at once', async () => {
    const t = setUp(60);
    t.showSession(APP, 'a', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    t.poller.setIntervalSeconds(5);
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.api.count('GetSession'), 1 + 12);
    t.poller.dispose();
  });

  it('backs off after failures, doubling up to 60 s, keeps the row as it was, logs what happened, and returns to the interval after an answer', async () => {
    const t = setUp(5);
    t.showSession(APP, 'a', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.emr.failNext(throttling(), throttling(), throttling(), throttling(), throttling(), throttling());
    t.poller.setVisible(true);
    await t.timers.advanceSettled(5 * 60_000);
    const times = t.api.calls.map((c) => (c.at - t.api.calls[0].at) / 1000);
    // Six failures (at 0, 10, 30, 70, 130, 190 s), then an answer, then every 5 s again.
    assert.deepStrictEqual(times.slice(0, 10), [0, 10, 30, 70, 130, 190, 250, 255, 260, 265]);
    assert.deepStrictEqual(
      t.sessions.slice(0, 1).map((s) => s.state),
      ['STARTING'],
      'only the answer reached the row',
    );
    assert.strictEqual(t.sessions.length, times.length - 6, 'no failure was handed to the row');
    const warnings = t.log.lines.filter((l) => l.startsWith('warn'));
    assert.strictEqual(warnings.length, 6);
    assert.match(
      warnings[0],
      /GetSession for session a of application 00fabcdefghijklm failed \(Throttled by EMR Serverless in us-east-1\)/,
    );
    assert.match(warnings[0], /request id req-1/);
    assert.match(warnings[0], /asking again in 10 s \(failure 1 in a row\)/);
    assert.match(warnings[5], /asking again in 60 s \(failure 6 in a row\)/);
    t.poller.dispose();
  });

  it('backs off each row on its own: one failing session does not slow the others', async () => {
    const t = setUp(5);
    t.showSession(APP, 'a', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    // "gone" is not on the endpoint: ResourceNotFoundException each time it is asked for.
    t.poller.observeSession(APP, 'gone', { state: 'STARTING', updatedAt: new Date(t.clock.now()) });
    const calls = (id: string) => t.api.calls.filter((c) => c.sessionId === id).length;
    const before = calls('a');
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(calls('a') - before, 12);
    // At 5, 15, 35 s after it was first seen (then 75 s).
    assert.strictEqual(calls('gone'), 3);
    t.poller.dispose();
  });

  it('drops an answer that arrives after its session was forgotten', async () => {
    const t = setUp();
    t.showSession(APP, 'a', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    const answered = t.sessions.length;
    t.emr.hold();
    await t.timers.advanceSettled(5_000);
    assert.strictEqual(t.api.count('GetSession'), 2, 'the second request is on its way');
    t.poller.forgetSessions(APP);
    t.emr.release();
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.sessions.length, answered, 'the late answer was not applied');
    assert.strictEqual(t.api.count('GetSession'), 2, 'and nothing more was asked');
    t.poller.dispose();
  });

  it('drops an answer older than what the row already shows', async () => {
    const t = setUp();
    t.showSession(APP, 'a', 'SUBMITTED');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    t.clock.advance(1_000);
    t.emr.setSession(APP, 'a', 'STARTING');
    t.emr.hold();
    await t.timers.advanceSettled(4_000);
    // A refreshed listing shows newer news while the answer (STARTING) is on its way.
    t.clock.advance(1_000);
    t.showSession(APP, 'a', 'STARTED');
    t.emr.release();
    await t.timers.advanceSettled(0);
    assert.deepStrictEqual(
      t.sessions.map((s) => s.state),
      ['SUBMITTED'],
      'STARTING came too late to be applied',
    );
    await t.timers.advanceSettled(5_000);
    assert.deepStrictEqual(
      t.sessions.map((s) => s.state),
      ['SUBMITTED', 'STARTED'],
      'polling goes on from the newer state',
    );
    t.poller.dispose();
  });

  it('ticks once a minute only while visible, at once when shown again, never before the first show, and without a request', async () => {
    const t = setUp();
    await t.timers.advanceSettled(5 * 60_000);
    assert.strictEqual(t.ticks(), 0, 'nothing before the first show');
    t.poller.setVisible(true);
    assert.strictEqual(t.ticks(), 0, 'the first show draws fresh rows anyway');
    await t.timers.advanceSettled(TICK_MS * 3);
    assert.strictEqual(t.ticks(), 3);
    t.poller.setVisible(false);
    await t.timers.advanceSettled(TICK_MS * 10);
    assert.strictEqual(t.ticks(), 3, 'no tick while hidden');
    t.poller.setVisible(true);
    assert.strictEqual(t.ticks(), 4, 'ages redraw at once when shown again');
    await t.timers.advanceSettled(TICK_MS);
    assert.strictEqual(t.ticks(), 5);
    assert.strictEqual(t.api.calls.length, 0, 'ticks send no request');
    t.poller.dispose();
  });

  it('stops every timer on dispose and applies nothing afterwards', async () => {
    const t = setUp();
    t.showSession(APP, 'a', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    t.emr.hold();
    await t.timers.advanceSettled(5_000);
    const answered = t.sessions.length;
    t.poller.dispose();
    t.emr.release();
    await t.timers.advanceSettled(60_000);
    assert.strictEqual(t.timers.pendingCount, 0);
    assert.strictEqual(t.sessions.length, answered);
    assert.strictEqual(t.ticks(), 0);
  });

  it('logs and survives a row update that throws', async () => {
    const t = setUp(5, {
      onSession: () => {
        throw new Error('row is gone');
      },
    });
    t.showSession(APP, 'a', 'STARTING');
    t.poller.setExpanded(APP, true);
    t.poller.setVisible(true);
    await t.timers.advanceSettled(10_000);
    assert.strictEqual(t.api.count('GetSession'), 3, 'polling goes on');
    assert.ok(t.log.lines.some((l) => /^error \[poll\] updating session a .* failed: Error: row is gone/.test(l)));
    t.poller.dispose();
  });
});

describe('poll backoff', () => {
  const table: [intervalMs: number, failures: number, delayMs: number][] = [
    [5_000, 0, 5_000],
    [5_000, 1, 10_000],
    [5_000, 2, 20_000],
    [5_000, 3, 40_000],
    [5_000, 4, 60_000],
    [5_000, 50, 60_000],
    [5_000, 5_000, 60_000],
    [1_000, 3, 8_000],
    [45_000, 1, 60_000],
    [120_000, 2, 120_000],
  ];
  for (const [intervalMs, failures, delayMs] of table) {
    it(`waits ${delayMs / 1000} s after ${failures} failure(s) in a row at a ${intervalMs / 1000} s interval`, () => {
      assert.strictEqual(backoffDelayMs(intervalMs, failures), delayMs);
    });
  }

  it('never waits more than a minute unless the interval itself is longer', () => {
    for (let failures = 0; failures < 100; failures++) {
      assert.ok(backoffDelayMs(5_000, failures) <= MAX_BACKOFF_MS);
    }
  });
});

describe('session poller against the local endpoint, through the AWS SDK', function () {
  const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';
  let local: LocalEmrConnection;
  let clock: ManualClock;
  let client: EMRServerlessClient;

  before(async () => {
    clock = new ManualClock();
    local = await LocalEmrConnection.start({ seed: 5, applications: 4, sessionsPerApplication: 10, clock });
    client = sdkClient(local.server);
  });
  after(async () => {
    client.destroy();
    await local.close();
  });
  beforeEach(() => local.server.faults.clear());

  /** A poller on the endpoint's own clock, with the extension's SDK-backed EmrApi. */
  async function setUpLocal() {
    const sdkApi = await createEmrApi(local.settings(), local.log);
    const api = new RecordingPollingApi(sdkApi, () => clock.now());
    const timers = new ManualTimers(clock, () => api.settled());
    const log = new LogLines();
    const sessions: string[] = [];
    const applications: string[] = [];
    const poller = new SessionPoller({
      api: async () => api,
      errorContext: () => ({ endpointLabel: local.server.url }),
      intervalSeconds: 5,
      onSession: (_applicationId, s) =>
        sessions.push(`${s.sessionId} ${s.state} +${((s.updatedAt?.getTime() ?? 0) - start) / 1000}s`),
      onApplication: (a) => applications.push(`${a.applicationId} ${a.state}`),
      onTick: () => undefined,
      log,
      clock: timers,
    });
    const start = clock.now();
    return { api, timers, log, poller, sessions, applications, dispose: () => (poller.dispose(), sdkApi.dispose()) };
  }

  /** An application in `state` that can take a session (a SPARK one on a recent release, with sessions enabled). */
  function applicationTakingSessions(state: string): string {
    const app = local.server.store
      .applications()
      .map((a) => local.server.store.getApplication(a.id))
      .find((a) => a?.state === state && sessionEligibility(a as Application).ok);
    assert.ok(app?.applicationId, `the sample data has a ${state} application that can take a session`);
    return app.applicationId;
  }

  async function startSession(applicationId: string): Promise<string> {
    const out = await client.send(new StartSessionCommand({ applicationId, executionRoleArn: ROLE, name: 'polled' }));
    return out.sessionId ?? '';
  }

  it('polls a session started on the endpoint through STARTING to IDLE, then stops asking by itself', async () => {
    const appId = applicationTakingSessions('STARTED');
    const t = await setUpLocal();
    const sessionId = await startSession(appId);
    const row = local.server.store.getSession(appId, sessionId);
    assert.strictEqual(row?.state, 'SUBMITTED');
    t.poller.observeSession(appId, sessionId, row ?? {});
    t.poller.setExpanded(appId, true);
    local.server.resetRequests();
    t.poller.setVisible(true);
    await t.timers.advanceSettled(60_000);
    // Shown at 0 s (SUBMITTED), 5 s (STARTING since 2 s), 10 s (IDLE since 10 s): then settled.
    assert.deepStrictEqual(t.sessions, [`${sessionId} SUBMITTED +0s`, `${sessionId} STARTING +2s`, `${sessionId} IDLE +10s`]);
    assert.strictEqual(local.server.count('GetSession'), 3, 'three GetSession requests reached the endpoint, then none');
    assert.strictEqual(t.api.count('GetSession'), 3);
    assert.strictEqual(t.poller.trackedCount, 0);
    t.dispose();
  });

  it('polls an application that auto-starts for a new session until it is STARTED, with GetApplication', async () => {
    // A CREATED application starts when a session is submitted to it (auto-start).
    const appId = applicationTakingSessions('STARTED');
    const created = local.server.store.updateApplication(appId, { state: 'CREATED' });
    assert.ok(sessionEligibility(created as Application).ok, 'it auto-starts');
    const t = await setUpLocal();
    await startSession(appId);
    const app = local.server.store.getApplication(appId);
    assert.strictEqual(app?.state, 'STARTING', 'StartSession auto-starts the application');
    t.poller.observeApplication(appId, app ?? {});
    local.server.resetRequests();
    t.poller.setVisible(true);
    await t.timers.advanceSettled(60_000);
    assert.deepStrictEqual(t.applications, [`${appId} STARTING`, `${appId} STARTED`]);
    assert.strictEqual(local.server.count('GetApplication'), 2);
    assert.strictEqual(local.server.count('GetSession'), 0, 'the session of a collapsed application is not asked for');
    t.dispose();
  });

  it('backs off when GetSession is throttled even after the SDK retries, keeps the row, and logs the failure', async () => {
    const appId = applicationTakingSessions('STARTED');
    const t = await setUpLocal();
    const sessionId = await startSession(appId);
    t.poller.observeSession(appId, sessionId, local.server.store.getSession(appId, sessionId) ?? {});
    t.poller.setExpanded(appId, true);
    // Three attempts: the SDK's retries are used up, so the poller sees the throttling.
    local.server.faults.inject({ operation: 'GetSession', kind: 'throttle', times: 3 });
    local.server.resetRequests();
    t.poller.setVisible(true);
    await t.timers.advanceSettled(0);
    assert.strictEqual(local.server.count('GetSession'), 3, 'one poll, three attempts');
    assert.strictEqual(t.sessions.length, 0, 'the row keeps what it shows');
    const warning = t.log.lines.find((l) => l.startsWith('warn'));
    assert.match(
      warning ?? '',
      /\[poll\] GetSession for session \S+ of application \S+ failed \(Throttled by http:\/\/127\.0\.0\.1:\d+\).*request id [0-9a-f-]{36}.*asking again in 10 s/,
    );
    await t.timers.advanceSettled(9_999);
    assert.strictEqual(local.server.count('GetSession'), 3, 'nothing during the backoff');
    await t.timers.advanceSettled(1);
    assert.strictEqual(local.server.count('GetSession'), 4);
    assert.deepStrictEqual(
      t.sessions.map((s) => s.split(' ')[1]),
      ['IDLE'],
      'the next answer (IDLE by then) is applied',
    );
    t.dispose();
  });
});
