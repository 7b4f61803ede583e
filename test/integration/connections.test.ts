import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { DEFAULT_KEY_PAIR, LocalEmrServer, SESSION_KEY_PAIR } from '../localEmr/server';
import { activateExtension, readSetting, setSetting, waitFor } from './helpers';

type Row<K extends ExplorerNode['kind']> = ExplorerNode & { kind: K };

/**
 * Several connections in one tree, in the real extension host: two local endpoints stand for
 * two accounts, listed through `emrServerless.connections`.
 */
describe('several connections in VS Code', function () {
  this.timeout(40_000);
  let handle: ExplorerHandle;
  let prod: LocalEmrServer;
  let dev: LocalEmrServer;
  let profile: string;
  let region: string;
  let dir: string;
  const undo: Array<() => Promise<void> | void> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    const credentials = [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR];
    prod = await LocalEmrServer.start({ seed: 61, applications: 3, sessionsPerApplication: 12, credentials });
    dev = await LocalEmrServer.start({ seed: 62, applications: 2, sessionsPerApplication: 12, credentials });
    profile = readSetting<string>('profile') ?? '';
    region = readSetting<string>('region') || 'us-east-1';
    // A second profile for the switch, beside the runner's, in files of this test's own.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-connections-'));
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    fs.writeFileSync(path.join(dir, 'config'), `${fs.readFileSync(saved.config ?? '', 'utf8')}\n[profile staging]\nregion = ${region}\n`);
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      `${fs.readFileSync(saved.credentials ?? '', 'utf8')}\n[staging]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${DEFAULT_KEY_PAIR.secretAccessKey}\n`,
    );
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    undo.push(async () => {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
      fs.rmSync(dir, { recursive: true, force: true });
      await prod.close();
      await dev.close();
    });
    undo.push(await setSetting('connections', []));
  });
  after(async () => {
    for (const step of undo.reverse()) {
      await step();
    }
  });
  beforeEach(async () => {
    for (const server of [prod, dev]) {
      server.faults.clear();
      server.resetRequests();
    }
  });

  const entry = (server: LocalEmrServer, label: string, who = profile) => ({ profile: who, region, endpoint: server.url, label });
  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const label = (node: ExplorerNode) => {
    const l = (handle.provider.getTreeItem(node) as vscode.TreeItem).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  const appIds = (server: LocalEmrServer) => server.store.applications().filter((a) => a.state !== 'TERMINATED').map((a) => a.id);
  const shownApps = (rows: readonly ExplorerNode[]) => rows.filter((r): r is Row<'application'> => r.kind === 'application').map((r) => r.applicationId);

  async function useConnections(list: unknown[]): Promise<void> {
    await vscode.workspace.getConfiguration('emrServerless').update('connections', list, vscode.ConfigurationTarget.Global);
    await waitFor(() => handle.connections.list.length === Math.max(1, list.length), `${list.length} connections`);
  }

  async function connectionRows(): Promise<Row<'connection'>[]> {
    const roots = await children();
    assert.ok(roots.every((r) => r.kind === 'connection'), `roots are ${roots.map((r) => r.kind).join(', ')}`);
    return roots as Row<'connection'>[];
  }

  it('shows each connection as a root row and loads one only when it is expanded', async () => {
    await useConnections([entry(prod, 'prod'), entry(dev, 'dev')]);
    const rows = await connectionRows();
    assert.deepStrictEqual(rows.map(label), ['prod', 'dev']);
    const item = handle.provider.getTreeItem(rows[0]) as vscode.TreeItem;
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.strictEqual(item.description, `${profile} · ${region} · ${prod.url}`);
    assert.strictEqual(prod.requests.length + dev.requests.length, 0, 'nothing is sent before a connection is expanded');
    assert.deepStrictEqual(shownApps(await children(rows[0])), appIds(prod));
    assert.strictEqual(dev.requests.length, 0, 'the other connection is still not asked');
    assert.deepStrictEqual(shownApps(await children(rows[1])), appIds(dev));
    await waitFor(() => handle.view.message === '2 connections', `the header, not ${handle.view.message}`);
  });

  it('shows an error in one connection on its own row, never in the other, and Retry recovers it alone', async () => {
    await useConnections([entry(prod, 'prod'), entry(dev, 'dev')]);
    await vscode.commands.executeCommand('emrServerless.refresh');
    dev.faults.inject({ operation: 'ListApplications', kind: 'accessDenied' });
    const [prodRow, devRow] = await connectionRows();
    const [prodRows, devRows] = await Promise.all([children(prodRow), children(devRow)]);
    assert.deepStrictEqual(shownApps(prodRows), appIds(prod));
    assert.deepStrictEqual(devRows.map((r) => r.kind), ['error']);
    assert.match(label(devRows[0]), /denied/i);
    assert.strictEqual(handle.provider.getParent(devRows[0]), devRow, 'the error row sits under its connection');
    const prodRequests = prod.requests.length;
    dev.faults.clear();
    await vscode.commands.executeCommand('emrServerless.retry', devRows[0]);
    await waitFor(async () => shownApps(await children(devRow)).length > 0, 'the retried connection to list');
    assert.deepStrictEqual(shownApps(await children(devRow)), appIds(dev));
    assert.strictEqual(prod.requests.length, prodRequests, 'Retry sent nothing to the other connection');
  });

  it('copies the AWS CLI command of an application with its own connection’s profile, Region and endpoint', async () => {
    await useConnections([entry(prod, 'prod'), entry(dev, 'dev')]);
    const [, devRow] = await connectionRows();
    const app = (await children(devRow)).find((r): r is Row<'application'> => r.kind === 'application');
    assert.ok(app);
    await vscode.commands.executeCommand('emrServerless.copyAsCliCommand', app);
    const command = await vscode.env.clipboard.readText();
    assert.match(command, new RegExp(`--application-id ${app.applicationId}`));
    assert.ok(command.includes(`--endpoint-url ${dev.url}`), command);
    assert.ok(command.includes(`--region ${region}`), command);
    assert.ok(command.includes(`--profile ${profile}`), command);
  });

  it('opens the same application and session ids under two connections as two details tabs, each with its own connection’s data', async () => {
    // A second account whose data has the same ids as prod's (the same seed), one session told apart by a tag.
    const twin = await LocalEmrServer.start({ seed: 61, applications: 3, sessionsPerApplication: 12, credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR] });
    const detailTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'emr-serverless-session');
    try {
      await useConnections([entry(prod, 'prod'), entry(twin, 'twin')]);
      await waitFor(() => handle.connections.list.map((c) => c.name).join() === 'prod,twin', 'the twin connection');
      const firstSession = async (row: Row<'connection'>) => {
        const app = (await children(row)).find((r): r is Row<'application'> => r.kind === 'application');
        assert.ok(app, 'an application under the connection');
        const session = (await children(app)).find((r): r is Row<'session'> => r.kind === 'session');
        assert.ok(session, 'a session under the application');
        return { app, session };
      };
      const [prodRow, twinRow] = await connectionRows();
      const ours = await firstSession(prodRow);
      const theirs = await firstSession(twinRow);
      const { applicationId, sessionId } = ours.session.session;
      assert.deepStrictEqual([theirs.session.session.applicationId, theirs.session.session.sessionId], [applicationId, sessionId], 'the same ids');
      twin.store.updateSession(applicationId ?? '', sessionId ?? '', { tags: { account: 'twin' } });

      const title = `${ours.session.session.name || sessionId} · ${ours.app.app.name || applicationId}.json`;
      await vscode.commands.executeCommand('emrServerless.showSessionDetails', ours.session);
      await waitFor(() => detailTabs().length === 1, 'the first details tab');
      // Kept open (no longer a preview), as a double-click or an edit does, so the second opens beside it.
      await vscode.commands.executeCommand('workbench.action.keepEditor');
      await vscode.commands.executeCommand('emrServerless.showSessionDetails', theirs.session);
      await waitFor(() => detailTabs().length === 2, 'two details tabs');
      assert.deepStrictEqual(detailTabs().map((t) => t.label), [title, title], 'both tabs are titled by the session and application names');
      const texts = detailTabs().map((t) => {
        const uri = (t.input as vscode.TabInputText).uri.toString();
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        return JSON.parse(doc?.getText() ?? '{}') as { sessionId?: string; tags?: Record<string, string> };
      });
      assert.deepStrictEqual(texts.map((t) => t.sessionId), [sessionId, sessionId]);
      assert.deepStrictEqual(texts.map((t) => t.tags?.account), [undefined, 'twin'], 'each tab shows its own connection’s GetSession result');
      assert.strictEqual(prod.count('GetSession') + twin.count('GetSession'), 2);
      assert.strictEqual(twin.count('GetSession'), 1, 'each connection was asked once');
    } finally {
      for (const tab of detailTabs()) {
        await vscode.window.tabGroups.close(tab);
      }
      await twin.close();
    }
  });

  it('Remove Connection clears its rows at once, and its slow answer arriving later is never shown', async () => {
    await useConnections([entry(prod, 'prod'), entry(dev, 'dev')]);
    await vscode.commands.executeCommand('emrServerless.refresh');
    dev.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 1500 });
    const [, devRow] = await connectionRows();
    const pending = children(devRow);
    await waitFor(() => dev.requests.length > 0, 'the slow request to be sent');
    await vscode.commands.executeCommand('emrServerless.removeConnection', devRow);
    assert.deepStrictEqual(
      (readSetting<Array<{ label?: string }>>('connections') ?? []).map((c) => c.label),
      ['prod'],
      'the entry is gone from the settings',
    );
    await waitFor(() => !handle.connections.isMulti, 'one connection left');
    // One connection left: its applications are the root rows again, as with a single connection.
    assert.deepStrictEqual(shownApps(await children()), appIds(prod));
    assert.deepStrictEqual(await pending, [], 'the removed connection’s answer shows nothing');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepStrictEqual(shownApps(await children()), appIds(prod));
  });

  it('a profile switch clears the connection’s rows at once, and the old profile’s slow answer is never applied', async () => {
    await useConnections([entry(prod, 'prod')]);
    await vscode.commands.executeCommand('emrServerless.refresh');
    prod.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 1500 });
    const pending = children();
    await waitFor(() => prod.requests.length > 0, 'the slow request to be sent');
    const old = handle.model;
    // Another profile, whose account (here, another endpoint) has other applications.
    await useConnections([entry(dev, 'staging', 'staging')]);
    await waitFor(() => handle.model !== old, 'the switch');
    assert.strictEqual(handle.model.applications.items.length, 0, 'no row of the old profile is left');
    assert.deepStrictEqual(shownApps(await children()), appIds(dev));
    assert.deepStrictEqual(await pending, [], 'the old answer is dropped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepStrictEqual(handle.model.applications.items.map((a) => a.id), appIds(dev));
    assert.ok(dev.requests.every((r) => r.accessKeyId === DEFAULT_KEY_PAIR.accessKeyId), 'the new profile signs the new requests');
  });
});
