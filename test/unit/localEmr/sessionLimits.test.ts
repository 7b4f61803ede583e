import * as assert from 'assert';
import {
  GetSessionCommand,
  ListSessionsCommand,
  StartSessionCommand,
  TerminateSessionCommand,
  type EMRServerlessClient,
} from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { rejectsWith, sdkClient } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('local EMR endpoint: idle time, cost and limits of running sessions', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let clock: ManualClock;
  let appId: string;

  beforeEach(async () => {
    clock = new ManualClock();
    server = await LocalEmrServer.start({ seed: 23, applications: 2, sessionsPerApplication: 30, clock });
    client = sdkClient(server);
    appId = server.store.listApplications()[0]?.id ?? '';
    assert.strictEqual(server.store.getApplication(appId)?.state, 'STARTED');
  });
  afterEach(async () => {
    client.destroy();
    await server.close();
  });

  const get = async (sessionId: string) => (await client.send(new GetSessionCommand({ applicationId: appId, sessionId }))).session;
  const start = async (idleTimeoutMinutes?: number) =>
    (await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, idleTimeoutMinutes }))).sessionId ?? '';

  it('GetSession reports idleSince as the moment the session last became IDLE, and none while BUSY', async () => {
    const t0 = clock.now();
    const sessionId = await start();
    clock.set(t0 + 10 * SECOND + 5 * MINUTE);
    assert.strictEqual((await get(sessionId))?.idleSince?.getTime(), t0 + 10 * SECOND, 'idle since it became ready');
    server.store.updateSession(appId, sessionId, { state: 'BUSY' });
    clock.advance(2 * MINUTE);
    const busy = await get(sessionId);
    assert.strictEqual(busy?.state, 'BUSY');
    assert.strictEqual(busy?.idleSince, undefined);
    const backAt = clock.now();
    server.store.updateSession(appId, sessionId, { state: 'IDLE' });
    clock.advance(MINUTE);
    assert.strictEqual((await get(sessionId))?.idleSince?.getTime(), backAt, 'idle since the statement finished');
  });

  it('billed and total vCPU-hours, memory GB-hours and storage GB-hours grow with the clock while a session runs', async () => {
    const t0 = clock.now();
    const sessionId = await start(0);
    clock.set(t0 + 8 * SECOND + HOUR);
    const oneHour = await get(sessionId);
    clock.set(t0 + 8 * SECOND + 3 * HOUR);
    const threeHours = await get(sessionId);
    assert.strictEqual(oneHour?.totalExecutionDurationSeconds, 3600);
    assert.strictEqual(threeHours?.totalExecutionDurationSeconds, 3 * 3600);
    // A driver and two executors: 12 vCPU, 48 GB memory, 60 GB disk (20 GB per worker, none billed).
    assert.deepStrictEqual(oneHour?.totalResourceUtilization, { vCPUHour: 12, memoryGBHour: 48, storageGBHour: 60 });
    assert.deepStrictEqual(threeHours?.totalResourceUtilization, { vCPUHour: 36, memoryGBHour: 144, storageGBHour: 180 });
    assert.deepStrictEqual(threeHours?.billedResourceUtilization, { vCPUHour: 36, memoryGBHour: 144, storageGBHour: 0 });
  });

  it('billing counts one minute at least, and only the disk beyond 20 GB per worker', async () => {
    const t0 = clock.now();
    const sessionId = await start();
    clock.set(t0 + 8 * SECOND + 10 * SECOND);
    const early = await get(sessionId);
    assert.deepStrictEqual(early?.totalResourceUtilization, { vCPUHour: 0.033, memoryGBHour: 0.133, storageGBHour: 0.167 }, 'ten seconds of use');
    assert.deepStrictEqual(early?.billedResourceUtilization, { vCPUHour: 0.2, memoryGBHour: 0.8, storageGBHour: 0 }, 'billed as one minute');
    const withDisk = server.store
      .sessions(appId)
      .map((s) => server.store.storedSession(appId, s.sessionId))
      .find((s) => s !== undefined && s.footprint.storageGB > 20 * s.footprint.workers && s.timeline.some((t) => t.state === 'STARTED'));
    assert.ok(withDisk, 'the sample has a session with extra disk');
    const record = await get(withDisk.sessionId);
    const hours = (record?.totalExecutionDurationSeconds ?? 0) / 3600;
    const extraGB = withDisk.footprint.storageGB - 20 * withDisk.footprint.workers;
    // totalExecutionDurationSeconds is whole seconds: allow one second of the extra disk.
    const expected = extraGB * Math.max(hours, 1 / 60);
    assert.ok(Math.abs((record?.billedResourceUtilization?.storageGBHour ?? 0) - expected) <= extraGB / 3600 + 0.001);
    assert.ok((record?.billedResourceUtilization?.storageGBHour ?? 0) < (record?.totalResourceUtilization?.storageGBHour ?? 0));
  });

  it('an ended session keeps its final figures however far the clock moves', async () => {
    const t0 = clock.now();
    const sessionId = await start();
    clock.set(t0 + 8 * SECOND + 30 * MINUTE);
    await client.send(new TerminateSessionCommand({ applicationId: appId, sessionId }));
    clock.advance(10 * SECOND);
    const ended = await get(sessionId);
    clock.advance(48 * HOUR);
    const later = await get(sessionId);
    assert.strictEqual(ended?.state, 'TERMINATED');
    assert.strictEqual(later?.totalExecutionDurationSeconds, 30 * 60 + 5);
    assert.deepStrictEqual(later?.totalResourceUtilization, ended?.totalResourceUtilization);
    assert.deepStrictEqual(later?.billedResourceUtilization, ended?.billedResourceUtilization);
    assert.deepStrictEqual(later?.endedAt, ended?.endedAt);
  });

  it('an IDLE session past its idleTimeoutMinutes is TERMINATING, then TERMINATED 5 s later, saying why', async () => {
    const t0 = clock.now();
    const sessionId = await start(15);
    const idleAt = t0 + 10 * SECOND;
    clock.set(idleAt + 15 * MINUTE - 1);
    assert.strictEqual((await get(sessionId))?.state, 'IDLE');
    clock.set(idleAt + 15 * MINUTE);
    const terminating = await get(sessionId);
    assert.strictEqual(terminating?.state, 'TERMINATING');
    assert.strictEqual(terminating?.stateDetails, 'Session was idle for 15 minutes and is being terminated.');
    clock.set(idleAt + 15 * MINUTE + 5 * SECOND);
    const ended = await get(sessionId);
    assert.strictEqual(ended?.state, 'TERMINATED');
    assert.strictEqual(ended?.stateDetails, 'Session was terminated after an idle timeout of 15 minutes.');
    assert.strictEqual(ended?.endedAt?.getTime(), idleAt + 15 * MINUTE + 5 * SECOND);
    const listed = await client.send(new ListSessionsCommand({ applicationId: appId, states: ['TERMINATED'], maxResults: 1 }));
    assert.strictEqual(listed.sessions?.[0]?.sessionId, sessionId, 'ListSessions agrees with GetSession');
  });

  it('a statement restarts the idle countdown: BUSY time does not count as idle', async () => {
    const t0 = clock.now();
    const sessionId = await start(15);
    clock.set(t0 + 10 * SECOND + 10 * MINUTE);
    server.store.updateSession(appId, sessionId, { state: 'BUSY' });
    clock.advance(20 * MINUTE);
    server.store.updateSession(appId, sessionId, { state: 'IDLE' });
    clock.advance(14 * MINUTE);
    assert.strictEqual((await get(sessionId))?.state, 'IDLE', 'idle for 14 of its 15 minutes');
    clock.advance(MINUTE);
    assert.strictEqual((await get(sessionId))?.state, 'TERMINATING');
  });

  it('idleTimeoutMinutes 0 never ends an idle session, but the 24-hour limit does, with the service\'s reason', async () => {
    const t0 = clock.now();
    const sessionId = await start(0);
    const startedAt = t0 + 8 * SECOND;
    clock.set(startedAt + 24 * HOUR - 1);
    const before = await get(sessionId);
    assert.strictEqual(before?.state, 'IDLE');
    assert.strictEqual(before?.idleSince?.getTime(), t0 + 10 * SECOND);
    clock.set(startedAt + 24 * HOUR);
    const terminating = await get(sessionId);
    assert.strictEqual(terminating?.state, 'TERMINATING');
    assert.strictEqual(terminating?.stateDetails, 'Session reached the maximum session duration of 24 hours and is being terminated.');
    clock.set(startedAt + 24 * HOUR + 5 * SECOND);
    const ended = await get(sessionId);
    assert.strictEqual(ended?.state, 'TERMINATED');
    assert.strictEqual(ended?.stateDetails, 'Session was terminated because it reached the maximum session duration of 24 hours.');
    assert.strictEqual(ended?.totalExecutionDurationSeconds, 24 * 3600 + 5);
  });

  it('a BUSY session is ended by the 24-hour limit too', async () => {
    const t0 = clock.now();
    const sessionId = await start(60);
    clock.set(t0 + 20 * SECOND);
    server.store.updateSession(appId, sessionId, { state: 'BUSY' });
    clock.set(t0 + 8 * SECOND + 24 * HOUR);
    assert.strictEqual((await get(sessionId))?.state, 'TERMINATING');
  });

  it('TerminateSession on a session the idle timeout already ended changes nothing', async () => {
    const t0 = clock.now();
    const sessionId = await start(15);
    clock.set(t0 + 10 * SECOND + 15 * MINUTE + 5 * SECOND);
    const ended = await get(sessionId);
    await client.send(new TerminateSessionCommand({ applicationId: appId, sessionId }));
    clock.advance(MINUTE);
    assert.deepStrictEqual(await get(sessionId), ended);
  });

  it('the 26th active session of an application is refused with ServiceQuotaExceededException (HTTP 402)', async () => {
    const active = () => server.store.listSessions(appId, { states: ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY'] }).length;
    const sample = active();
    assert.ok(sample > 0 && sample < 25, `the sample leaves room under the quota: ${sample} active`);
    const started: string[] = [];
    while (active() < 25) {
      started.push(await start());
    }
    const before = server.store.sessions(appId).length;
    const error = await rejectsWith(start(), 'ServiceQuotaExceededException', 402);
    assert.match(error.message, /25 concurrent sessions/);
    assert.strictEqual(server.store.sessions(appId).length, before, 'no session was created');
    const other = server.store.listApplications()[1]?.id ?? '';
    await client.send(new StartSessionCommand({ applicationId: other, executionRoleArn: ROLE }));
    await client.send(new TerminateSessionCommand({ applicationId: appId, sessionId: started[0] }));
    assert.ok((await start()).length > 0, 'a TERMINATING session frees its place');
  });

  it('a clientToken already used returns its session even when the application is at its quota', async () => {
    const first = await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, clientToken: 'retry-1', name: 'nightly' }));
    while (server.store.listSessions(appId, { states: ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY'] }).length < 25) {
      await start();
    }
    const again = await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, clientToken: 'retry-1', name: 'nightly' }));
    assert.strictEqual(again.sessionId, first.sessionId);
    assert.strictEqual(again.arn, first.arn);
  });

  it('the quota is an option of the endpoint', async () => {
    const small = await LocalEmrServer.start({ seed: 23, applications: 1, sessionsPerApplication: 0, clock, sessionQuota: 1 });
    const smallClient = sdkClient(small);
    try {
      const id = small.store.listApplications()[0]?.id ?? '';
      await smallClient.send(new StartSessionCommand({ applicationId: id, executionRoleArn: ROLE }));
      await rejectsWith(smallClient.send(new StartSessionCommand({ applicationId: id, executionRoleArn: ROLE })), 'ServiceQuotaExceededException', 402);
    } finally {
      smallClient.destroy();
      await small.close();
    }
  });
});
