import * as assert from 'assert';
import { ListApplicationsCommand, ListSessionsCommand, paginateListSessions } from '@aws-sdk/client-emr-serverless';
import { Churn, CHURN_LIMITS } from '../../localEmr/churn';
import { LocalEmrServer, ManualClock, SessionStore } from '../../localEmr/server';
import { sdkClient } from './helpers';

const ACTIVE = ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function store(seed: number, applications: number, sessionsPerApplication: number, clock = new ManualClock()): SessionStore {
  return new SessionStore({ clock, seed, applications, sessionsPerApplication, region: 'us-east-1', accountId: '123456789012' });
}

describe('local EMR endpoint: the sample is what the service would show', function () {
  for (const seed of [1, 7, 42, 1234]) {
    it(`seed ${seed}: STOPPED, STOPPING, CREATED, CREATING, STARTING and HIVE applications have no active session, and none has more than the quota`, () => {
      const s = store(seed, 16, 120);
      for (const app of s.listApplications()) {
        const active = s.listSessions(app.id, { states: ACTIVE });
        if (app.state !== 'STARTED' || app.type === 'HIVE') {
          assert.deepStrictEqual(active.map((x) => x.state), [], `${app.state} ${app.type} application ${app.id}`);
        }
        assert.ok(active.length <= 10, `${active.length} active sessions leave room under the quota of 25`);
      }
    });

    it(`seed ${seed}: applications that cannot take sessions (HIVE, sessions disabled, release before emr-7.13.0) list none`, () => {
      const s = store(seed, 16, 120);
      for (const app of s.listApplications()) {
        const detail = s.getApplication(app.id);
        const capable = app.type === 'SPARK' && app.releaseLabel === 'emr-7.13.0' && detail?.interactiveConfiguration.sessionEnabled === true;
        if (!capable) assert.strictEqual(s.listSessions(app.id).length, 0, `${app.type} ${app.releaseLabel} ${app.id}`);
      }
    });

    it(`seed ${seed}: running sessions are inside their limits: idle for less than their idle timeout, running for less than 24 hours`, () => {
      const s = store(seed, 8, 200);
      const now = s.now();
      for (const app of s.listApplications()) {
        for (const x of s.sessions(app.id).filter((y) => ['STARTED', 'IDLE', 'BUSY'].includes(y.state))) {
          assert.ok(x.startedAt && now - x.startedAt.getTime() < 20 * HOUR, `${x.sessionId} started ${x.startedAt?.toISOString()}`);
          if (x.state === 'IDLE') {
            const idleFor = now - (x.idleSince?.getTime() ?? 0);
            assert.ok(idleFor <= (x.idleTimeoutMinutes ?? 60) * MINUTE - 10 * MINUTE, `${x.sessionId} idle for ${idleFor / MINUTE} min of ${x.idleTimeoutMinutes}`);
          }
        }
      }
    });
  }

  it('a STOPPED application\'s sessions all ended before it stopped', () => {
    const s = store(7, 3, 100);
    const stopped = s.listApplications().find((a) => a.state === 'STOPPED');
    assert.ok(stopped);
    const sessions = s.sessions(stopped.id);
    assert.ok(sessions.length === 100 && sessions.every((x) => x.endedAt && x.endedAt <= stopped.updatedAt));
  });
});

/** The person a session name names, "(bob)" or "-bob" at its end; undefined for a team's or a period's name. */
function personNamed(name: string | undefined): string | undefined {
  return /(?:-|\()(alice|bob|carol|dana)\)?$/.exec(name ?? '')?.[1];
}

describe('local EMR endpoint: a session named after a person was created by that person', function () {
  it('in the generated sample of the demo (seed 7), every name that names a person names its creator', () => {
    const s = store(7, 6, 300);
    const named = s.listApplications().flatMap((a) => s.sessions(a.id)).filter((x) => personNamed(x.name));
    assert.ok(named.length > 100, `${named.length} sessions named after a person`);
    const wrong = named.filter((x) => !x.createdBy.includes(`/${personNamed(x.name)}`)).map((x) => `${x.name} by ${x.createdBy}`);
    assert.deepStrictEqual(wrong, []);
  });

  it('the sessions churn starts as bob are named after bob or a team, never after another person', () => {
    const clock = new ManualClock();
    const s = store(7, 4, 20, clock);
    const churn = new Churn(s, 3000);
    const names: string[] = [];
    for (let i = 0; i < 400; i++) {
      clock.advance(3000);
      const started = churn.tick().started;
      const app = started && s.listApplications().find((a) => s.storedSession(a.id, started));
      const name = app ? s.storedSession(app.id, started)?.name : undefined;
      if (name) {
        names.push(name);
      }
    }
    assert.ok(names.length > 10, `${names.length} sessions started`);
    assert.deepStrictEqual(names.map(personNamed).filter((p) => p !== undefined && p !== 'bob'), []);
  });
});

describe('local EMR endpoint: churn keeps the sample realistic and readable', function () {
  it('after 500 ticks churn has started sessions only under STARTED applications that take sessions', () => {
    const clock = new ManualClock();
    const s = store(7, 8, 60, clock);
    const before = new Set(s.listApplications().flatMap((a) => s.sessions(a.id).map((x) => x.sessionId)));
    const churn = new Churn(s, 3000);
    const startedIn = new Set<string>();
    for (let i = 0; i < 500; i++) {
      clock.advance(3000);
      const tick = churn.tick();
      if (tick.started) {
        const app = s.listApplications().find((a) => s.storedSession(a.id, tick.started ?? ''));
        startedIn.add(`${app?.state} ${app?.type} ${app?.releaseLabel} ${s.getApplication(app?.id ?? '')?.interactiveConfiguration.sessionEnabled}`);
      }
    }
    assert.deepStrictEqual([...startedIn], ['STARTED SPARK emr-7.13.0 true']);
    const added = s.listApplications().flatMap((a) => s.sessions(a.id)).filter((x) => !before.has(x.sessionId));
    assert.ok(added.length > 0);
    assert.ok(new Set(added.map((x) => x.name)).size > 1, 'churned sessions have varied names');
  });

  it('with ticks far shorter than the 5 s a termination takes, churn still keeps at most six sessions', () => {
    const clock = new ManualClock();
    const s = store(7, 2, 40, clock);
    const count = () => s.listApplications().reduce((n, a) => n + s.sessions(a.id).length, 0);
    const before = count();
    const churn = new Churn(s, 50);
    for (let i = 0; i < 600; i++) {
      clock.advance(50);
      churn.tick();
      assert.ok(churn.sessions().length <= CHURN_LIMITS.keptSessions, `tick ${i}: ${churn.sessions().length} sessions`);
      assert.ok(count() <= before + CHURN_LIMITS.keptSessions);
    }
    assert.ok(count() > before, 'churn did start sessions');
  });

  it('after 500 ticks churn keeps a handful of its sessions, at most 3 active, and the sample still fills the first page', async () => {
    const clock = new ManualClock();
    const server = await LocalEmrServer.start({ seed: 7, applications: 4, sessionsPerApplication: 300, clock });
    const client = sdkClient(server);
    try {
      const s = server.store;
      const sample = new Set(s.listApplications().flatMap((a) => s.sessions(a.id).map((x) => x.sessionId)));
      const churn = new Churn(s, 3000);
      let maxActive = 0;
      for (let i = 0; i < 500; i++) {
        clock.advance(3000);
        churn.tick();
        const own = churn.sessions();
        const active = own.filter((o) => ACTIVE.includes(s.getSession(o.applicationId, o.sessionId)?.state ?? ''));
        maxActive = Math.max(maxActive, active.length);
        assert.ok(own.length <= CHURN_LIMITS.keptSessions, `tick ${i}: churn keeps ${own.length} sessions`);
      }
      assert.strictEqual(maxActive, CHURN_LIMITS.liveSessions, 'churn ends its oldest session when it starts one too many');
      const apps = (await client.send(new ListApplicationsCommand({}))).applications ?? [];
      for (const app of apps.filter((a) => a.state === 'STARTED')) {
        const page = (await client.send(new ListSessionsCommand({ applicationId: app.id ?? '', maxResults: 50 }))).sessions ?? [];
        const fromSample = page.filter((x) => sample.has(x.sessionId ?? ''));
        assert.ok(fromSample.length >= 50 - CHURN_LIMITS.keptSessions, `${fromSample.length} of the first 50 rows are the sample`);
        assert.ok(new Set(fromSample.map((x) => x.state)).size >= 4, 'the first page still shows varied states');
      }
      let listed = 0;
      for await (const page of paginateListSessions({ client, pageSize: 50 }, { applicationId: apps[0]?.id ?? '' })) {
        listed += page.sessions?.length ?? 0;
      }
      assert.ok(listed <= 300 + CHURN_LIMITS.keptSessions, `${listed} sessions listed`);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
