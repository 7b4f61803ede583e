import * as assert from 'assert';
import {
  GetApplicationCommand,
  GetSessionCommand,
  ListApplicationsCommand,
  ListSessionsCommand,
  StartSessionCommand,
  type ApplicationState,
  type EMRServerlessClient,
  type SessionState,
} from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { signedRequest } from '../../localEmr/signedHttp';
import { REQUEST_ID_SHAPE, rejectsWith, sdkClient } from './helpers';

describe('local EMR endpoint: errors', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let appId: string;
  let otherAppId: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 21, applications: 3, sessionsPerApplication: 30, clock: new ManualClock() });
    client = sdkClient(server);
    [appId, otherAppId] = server.store.listApplications().map((a) => a.id) as [string, string];
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  async function validation(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
    const error = await rejectsWith(promise, 'ValidationException', 400);
    assert.match(error.message, pattern);
    assert.match(error.$metadata?.requestId ?? '', REQUEST_ID_SHAPE);
    const recorded = server.requests.find((r) => r.requestId === error.$metadata?.requestId);
    assert.strictEqual(recorded?.status, 400, 'the request id is the one the server recorded');
  }

  for (const maxResults of [0, 51, -1]) {
    it(`maxResults ${maxResults} is a ValidationException`, async () => {
      await validation(client.send(new ListSessionsCommand({ applicationId: appId, maxResults })), /at 'maxResults' failed to satisfy constraint/);
      await validation(client.send(new ListApplicationsCommand({ maxResults })), /'maxResults'/);
    });
  }

  it('maxResults that is not an integer is a ValidationException', async () => {
    for (const raw of ['abc', '2.5', '']) {
      const res = await signedRequest(server.url, { path: `/applications/${appId}/sessions`, query: { maxResults: raw } });
      assert.strictEqual(res.status, 400, raw);
      assert.strictEqual(res.headers['x-amzn-errortype'], 'ValidationException');
      assert.match(JSON.parse(res.body).message, /'maxResults'/);
    }
  });

  it('an unknown state and too many states are ValidationExceptions', async () => {
    await validation(
      client.send(new ListSessionsCommand({ applicationId: appId, states: ['RUNNING' as SessionState] })),
      /Value '\[RUNNING\]' at 'states'.*enum value set/,
    );
    const nine: SessionState[] = ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY', 'FAILED', 'TERMINATING', 'TERMINATED', 'IDLE'];
    await validation(client.send(new ListSessionsCommand({ applicationId: appId, states: nine })), /length less than or equal to 8/);
    await validation(
      client.send(new ListApplicationsCommand({ states: ['IDLE' as ApplicationState] })),
      /Value '\[IDLE\]' at 'states'.*CREATING, CREATED, STARTING, STARTED, STOPPING, STOPPED, TERMINATED/,
    );
  });

  it('a forged, altered or malformed nextToken is a ValidationException', async () => {
    const page = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5 }));
    const real = page.nextToken ?? '';
    const flipped = `${real.slice(0, 10)}${real[10] === 'A' ? 'B' : 'A'}${real.slice(11)}`;
    for (const token of ['abc', 'forgedtoken123', flipped, `${real}=`, 'x'.repeat(1025)]) {
      await validation(client.send(new ListSessionsCommand({ applicationId: appId, nextToken: token })), /nextToken/);
    }
    await validation(client.send(new ListSessionsCommand({ applicationId: appId, nextToken: 'not a token!' })), /regular expression pattern: \[A-Za-z0-9_=-\]\+/);
  });

  it("a token used with other filters, another application or another operation is a ValidationException", async () => {
    const idle = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 1, states: ['TERMINATED'] }));
    const token = idle.nextToken;
    assert.ok(token);
    await validation(
      client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 1, states: ['BUSY'], nextToken: token })),
      /issued for a listing with different parameters/,
    );
    await validation(client.send(new ListSessionsCommand({ applicationId: appId, nextToken: token })), /different parameters/);
    await validation(
      client.send(new ListSessionsCommand({ applicationId: appId, states: ['TERMINATED'], createdAtAfter: new Date(0), nextToken: token })),
      /different parameters/,
    );
    await validation(client.send(new ListSessionsCommand({ applicationId: otherAppId, states: ['TERMINATED'], nextToken: token })), /different parameters/);
    await validation(client.send(new ListApplicationsCommand({ nextToken: token })), /different parameters/);
  });

  it('malformed ids are ValidationExceptions, the empty "//" path included', async () => {
    await validation(client.send(new ListSessionsCommand({ applicationId: 'A B' })), /Value 'A B' at 'applicationId'.*\[0-9a-z\]\+/);
    await validation(client.send(new ListSessionsCommand({ applicationId: 'A B/c' })), /Value 'A B\/c' at 'applicationId'/);
    await validation(client.send(new GetApplicationCommand({ applicationId: 'UPPER' })), /'applicationId'/);
    await validation(client.send(new GetSessionCommand({ applicationId: appId, sessionId: 'A B' })), /Value 'A B' at 'sessionId'/);
    await validation(client.send(new GetSessionCommand({ applicationId: appId, sessionId: 'a'.repeat(65) })), /length less than or equal to 64/);
    await validation(client.send(new ListSessionsCommand({ applicationId: '' })), /Value '' at 'applicationId'.*greater than or equal to 1/);
    assert.strictEqual(server.requests[server.requests.length - 1]?.path, '/applications//sessions');
  });

  it('every violation is reported in one message', async () => {
    await validation(
      client.send(new ListSessionsCommand({ applicationId: 'A B', maxResults: 0, states: ['NOPE' as SessionState] })),
      /^3 validation errors detected: /,
    );
  });

  it('unparseable timestamps are ValidationExceptions; ISO 8601 and epoch seconds are accepted', async () => {
    for (const bad of ['garbage', '2025-02-30T00:00:00Z', '2025-01-01', '2025-01-01T25:00:00Z', '1e9', '']) {
      const res = await signedRequest(server.url, { path: `/applications/${appId}/sessions`, query: { createdAtAfter: bad } });
      assert.strictEqual(res.status, 400, `createdAtAfter=${bad}`);
      assert.strictEqual(res.headers['x-amzn-errortype'], 'ValidationException');
      assert.match(JSON.parse(res.body).message, /at 'createdAtAfter'/);
    }
    const cut = server.store.listSessions(appId)[10]?.createdAt as Date;
    const expected = server.store.listSessions(appId, { createdAtBefore: cut }).map((s) => s.sessionId);
    for (const good of [cut.toISOString(), String(cut.getTime() / 1000), cut.toISOString().replace('Z', '+00:00')]) {
      const res = await signedRequest(server.url, { path: `/applications/${appId}/sessions`, query: { createdAtBefore: good } });
      assert.strictEqual(res.status, 200, good);
      assert.deepStrictEqual(JSON.parse(res.body).sessions.map((s: { sessionId: string }) => s.sessionId), expected.slice(0, 50));
    }
  });

  it('unknown applications and sessions are ResourceNotFoundExceptions', async () => {
    const missing = '00zzzzzzzzzzzzzz';
    for (const call of [
      client.send(new ListSessionsCommand({ applicationId: missing })),
      client.send(new GetApplicationCommand({ applicationId: missing })),
      client.send(new GetSessionCommand({ applicationId: missing, sessionId: '00aaaaaaaaaaaaaaaaaa' })),
      client.send(new GetSessionCommand({ applicationId: appId, sessionId: '00aaaaaaaaaaaaaaaaaa' })),
      client.send(new StartSessionCommand({ applicationId: missing, executionRoleArn: 'arn:aws:iam::123456789012:role/R' })),
    ]) {
      const error = await rejectsWith(call, 'ResourceNotFoundException', 404);
      assert.match(error.message, /does not exist/);
      assert.match(error.$metadata?.requestId ?? '', REQUEST_ID_SHAPE);
    }
  });

  it('an application that is removed becomes unknown', async () => {
    const [, , third] = server.store.listApplications();
    assert.ok(third);
    await client.send(new ListSessionsCommand({ applicationId: third.id }));
    assert.ok(server.store.removeApplication(third.id));
    await rejectsWith(client.send(new ListSessionsCommand({ applicationId: third.id })), 'ResourceNotFoundException', 404);
    const apps = await client.send(new ListApplicationsCommand({}));
    assert.ok(!apps.applications?.some((a) => a.id === third.id));
  });

  it('unknown routes and methods are UnknownOperationException (404), still with a request id', async () => {
    for (const [method, path] of [
      ['GET', '/jobs'],
      ['PUT', '/applications'],
      ['PATCH', `/applications/${appId}/sessions`],
      ['GET', `/applications/${appId}/sessions/00aaaaaaaaaaaaaaaaaa/endpoint/extra`],
    ] as const) {
      const res = await signedRequest(server.url, { method, path });
      assert.strictEqual(res.status, 404, `${method} ${path}`);
      assert.strictEqual(res.headers['x-amzn-errortype'], 'UnknownOperationException');
      assert.match(String(res.headers['x-amzn-requestid']), REQUEST_ID_SHAPE);
    }
  });

  it('answers JSON with a request id, on success and on error, and errors carry only a message', async () => {
    const ok = await signedRequest(server.url, { path: '/applications' });
    const bad = await signedRequest(server.url, { path: '/applications', query: { maxResults: '0' } });
    for (const res of [ok, bad]) {
      assert.strictEqual(res.headers['content-type'], 'application/json');
      assert.match(String(res.headers['x-amzn-requestid']), REQUEST_ID_SHAPE);
      JSON.parse(res.body);
    }
    assert.strictEqual(ok.headers['x-amzn-errortype'], undefined);
    assert.deepStrictEqual(Object.keys(JSON.parse(bad.body)), ['message']);
  });
});
