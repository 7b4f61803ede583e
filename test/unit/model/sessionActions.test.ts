import * as assert from 'assert';
import { ManualClock } from '../../localEmr/server';
import { selectedSessionRows, terminateSessions, TERMINATE_CONCURRENCY } from '../../../src/model/sessionActions';
import type { EmrApi } from '../../../src/model/emrApi';
import { LocalEmrConnection } from '../support/localEmrConnection';

describe('terminating several sessions', function () {
  let local: LocalEmrConnection;
  let api: EmrApi;
  let appId: string;
  const clock = new ManualClock(Date.UTC(2026, 10, 30, 9, 0, 0));

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 5, applications: 1, sessionsPerApplication: 0, clock });
    api = await local.createApi(local.settings());
    appId = local.server.store.applications().find((a) => a.state !== 'TERMINATED')!.id;
    local.server.store.updateApplication(appId, { state: 'STARTED' });
  });
  after(async () => {
    api.dispose();
    await local.close();
  });
  beforeEach(() => {
    local.server.faults.clear();
    local.server.resetRequests();
  });

  function startIdle(count: number): { applicationId: string; sessionId: string }[] {
    return Array.from({ length: count }, () => {
      const s = local.server.store.addSession(appId, { state: 'IDLE' });
      return { applicationId: appId, sessionId: s.sessionId };
    });
  }

  it('terminates every selected session through the real SDK, one outcome each, in the order given', async () => {
    const targets = startIdle(7);
    const outcomes = await terminateSessions(api, targets);
    assert.deepStrictEqual(outcomes.map((o) => [o.session.sessionId, o.ok]), targets.map((t) => [t.sessionId, true]));
    assert.strictEqual(local.server.count('TerminateSession'), 7);
    for (const t of targets) {
      assert.strictEqual(local.server.store.getSession(appId, t.sessionId)?.state, 'TERMINATING');
    }
  });

  it('counts a session that has already ended as terminated, not as a failure', async () => {
    const [ended] = startIdle(1);
    local.server.store.updateSession(appId, ended.sessionId, { state: 'TERMINATED' });
    const [outcome] = await terminateSessions(api, [ended]);
    assert.strictEqual(outcome.ok, true);
  });

  it('reports a failure on the session it belongs to and still terminates the others', async () => {
    const targets = startIdle(3);
    local.server.faults.inject({ operation: 'TerminateSession', kind: 'accessDenied', times: 1 });
    const outcomes = await terminateSessions(api, targets);
    const failed = outcomes.filter((o) => !o.ok);
    assert.strictEqual(failed.length, 1);
    assert.strictEqual((failed[0] as { error: { name?: string } }).error.name, 'AccessDeniedException');
    assert.strictEqual(outcomes.filter((o) => o.ok).length, 2);
  });

  it(`never has more than ${TERMINATE_CONCURRENCY} requests in flight`, async () => {
    let inFlight = 0;
    let most = 0;
    const slow = {
      terminateSession: async (applicationId: string, sessionId: string) => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          await new Promise((r) => setTimeout(r, 5));
          await api.terminateSession(applicationId, sessionId);
        } finally {
          inFlight--;
        }
      },
    };
    const outcomes = await terminateSessions(slow, startIdle(12));
    assert.strictEqual(outcomes.every((o) => o.ok), true);
    assert.strictEqual(most, TERMINATE_CONCURRENCY);
  });
});

describe('the sessions a tree command acts on', () => {
  const row = (sessionId: string, connectionId?: string) => ({
    kind: 'session' as const,
    id: `s/${sessionId}`,
    session: { applicationId: 'app', sessionId, state: 'IDLE' },
    ...(connectionId ? { connectionId } : {}),
  });

  it('drops undefined, null and rows that are not sessions from the selection, and keeps each session once', () => {
    const a = row('a');
    const b = row('b');
    const picked = selectedSessionRows(a, [undefined, a, null, { kind: 'loadMore', id: 'x' }, b, { ...a }, 'text'], []);
    assert.deepStrictEqual(picked.map((r) => r.session.sessionId), ['a', 'b']);
  });

  it('keeps the same session id of two connections apart', () => {
    const picked = selectedSessionRows(undefined, [row('a', 'one'), row('a', 'two')], []);
    assert.deepStrictEqual(picked.map((r) => r.connectionId), ['one', 'two']);
  });

  it('uses the clicked row when the selection holds no session, and the view selection when nothing was clicked', () => {
    assert.deepStrictEqual(selectedSessionRows(row('a'), [undefined], []).map((r) => r.session.sessionId), ['a']);
    assert.deepStrictEqual(selectedSessionRows(undefined, undefined, [undefined, row('c')]).map((r) => r.session.sessionId), ['c']);
    assert.deepStrictEqual(selectedSessionRows(undefined, 'not a list', [undefined]), []);
  });
});
