import * as assert from 'assert';
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { SESSION_SUMMARY_FIELDS, sessionsToCsv, sessionsToJson } from '../../../src/model/sessionExport';
import { AwsClientEnvironment } from '../support/awsClients';

const SESSIONS: SessionSummary[] = [
  {
    applicationId: '00f1app',
    sessionId: '00f1s1',
    arn: 'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1app/sessions/00f1s1',
    name: 'etl, "nightly"\r\nsecond line',
    state: 'IDLE',
    stateDetails: 'Session is idle',
    releaseLabel: 'emr-7.13.0',
    executionRoleArn: 'arn:aws:iam::123456789012:role/EmrRole',
    createdBy: 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob',
    createdAt: new Date('2026-11-30T09:15:00.5Z'),
    updatedAt: new Date('2026-11-30T10:00:00Z'),
  },
  {
    applicationId: '00f1app',
    sessionId: '00f1s2',
    arn: 'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1app/sessions/00f1s2',
    state: 'TERMINATED',
    stateDetails: '=HYPERLINK("x")',
    releaseLabel: 'emr-7.13.0',
    executionRoleArn: 'arn:aws:iam::123456789012:role/EmrRole',
    createdBy: 'arn:aws:iam::123456789012:user/alice',
    createdAt: new Date('2026-11-29T00:00:00Z'),
    updatedAt: new Date('2026-11-29T01:00:00Z'),
  },
];

describe('session export', function () {
  this.timeout(30_000);

  it('writes JSON as {"sessions": [...]} with members in model order, ISO 8601 times and no absent members', () => {
    const text = sessionsToJson(SESSIONS);
    assert.ok(text.startsWith('{\n    "sessions": [\n        {\n            "applicationId": "00f1app",'), text.slice(0, 80));
    const parsed = JSON.parse(text) as { sessions: Record<string, unknown>[] };
    assert.deepStrictEqual(Object.keys(parsed.sessions[0] ?? {}), [...SESSION_SUMMARY_FIELDS]);
    assert.strictEqual(parsed.sessions[0]?.['createdAt'], '2026-11-30T09:15:00.500Z');
    assert.ok(!('name' in (parsed.sessions[1] ?? {})), 'a session without a name has no name member');
    assert.strictEqual(sessionsToJson([]), '{\n    "sessions": []\n}\n');
  });

  it('writes CSV that a standard reader (Python csv) reads back field for field, commas, quotes and line breaks included', async () => {
    const csv = sessionsToCsv(SESSIONS);
    assert.ok(csv.endsWith('\r\n'));
    const clients = AwsClientEnvironment.create();
    try {
      const rows = JSON.parse(
        await clients.runPython(
          'import csv, io, json, sys\nprint(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))',
          csv,
        ),
      ) as string[][];
      assert.deepStrictEqual(rows[0], [...SESSION_SUMMARY_FIELDS]);
      assert.strictEqual(rows.length, 3);
      assert.deepStrictEqual(rows[1], [
        '00f1app',
        '00f1s1',
        SESSIONS[0]?.arn,
        'etl, "nightly"\r\nsecond line',
        'IDLE',
        'Session is idle',
        'emr-7.13.0',
        'arn:aws:iam::123456789012:role/EmrRole',
        'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob',
        '2026-11-30T09:15:00.500Z',
        '2026-11-30T10:00:00.000Z',
      ]);
      assert.strictEqual(rows[2]?.[3], '', 'no name is an empty field');
      assert.strictEqual(rows[2]?.[5], '=HYPERLINK("x")', 'values are kept as they are');
    } finally {
      clients.dispose();
    }
  });
});
