import * as assert from 'assert';
import type { Session } from '@aws-sdk/client-emr-serverless';
import { formatBilled, formatSpan, guardrailsOf, guardrailSummary } from '../../../src/model/sessionGuardrails';

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const MIN = 60_000;

function session(over: Partial<Session>): Session {
  return {
    applicationId: 'a',
    sessionId: 's',
    arn: 'arn',
    state: 'IDLE',
    stateDetails: 'Session is idle',
    releaseLabel: 'emr-7.13.0',
    executionRoleArn: 'arn:aws:iam::123456789012:role/R',
    createdBy: 'arn:aws:iam::123456789012:user/alice',
    createdAt: new Date(T0),
    updatedAt: new Date(T0),
    startedAt: new Date(T0 + MIN),
    ...over,
  } as Session;
}

describe('session guardrails', () => {
  it('says how long an idle session has been idle and when its idle timeout ends it', () => {
    const s = session({ idleSince: new Date(T0 + 60 * MIN), idleTimeoutMinutes: 60 });
    const now = T0 + 72 * MIN;
    const g = guardrailsOf(s, now);
    assert.strictEqual(g.idleMs, 12 * MIN);
    assert.strictEqual(g.idleEndsAt, T0 + 120 * MIN);
    assert.strictEqual(guardrailSummary(g, now), 'idle 12 min · ends in 48 min');
  });

  it('uses the 60-minute default when the idle timeout is not given', () => {
    const g = guardrailsOf(session({ idleSince: new Date(T0 + 10 * MIN) }), T0 + 10 * MIN);
    assert.strictEqual(g.idleEndsAt, T0 + 70 * MIN);
  });

  it('counts a busy session down to its 24-hour limit, measured from when it started', () => {
    const now = T0 + 61 * MIN;
    const g = guardrailsOf(session({ state: 'BUSY' }), now);
    assert.strictEqual(g.idleMs, undefined);
    assert.strictEqual(g.limitEndsAt, T0 + MIN + 24 * 60 * MIN);
    assert.strictEqual(g.runMs, 60 * MIN);
    assert.strictEqual(guardrailSummary(g, now), 'ends in 23 h 00 min');
  });

  it('gives an ended session its run time up to endedAt and no countdown', () => {
    const g = guardrailsOf(session({ state: 'TERMINATED', endedAt: new Date(T0 + 91 * MIN) }), T0 + 500 * MIN);
    assert.strictEqual(g.runMs, 90 * MIN);
    assert.strictEqual(g.endsAt, undefined);
    assert.strictEqual(guardrailSummary(g, T0), undefined);
  });

  it('formats spans and billed utilisation in words with units', () => {
    assert.deepStrictEqual([45_000, 12 * MIN, 185 * MIN, 26 * 60 * MIN].map(formatSpan), ['45 s', '12 min', '3 h 05 min', '1 d 2 h']);
    assert.strictEqual(
      formatBilled({ vCPUHour: 1.25, memoryGBHour: 5, storageGBHour: 2.5 }),
      '1.25 vCPU-h · 5.00 GB-h memory · 2.50 GB-h storage',
    );
    assert.strictEqual(formatBilled(undefined), undefined);
  });
});
