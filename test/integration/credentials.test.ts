import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { DEFAULT_KEY_PAIR } from '../localEmr/server';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';
import { SSO_PROFILE_LINES } from '../harness/awsProfile';

const WRONG_SECRET = 'wrongSecretKey000000000000000000000000000';

/**
 * Credentials as a user meets them in the tree: each way a profile gets credentials names its
 * own next step, and a secret corrected in the credentials file works on Retry, without a reload.
 */
describe('credentials in VS Code', function () {
  this.timeout(30_000);
  useLocalEndpoint({ seed: 4, applications: 2, sessionsPerApplication: 3 });
  let handle: ExplorerHandle;
  let dir: string;
  const undo: Array<() => Promise<void> | void> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-credentials-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        ...SSO_PROFILE_LINES,
        '[profile analyst]',
        'role_arn = arn:aws:iam::123456789012:role/Analyst',
        'source_profile = corp-sso',
        '[profile broken]',
        `credential_process = sh -c "echo 'token for alice has expired' >&2; exit 3"`,
        '',
      ].join('\n'),
    );
    writeKeys(WRONG_SECRET);
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE, home: process.env.HOME };
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    // No SSO token cache of the user's is read.
    process.env.HOME = dir;
    undo.push(() => {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
      process.env.HOME = saved.home;
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
  after(async () => {
    for (const step of undo.reverse()) {
      await step();
    }
    await vscode.commands.executeCommand('emrServerless.refresh');
  });

  function writeKeys(secret: string): void {
    fs.writeFileSync(path.join(dir, 'credentials'), `[team]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${secret}\n`);
  }

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const label = (node: ExplorerNode) => {
    const l = handle.provider.getTreeItem(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  /** The detail the row's tooltip shows. */
  const detail = (node: ExplorerNode) => (node.kind === 'error' ? node.report.detail : '');

  async function useProfile(profile: string): Promise<ExplorerNode[]> {
    undo.push(await setSetting('profile', profile));
    await waitFor(() => handle.model.settings.connection.profile === profile, `the profile setting ${profile}`);
    return children();
  }

  async function errorRowWith(profile: string): Promise<{ row: ExplorerNode; steps: string[] }> {
    const rows = await useProfile(profile);
    assert.strictEqual(rows.length, 1, `one row for profile ${profile}`);
    assert.strictEqual(rows[0].kind, 'error');
    return { row: rows[0], steps: (await children(rows[0])).map(label) };
  }

  it('a wrong secret corrected in the credentials file: Retry lists the applications, without a reload', async () => {
    const { row, steps } = await errorRowWith('team');
    assert.strictEqual(label(row), 'AWS rejected the credentials');
    assert.deepStrictEqual(steps, ['Open AWS Credentials File', 'Retry', 'Select Profile…', 'Show Log']);
    assert.match(detail(row), /Update the access keys of profile "team"/);

    writeKeys(DEFAULT_KEY_PAIR.secretAccessKey);
    const retry = (await children(row)).find((n) => label(n) === 'Retry');
    assert.ok(retry);
    await vscode.commands.executeCommand(String(handle.provider.getTreeItem(retry).command?.command), retry);
    await waitFor(async () => (await children()).every((n) => n.kind === 'application'), 'the applications after Retry');
    assert.strictEqual((await children()).length, 2);
  });

  it('an SSO profile offers to copy aws sso login for that profile, and the step copies it', async () => {
    const { row, steps } = await errorRowWith('corp-sso');
    assert.strictEqual(label(row), 'AWS credentials expired');
    assert.deepStrictEqual(steps, ['Copy "aws sso login --profile corp-sso"', 'Retry', 'Select Profile…', 'Show Log']);
    const copy = (await children(row))[0];
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(String(handle.provider.getTreeItem(copy).command?.command), copy);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'aws sso login --profile corp-sso');
  });

  it('a role names its source profile, and the login step is for that profile', async () => {
    const { row, steps } = await errorRowWith('analyst');
    assert.match(detail(row), /Profile "analyst" assumes its role with the credentials of profile "corp-sso"/);
    assert.strictEqual(steps[0], 'Copy "aws sso login --profile corp-sso"');
  });

  it('a failing credential_process shows what the process wrote to stderr, and offers the config file', async () => {
    const { row, steps } = await errorRowWith('broken');
    assert.strictEqual(label(row), 'Could not get AWS credentials');
    assert.match(detail(row), /The credential_process of profile "broken" failed: token for alice has expired/);
    assert.deepStrictEqual(steps, ['Open AWS Config File', 'Retry', 'Select Profile…', 'Show Log']);
  });

  it('the default chain with AWS_PROFILE set copies aws sso login with --profile', async () => {
    const saved = process.env.AWS_PROFILE;
    process.env.AWS_PROFILE = 'corp-sso';
    undo.push(() => {
      if (saved === undefined) {
        delete process.env.AWS_PROFILE;
      } else {
        process.env.AWS_PROFILE = saved;
      }
    });
    const { steps } = await errorRowWith('');
    assert.strictEqual(steps[0], 'Copy "aws sso login --profile corp-sso"');
  });
});
