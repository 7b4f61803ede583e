import * as assert from 'assert';
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { NO_FILTER } from '../../../src/model/sessionFilter';
import {
  defaultExportFileName,
  exportedMessage,
  exportFailedMessage,
  formatOfFileName,
  SESSION_SUMMARY_FIELDS,
  sessionsToCsv,
  sessionsToJson,
  sessionsToText,
} from '../../../src/model/sessionExport';
import { AwsClientEnvironment, runProgram } from '../support/awsClients';
import { LocalEmrConnection } from '../support/localEmrConnection';

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

  it('writes non-ASCII names in CSV as UTF-8 text that Python csv reads back unchanged', async () => {
    const names = ['日本語のセッション', 'Ünïcödé, "quoted"', 'emoji 🚀\nnext line'];
    const sessions = names.map((name, i) => ({ ...SESSIONS[1], sessionId: `00f1n${i}`, name }));
    const clients = AwsClientEnvironment.create();
    try {
      const rows = JSON.parse(
        await clients.runPython(
          'import csv, io, json, sys\nprint(json.dumps([r[3] for r in csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""))][1:]))',
          sessionsToCsv(sessions),
        ),
      ) as string[];
      assert.deepStrictEqual(rows, names);
    } finally {
      clients.dispose();
    }
  });

  it('picks the format from a .json or .csv file name in any case, and from nothing else', () => {
    assert.strictEqual(formatOfFileName('/tmp/out.CSV'), 'csv');
    assert.strictEqual(formatOfFileName('C:\\\\exports\\\\sessions.json'), 'json');
    assert.strictEqual(formatOfFileName('/tmp/sessions.txt'), undefined);
    assert.strictEqual(formatOfFileName('/tmp/csv'), undefined);
    assert.strictEqual(sessionsToText(SESSIONS, 'csv'), sessionsToCsv(SESSIONS));
    assert.strictEqual(sessionsToText(SESSIONS, 'json'), sessionsToJson(SESSIONS));
  });

  it('proposes a file name with the application, the UTC date and the extension, safe for any file system', () => {
    const now = Date.parse('2026-12-01T23:30:00Z');
    assert.strictEqual(defaultExportFileName('nightly-etl', 'json', now), 'sessions-nightly-etl-2026-12-01.json');
    assert.strictEqual(defaultExportFileName('a/b: c*?', 'csv', now), 'sessions-a-b-c-2026-12-01.csv');
    assert.strictEqual(defaultExportFileName('分析', 'csv', now), 'sessions-分析-2026-12-01.csv');
    assert.strictEqual(defaultExportFileName(undefined, 'json', now), 'sessions-all-applications-2026-12-01.json');
  });

  it('says how many sessions it wrote and where', () => {
    assert.strictEqual(exportedMessage(1, '/tmp/a.csv'), 'Exported 1 session to /tmp/a.csv.');
    assert.strictEqual(exportedMessage(12, '/tmp/a.json'), 'Exported 12 sessions to /tmp/a.json.');
  });

  it("says which file could not be written, that nothing was exported, and the file system's reason", () => {
    assert.strictEqual(
      exportFailedMessage('/mnt/full/a.csv', 'ENOSPC: no space left on device'),
      'Could not write /mnt/full/a.csv, so no sessions were exported. Choose another file or fix this and retry: ENOSPC: no space left on device',
    );
  });

  describe('against what the AWS CLI prints for the same sessions', () => {
    let local: LocalEmrConnection;
    let clients: AwsClientEnvironment;
    let model: ExplorerModel;
    let appId: string;

    before(async () => {
      local = await LocalEmrConnection.start({ seed: 41, applications: 1, sessionsPerApplication: 12 });
      appId = local.server.store.listApplications()[0]?.id ?? '';
      // Names a CSV or JSON writer could get wrong, and a session without a name.
      local.server.store.addSession(appId, { name: 'ETL, "nightly"\nsecond line' });
      local.server.store.addSession(appId, { name: 'データ探索 — Ünïcödé 🚀' });
      clients = AwsClientEnvironment.create();
      model = new ExplorerModel({
        createApi: local.createApi,
        settings: { connection: local.settings(), pageSize: 5 },
        filter: NO_FILTER,
      });
    });
    after(async () => {
      model?.dispose();
      clients?.dispose();
      await local?.close();
    });

    /** Times as instants, so `2026-11-30T09:15:00+00:00` (the CLI) equals `2026-11-30T09:15:00.000Z`. */
    const TIME = /"(createdAt|updatedAt)": "([^"]+)"/g;
    const timesOf = (text: string) => [...text.matchAll(TIME)].map((m) => `${m[1]} ${Date.parse(m[2] ?? '')}`);
    const withoutTimes = (text: string) => text.replace(TIME, '"$1": TIME');

    it('writes the JSON that "aws emr-serverless list-sessions" prints, line for line, with the same instants in ISO 8601', async () => {
      await model.loadAll(appId, { maxItems: 1000 });
      const sessions = model.loadedSessions(appId);
      assert.strictEqual(sessions.length, 14, 'every session loaded, over three pages');
      const ours = sessionsToJson(sessions);

      // The test key pair, and a config with `cli_timestamp_format = iso8601`.
      const cli = await runCli(
        [
          'emr-serverless',
          'list-sessions',
          '--application-id',
          appId,
          '--endpoint-url',
          local.server.url,
          '--region',
          'us-east-1',
          '--output',
          'json',
        ],
        clients.env,
      );
      assert.strictEqual(withoutTimes(ours), withoutTimes(cli));
      assert.deepStrictEqual(timesOf(ours), timesOf(cli));
      assert.strictEqual(timesOf(ours).length, 28);
      for (const [, , time] of ours.matchAll(TIME)) {
        assert.match(time ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
    });

    it('gives, for every application, the loaded sessions of each listed application and nothing of one never expanded', async () => {
      await model.applications.loadNext();
      const all = model.loadedSessions();
      assert.deepStrictEqual(all, model.loadedSessions(appId));
      assert.deepStrictEqual(model.loadedSessions('00unknownapp'), []);
    });
  });
});

async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runProgram('aws', args, env);
  if (result.code !== 0) {
    throw new Error(`aws failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}
