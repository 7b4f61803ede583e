import * as assert from 'assert';
import type { ApplicationSummary, Session, SessionSummary } from '@aws-sdk/client-emr-serverless';
import type { ExplorerNode } from '../../../src/model/explorerNodes';
import { guardrailTooltip } from '../../../src/model/sessionGuardrails';
import { relativeTimeInWords, rowAccessibilityLabel, sessionAccessibilityLabel, spanInWords } from '../../../src/model/rowAccessibility';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

function summary(over: Partial<SessionSummary>): SessionSummary {
  return {
    applicationId: 'app1',
    sessionId: '00s1',
    name: 'daily-etl',
    state: 'IDLE',
    createdAt: new Date(NOW - 3 * HOUR),
    updatedAt: new Date(NOW - 20 * MIN),
    ...over,
  } as SessionSummary;
}

describe('what a screen reader says for each row', () => {
  it('says a session row\'s state in words, its age, and when an idle session ends by its idle timeout', () => {
    const s = summary({});
    const details = { ...s, idleSince: new Date(NOW - 12 * MIN), idleTimeoutMinutes: 60, startedAt: new Date(NOW - 3 * HOUR) } as Session;
    assert.strictEqual(sessionAccessibilityLabel(s, NOW, details), 'session daily-etl, idle, created 3 hours ago, ends in 48 minutes');
  });

  const cases: Array<[string, Partial<SessionSummary>, string]> = [
    ['says when a busy session ends: at its 24-hour limit', { state: 'BUSY' }, 'session daily-etl, busy, created 3 hours ago, ends in 21 hours'],
    ['says "starting" for a starting session, whose icon only spins', { state: 'STARTING', createdAt: new Date(NOW - 30_000) }, 'session daily-etl, starting, created just now'],
    ['says "failed", so a failed session is told from a terminated one by more than colour', { state: 'FAILED' }, 'session daily-etl, failed, created 3 hours ago'],
    ['says "terminated", and a single minute in the singular', { state: 'TERMINATED', createdAt: new Date(NOW - 1 * MIN) }, 'session daily-etl, terminated, created 1 minute ago'],
    ['names a session without a name by its id', { name: undefined, state: 'SUBMITTED' }, 'session 00s1, submitted, created 3 hours ago'],
    ['names a state the extension does not know', { state: 'PAUSED' as SessionSummary['state'] }, 'session daily-etl, state paused, created 3 hours ago'],
    ['says the state is unknown when the service gives none', { state: undefined }, 'session daily-etl, state unknown, created 3 hours ago'],
  ];
  for (const [what, over, expected] of cases) {
    it(what, () => {
      assert.strictEqual(sessionAccessibilityLabel(summary(over), NOW), expected);
    });
  }

  it('says an idle session known only from the listing ends "within" the 24-hour limit, since its idle timeout may end it sooner', () => {
    assert.strictEqual(sessionAccessibilityLabel(summary({}), NOW), 'session daily-etl, idle, created 3 hours ago, ends within 21 hours');
  });

  it('says the same end as the tooltip once GetSession gives the idle timeout', () => {
    const s = summary({});
    const details = { ...s, idleSince: new Date(NOW - 1 * MIN), idleTimeoutMinutes: 60, startedAt: new Date(NOW - 3 * HOUR) } as Session;
    assert.match(guardrailTooltip(details, NOW), /the idle timeout \(60 min\) ends it in 59 min/);
    assert.strictEqual(sessionAccessibilityLabel(s, NOW, details), 'session daily-etl, idle, created 3 hours ago, ends in 59 minutes');
  });

  it('leaves out the end when the details were fetched in another state', () => {
    const s = summary({ state: 'BUSY' });
    const stale = { ...s, state: 'IDLE', idleSince: new Date(NOW - 50 * MIN), idleTimeoutMinutes: 60 } as Session;
    assert.strictEqual(sessionAccessibilityLabel(s, NOW, stale), 'session daily-etl, busy, created 3 hours ago, ends in 21 hours');
  });

  it('spells spans and ages out in whole units, singular and plural', () => {
    assert.deepStrictEqual(
      [30_000, MIN, 48 * MIN, HOUR, 26 * HOUR, 45 * 24 * HOUR].map(spanInWords),
      ['less than a minute', '1 minute', '48 minutes', '1 hour', '1 day', '1 month'],
    );
    assert.strictEqual(relativeTimeInWords(new Date(NOW + 5 * MIN), NOW), 'in 5 minutes');
    assert.strictEqual(relativeTimeInWords(undefined, NOW), '');
  });

  it('says an application row\'s state, type, release and active sessions in words', () => {
    const node: ExplorerNode = {
      kind: 'application',
      id: 'app/app1',
      applicationId: 'app1',
      app: { id: 'app1', name: 'analytics', state: 'STOPPED', type: 'Spark', releaseLabel: 'emr-7.13.0' } as ApplicationSummary,
      columns: { type: false, releaseLabel: false },
      activeCount: 1,
    };
    assert.strictEqual(rowAccessibilityLabel(node, NOW), 'application analytics, stopped, Spark, emr-7.13.0, 1 active session');
  });

  it('names what a connection, Load more, an error row and an empty filtered listing are and do', () => {
    assert.strictEqual(
      rowAccessibilityLabel({ kind: 'loadMore', id: 'more/app1', parentId: 'app1', loaded: 50, loading: false, noun: 'sessions' }, NOW),
      'Load more sessions, 50 loaded',
    );
    assert.strictEqual(
      rowAccessibilityLabel({ kind: 'loadMore', id: 'more/app1', parentId: 'app1', loaded: 50, loading: true, noun: 'sessions' }, NOW),
      'Loading more sessions, 50 loaded',
    );
    assert.strictEqual(
      rowAccessibilityLabel({ kind: 'empty', id: 'empty/app1', parentId: 'app1', message: 'No sessions match the filter', filtered: true }, NOW),
      'No sessions match the filter, Clear Filters',
    );
    const error = rowAccessibilityLabel(
      { kind: 'error', id: 'error/app1', parentId: 'app1', afterRows: true, report: { kind: 'throttled', title: 'Throttled by EMR Serverless', detail: '' } } as ExplorerNode,
      NOW,
    );
    assert.strictEqual(error, 'Warning: Throttled by EMR Serverless, loading more failed');
    assert.strictEqual(
      rowAccessibilityLabel({ kind: 'connection', id: 'conn/prod', connectionId: 'prod', name: 'prod', detail: 'prod · eu-west-1' }, NOW),
      'connection prod, prod · eu-west-1',
    );
  });
});
