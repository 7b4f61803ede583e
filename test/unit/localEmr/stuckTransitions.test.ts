import * as assert from 'assert';
import {
  GetApplicationCommand,
  GetSessionCommand,
  ListApplicationsCommand,
  StartSessionCommand,
} from '@aws-sdk/client-emr-serverless';
import { Churn } from '../../localEmr/churn';
import { LocalEmrServer, ManualClock, SessionStore } from '../../localEmr/server';
import { stuckApplications, stuckSessions } from '../../localEmr/stuckTransitions';
import { sdkClient } from './helpers';

const MOVING_SESSION_STATES = ['SUBMITTED', 'STARTING', 'STARTED', 'TERMINATING'];
const MOVING_APPLICATION_STATES = ['CREATING', 'STARTING', 'STOPPING'];
const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';

function store(clock: ManualClock, applications = 8, sessionsPerApplication = 120): SessionStore {
  return new SessionStore({
    clock,
    seed: 7,
    applications,
    sessionsPerApplication,
    region: 'us-east-1',
    accountId: '123456789012',
  });
}

/** Every session's state, by id, as ListSessions would list them. */
function sessionStates(s: SessionStore): Map<string, string> {
  return new Map(
    s
      .applications()
      .flatMap((a) => s.listSessions(a.id))
      .map((x) => [x.sessionId, x.state]),
  );
}

describe('local EMR endpoint: sample resources caught in a transitional state', function () {
  it('without churn, the sample keeps its SUBMITTED, STARTING, STARTED and TERMINATING sessions and its STARTING application however far the clock moves', () => {
    const clock = new ManualClock();
    const s = store(clock);
    const before = sessionStates(s);
    const transitional = [...before].filter(([, state]) => MOVING_SESSION_STATES.includes(state));
    assert.deepStrictEqual(
      [...new Set(transitional.map(([, state]) => state))].sort(),
      [...MOVING_SESSION_STATES].sort(),
      'the sample holds every transitional session state',
    );
    const apps = () => s.listApplications().map((a) => `${a.id} ${a.state}`);
    const appsBefore = apps();
    assert.ok(appsBefore.some((a) => a.endsWith(' STARTING')));
    clock.advance(60 * 60_000);
    const after = sessionStates(s);
    for (const [id, state] of transitional) {
      assert.strictEqual(after.get(id), state, `session ${id}`);
    }
    assert.deepStrictEqual(apps(), appsBefore);
  });

  it('with churn, each tick moves on the sample session and the sample application stuck longest, until none is stuck', () => {
    const clock = new ManualClock();
    const s = store(clock);
    const stuck = stuckSessions(s, s.now()).map((x) => x.sessionId);
    const stuckApps = stuckApplications(s, s.now()).map((a) => a.id);
    assert.ok(stuck.length >= 4, `${stuck.length} stuck sessions`);
    assert.ok(stuckApps.length >= 3, `${stuckApps.length} stuck applications (STARTING, STOPPING, CREATING)`);
    const churn = new Churn(s, 3000);
    const moved: string[] = [];
    const movedApps: string[] = [];
    for (let i = 0; i < stuck.length; i++) {
      clock.advance(3000);
      const tick = churn.tick();
      if (tick.movedSession) moved.push(tick.movedSession);
      if (tick.movedApplication) movedApps.push(tick.movedApplication);
    }
    assert.deepStrictEqual(moved, stuck, 'one session a tick, longest stuck first');
    assert.deepStrictEqual(movedApps, stuckApps);
    clock.advance(10_000);
    assert.deepStrictEqual(stuckSessions(s, s.now()), []);
    const states = sessionStates(s);
    const left = stuck.filter((id) => MOVING_SESSION_STATES.includes(states.get(id) ?? ''));
    assert.deepStrictEqual(left, [], 'every stuck sample session has settled');
    const appStates = s
      .applications()
      .filter((a) => stuckApps.includes(a.id))
      .map((a) => a.state);
    assert.ok(
      appStates.every((state) => !MOVING_APPLICATION_STATES.includes(state)),
      appStates.join(', '),
    );
  });

  it('with churn, a sample session stuck SUBMITTED goes STARTING, STARTED, then IDLE as GetSession shows, as a started session does', async () => {
    const clock = new ManualClock();
    const server = await LocalEmrServer.start({ seed: 7, applications: 2, sessionsPerApplication: 60, clock });
    const client = sdkClient(server);
    try {
      const submitted = stuckSessions(server.store, clock.now()).find(
        (x) => server.store.getSession(x.applicationId, x.sessionId)?.state === 'SUBMITTED',
      );
      assert.ok(submitted, 'the sample holds a SUBMITTED session');
      const { applicationId, sessionId } = submitted;
      const churn = new Churn(server.store, 3000);
      const seen: string[] = [];
      for (let i = 0; i < 90 && seen[seen.length - 1] !== 'IDLE'; i++) {
        clock.advance(1000);
        if (i % 3 === 0) churn.tick();
        const session = (await client.send(new GetSessionCommand({ applicationId, sessionId }))).session;
        if (session?.state !== seen[seen.length - 1]) seen.push(session?.state ?? '');
        if (session?.state === 'STARTED') assert.ok(session.startedAt, 'a STARTED session tells when it started');
      }
      assert.deepStrictEqual(seen.slice(seen.indexOf('STARTING')), ['STARTING', 'STARTED', 'IDLE']);
      const idle = (await client.send(new GetSessionCommand({ applicationId, sessionId }))).session;
      assert.strictEqual(idle?.stateDetails, 'Session is idle and ready to run statements.');
      assert.ok(idle?.idleSince && idle.updatedAt && idle.idleSince.getTime() === idle.updatedAt.getTime());
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('with churn, a sample session stuck TERMINATING ends TERMINATED, with an end time and the reason it was terminating', () => {
    const clock = new ManualClock();
    const s = store(clock);
    const terminating = stuckSessions(s, s.now()).filter(
      (x) => s.getSession(x.applicationId, x.sessionId)?.state === 'TERMINATING',
    );
    assert.ok(terminating.length > 0);
    const churn = new Churn(s, 3000);
    for (let i = 0; i < 30; i++) {
      clock.advance(3000);
      churn.tick();
    }
    for (const x of terminating) {
      const ended = s.getSession(x.applicationId, x.sessionId);
      assert.strictEqual(ended?.state, 'TERMINATED');
      assert.ok(ended.endedAt && ended.endedAt.getTime() <= s.now());
      assert.match(ended.stateDetails, /^Session was terminated (by the user|after an idle timeout of \d+ minutes)\.$/);
    }
  });

  it('with churn, the sample application stuck STARTING becomes STARTED on the wire, and ListApplications shows none starting', async () => {
    const clock = new ManualClock();
    const server = await LocalEmrServer.start({ seed: 7, applications: 6, sessionsPerApplication: 20, clock });
    const client = sdkClient(server);
    try {
      const listed = async () => (await client.send(new ListApplicationsCommand({}))).applications ?? [];
      const starting = (await listed()).find((a) => a.state === 'STARTING');
      assert.ok(starting?.id, 'the sample holds a STARTING application');
      clock.advance(3000);
      assert.strictEqual(new Churn(server.store, 3000).tick().movedApplication, starting.id);
      const application = (await client.send(new GetApplicationCommand({ applicationId: starting.id }))).application;
      assert.strictEqual(application?.state, 'STARTED');
      assert.strictEqual(application?.stateDetails, 'Application is started.');
      assert.strictEqual(application?.updatedAt?.getTime(), clock.now());
      assert.deepStrictEqual(
        (await listed()).filter((a) => MOVING_APPLICATION_STATES.includes(a.state ?? '')),
        [],
      );
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('churn leaves alone a session that StartSession has scheduled: it still goes STARTING 2 s after it was submitted', async () => {
    const clock = new ManualClock();
    const server = await LocalEmrServer.start({ seed: 7, applications: 2, sessionsPerApplication: 10, clock });
    const client = sdkClient(server);
    try {
      const applicationId = server.store.listApplications().find((a) => a.state === 'STARTED')?.id ?? '';
      const { sessionId } = await client.send(
        new StartSessionCommand({ applicationId, executionRoleArn: ROLE, name: 'scheduled' }),
      );
      const churn = new Churn(server.store, 3000);
      for (let i = 0; i < 10; i++) churn.tick();
      assert.strictEqual(server.store.getSession(applicationId, sessionId ?? '')?.state, 'SUBMITTED');
      clock.advance(1999);
      assert.strictEqual(server.store.getSession(applicationId, sessionId ?? '')?.state, 'SUBMITTED');
      clock.advance(1);
      assert.strictEqual(server.store.getSession(applicationId, sessionId ?? '')?.state, 'STARTING');
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
