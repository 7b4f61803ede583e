import * as assert from 'assert';
import {
  GetApplicationCommand,
  ListApplicationsCommand,
  ListSessionsCommand,
  type EMRServerlessClient,
} from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { rejectsWith, sdkClient, sleep, type SdkError } from './helpers';

describe('local EMR endpoint: fault injection and request accounting', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let appId: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 17, applications: 2, sessionsPerApplication: 30, clock: new ManualClock() });
    client = sdkClient(server);
    appId = server.store.listApplications()[0]?.id ?? '';
  });
  after(async () => {
    client.destroy();
    await server.close();
  });
  beforeEach(() => {
    server.faults.clear();
    server.resetRequests();
  });

  async function failure(promise: Promise<unknown>): Promise<SdkError> {
    try {
      await promise;
    } catch (error) {
      return error as SdkError;
    }
    assert.fail('the call succeeded');
  }

  it('malformedJson surfaces as a deserialization error of a 200 answer', async () => {
    server.faults.inject({ operation: 'ListApplications', kind: 'malformedJson', times: 1 });
    const error = await failure(client.send(new ListApplicationsCommand({})));
    assert.strictEqual(error.name, 'SyntaxError');
    assert.match(error.message, /Deserialization error/);
    assert.strictEqual(error.$metadata?.httpStatusCode, 200);
    const ok = await client.send(new ListApplicationsCommand({}));
    assert.strictEqual(ok.applications?.length, 2, 'times: 1 stops after one request');
  });

  it('dropConnection surfaces as a network error', async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'dropConnection', times: 1 });
    const error = await failure(client.send(new ListSessionsCommand({ applicationId: appId })));
    assert.strictEqual(error.code, 'ECONNRESET');
    assert.strictEqual(error.$metadata?.httpStatusCode, undefined, 'no HTTP answer at all');
    assert.strictEqual(server.requests[0]?.status, 0);
    assert.strictEqual(server.requests[0]?.fault, 'dropConnection');
  });

  it('hang never answers; the client can abort it', async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'hang' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(client.send(new ListSessionsCommand({ applicationId: appId }), { abortSignal: controller.signal }));
    assert.strictEqual(error.name, 'AbortError');
    assert.ok(Date.now() - started >= 140);
    assert.strictEqual(server.count('ListSessions'), 1);
    const other = await client.send(new GetApplicationCommand({ applicationId: appId }));
    assert.strictEqual(other.application?.applicationId, appId, 'other operations are unaffected');
  });

  it('close() does not wait for a hanging request', async () => {
    const own = await LocalEmrServer.start({ applications: 1, sessionsPerApplication: 5 });
    const ownClient = sdkClient(own);
    own.faults.inject({ operation: '*', kind: 'hang' });
    const pending = failure(ownClient.send(new ListApplicationsCommand({})));
    await sleep(50);
    assert.strictEqual(own.count(), 1);
    const t0 = Date.now();
    await own.close();
    assert.ok(Date.now() - t0 < 1000, 'closed promptly');
    const error = await pending;
    assert.ok(error instanceof Error, 'the client saw the connection end');
    ownClient.destroy();
  });

  it('latency delays the answer by about that much', async () => {
    const t0 = Date.now();
    await client.send(new ListApplicationsCommand({}));
    const plain = Date.now() - t0;
    server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 250 });
    const t1 = Date.now();
    await client.send(new ListApplicationsCommand({}));
    const slow = Date.now() - t1;
    assert.ok(slow >= 245, `took ${slow} ms`);
    assert.ok(slow < 250 + plain + 500, `took ${slow} ms`);
    const t2 = Date.now();
    await client.send(new GetApplicationCommand({ applicationId: appId }));
    assert.ok(Date.now() - t2 < 200, 'another operation is not delayed');
  });

  it("page: 'later' only hits requests carrying a nextToken, page: 'first' only the others", async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'accessDenied', page: 'later' });
    const first = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5 }));
    assert.strictEqual(first.sessions?.length, 5);
    await rejectsWith(client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5, nextToken: first.nextToken })), 'AccessDeniedException', 403);
    await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5 }));
    server.faults.clear();
    server.faults.inject({ operation: 'ListSessions', kind: 'http500', page: 'first' });
    await rejectsWith(client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5 })), 'InternalServerException', 500);
    const later = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5, nextToken: first.nextToken }));
    assert.strictEqual(later.sessions?.length, 5);
    assert.deepStrictEqual(server.requests.map((r) => [r.nextToken !== undefined, r.status]), [
      [false, 200],
      [true, 403],
      [false, 200],
      [false, 500],
      [true, 200],
    ]);
  });

  it("'*' hits every operation; times counts down; clear() disarms", async () => {
    server.faults.inject({ operation: '*', kind: 'expiredToken', times: 2 });
    await rejectsWith(client.send(new ListApplicationsCommand({})), 'ExpiredTokenException', 403);
    await rejectsWith(client.send(new GetApplicationCommand({ applicationId: appId })), 'ExpiredTokenException', 403);
    await client.send(new ListApplicationsCommand({}));
    server.faults.inject({ operation: '*', kind: 'http503' });
    const unavailable = await rejectsWith(client.send(new ListApplicationsCommand({})), 'ServiceUnavailableException', 503);
    assert.ok(unavailable.$metadata?.requestId);
    assert.strictEqual(server.faults.list().length, 1);
    server.faults.clear();
    assert.deepStrictEqual(server.faults.list(), []);
    await client.send(new ListApplicationsCommand({}));
  });

  it('throttle answers ThrottlingException with 429, or 400 when asked', async () => {
    server.faults.inject({ operation: 'ListApplications', kind: 'throttle', times: 1 });
    server.faults.inject({ operation: 'ListApplications', kind: 'throttle', status: 400, times: 1 });
    await rejectsWith(client.send(new ListApplicationsCommand({})), 'ThrottlingException', 429);
    await rejectsWith(client.send(new ListApplicationsCommand({})), 'ThrottlingException', 400);
  });

  it('emptyPage answers no sessions with a fresh nextToken that resumes where the request did', async () => {
    const all = server.store.listSessions(appId, {}).map((s) => s.sessionId);
    server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 2 });
    const first = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 3 }));
    assert.deepStrictEqual(first.sessions, []);
    assert.ok(first.nextToken, 'an empty first page still carries a nextToken');
    const second = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 3, nextToken: first.nextToken }));
    assert.deepStrictEqual(second.sessions, []);
    assert.ok(second.nextToken && second.nextToken !== first.nextToken, 'each empty page has a token of its own');
    const third = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 3, nextToken: second.nextToken }));
    assert.deepStrictEqual(third.sessions?.map((s) => s.sessionId), all.slice(0, 3), 'the listing resumes at its start');
    server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 1, page: 'later' });
    const empty = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 3, nextToken: third.nextToken }));
    assert.deepStrictEqual(empty.sessions, []);
    const fourth = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 3, nextToken: empty.nextToken }));
    assert.deepStrictEqual(fourth.sessions?.map((s) => s.sessionId), all.slice(3, 6), 'a later empty page loses no session');
    assert.deepStrictEqual(server.requests.map((r) => [r.status, r.fault]), [
      [200, 'emptyPage'],
      [200, 'emptyPage'],
      [200, undefined],
      [200, 'emptyPage'],
      [200, undefined],
    ]);
  });

  it("emptyPage under '*' leaves operations that do not page alone, and applies to ListApplications", async () => {
    server.faults.inject({ operation: '*', kind: 'emptyPage', times: 1 });
    const app = await client.send(new GetApplicationCommand({ applicationId: appId }));
    assert.strictEqual(app.application?.applicationId, appId);
    const empty = await client.send(new ListApplicationsCommand({ maxResults: 1 }));
    assert.deepStrictEqual(empty.applications, []);
    const apps = await client.send(new ListApplicationsCommand({ maxResults: 1, nextToken: empty.nextToken }));
    assert.strictEqual(apps.applications?.[0]?.id, server.store.listApplications()[0]?.id);
    assert.throws(() => server.faults.inject({ operation: 'GetSession', kind: 'emptyPage' }), /only to ListApplications and ListSessions/);
  });

  it('emptyPage still validates the request, as the operation would', async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage' });
    await rejectsWith(client.send(new ListSessionsCommand({ applicationId: appId, nextToken: 'forged' })), 'ValidationException', 400);
  });

  it('rejects nonsense fault specs', () => {
    assert.throws(() => server.faults.inject({ operation: '*', kind: 'latency' }), /latencyMs/);
    assert.throws(() => server.faults.inject({ operation: '*', kind: 'throttle', times: 0 }), /positive integer/);
    assert.throws(() => server.faults.inject({ operation: '*', kind: 'explode' as never }), /unknown fault kind/);
  });

  it('records every request with its parameters, status, request id, access key id and signing region', async () => {
    const after = new Date('2025-01-02T03:04:05.678Z');
    const out = await client.send(
      new ListSessionsCommand({ applicationId: appId, maxResults: 3, states: ['IDLE', 'BUSY'], createdAtAfter: after, createdAtBefore: new Date('2025-06-01T00:00:00Z') }),
    );
    await rejectsWith(client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 0 })), 'ValidationException');
    const [ok, bad] = server.requests;
    assert.deepStrictEqual(
      { ...ok, receivedAt: 0, durationMs: 0 },
      {
        operation: 'ListSessions',
        method: 'GET',
        path: `/applications/${appId}/sessions`,
        applicationId: appId,
        query: {
          maxResults: ['3'],
          states: ['IDLE', 'BUSY'],
          createdAtAfter: ['2025-01-02T03:04:05.678Z'],
          createdAtBefore: ['2025-06-01T00:00:00Z'],
        },
        maxResults: 3,
        states: ['IDLE', 'BUSY'],
        createdAtAfter: '2025-01-02T03:04:05.678Z',
        createdAtBefore: '2025-06-01T00:00:00Z',
        accessKeyId: 'AKIALOCALEMRTEST0001',
        region: 'us-east-1',
        requestId: out.$metadata.requestId,
        status: 200,
        receivedAt: 0,
        durationMs: 0,
      },
    );
    assert.strictEqual(bad?.status, 400);
    assert.strictEqual(bad?.errorType, 'ValidationException');
    assert.strictEqual(server.count(), 2);
    assert.strictEqual(server.count('ListSessions'), 2);
    assert.strictEqual(server.count('GetSession'), 0);
    server.resetRequests();
    assert.strictEqual(server.count(), 0);
  });
});

describe('local EMR endpoint: churn', function () {
  it('starts sessions and runs statements on its own, so states change', async () => {
    const server = await LocalEmrServer.start({ seed: 8, applications: 2, sessionsPerApplication: 30, churn: true, churnIntervalMs: 40 });
    try {
      const before = new Map(server.store.applications().flatMap((a) => server.store.sessions(a.id)).map((s) => [s.sessionId, s.state]));
      const snapshot = () => {
        const now = server.store.applications().flatMap((a) => server.store.sessions(a.id));
        return {
          added: now.filter((s) => !before.has(s.sessionId)),
          changed: now.filter((s) => before.has(s.sessionId) && before.get(s.sessionId) !== s.state),
        };
      };
      let { added, changed } = snapshot();
      for (let waited = 0; waited < 3000 && (added.length < 2 || changed.length === 0); waited += 20) {
        await sleep(20);
        ({ added, changed } = snapshot());
      }
      assert.ok(added.length >= 2, `new sessions: ${added.length}`);
      assert.ok(added.every((s) => s.name !== undefined && s.name.length > 0), 'new sessions are named like the sample');
      assert.ok(changed.some((s) => s.state === 'BUSY'), 'some idle session is running a statement');
    } finally {
      await server.close();
    }
  });

  it('is off by default', async () => {
    const server = await LocalEmrServer.start({ seed: 8, applications: 1, sessionsPerApplication: 10 });
    try {
      const count = () => server.store.sessions(server.store.applications()[0]?.id ?? '').length;
      const before = count();
      await sleep(100);
      assert.strictEqual(count(), before);
    } finally {
      await server.close();
    }
  });
});
