import * as assert from 'assert';
import { ExplorerWorld, usePropertyProfiles } from '../support/explorerWorld';

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

    world.moveClock(1);
    world.terminate(index);
    await world.settle();
    world.gate.release(`TerminateSession ${sessionId}`);
    await world.settle();
    assert.strictEqual(world.model.findSession(applicationId, sessionId)?.state, 'TERMINATING');

    world.gate.release(`GetSession ${sessionId}`);
    await world.settle();
    assert.strictEqual(
      world.model.findSession(applicationId, sessionId)?.state,
      'TERMINATING',
      'the answer from before the terminate is not shown',
    );

    // The poller still follows the session to its end.
    world.moveClock(5_000);
    await world.settle();
    await world.deliverEverything();
    world.moveClock(5_000);
    await world.settle();
    await world.deliverEverything();
    assert.strictEqual(world.model.findSession(applicationId, sessionId)?.state, 'TERMINATED');
  });
});
