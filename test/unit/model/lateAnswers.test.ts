import * as assert from 'assert';
import { ExplorerWorld, usePropertyProfiles } from '../support/explorerWorld';

/**
 * Terminate Session on the row at `index` while a poll's GetSession for the session is held:
 * TerminateSession is answered first, then that older GetSession. Returns the state the row
 * shows after each answer.
 */
async function terminateBeforeHeldPoll(
  world: ExplorerWorld,
  applicationId: string,
  sessionId: string,
  index: number,
): Promise<{ afterTerminate: string | undefined; afterPoll: string | undefined }> {
  world.moveClock(1);
  world.terminate(index);
  await world.settle();
  world.gate.release(`TerminateSession ${sessionId}`);
  await world.settle();
  const afterTerminate = world.model.findSession(applicationId, sessionId)?.state;
  world.gate.release(`GetSession ${sessionId}`);
  await world.settle();
  return { afterTerminate, afterPoll: world.model.findSession(applicationId, sessionId)?.state };
}

/**
 * Answers held back on their way to the model (AnswerGate) while the user acts: a row never
 * goes back to what an older answer, or a copy made up here, says.
 */
describe('answers that arrive late', () => {
  let restoreProfiles: () => void;
  let world: ExplorerWorld;

  before(() => {
    restoreProfiles = usePropertyProfiles();
  });
  after(() => restoreProfiles());
  beforeEach(async () => {
    world = await ExplorerWorld.create({ applications: 1, sessionsPerApplication: 12, pageSize: 12 });
  });
  afterEach(() => world.close());

  it('keeps a session TERMINATING when a GetSession answer from before the terminate arrives after it', async () => {
    const [applicationId] = world.applicationIds();
    world.expand(applicationId);
    await world.settle();
    await world.deliverEverything();
    const rows = world.model.sessions(applicationId).items;
    const index = rows.findIndex((s) => s.state === 'STARTED');
    assert.ok(index >= 0, 'the sample has a STARTED session');
    const sessionId = rows[index].sessionId ?? '';

    // A poll asks for the STARTED session; its answer (STARTED) is held back.
    world.moveClock(5_000);
    await world.settle();
    assert.ok(
      world.gate.held.some((a) => a.label === `GetSession ${sessionId}`),
      'the poll asked for the session',
    );

    const shown = await terminateBeforeHeldPoll(world, applicationId, sessionId, index);
    assert.strictEqual(shown.afterTerminate, 'TERMINATING');
    assert.strictEqual(shown.afterPoll, 'TERMINATING', 'the answer from before the terminate is not shown');

    // The poller still follows the session to its end.
    world.moveClock(5_000);
    await world.settle();
    await world.deliverEverything();
    world.moveClock(5_000);
    await world.settle();
    await world.deliverEverything();
    assert.strictEqual(world.model.findSession(applicationId, sessionId)?.state, 'TERMINATED');
  });

  it('keeps a session TERMINATING when a poll answer from before the terminate, newer than the row, arrives after it', async () => {
    const applicationId = world.connection.eligible[0];
    world.expand(applicationId);
    await world.settle();
    await world.deliverEverything();
    world.moveClock(1);
    world.start(0);
    await world.settle();
    await world.deliverEverything();
    const started = world.model.sessions(applicationId).items[0];
    const sessionId = started.sessionId ?? '';
    assert.ok(world.startedHere(world.server, sessionId), 'the first row is the session just started');
    assert.strictEqual(started.state, 'SUBMITTED');

    // The service moves the session on while the row still shows SUBMITTED; the poll's answer
    // (a later state, with a later updatedAt than the row's) is held back.
    world.moveClock(60_000);
    await world.settle();
    assert.ok(
      world.gate.held.some((a) => a.label === `GetSession ${sessionId}`),
      'the poll asked for the session',
    );

    const shown = await terminateBeforeHeldPoll(world, applicationId, sessionId, 0);
    assert.strictEqual(shown.afterTerminate, 'TERMINATING');
    assert.strictEqual(shown.afterPoll, 'TERMINATING', 'a session the service accepted to terminate is not shown running again');
  });

  it('keeps the listed copy of a session started here when its GetSession fails after a page listed it', async () => {
    const applicationId = world.connection.eligible[0];
    world.expand(applicationId);
    await world.settle();
    await world.deliverEverything();
    world.server.faults.inject({ operation: 'GetSession', kind: 'accessDenied', times: 1 });

    world.moveClock(1);
    world.start(0);
    await world.settle();
    world.gate.release('StartSession');
    await world.settle();
    // The GetSession that follows StartSession fails; its answer is on its way while the
    // application is refreshed and its first page lists the new session.
    world.moveClock(1);
    world.model.refreshApplication(applicationId);
    await world.settle();
    world.gate.release('ListSessions');
    await world.settle();
    const [listed] = world.model.sessions(applicationId).items;
    assert.ok(listed.createdAt, 'the first page lists the new session, with its times');

    world.gate.release('GetSession');
    await world.settle();
    const [row] = world.model.sessions(applicationId).items;
    assert.strictEqual(row.sessionId, listed.sessionId);
    assert.deepStrictEqual(row.createdAt, listed.createdAt, 'the row keeps its creation time, and so its age');
    assert.deepStrictEqual(row.updatedAt, listed.updatedAt);
  });
});
