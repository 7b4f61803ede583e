import * as assert from 'assert';
import { canFollowSessionState, SESSION_STATES } from '../../../src/model/sessionStates';

describe('session lifecycle order', () => {
  it('lets a TERMINATING session only end, never run again', () => {
    const after = SESSION_STATES.filter((s) => canFollowSessionState('TERMINATING', s));
    assert.deepStrictEqual([...after].sort(), ['FAILED', 'TERMINATED', 'TERMINATING']);
  });

  it('keeps an ended session as it ended', () => {
    for (const ended of ['TERMINATED', 'FAILED'] as const) {
      assert.deepStrictEqual(
        SESSION_STATES.filter((s) => canFollowSessionState(ended, s)),
        [ended],
      );
    }
  });

  it('lets any state follow a running one, and does not judge unknown states', () => {
    for (const running of ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY', undefined, 'SOME_NEW_STATE']) {
      assert.ok(SESSION_STATES.every((s) => canFollowSessionState(running, s)), `${running} can be followed by any state`);
    }
  });
});
