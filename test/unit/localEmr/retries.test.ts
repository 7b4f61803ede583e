import * as assert from 'assert';
import { ListApplicationsCommand, ListSessionsCommand, type EMRServerlessClient } from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { rejectsWith, sdkClient } from './helpers';

describe('local EMR endpoint: SDK retries', function () {
  this.timeout(20_000);
  let server: LocalEmrServer;
  let retrying: EMRServerlessClient;
  let appId: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 4, applications: 1, sessionsPerApplication: 20, clock: new ManualClock() });
    // The SDK default: three attempts.
    retrying = sdkClient(server, { maxAttempts: undefined });
    appId = server.store.listApplications()[0]?.id ?? '';
  });
  after(async () => {
    retrying.destroy();
    await server.close();
  });
  beforeEach(() => {
    server.faults.clear();
    server.resetRequests();
  });

  const statuses = (): number[] => server.requests.map((r) => r.status);

  it('two ThrottlingExceptions (429) are retried, and the third attempt succeeds', async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'throttle', times: 2 });
    const page = await retrying.send(new ListSessionsCommand({ applicationId: appId, maxResults: 5 }));
    assert.strictEqual(page.sessions?.length, 5);
    assert.strictEqual(page.$metadata.attempts, 3);
    assert.strictEqual(server.count('ListSessions'), 3);
    assert.deepStrictEqual(statuses(), [429, 429, 200]);
    assert.deepStrictEqual(server.requests.map((r) => r.errorType), ['ThrottlingException', 'ThrottlingException', undefined]);
  });

  it('ThrottlingException with HTTP 400 is retried too', async () => {
    server.faults.inject({ operation: 'ListApplications', kind: 'throttle', status: 400, times: 1 });
    await retrying.send(new ListApplicationsCommand({}));
    assert.deepStrictEqual(statuses(), [400, 200]);
  });

  it('two InternalServerExceptions (500) are retried, and the third attempt succeeds', async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'http500', times: 2 });
    const page = await retrying.send(new ListSessionsCommand({ applicationId: appId }));
    assert.strictEqual(page.$metadata.attempts, 3);
    assert.strictEqual(server.count('ListSessions'), 3);
    assert.deepStrictEqual(statuses(), [500, 500, 200]);
  });

  it('a ServiceUnavailableException (503) is retried', async () => {
    server.faults.inject({ operation: '*', kind: 'http503', times: 1 });
    await retrying.send(new ListApplicationsCommand({}));
    assert.deepStrictEqual(statuses(), [503, 200]);
  });

  it('three 500s exhaust the three attempts and surface InternalServerException', async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'http500', times: 3 });
    const error = await rejectsWith(retrying.send(new ListSessionsCommand({ applicationId: appId })), 'InternalServerException', 500);
    assert.strictEqual(error.$metadata?.attempts, 3);
    assert.strictEqual(server.count('ListSessions'), 3);
  });

  it('AccessDeniedException is not retried', async () => {
    server.faults.inject({ operation: 'ListSessions', kind: 'accessDenied' });
    const error = await rejectsWith(retrying.send(new ListSessionsCommand({ applicationId: appId })), 'AccessDeniedException', 403);
    assert.strictEqual(server.count('ListSessions'), 1);
    assert.strictEqual(
      error.message,
      `User: arn:aws:iam::123456789012:user/alice is not authorized to perform: emr-serverless:ListSessions on resource: arn:aws:emr-serverless:us-east-1:123456789012:/applications/${appId}`,
    );
  });

  it('a ValidationException is not retried', async () => {
    await rejectsWith(retrying.send(new ListSessionsCommand({ applicationId: appId, maxResults: 0 })), 'ValidationException', 400);
    assert.strictEqual(server.count('ListSessions'), 1);
  });
});
