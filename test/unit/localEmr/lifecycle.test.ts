import * as assert from 'assert';
import {
  GetApplicationCommand,
  GetSessionCommand,
  GetSessionEndpointCommand,
  ListSessionsCommand,
  StartSessionCommand,
  TerminateSessionCommand,
  type EMRServerlessClient,
} from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { rejectsWith, sdkClient } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';

describe('local EMR endpoint: session lifecycle on a manual clock', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let clock: ManualClock;
  let started: string;
  let stopped: string;

  before(async () => {
    clock = new ManualClock();
    server = await LocalEmrServer.start({ seed: 13, applications: 3, sessionsPerApplication: 40, clock });
    client = sdkClient(server);
    const apps = server.store.listApplications();
    started = apps.find((a) => a.state === 'STARTED')?.id ?? '';
    stopped = apps.find((a) => a.state === 'STOPPED')?.id ?? '';
    assert.ok(started && stopped);
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  const get = async (applicationId: string, sessionId: string) =>
    (await client.send(new GetSessionCommand({ applicationId, sessionId }))).session;

  it('StartSession creates a session that goes SUBMITTED, STARTING, STARTED, IDLE as the clock moves', async () => {
    const t0 = clock.now();
    const out = await client.send(
      new StartSessionCommand({ applicationId: started, executionRoleArn: ROLE, name: 'lifecycle', idleTimeoutMinutes: 30, tags: { team: 'qa' } }),
    );
    const sessionId = out.sessionId ?? '';
    assert.match(sessionId, /^[0-9a-z]{16,20}$/);
    assert.strictEqual(out.applicationId, started);
    assert.strictEqual(out.arn, `arn:aws:emr-serverless:us-east-1:123456789012:/applications/${started}/sessions/${sessionId}`);
    const seen: [number, string | undefined, number | undefined][] = [];
    for (const at of [0, 1999, 2000, 8000, 10_000]) {
      clock.set(t0 + at);
      const s = await get(started, sessionId);
      seen.push([at, s?.state, s ? (s.updatedAt?.getTime() ?? 0) - t0 : undefined]);
    }
    assert.deepStrictEqual(seen, [
      [0, 'SUBMITTED', 0],
      [1999, 'SUBMITTED', 0],
      [2000, 'STARTING', 2000],
      [8000, 'STARTED', 8000],
      [10_000, 'IDLE', 10_000],
    ]);
    const s = await get(started, sessionId);
    assert.strictEqual(s?.createdAt?.getTime(), t0);
    assert.strictEqual(s?.startedAt?.getTime(), t0 + 8000);
    assert.strictEqual(s?.idleSince?.getTime(), t0 + 10_000);
    assert.strictEqual(s?.endedAt, undefined);
    assert.strictEqual(s?.name, 'lifecycle');
    assert.strictEqual(s?.idleTimeoutMinutes, 30);
    assert.deepStrictEqual(s?.tags, { team: 'qa' });
    assert.strictEqual(s?.executionRoleArn, ROLE);
    assert.strictEqual(s?.createdBy, 'arn:aws:iam::123456789012:user/alice');
    const top = await client.send(new ListSessionsCommand({ applicationId: started, maxResults: 1 }));
    assert.strictEqual(top.sessions?.[0]?.sessionId, sessionId, 'the newest session lists first');
    assert.deepStrictEqual(s, server.store.getSession(started, sessionId), 'GetSession equals the store record');
  });

  it('StartSession is idempotent per clientToken; the same token with other parameters is a ConflictException', async () => {
    const input = { applicationId: started, executionRoleArn: ROLE, clientToken: 'token-abc', name: 'once' };
    const before = server.store.sessions(started).length;
    const a = await client.send(new StartSessionCommand(input));
    const b = await client.send(new StartSessionCommand(input));
    assert.strictEqual(a.sessionId, b.sessionId);
    assert.strictEqual(server.store.sessions(started).length, before + 1);
    await rejectsWith(client.send(new StartSessionCommand({ ...input, name: 'twice' })), 'ConflictException', 409);
  });

  it('StartSession needs a STARTED or CREATED application; CREATED auto-starts', async () => {
    const e = await rejectsWith(client.send(new StartSessionCommand({ applicationId: stopped, executionRoleArn: ROLE })), 'ConflictException', 409);
    assert.match(e.message, /STOPPED/);
    server.store.updateApplication(stopped, { state: 'CREATED' });
    const t0 = clock.now();
    await client.send(new StartSessionCommand({ applicationId: stopped, executionRoleArn: ROLE }));
    const app = async () => (await client.send(new GetApplicationCommand({ applicationId: stopped }))).application?.state;
    assert.strictEqual(await app(), 'STARTING');
    clock.set(t0 + 5000);
    assert.strictEqual(await app(), 'STARTED');
  });

  it('StartSession validates its body', async () => {
    const missingRole = client.send(new StartSessionCommand({ applicationId: started } as never));
    const m = await rejectsWith(missingRole, 'ValidationException', 400);
    assert.match(m.message, /'executionRoleArn' failed to satisfy constraint: Member must not be null/);
    await rejectsWith(client.send(new StartSessionCommand({ applicationId: started, executionRoleArn: 'not-an-arn' })), 'ValidationException', 400);
    await rejectsWith(client.send(new StartSessionCommand({ applicationId: started, executionRoleArn: ROLE, idleTimeoutMinutes: -1 })), 'ValidationException', 400);
    await rejectsWith(client.send(new StartSessionCommand({ applicationId: started, executionRoleArn: ROLE, name: '   ' })), 'ValidationException', 400);
  });

  it('TerminateSession: TERMINATING now, TERMINATED 5 s later; repeated calls change nothing', async () => {
    const { sessionId = '' } = await client.send(new StartSessionCommand({ applicationId: started, executionRoleArn: ROLE }));
    clock.advance(10_000);
    assert.strictEqual((await get(started, sessionId))?.state, 'IDLE');
    const t1 = clock.now();
    const out = await client.send(new TerminateSessionCommand({ applicationId: started, sessionId }));
    assert.deepStrictEqual([out.applicationId, out.sessionId], [started, sessionId]);
    assert.strictEqual((await get(started, sessionId))?.state, 'TERMINATING');
    clock.advance(3000);
    const again = await client.send(new TerminateSessionCommand({ applicationId: started, sessionId }));
    assert.deepStrictEqual([again.applicationId, again.sessionId], [started, sessionId]);
    clock.set(t1 + 4999);
    assert.strictEqual((await get(started, sessionId))?.state, 'TERMINATING', 'a repeated call does not restart the countdown');
    clock.set(t1 + 5000);
    const ended = await get(started, sessionId);
    assert.strictEqual(ended?.state, 'TERMINATED');
    assert.strictEqual(ended?.endedAt?.getTime(), t1 + 5000);
    assert.strictEqual(ended?.updatedAt?.getTime(), t1 + 5000);
    assert.strictEqual(ended?.totalExecutionDurationSeconds, 7, 'from STARTED (8 s) to TERMINATED (15 s)');
    clock.advance(60_000);
    await client.send(new TerminateSessionCommand({ applicationId: started, sessionId }));
    assert.strictEqual((await get(started, sessionId))?.endedAt?.getTime(), t1 + 5000, 'terminating a TERMINATED session is a no-op');
  });

  it('TerminateSession on a FAILED session answers 200 and leaves it FAILED', async () => {
    const failed = server.store.sessions(started).find((s) => s.state === 'FAILED');
    assert.ok(failed);
    await client.send(new TerminateSessionCommand({ applicationId: started, sessionId: failed.sessionId }));
    const after = await get(started, failed.sessionId);
    assert.strictEqual(after?.state, 'FAILED');
    assert.deepStrictEqual(after?.endedAt, failed.endedAt);
  });

  it('endedAt is set exactly for FAILED and TERMINATED sessions', () => {
    const sessions = server.store.sessions(started);
    for (const s of sessions) {
      assert.strictEqual(s.endedAt !== undefined, s.state === 'FAILED' || s.state === 'TERMINATED', `${s.sessionId} ${s.state}`);
      if (s.endedAt) assert.strictEqual(s.endedAt.getTime(), s.updatedAt.getTime());
    }
    assert.ok(sessions.some((s) => s.state === 'FAILED') && sessions.some((s) => s.state === 'TERMINATED'));
  });

  it('an idle session is terminated after its idle timeout', async () => {
    const t0 = clock.now();
    const { sessionId = '' } = await client.send(new StartSessionCommand({ applicationId: started, executionRoleArn: ROLE, idleTimeoutMinutes: 1 }));
    clock.set(t0 + 10_000 + 59_999);
    assert.strictEqual((await get(started, sessionId))?.state, 'IDLE');
    clock.set(t0 + 10_000 + 60_000);
    const terminating = await get(started, sessionId);
    assert.strictEqual(terminating?.state, 'TERMINATING');
    assert.match(terminating?.stateDetails ?? '', /idle/);
    clock.set(t0 + 10_000 + 65_000);
    assert.strictEqual((await get(started, sessionId))?.state, 'TERMINATED');
  });

  it('GetSessionEndpoint answers for a running session with a token that expires in an hour', async () => {
    const { sessionId = '' } = await client.send(new StartSessionCommand({ applicationId: started, executionRoleArn: ROLE }));
    const early = await rejectsWith(client.send(new GetSessionEndpointCommand({ applicationId: started, sessionId })), 'ValidationException', 400);
    assert.match(early.message, /SUBMITTED/);
    clock.advance(10_000);
    const out = await client.send(new GetSessionEndpointCommand({ applicationId: started, sessionId }));
    assert.strictEqual(out.endpoint, `https://${sessionId}.${started}.emr-serverless-services.us-east-1.amazonaws.com`);
    assert.ok((out.authToken ?? '').length >= 32);
    assert.strictEqual(out.authTokenExpiresAt?.getTime(), clock.now() + 3_600_000);
    assert.ok((out.authTokenExpiresAt?.getTime() ?? 0) > clock.now());
    const second = await client.send(new GetSessionEndpointCommand({ applicationId: started, sessionId }));
    assert.notStrictEqual(second.authToken, out.authToken, 'every call mints a new token');
    await client.send(new TerminateSessionCommand({ applicationId: started, sessionId }));
    await rejectsWith(client.send(new GetSessionEndpointCommand({ applicationId: started, sessionId })), 'ValidationException', 400);
  });
});
