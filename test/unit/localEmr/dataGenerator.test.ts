import * as assert from 'assert';
import { GetSessionCommand, ListSessionsCommand } from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock, SESSION_STATES, SessionStore } from '../../localEmr/server';
import { signedRequest } from '../../localEmr/signedHttp';
import { sdkClient } from './helpers';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY = 86_400_000;

function store(seed: number, applications: number, sessionsPerApplication: number): SessionStore {
  return new SessionStore({ clock: new ManualClock(NOW), seed, applications, sessionsPerApplication, region: 'eu-west-1', accountId: '123456789012' });
}

describe('local EMR endpoint: generated data', function () {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const a = store(7, 3, 40);
    const b = store(7, 3, 40);
    const c = store(8, 3, 40);
    assert.deepStrictEqual(a.applications(), b.applications());
    const sessionsOf = (s: SessionStore) => s.applications().flatMap((app) => s.sessions(app.id));
    assert.deepStrictEqual(sessionsOf(a), sessionsOf(b));
    assert.notDeepStrictEqual(a.applications().map((x) => x.id), c.applications().map((x) => x.id));
  });

  it('has realistic applications: one hidden TERMINATED, SPARK and HIVE, both architectures, modelled ARNs', () => {
    const s = store(7, 8, 10);
    const apps = s.applications();
    assert.strictEqual(apps.length, 9);
    assert.strictEqual(apps.filter((a) => a.state === 'TERMINATED').length, 1);
    assert.strictEqual(s.listApplications().length, 8);
    assert.deepStrictEqual(new Set(apps.map((a) => a.type)), new Set(['SPARK', 'HIVE']));
    assert.deepStrictEqual(new Set(apps.map((a) => a.architecture)), new Set(['X86_64', 'ARM64']));
    assert.ok(new Set(apps.map((a) => a.state)).size >= 5, 'several application states');
    assert.ok(apps.some((a) => a.name === undefined) && apps.some((a) => a.name !== undefined));
    for (const a of apps) {
      assert.match(a.id, /^[0-9a-z]{16,20}$/);
      assert.strictEqual(a.arn, `arn:aws:emr-serverless:eu-west-1:123456789012:/applications/${a.id}`);
      assert.match(a.releaseLabel, /^emr-7\.\d+\.\d+$/);
      assert.ok(a.updatedAt >= a.createdAt && a.updatedAt.getTime() <= NOW);
      if (a.name !== undefined) assert.match(a.name, /^[A-Za-z0-9._/#-]{1,64}$/);
      const detail = s.getApplication(a.id);
      assert.strictEqual(detail?.applicationId, a.id);
      assert.strictEqual(detail?.state, a.state);
    }
  });

  it('has realistic sessions: every state under a STARTED application, some unnamed, IAM and STS creators, 90 days of history, modelled ARNs', () => {
    const s = store(7, 3, 250);
    const apps = s.listApplications();
    assert.deepStrictEqual(apps.map((a) => a.state), ['STARTED', 'STARTED', 'STOPPED']);
    for (const app of apps) {
      const sessions = s.sessions(app.id);
      assert.strictEqual(sessions.length, 250);
      const states = app.state === 'STARTED' ? new Set(SESSION_STATES) : new Set(['FAILED', 'TERMINATED']);
      assert.deepStrictEqual(new Set(sessions.map((x) => x.state)), states, 'every state a session can have here is present');
      assert.ok(sessions.some((x) => x.name === undefined) && sessions.some((x) => x.name !== undefined));
      assert.ok(sessions.some((x) => x.createdBy.startsWith('arn:aws:iam::123456789012:user/')));
      assert.ok(sessions.some((x) => x.createdBy.startsWith('arn:aws:sts::123456789012:assumed-role/')));
      const ages = sessions.map((x) => NOW - x.createdAt.getTime());
      assert.ok(Math.min(...ages) >= 0 && Math.max(...ages) <= 100 * DAY);
      assert.ok(Math.max(...ages) > 60 * DAY, 'spread over the 90 days');
      assert.ok(sessions.some((x) => x.createdAt.getTime() % 1000 !== 0) && sessions.some((x) => x.createdAt.getTime() % 1000 === 0));
      const times = sessions.map((x) => x.createdAt.getTime());
      assert.ok(new Set(times).size < times.length, 'some sessions share a creation time');
      for (const x of sessions) {
        assert.match(x.sessionId, /^[0-9a-z]{16,20}$/);
        assert.strictEqual(x.arn, `arn:aws:emr-serverless:eu-west-1:123456789012:/applications/${app.id}/sessions/${x.sessionId}`);
        assert.ok(/\S/.test(x.stateDetails) && x.stateDetails.length <= 1024);
        assert.match(x.releaseLabel, /^emr-7\.\d+\.\d+$/);
        assert.match(x.executionRoleArn, /^arn:aws:iam::\d{12}:role\//);
        assert.match(x.createdBy, /^arn:aws:(iam|sts)::\d{12}:[\w/+=,.@-]+$/);
        assert.ok(x.updatedAt >= x.createdAt && x.updatedAt.getTime() <= NOW);
        if (x.name !== undefined) assert.ok(x.name.length >= 1 && x.name.length <= 256);
        const running = x.state === 'STARTED' || x.state === 'IDLE' || x.state === 'BUSY';
        if (running) assert.ok(x.startedAt, 'a running session has startedAt');
        if (x.startedAt) assert.ok(x.totalResourceUtilization && x.billedResourceUtilization && x.totalExecutionDurationSeconds !== undefined);
        assert.strictEqual(x.idleSince !== undefined, x.state === 'IDLE');
      }
    }
  });

  it('generates 10,000 sessions with distinct ids, each listed once', () => {
    const s = store(1, 2, 5000);
    const ids = s.listApplications().flatMap((a) => s.listSessions(a.id).map((x) => x.sessionId));
    assert.strictEqual(ids.length, 10_000);
    assert.strictEqual(new Set(ids).size, 10_000);
  });
});

describe('local EMR endpoint: wire format', function () {
  let server: LocalEmrServer;
  let appId: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 6, applications: 2, sessionsPerApplication: 60, clock: new ManualClock(NOW) });
    appId = server.store.listApplications()[0]?.id ?? '';
  });
  after(() => server.close());

  async function json(path: string, query?: Record<string, string>): Promise<Record<string, unknown>> {
    const res = await signedRequest(server.url, { path, query });
    assert.strictEqual(res.status, 200, res.body);
    assert.strictEqual(res.headers['content-type'], 'application/json');
    return JSON.parse(res.body) as Record<string, unknown>;
  }

  const SUMMARY_REQUIRED = ['applicationId', 'sessionId', 'arn', 'state', 'stateDetails', 'releaseLabel', 'executionRoleArn', 'createdBy', 'createdAt', 'updatedAt'];

  it('ListSessions items carry every required member, timestamps as epoch seconds', async () => {
    const body = await json(`/applications/${appId}/sessions`, { maxResults: '50' });
    const sessions = body['sessions'] as Record<string, unknown>[];
    assert.strictEqual(sessions.length, 50);
    assert.strictEqual(typeof body['nextToken'], 'string');
    for (const s of sessions) {
      for (const key of SUMMARY_REQUIRED) assert.ok(s[key] !== undefined && s[key] !== null, `${key} present`);
      assert.strictEqual(typeof s['createdAt'], 'number');
      assert.strictEqual(typeof s['updatedAt'], 'number');
      assert.ok(Object.keys(s).every((k) => [...SUMMARY_REQUIRED, 'name'].includes(k)), `only summary members: ${Object.keys(s).join(',')}`);
    }
    assert.ok(sessions.some((s) => !Number.isInteger(s['createdAt'])), 'fractional seconds when the time has milliseconds');
    const store = server.store.listSessions(appId).slice(0, 50);
    assert.deepStrictEqual(sessions.map((s) => Math.round((s['createdAt'] as number) * 1000)), store.map((s) => s.createdAt.getTime()));
  });

  it('GetSession, GetApplication and ListApplications carry their required members', async () => {
    const sessionId = server.store.listSessions(appId, { states: ['TERMINATED'] })[0]?.sessionId ?? '';
    const session = (await json(`/applications/${appId}/sessions/${sessionId}`))['session'] as Record<string, unknown>;
    for (const key of [...SUMMARY_REQUIRED, 'startedAt', 'endedAt', 'totalExecutionDurationSeconds', 'totalResourceUtilization', 'billedResourceUtilization']) {
      assert.ok(session[key] !== undefined, `${key} present`);
    }
    assert.strictEqual(typeof session['endedAt'], 'number');
    const application = (await json(`/applications/${appId}`))['application'] as Record<string, unknown>;
    for (const key of ['applicationId', 'arn', 'releaseLabel', 'type', 'state', 'createdAt', 'updatedAt']) {
      assert.ok(application[key] !== undefined, `${key} present`);
    }
    const apps = (await json('/applications'))['applications'] as Record<string, unknown>[];
    assert.strictEqual(apps.length, 2);
    for (const a of apps) {
      for (const key of ['id', 'arn', 'releaseLabel', 'type', 'state', 'createdAt', 'updatedAt']) assert.ok(a[key] !== undefined, `${key} present`);
    }
  });

  it('hostile names and state details survive the wire unchanged', async () => {
    const client = sdkClient(server);
    try {
      const hostile = ['"quoted" \\ back\\slash', 'line\nbreak\ttab', '<script>alert(1)</script>', 'Ünïcödé ✓ مرحبا 𝔘', 'x'.repeat(256)];
      // Every generated session was created at or before NOW; these come after it.
      (server.clock as ManualClock).set(NOW + 60_000);
      const added = hostile.map((name, i) =>
        server.store.addSession(appId, { name, stateDetails: `${name} | `.repeat(5).slice(0, 1024), createdAt: NOW + 10_000 - 1000 * i }),
      );
      for (const s of added) {
        const got = (await client.send(new GetSessionCommand({ applicationId: appId, sessionId: s.sessionId }))).session;
        assert.deepStrictEqual(got, server.store.getSession(appId, s.sessionId));
        assert.strictEqual(got?.name, s.name);
      }
      const top = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5 }));
      assert.deepStrictEqual(top.sessions?.map((x) => x.name), hostile, 'newest first: the added sessions lead the listing');
    } finally {
      client.destroy();
    }
  });
});
