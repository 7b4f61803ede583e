import * as assert from 'assert';
import {
  GetResourceDashboardCommand,
  StartSessionCommand,
  TerminateSessionCommand,
  type EMRServerlessClient,
  type ResourceType,
} from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { signedRequest } from '../../localEmr/signedHttp';
import { rejectsWith, sdkClient } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';
const LIVE_URL = /^https:\/\/([0-9a-z]+)\.([0-9a-z]+)\.emrappui-prod\.us-east-1\.amazonaws\.com\/sparkui\/\?authToken=[A-Za-z0-9_-]{20,}$/;
const HISTORY_URL = /^https:\/\/p-([0-9a-z]+)\.emrappui-prod\.us-east-1\.amazonaws\.com\/shs\/history\/([0-9a-z]+)\/jobs\/\?authToken=[A-Za-z0-9_-]{20,}$/;

describe('local EMR endpoint: GetResourceDashboard', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let clock: ManualClock;
  let appId: string;

  before(async () => {
    clock = new ManualClock();
    server = await LocalEmrServer.start({ seed: 17, applications: 2, sessionsPerApplication: 30, clock });
    client = sdkClient(server);
    appId = server.store.listApplications().find((a) => a.state === 'STARTED')?.id ?? '';
    assert.ok(appId);
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  const dashboard = (resourceId: string, resourceType: ResourceType = 'SESSION', applicationId = appId) =>
    client.send(new GetResourceDashboardCommand({ applicationId, resourceId, resourceType }));

  it('gives no URL while a session starts, the live Spark UI while it runs and the history UI after it ends', async () => {
    const { sessionId = '' } = await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE }));
    const starting = await dashboard(sessionId);
    assert.strictEqual(starting.url, undefined, 'a SUBMITTED session has no UI yet');

    clock.advance(10_000);
    const live = await dashboard(sessionId);
    assert.deepStrictEqual(LIVE_URL.exec(live.url ?? '')?.slice(1, 3), [sessionId, appId], live.url);

    await client.send(new TerminateSessionCommand({ applicationId: appId, sessionId }));
    clock.advance(5_000);
    const history = await dashboard(sessionId);
    assert.deepStrictEqual(HISTORY_URL.exec(history.url ?? '')?.slice(1, 3), [appId, sessionId], history.url);
  });

  it('answers a fresh URL at each call', async () => {
    const sessionId = server.store.listSessions(appId, { states: ['IDLE'] })[0]?.sessionId ?? '';
    const urls = await Promise.all([1, 2, 3].map(async () => (await dashboard(sessionId)).url));
    assert.ok(urls.every((u) => LIVE_URL.test(u ?? '')), urls.join('\n'));
    assert.strictEqual(new Set(urls).size, 3);
  });

  it('gives generated ended sessions that once ran a history URL, and those that never ran none', async () => {
    const ended = server.store.sessions(appId).filter((s) => s.state === 'TERMINATED' || s.state === 'FAILED');
    assert.ok(ended.some((s) => s.startedAt) && ended.some((s) => !s.startedAt), 'the sample data has both kinds');
    for (const s of ended) {
      const out = await dashboard(s.sessionId);
      if (s.startedAt) {
        assert.match(out.url ?? '', HISTORY_URL, s.sessionId);
      } else {
        assert.strictEqual(out.url, undefined, s.sessionId);
      }
    }
  });

  it('an unknown session or application is a ResourceNotFoundException', async () => {
    const session = await rejectsWith(dashboard('nosuchsession0000'), 'ResourceNotFoundException', 404);
    assert.match(session.message, /Session nosuchsession0000 does not exist/);
    const sessionId = server.store.listSessions(appId)[0]?.sessionId ?? '';
    const application = await rejectsWith(dashboard(sessionId, 'SESSION', 'nosuchapp0000'), 'ResourceNotFoundException', 404);
    assert.match(application.message, /Application nosuchapp0000 does not exist/);
  });

  it('another resource type, a malformed id or a missing parameter is a ValidationException', async () => {
    const sessionId = server.store.listSessions(appId)[0]?.sessionId ?? '';
    const type = await rejectsWith(dashboard(sessionId, 'JOB_RUN' as ResourceType), 'ValidationException', 400);
    assert.match(type.message, /Value 'JOB_RUN' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set: \[SESSION\]/);
    const id = await rejectsWith(dashboard('Not An Id'), 'ValidationException', 400);
    assert.match(id.message, /at 'resourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: \[0-9a-z\]\+/);

    const res = await signedRequest(server.url, { path: `/applications/${appId}/dashboard` });
    assert.strictEqual(res.status, 400);
    assert.strictEqual(res.headers['x-amzn-errortype'], 'ValidationException');
    assert.strictEqual(
      JSON.parse(res.body).message,
      "2 validation errors detected: Value null at 'resourceId' failed to satisfy constraint: Member must not be null; Value null at 'resourceType' failed to satisfy constraint: Member must not be null",
    );
    const post = await signedRequest(server.url, { method: 'POST', path: `/applications/${appId}/dashboard`, query: { resourceId: sessionId, resourceType: 'SESSION' } });
    assert.strictEqual(post.headers['x-amzn-errortype'], 'UnknownOperationException');
  });

  it('records the operation and the session it asked about', async () => {
    const sessionId = server.store.listSessions(appId, { states: ['IDLE'] })[0]?.sessionId ?? '';
    server.resetRequests();
    await dashboard(sessionId);
    assert.deepStrictEqual(
      server.requests.map((r) => [r.operation, r.query['resourceId'], r.query['resourceType'], r.status]),
      [['GetResourceDashboard', [sessionId], ['SESSION'], 200]],
    );
  });
});
