import * as assert from 'assert';
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { buildSessionSearchIndex, describeFoundSession, findSessions, SessionFinder } from '../../../src/model/sessionSearch';

function session(sessionId: string, name: string | undefined, state: SessionSummary['state'], createdBy: string): SessionSummary {
  return {
    applicationId: 'app',
    sessionId,
    arn: `arn:${sessionId}`,
    name,
    state,
    stateDetails: 'x',
    releaseLabel: 'emr-7.13.0',
    executionRoleArn: 'r',
    createdBy,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

const SESSIONS = [
  session('00aa11', 'Nightly ETL', 'IDLE', 'arn:aws:iam::123456789012:user/alice'),
  session('00bb22', undefined, 'BUSY', 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob'),
  session('00cc33', 'ad hoc', 'TERMINATED', 'arn:aws:iam::123456789012:user/alice'),
];

describe('finding loaded sessions', () => {
  const index = buildSessionSearchIndex(SESSIONS);
  const ids = (query: string) => findSessions(index, query).map((s) => s.sessionId);

  it('matches name, id, creator and state, ignoring case', () => {
    assert.deepStrictEqual(ids('nightly'), ['00aa11']);
    assert.deepStrictEqual(ids('00BB'), ['00bb22']);
    assert.deepStrictEqual(ids('dataengineer/bob'), ['00bb22']);
    assert.deepStrictEqual(ids('alice'), ['00aa11', '00cc33']);
    assert.deepStrictEqual(ids('terminated'), ['00cc33']);
  });

  it('needs every word of the query, in any field', () => {
    assert.deepStrictEqual(ids('alice idle'), ['00aa11']);
    assert.deepStrictEqual(ids('alice busy'), []);
  });

  it('lists every session, in order, for an empty query', () => {
    assert.deepStrictEqual(ids('  '), ['00aa11', '00bb22', '00cc33']);
  });

  it('never matches across two fields', () => {
    assert.deepStrictEqual(ids('etl00aa'), []);
  });
});

describe('how a found session reads in Find Session', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const named = { ...SESSIONS[0], applicationId: 'app1', createdAt: new Date(now - 3 * 3_600_000) };
  const unnamed = { ...SESSIONS[1], applicationId: 'app2', createdAt: new Date(now - 2 * 86_400_000) };

  it('labels a session with its state icon and name, or its id when it has none', () => {
    assert.strictEqual(describeFoundSession(named, 'analytics', now).label, '$(coffee) Nightly ETL');
    assert.strictEqual(describeFoundSession(unnamed, 'analytics', now).label, '$(pulse) 00bb22');
  });

  it('names the state and the application, so sessions of several applications are told apart', () => {
    assert.strictEqual(describeFoundSession(named, 'analytics', now).description, 'IDLE · analytics');
    assert.strictEqual(describeFoundSession(unnamed, undefined, now).description, 'BUSY · app2');
  });

  it('gives the id of a named session, its creation time and age, and its creator', () => {
    const detail = describeFoundSession(named, 'analytics', now).detail;
    assert.match(detail, /^00aa11 · created .+ \(3 h ago\) · by alice$/);
    assert.match(describeFoundSession(unnamed, 'analytics', now).detail, /^created .+ \(2 d ago\) · by DataEngineer\/bob$/);
  });
});

describe('the finder behind each keystroke of Find Session', () => {
  const many = Array.from({ length: 30 }, (_, i) =>
    session(`0${String(i).padStart(3, '0')}`, `job ${i}`, i % 3 === 0 ? 'IDLE' : 'TERMINATED', 'arn:aws:iam::123456789012:user/alice'),
  );
  const finder = new SessionFinder(many, new Map([['app', 'analytics']]), 0);

  it('describes at most the number of matches asked for, in order, and counts every match', () => {
    const { shown, total } = finder.find('idle', 4);
    assert.strictEqual(total, 10);
    assert.deepStrictEqual(shown.map((f) => f.session.sessionId), ['0000', '0003', '0006', '0009']);
    assert.strictEqual(shown[0]?.description, 'IDLE · analytics');
  });

  it('describes a session once and gives the same description at the next keystroke', () => {
    const first = finder.find('job 1', 1).shown[0];
    assert.strictEqual(finder.find('job 1', 1).shown[0], first);
  });

  it('offers only the sessions the tree shows, and counts the matches the filter hides', () => {
    const mine = (s: { sessionId?: string }) => Number(s.sessionId) % 2 === 0;
    const filtered = new SessionFinder(many, new Map([['app', 'analytics']]), 0, mine);
    const { shown, total, hidden } = filtered.find('idle', 10);
    assert.deepStrictEqual(shown.map((f) => f.session.sessionId), ['0000', '0006', '0012', '0018', '0024']);
    assert.deepStrictEqual([total, hidden], [5, 5]);
    assert.deepStrictEqual(filtered.find('0003', 10), { shown: [], total: 0, hidden: 1 }, 'a hidden session is counted, not offered');
  });

  it('shows nothing and counts nothing when no session matches', () => {
    assert.deepStrictEqual(finder.find('bob', 10), { shown: [], total: 0, hidden: 0 });
  });
});
