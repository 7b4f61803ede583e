import * as assert from 'assert';
import type { SessionNode } from '../../../src/model/explorerNodes';
import { isRunningNowRow, runningNowRows, type RunningNowLabels } from '../../../src/model/runningNowRows';
import type { RunningSession } from '../../../src/model/runningSessions';

const labels = (multi: boolean): RunningNowLabels => ({
  multi,
  connectionName: (id) => (id === 'c1' ? 'prod' : 'dev'),
  endpointLabel: (id) => `${id} · eu-west-1`,
});

function running(connectionId: string, applicationId: string, name: string, sessionId: string, minutesAgo: number): RunningSession {
  return {
    connectionId,
    application: { id: applicationId, name, arn: 'a', releaseLabel: 'emr-7.13.0', type: 'SPARK', state: 'STARTED', createdAt: new Date(0), updatedAt: new Date(0) },
    session: { sessionId, applicationId, state: 'IDLE', createdAt: new Date(Date.UTC(2026, 0, 1) - minutesAgo * 60_000) } as RunningSession['session'],
  };
}

describe('Running now rows', () => {
  it('gives each active session a session row of its own connection, with an id apart from the row under its application', () => {
    const rows = runningNowRows({ sessions: [running('c1', 'app1', 'etl', 's1', 1), running('c2', 'app1', 'etl', 's1', 2)], failures: [] }, labels(true));
    assert.deepStrictEqual(
      rows.map((r) => [r.kind, r.id, r.connectionId]),
      [
        ['session', 'running/c1/app1/s1', 'c1'],
        ['session', 'running/c2/app1/s1', 'c2'],
      ],
    );
    assert.ok(rows.every(isRunningNowRow));
    assert.deepStrictEqual(
      rows.map((r) => (r as SessionNode).where),
      ['prod · etl', 'dev · etl'],
    );
  });

  it('names only the application while there is one connection', () => {
    const [row] = runningNowRows({ sessions: [running('c1', 'app1', 'etl', 's1', 1)], failures: [] }, labels(false));
    assert.strictEqual((row as SessionNode).where, 'etl');
  });

  it('says "No sessions are running" when nothing runs and nothing failed', () => {
    const rows = runningNowRows({ sessions: [], failures: [] }, labels(false));
    assert.deepStrictEqual(
      rows.map((r) => [r.kind, r.kind === 'empty' ? r.message : '']),
      [['empty', 'No sessions are running']],
    );
  });

  it('adds an error row with Retry per failed connection, naming it, after the sessions that still answered', () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    const rows = runningNowRows(
      { sessions: [running('c1', 'app1', 'etl', 's1', 1)], failures: [{ connectionId: 'c2', operation: 'ListApplications', error: denied }] },
      labels(true),
    );
    assert.deepStrictEqual(
      rows.map((r) => r.kind),
      ['session', 'error'],
    );
    const error = rows[1];
    assert.ok(error.kind === 'error');
    assert.strictEqual(error.connectionId, 'c2');
    assert.ok(error.report.title.startsWith('dev: '), error.report.title);
    assert.ok(isRunningNowRow(error));
  });

  it('keeps the same row object for a session from one drawing to the next', () => {
    const kept = new Map<string, SessionNode>();
    const [first] = runningNowRows({ sessions: [running('c1', 'app1', 'etl', 's1', 1)], failures: [] }, labels(false), kept);
    const later = running('c1', 'app1', 'etl', 's1', 1);
    const [second] = runningNowRows({ sessions: [{ ...later, session: { ...later.session, state: 'BUSY' } }], failures: [] }, labels(false), kept);
    assert.strictEqual(second, first);
    assert.strictEqual((second as SessionNode).session.state, 'BUSY');
  });
});
