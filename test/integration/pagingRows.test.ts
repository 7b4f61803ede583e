import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { NO_FILTER } from '../../src/model/sessionFilter';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

/** Empty pages that carry a nextToken, and sessions listed again, as a user meets them in the tree. */
describe('paging rows in VS Code', function () {
  this.timeout(30_000);
  const endpoint = useLocalEndpoint({ seed: 13, applications: 2, sessionsPerApplication: 3 });
  let handle: ExplorerHandle;
  const restore: Array<() => Promise<void>> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    restore.push(await setSetting('pageSize', 50));
    await waitFor(() => handle.model.settings.pageSize === 50, 'the page size setting');
  });
  after(async () => {
    for (const undo of restore.reverse()) {
      await undo();
    }
  });
  beforeEach(async () => {
    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.refresh');
    endpoint().resetRequests();
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const item = (node: ExplorerNode) => handle.provider.getTreeItem(node);
  const label = (node: ExplorerNode) => {
    const l = item(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  async function firstApplication(): Promise<ExplorerNode & { kind: 'application' }> {
    const app = (await children()).find((n): n is ExplorerNode & { kind: 'application' } => n.kind === 'application');
    assert.ok(app, 'an application row');
    return app;
  }
  const sessionIds = (rows: ExplorerNode[]) => rows.flatMap((n) => (n.kind === 'session' ? [n.session.sessionId] : []));

  it('expanding an application whose first pages are empty shows its 3 sessions, never "0 sessions loaded"', async () => {
    const app = await firstApplication();
    endpoint().resetRequests();
    endpoint().faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 2 });
    const rows = await children(app);
    assert.deepStrictEqual(sessionIds(rows), endpoint().store.listSessions(app.applicationId, {}).map((s) => s.sessionId));
    assert.deepStrictEqual(rows.map((n) => n.kind), ['session', 'session', 'session'], 'no "Load more" row at all');
    assert.ok(!rows.some((n) => /loaded/.test(String(item(n).description))), 'nothing says "0 sessions loaded"');
    assert.strictEqual(endpoint().count('ListSessions'), 3, 'one request per page');
  });

  it('after ten empty pages shows "No sessions found yet" with a keep-looking action that finds them', async () => {
    const app = await firstApplication();
    endpoint().faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 12 });
    const rows = await children(app);
    assert.deepStrictEqual(rows.map(label), ['No sessions found yet']);
    const row = item(rows[0]);
    assert.strictEqual(row.description, 'click to keep looking');
    assert.match(String(row.tooltip), /10 empty pages in a row/);
    assert.strictEqual(row.command?.command, 'emrServerless.keepLooking');
    assert.strictEqual(row.contextValue, 'keepLooking');
    assert.strictEqual(endpoint().count('ListSessions'), 10);

    await vscode.commands.executeCommand('emrServerless.keepLooking', rows[0]);
    const after = await children(app);
    assert.deepStrictEqual(sessionIds(after), endpoint().store.listSessions(app.applicationId, {}).map((s) => s.sessionId));
    assert.deepStrictEqual(after.map((n) => n.kind), ['session', 'session', 'session']);
    assert.strictEqual(endpoint().count('ListSessions'), 13, 'two more empty pages, then the page with sessions');
  });

  it('a session listed again on a later page with a newer state is updated in its row, not shown twice', async () => {
    const app = await firstApplication();
    const moving = endpoint().store.addSession(app.applicationId, { state: 'STARTING', name: 'moves-to-idle', createdAt: Date.now() });
    endpoint().store.addSession(app.applicationId, { state: 'IDLE', name: 'already-idle', createdAt: Date.now() - 60_000 });
    const undoPageSize = await setSetting('pageSize', 1);
    await waitFor(() => handle.model.settings.pageSize === 1, 'page size 1');
    handle.model.setFilter({ states: ['STARTING', 'IDLE'], createdAt: { kind: 'any' } });
    try {
      const first = await children(app);
      const position = first.findIndex((n) => n.kind === 'session' && n.session.sessionId === moving.sessionId);
      assert.ok(position >= 0, `the newest STARTING session is on the first page; rows: ${first.map(label).join(', ')}`);
      const rowId = first[position].id;
      assert.strictEqual(item(first[position]).contextValue, 'session.STARTING');

      endpoint().store.updateSession(app.applicationId, moving.sessionId, { state: 'IDLE' });
      for (;;) {
        const rows = await children(app);
        const more = rows[rows.length - 1];
        if (more?.kind !== 'loadMore') {
          break;
        }
        await vscode.commands.executeCommand('emrServerless.loadMore', more);
      }
      assert.ok(endpoint().requests.some((r) => r.nextToken !== undefined && r.operation === 'ListSessions'), 'later pages were asked for');
      const rows = await children(app);
      const copies = rows.filter((n) => n.kind === 'session' && n.session.sessionId === moving.sessionId);
      assert.strictEqual(copies.length, 1, 'one row for the session');
      assert.strictEqual(rows[position].id, rowId, 'at the same place, with the same id');
      const updated = item(rows[position]);
      assert.strictEqual(updated.contextValue, 'session.IDLE');
      // IDLE has an icon of its own, so the description leaves the state to it; a screen reader hears it.
      assert.match(String(updated.accessibilityInformation?.label), /^session .+, idle, created /);
      assert.doesNotMatch(String(updated.description), /STARTING/);
      const ids = sessionIds(rows);
      assert.strictEqual(new Set(ids).size, ids.length, 'no session is shown twice');
    } finally {
      handle.model.setFilter(NO_FILTER);
      await undoPageSize();
    }
  });
});
