import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { createInterface } from 'readline';
import { EMRServerlessClient, ListApplicationsCommand, ListSessionsCommand } from '@aws-sdk/client-emr-serverless';
import { parseFaultSpec } from '../../localEmr/cliArgs';
import { FAULT_KINDS, FAULT_TABLE } from '../../localEmr/faults';
import { DEFAULT_KEY_PAIR } from '../../localEmr/server';
import { rejectsWith } from './helpers';

// Compiled layout: out/test/unit/localEmr/cli.test.js next to out/test/localEmr/cli.js.
const CLI = path.resolve(__dirname, '..', '..', 'localEmr', 'cli.js');

interface Running {
  child: ChildProcess;
  url: string;
  stdout: string[];
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function launch(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = createInterface({ input: child.stdout! });
  const first = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      stdout.push(line);
      if (stdout.length === 1) resolve(line);
    });
    void exit.then(({ code }) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
    setTimeout(() => reject(new Error(`not listening after 10 s: ${stderr}`)), 10_000).unref();
  });
  const line = await first;
  const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
  assert.ok(match, `first stdout line: ${line}`);
  assert.notStrictEqual(match[2], '0');
  return { child, url: match[1] as string, stdout, stderr: () => stderr, exit };
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

function client(url: string, credentials = DEFAULT_KEY_PAIR): EMRServerlessClient {
  return new EMRServerlessClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

describe('local EMR endpoint: command line', function () {
  this.timeout(20_000);

  it('prints one listening line, serves the SDK, logs to stderr without secrets, and exits 0 on SIGTERM', async () => {
    const running = await launch(['--port', '0', '--seed', '3', '--applications', '2', '--sessions', '20']);
    const c = client(running.url);
    try {
      const apps = await c.send(new ListApplicationsCommand({}));
      assert.strictEqual(apps.applications?.length, 2);
      const appId = apps.applications?.[0]?.id ?? '';
      const sessions = await c.send(new ListSessionsCommand({ applicationId: appId, maxResults: 50 }));
      assert.strictEqual(sessions.sessions?.length, 20);
      const requestId = sessions.$metadata.requestId ?? '';
      for (let i = 0; i < 50 && !running.stderr().includes(requestId); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.match(running.stderr(), new RegExp(`ListSessions 200 \\d+ms ${requestId}`));
      assert.ok(!running.stderr().includes(DEFAULT_KEY_PAIR.secretAccessKey), 'the secret is never logged');
      assert.ok(!/Signature=/.test(running.stderr()), 'signatures are never logged');
    } finally {
      c.destroy();
    }
    const t0 = Date.now();
    running.child.kill('SIGTERM');
    const { code } = await running.exit;
    assert.strictEqual(code, 0);
    assert.ok(Date.now() - t0 < 3000, 'exits promptly');
    assert.deepStrictEqual(running.stdout, [`listening on ${running.url}`], 'exactly one stdout line');
  });

  it('takes its key pair and faults from flags, and stops on SIGINT', async () => {
    const keys = { accessKeyId: 'AKIACLIKEYPAIR000001', secretAccessKey: 'cliSecretKey0000000000000000000000000000' };
    const running = await launch([
      '--port', '0', '--applications', '1', '--sessions', '5',
      '--access-key-id', keys.accessKeyId, '--secret-access-key', keys.secretAccessKey,
      '--fault', 'ListApplications:throttle:1', '--fault', 'GetSession:http500',
    ]);
    const mine = client(running.url, keys);
    const theirs = client(running.url);
    try {
      await rejectsWith(theirs.send(new ListApplicationsCommand({})), 'UnrecognizedClientException', 403);
      await rejectsWith(mine.send(new ListApplicationsCommand({})), 'ThrottlingException', 429);
      const apps = await mine.send(new ListApplicationsCommand({}));
      assert.strictEqual(apps.applications?.length, 1);
      assert.ok(!running.stderr().includes(keys.secretAccessKey));
    } finally {
      mine.destroy();
      theirs.destroy();
    }
    running.child.kill('SIGINT');
    assert.strictEqual((await running.exit).code, 0);
  });

  it('rejects an invalid flag with a message and exit status 2', async () => {
    for (const args of [['--bogus'], ['--port', 'abc'], ['--fault', 'ListSessions:explode'], ['--access-key-id', 'AKIAONLYHALF']]) {
      const { code, stdout, stderr } = await run(args);
      assert.strictEqual(code, 2, args.join(' '));
      assert.strictEqual(stdout, '');
      assert.match(stderr, /^local-emr: .+\nRun with --help for usage\.\n$/s, args.join(' '));
    }
  });

  it('--help prints the usage and the fault grammar', async () => {
    const { code, stdout } = await run(['--help']);
    assert.strictEqual(code, 0);
    assert.match(stdout, /--fault SPEC/);
    assert.match(stdout, /SPEC := OPERATION ":" KIND/);
  });

  it('--help lists every fault kind with what it answers, from the fault table', async () => {
    const lines = (await run(['--help'])).stdout.split('\n');
    const missing = FAULT_KINDS.filter(
      (kind) => !lines.some((line) => line.startsWith(`  ${kind} `) && line.endsWith(` ${FAULT_TABLE[kind].description}`)),
    );
    assert.deepStrictEqual(missing, [], 'fault kinds missing from --help');
  });

  it('parses the fault grammar', () => {
    assert.deepStrictEqual(parseFaultSpec('ListSessions:throttle:2'), { operation: 'ListSessions', kind: 'throttle', times: 2 });
    assert.deepStrictEqual(parseFaultSpec('ListApplications:accessDenied'), { operation: 'ListApplications', kind: 'accessDenied' });
    assert.deepStrictEqual(parseFaultSpec('GetSession:http500:1'), { operation: 'GetSession', kind: 'http500', times: 1 });
    assert.deepStrictEqual(parseFaultSpec('ListSessions:hang:page=later'), { operation: 'ListSessions', kind: 'hang', page: 'later' });
    assert.deepStrictEqual(parseFaultSpec('*:latency:50'), { operation: '*', kind: 'latency', latencyMs: 50 });
    assert.deepStrictEqual(parseFaultSpec('*:latency:50:3'), { operation: '*', kind: 'latency', latencyMs: 50, times: 3 });
    assert.deepStrictEqual(parseFaultSpec('ListSessions:throttle:times=3:status=400:page=first'), {
      operation: 'ListSessions',
      kind: 'throttle',
      times: 3,
      status: 400,
      page: 'first',
    });
    assert.deepStrictEqual(parseFaultSpec('ListSessions:emptyPage:2'), { operation: 'ListSessions', kind: 'emptyPage', times: 2 });
    assert.deepStrictEqual(parseFaultSpec('*:emptyPage:page=later'), { operation: '*', kind: 'emptyPage', page: 'later' });
    for (const bad of ['ListSessions', 'Nope:throttle', 'GetSession:emptyPage', 'ListSessions:throttle:0', '*:latency', 'ListSessions:throttle:page=middle', 'ListSessions:throttle:status=500']) {
      assert.throws(() => parseFaultSpec(bad), /--fault/, bad);
    }
  });
});
