import * as assert from 'assert';
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import {
  escapeMarkdown,
  labelText,
  relativeTime,
  sessionDescription,
  sessionLabel,
  sessionTooltip,
  withoutLinks,
} from '../../../src/model/format';

const NOW = Date.parse('2026-11-28T12:00:00Z');

function session(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    applicationId: '00fabc1234567890',
    sessionId: '00fsess0000000001',
    arn: 'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00fabc1234567890/sessions/00fsess0000000001',
    state: 'IDLE',
    stateDetails: 'Session is idle',
    releaseLabel: 'emr-7.13.0',
    executionRoleArn: 'arn:aws:iam::123456789012:role/EMRServerlessRole',
    createdBy: 'arn:aws:iam::123456789012:user/alice',
    createdAt: new Date(NOW - 3 * 3_600_000 - 60_000),
    updatedAt: new Date(NOW - 120_000),
    ...overrides,
  };
}

describe('formatting', () => {
  it('says how long ago, in the units a person would use', () => {
    assert.strictEqual(relativeTime(new Date(NOW - 10_000), NOW), 'just now');
    assert.strictEqual(relativeTime(new Date(NOW - 5 * 60_000), NOW), '5 min ago');
    assert.strictEqual(relativeTime(new Date(NOW - 3 * 3_600_000), NOW), '3 h ago');
    assert.strictEqual(relativeTime(new Date(NOW - 2 * 86_400_000), NOW), '2 d ago');
    assert.strictEqual(relativeTime(new Date(NOW - 70 * 86_400_000), NOW), '2 mo ago');
    assert.strictEqual(relativeTime(new Date(NOW + 30 * 60_000), NOW), 'in 30 min');
    assert.strictEqual(relativeTime(undefined, NOW), '');
  });

  it('labels a session by name, else by id, and describes state and age', () => {
    assert.strictEqual(sessionLabel(session({ name: 'nightly-etl' })), 'nightly-etl');
    assert.strictEqual(sessionLabel(session()), '00fsess0000000001');
    assert.strictEqual(sessionDescription(session(), NOW), 'IDLE · 3 h ago');
  });

  it('shows a session with no state as UNKNOWN rather than "undefined"', () => {
    assert.strictEqual(sessionDescription(session({ state: undefined }), NOW), 'UNKNOWN · 3 h ago');
  });

  it('breaks up Markdown links in notification text, so none can run a command', () => {
    const text = withoutLinks('denied: [open](command:workbench.action.terminal.new) and [x] (y)');
    assert.ok(!/\]\(/.test(text), text);
    assert.ok(text.includes('[open] (command:workbench.action.terminal.new)'), 'the text itself stays readable');
  });

  it('keeps labels on one line and cuts very long text', () => {
    assert.strictEqual(labelText('a\nb\r\nc'), 'a b c');
    const long = labelText('x'.repeat(10_000));
    assert.strictEqual(long.length, 120);
    assert.ok(long.endsWith('…'));
  });

  it('escapes Markdown so that no link, HTML or command URI can form', () => {
    const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** `code` &amp; # h';
    const escaped = escapeMarkdown(hostile);
    assert.ok(!/(^|[^\\])\[/.test(escaped), 'every [ is escaped');
    assert.ok(!/(^|[^\\])</.test(escaped), 'every < is escaped');
    assert.ok(!/(^|[^\\])&/.test(escaped), 'every & is escaped');
    assert.ok(!/(^|[^\\])\*/.test(escaped), 'every * is escaped');
    assert.strictEqual(escaped.replace(/\\(.)/g, '$1'), hostile, 'unescaping gives the literal text back');
  });

  it('puts every SessionSummary field in the tooltip, with absolute and relative times', () => {
    const s = session({ name: 'etl_[prod]' });
    const tooltip = sessionTooltip(s, NOW);
    for (const value of [s.sessionId, s.applicationId, s.releaseLabel, s.state, s.stateDetails]) {
      assert.ok(tooltip.includes(escapeMarkdown(value ?? '')), `tooltip holds ${value}`);
    }
    assert.ok(tooltip.includes(escapeMarkdown(s.arn ?? '')));
    assert.ok(tooltip.includes(escapeMarkdown(s.executionRoleArn ?? '')));
    assert.ok(tooltip.includes(escapeMarkdown(s.createdBy ?? '')));
    assert.ok(tooltip.includes('etl\\_\\[prod\\]'));
    assert.match(tooltip, /\*\*Created:\*\* .+ \(3 h ago\)/);
    assert.match(tooltip, /\*\*Updated:\*\* .+ \(2 min ago\)/);
  });
});
