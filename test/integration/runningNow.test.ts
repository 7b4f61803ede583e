import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

type SessionRow = ExplorerNode & { kind: 'session' };

const MINUTE = 60_000;

/** The "Running now" root row over two applications, in the real extension host. */
describe('Running now in VS Code', function () {
  this.timeout(90_000);
  const endpoint = useLocalEndpoint({ seed: 12, applications: 2, sessionsPerApplication: 0 });
  let handle: ExplorerHandle;
  const restore: (() => Promise<void>)[] = [];
  /** The active sessions added, newest first: `${applicationId}/${sessionId}`. */
  let expected: string[] = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    restore.push(await setSetting('pollIntervalSeconds', 1));
    await vscode.commands.executeCommand('workbench.view.extension.emrServerless');
    await waitFor(() => handle.view.visible, 'the Sessions view to be visible');
    const store = endpoint().store;
    const apps = store.listApplications().filter((a) => a.state !== 'TERMINATED');
    assert.ok(apps.length >= 2, 'two applications to list');
    const [a, b] = [apps[0].id!, apps[1].id!];
    const now = store.now();
    const add = (applicationId: string, state: string, minutesAgo: number) => {
      const s = store.addSession(applicationId, { state, createdAt: new Date(now - minutesAgo * MINUTE) } as Parameters<typeof store.addSession>[1]);
      return { key: `${applicationId}/${s.sessionId}`, minutesAgo, active: ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY'].includes(state) };
    };
    const added = [add(a, 'IDLE', 9), add(a, 'TERMINATED', 2), add(a, 'BUSY', 4), add(b, 'STARTED', 6), add(b, 'FAILED', 1), add(b, 'IDLE', 3)];
    expected = added.filter((s) => s.active).sort((x, y) => x.minutesAgo - y.minutesAgo).map((s) => s.key);
  });
  after(async () => {
    // Collapsed again, it sends nothing in the suites that follow.
    await vscode.commands.executeCommand('workbench.actions.treeView.emrServerless.sessions.collapseAll');
    handle.runningNow.setExpanded(false);
    for (const r of restore.reverse()) {
      await r();
    }
  });

  const rows = async (): Promise<ExplorerNode[]> => (await handle.provider.getChildren(handle.provider.runningNowRow)) ?? [];
  const keys = (nodes: readonly ExplorerNode[]) =>
    nodes.filter((n): n is SessionRow => n.kind === 'session').map((n) => `${n.session.applicationId}/${n.session.sessionId}`);

  it('is a collapsed root row above the applications', async () => {
    const roots = (await handle.provider.getChildren()) ?? [];
    assert.strictEqual(roots[0]?.kind, 'runningNow');
    assert.ok(roots.slice(1).some((n) => n.kind === 'application'), 'the applications follow it');
    const item = handle.provider.getTreeItem(roots[0]);
    assert.strictEqual(item.label, 'Running now');
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('expanded, lists exactly the active sessions of both applications, newest first, each naming its application', async () => {
    endpoint().resetRequests();
    await handle.view.reveal(handle.provider.runningNowRow, { expand: true, focus: false, select: false });
    await waitFor(async () => keys(await rows()).length === expected.length, 'the active sessions');
    const listed = await rows();
    assert.deepStrictEqual(keys(listed), expected);
    const store = endpoint().store;
    for (const row of listed as SessionRow[]) {
      const item = handle.provider.getTreeItem(row);
      const app = store.getApplication(row.session.applicationId!)!;
      assert.ok(String(item.description).endsWith(app.name!), `"${String(item.description)}" names ${app.name}`);
      assert.strictEqual(item.contextValue, `session.${row.session.state}`, 'the session menus match it');
      assert.strictEqual(row.connectionId, handle.connections.primary.id);
    }
    const requests = endpoint().requests.filter((r) => r.operation === 'ListSessions');
    assert.ok(requests.length > 0 && requests.every((r) => (r.states ?? []).length === 5), 'the service filters the active states');
  });

  it('drops a session that ended on the next poll, without Refresh', async () => {
    const [gone, ...rest] = expected;
    const [applicationId, sessionId] = gone.split('/');
    endpoint().store.updateSession(applicationId, sessionId, { state: 'TERMINATED' } as Parameters<ReturnType<typeof endpoint>['store']['updateSession']>[2]);
    await waitFor(async () => !keys(await rows()).includes(gone), 'the ended session to leave Running now');
    assert.deepStrictEqual(keys(await rows()), rest);
    expected = rest;
  });

  it('Terminate on a Running now row ends that session in the service, and the row leaves', async () => {
    const row = (await rows()).find((n): n is SessionRow => n.kind === 'session' && n.session.state === 'IDLE');
    assert.ok(row, 'an idle session to terminate');
    const { applicationId, sessionId } = row.session;
    const window = vscode.window as { showWarningMessage: unknown };
    const original = window.showWarningMessage;
    window.showWarningMessage = () => Promise.resolve('Terminate');
    try {
      await vscode.commands.executeCommand('emrServerless.terminateSession', row, [row]);
    } finally {
      window.showWarningMessage = original;
    }
    assert.ok(endpoint().count('TerminateSession') >= 1, 'TerminateSession was sent');
    const state = endpoint().store.getSession(applicationId!, sessionId!)?.state;
    assert.match(state ?? '', /^(TERMINATING|TERMINATED)$/);
    await waitFor(async () => !keys(await rows()).includes(`${applicationId}/${sessionId}`), 'the terminated session to leave Running now');
    assert.deepStrictEqual(keys(await rows()), expected.filter((k) => k !== `${applicationId}/${sessionId}`));
  });
});
