import * as assert from 'assert';
import type { ApplicationSummary, SessionSummary } from '@aws-sdk/client-emr-serverless';
import {
  applicationDescription,
  applicationTooltip,
  escapeMarkdown,
  labelText,
  relativeTime,
  sessionDescription,
  sessionDocumentTitle,
  sessionLabel,
  sessionTooltip,
  varyingColumns,
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

  it('labels a session by name, else by id', () => {
    assert.strictEqual(sessionLabel(session({ name: 'nightly-etl' })), 'nightly-etl');
    assert.strictEqual(sessionLabel(session()), '00fsess0000000001');
  });

  it('describes a session by its age, leaving a state its icon shows to the icon', () => {
    for (const state of ['STARTED', 'IDLE', 'BUSY', 'FAILED', 'TERMINATED'] as const) {
      assert.strictEqual(sessionDescription(session({ state }), NOW), '3 h ago', state);
    }
  });

  it('names a spinning state in words before the age, since its icon only says "in progress"', () => {
    for (const state of ['SUBMITTED', 'STARTING', 'TERMINATING'] as const) {
      assert.strictEqual(sessionDescription(session({ state }), NOW), `${state} · 3 h ago`);
    }
  });

  it('shows a session with no state, or a state this version does not know, in words', () => {
    assert.strictEqual(sessionDescription(session({ state: undefined }), NOW), 'UNKNOWN · 3 h ago');
    assert.strictEqual(sessionDescription(session({ state: 'HIBERNATING' as SessionSummary['state'] }), NOW), 'HIBERNATING · 3 h ago');
  });

  it('describes an application by what differs between the applications listed, never repeating the release on every row', () => {
    const app = (overrides: Partial<ApplicationSummary>): ApplicationSummary => ({
      id: '00fapp',
      name: 'etl',
      arn: 'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00fapp',
      state: 'STARTED',
      type: 'SPARK',
      releaseLabel: 'emr-7.13.0',
      createdAt: new Date(NOW - 86_400_000),
      updatedAt: new Date(NOW - 3_600_000),
      ...overrides,
    });
    const alike = [app({}), app({ id: '00fapp2', state: 'STOPPED' })];
    const columns = varyingColumns(alike);
    assert.strictEqual(applicationDescription(alike[0], columns), '', 'STARTED shows as its icon, and nothing else differs');
    assert.strictEqual(applicationDescription(alike[1], columns), 'STOPPED');
    const mixed = [app({}), app({ id: '00fapp2', type: 'HIVE', releaseLabel: 'emr-6.15.0', state: 'STARTING' })];
    assert.strictEqual(applicationDescription(mixed[0], varyingColumns(mixed)), 'SPARK · emr-7.13.0');
    assert.strictEqual(applicationDescription(mixed[1], varyingColumns(mixed)), 'STARTING · HIVE · emr-6.15.0');
    const tooltip = applicationTooltip(alike[0], NOW);
    assert.ok(tooltip.includes(escapeMarkdown('emr-7.13.0')) && tooltip.includes('SPARK') && tooltip.includes('STARTED'), 'the tooltip keeps them all');
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

describe('session details tab title', () => {
  const app = { name: 'analytics', id: '00fapp1' };
  it('is the session name, or its id where it has none, then the application name, or its id', () => {
    assert.strictEqual(sessionDocumentTitle({ name: 'nightly-etl', sessionId: '00fsess1' }, app), 'nightly-etl · analytics');
    assert.strictEqual(sessionDocumentTitle({ sessionId: '00fsess1' }, app), '00fsess1 · analytics');
    assert.strictEqual(sessionDocumentTitle({ name: '   ', sessionId: '00fsess1' }, { id: '00fapp1' }), '00fsess1 · 00fapp1');
  });

  it('keeps names with slashes or line breaks to one path segment, and cuts long ones', () => {
    const title = sessionDocumentTitle({ name: 'team/a\\b\nsales', sessionId: '00fsess1' }, { name: 'x/y', id: '00fapp1' });
    assert.ok(!/[/\\\n]/.test(title), title);
    assert.strictEqual(title, 'team\u2215a\u29f5b sales · x\u2215y');
    assert.strictEqual(sessionDocumentTitle({ name: 'x'.repeat(500), sessionId: '00fsess1' }, { name: 'y'.repeat(500), id: '00fapp1' }).length, 60 + 3 + 60);
  });

  it('names the creator in the tooltip by its short name, with the full ARN beneath it, and a plain creator once', () => {
    const line = (label: string, value: string) => `**${label}:** ${escapeMarkdown(value)}  \n`;
    const bobArn = 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob';
    const bob = sessionTooltip(session({ createdBy: bobArn }), NOW);
    assert.ok(bob.includes(line('Created by', 'DataEngineer/bob') + line('Creator ARN', bobArn)), bob);
    const alice = sessionTooltip(session({ createdBy: 'arn:aws:iam::123456789012:user/team_a/alice' }), NOW);
    assert.ok(alice.includes(line('Created by', 'alice')), alice);
    const plain = sessionTooltip(session({ createdBy: 'someone' }), NOW);
    assert.ok(plain.includes(line('Created by', 'someone')), plain);
    assert.doesNotMatch(plain, /Creator ARN/);
  });
});
