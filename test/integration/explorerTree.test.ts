import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { setSetting, useExplorerWithPageSize, useLocalEndpoint, waitFor } from './helpers';

const PAGE = 7;

/** The explorer in the real extension host, against a local endpoint in this process. */
describe('sessions tree in VS Code', () => {
  const endpoint = useLocalEndpoint({ seed: 5, applications: 3, sessionsPerApplication: 30 });
  const handle = useExplorerWithPageSize(PAGE);

  beforeEach(async () => {
    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
    endpoint().resetRequests();
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle().provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const item = (node: ExplorerNode) => handle().provider.getTreeItem(node) as vscode.TreeItem;
  const labelOf = (node: ExplorerNode) => {
    const label = item(node).label;
    return typeof label === 'string' ? label : label?.label ?? '';
  };
  async function firstApplication(): Promise<ExplorerNode & { kind: 'application' }> {
    const roots = await children();
    const app = roots.find((n): n is ExplorerNode & { kind: 'application' } => n.kind === 'application');
    assert.ok(app, `no application among ${roots.map((n) => n.kind).join(', ')}`);
    return app;
  }

  it('shows the applications the service lists, labelled by name or id, with state, type and release for screen readers', async () => {
    const roots = await children();
    const expected = endpoint().store.applications().filter((a) => a.state !== 'TERMINATED');
    assert.deepStrictEqual(roots.map((n) => n.kind), expected.map(() => 'application'));
    assert.deepStrictEqual(roots.map(labelOf), expected.map((a) => a.name ?? a.id));
    const a = expected[0];
    assert.strictEqual(item(roots[0]).accessibilityInformation?.label, `application ${a.name ?? a.id}, ${a.state?.toLowerCase()}, ${a.type}, ${a.releaseLabel}`);
    assert.strictEqual(item(roots[0]).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('describes applications without repeating a release every row shares, and names a state only where the icon cannot', async () => {
    const roots = (await children()).filter((n): n is ExplorerNode & { kind: 'application' } => n.kind === 'application');
    const releases = new Set(roots.map((n) => n.app.releaseLabel));
    for (const node of roots) {
      const description = String(item(node).description ?? '');
      const release = node.app.releaseLabel ?? '';
      assert.strictEqual(description.includes(release), releases.size > 1, `"${description}" and release ${release}`);
      const named = ['CREATING', 'CREATED', 'STARTING', 'STOPPING', 'STOPPED'].includes(node.app.state ?? '');
      assert.strictEqual(description.startsWith(node.app.state ?? '-'), named, `"${description}" for ${node.app.state}`);
      const icon = item(node).iconPath as vscode.ThemeIcon;
      assert.notStrictEqual(icon.id, 'debug-stop', 'no state icon looks like a checkbox');
    }
  });

  it('requests only the first page when an application is expanded, and ends with "Load more"', async () => {
    const app = await firstApplication();
    const rows = await children(app);
    assert.strictEqual(endpoint().count('ListSessions'), 1);
    assert.deepStrictEqual(rows.map((n) => n.kind), [...Array(PAGE).fill('session'), 'loadMore']);
    const more = item(rows[PAGE]);
    assert.strictEqual(more.label, 'Load more');
    assert.strictEqual(more.description, `${PAGE} sessions loaded`);
    const expected = endpoint().store.listSessions(app.applicationId, {}).slice(0, PAGE);
    const first = rows[0] as ExplorerNode & { kind: 'session' };
    assert.strictEqual(first.session.sessionId, expected[0].sessionId);
    const firstItem = item(first);
    assert.strictEqual(firstItem.contextValue, `session.${expected[0].state}`);
    // The age, and the state in words before it only where its icon spins (and so does not tell it).
    const spins = ['SUBMITTED', 'STARTING', 'TERMINATING'].includes(expected[0].state);
    const age = '(\\d+ (min|h|d|mo|y) ago|just now)';
    assert.match(String(firstItem.description), new RegExp(spins ? `^${expected[0].state} · ${age}$` : `^${age}$`));
    assert.match(String(firstItem.accessibilityInformation?.label), new RegExp(`^session .+, ${expected[0].state?.toLowerCase()}, created `));
    const icon = firstItem.iconPath as vscode.ThemeIcon;
    assert.ok(icon instanceof vscode.ThemeIcon && icon.color instanceof vscode.ThemeColor, 'a coloured theme icon');
    assert.strictEqual(firstItem.tooltip, undefined, 'the tooltip is built on hover, not for every row');
    const hovered = await handle().provider.resolveTreeItem(firstItem, first, new vscode.CancellationTokenSource().token);
    const tooltip = hovered.tooltip as vscode.MarkdownString;
    assert.strictEqual(tooltip.isTrusted, false, 'tooltips are never trusted');
    assert.ok(tooltip.value.includes(expected[0].sessionId), 'tooltip names the session id');
  });

  it('gives every row a screen-reader label that says its kind and state in words, and an idle session\'s end once GetSession has told it', async () => {
    const app = await firstApplication();
    const rows = await children(app);
    const words: Record<string, string> = { SUBMITTED: 'submitted', STARTING: 'starting', STARTED: 'started', IDLE: 'idle', BUSY: 'busy', FAILED: 'failed', TERMINATING: 'terminating', TERMINATED: 'terminated' };
    for (const row of [app, ...rows]) {
      const label = String(item(row).accessibilityInformation?.label ?? '');
      if (row.kind === 'session') {
        const state = row.session.state ?? '';
        assert.match(label, new RegExp(`^session .+, ${words[state]}, created (\\d+ (minute|hour|day|month|year)s? ago|just now)`), `${state}: "${label}"`);
        assert.ok(!label.includes(state), `"${label}" spells the state out rather than in the service's capitals`);
      } else if (row.kind === 'loadMore') {
        assert.strictEqual(label, `Load more sessions, ${PAGE} loaded`);
      } else {
        assert.match(label, new RegExp(`^application .+, ${app.app.state?.toLowerCase()}, `));
      }
    }
    // An idle session: once its details are fetched (on hover), the row says when the idle timeout ends it.
    const idleNode = rows.find((n): n is ExplorerNode & { kind: 'session' } => n.kind === 'session' && n.session.state === 'IDLE');
    assert.ok(idleNode, 'the first page holds an IDLE session');
    await handle().provider.resolveTreeItem(item(idleNode), idleNode, new vscode.CancellationTokenSource().token);
    await waitFor(() => /, ends in /.test(String(item(idleNode).accessibilityInformation?.label)), 'the label to say when the session ends');
  });

  it('appends exactly one page per "Load more", joining a double click, with no duplicates', async () => {
    const app = await firstApplication();
    let rows = await children(app);
    const more = rows[rows.length - 1];
    await Promise.all([
      vscode.commands.executeCommand('emrServerless.loadMore', more),
      vscode.commands.executeCommand('emrServerless.loadMore', more),
    ]);
    rows = await children(app);
    assert.strictEqual(endpoint().count('ListSessions'), 2, 'the second click joined the first');
    const ids = rows.flatMap((n) => (n.kind === 'session' ? [n.session.sessionId] : []));
    const expected = endpoint().store.listSessions(app.applicationId, {}).slice(0, 2 * PAGE).map((s) => s.sessionId);
    assert.deepStrictEqual(ids, expected);
    assert.strictEqual(item(rows[rows.length - 1]).description, `${2 * PAGE} sessions loaded`);
  });

  it('selects and focuses the first new session after "Load more" is pressed on its row, and selects no new row when run from elsewhere', async () => {
    await vscode.commands.executeCommand('emrServerless.sessions.focus');
    const app = await firstApplication();
    await handle().view.reveal(app, { expand: true, select: true, focus: true });
    await waitFor(() => handle().view.selection[0]?.kind === 'application', 'the application to be selected first');
    let rows = await children(app);
    let more = rows[rows.length - 1];
    const expected = endpoint().store.listSessions(app.applicationId, {}).map((s) => s.sessionId);
    // What a click or Enter on the row runs: the row's own command with its arguments.
    const command = item(more).command;
    assert.ok(command, '"Load more" has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor(() => handle().view.selection[0]?.kind === 'session', 'a session to be selected');
    const selected = handle().view.selection[0];
    assert.ok(selected?.kind === 'session', `selected ${selected?.kind}`);
    assert.strictEqual(selected.session.sessionId, expected[PAGE], 'the first session of the new page');

    // The same command from another command or the palette does not move the selection to the new rows.
    rows = await children(app);
    more = rows[rows.length - 1];
    assert.strictEqual(more.kind, 'loadMore');
    await vscode.commands.executeCommand('emrServerless.loadMore', more);
    rows = await children(app);
    assert.strictEqual(rows.filter((n) => n.kind === 'session').length, 3 * PAGE, 'the page was loaded');
    await new Promise((r) => setTimeout(r, 300));
    const newPage = new Set<string>(expected.slice(2 * PAGE, 3 * PAGE).map((id) => id ?? ''));
    assert.ok(
      !handle().view.selection.some((n) => n.kind === 'session' && newPage.has(n.session.sessionId ?? '')),
      'no session of the page just loaded is selected',
    );
  });

  it('answers with the new listing when a refresh comes while the first page is loading', async () => {
    const app = await firstApplication();
    endpoint().faults.inject({ operation: 'ListSessions', kind: 'latency', latencyMs: 300, times: 1 });
    const pending = children(app);
    await new Promise((r) => setTimeout(r, 50));
    await vscode.commands.executeCommand('emrServerless.refreshApplication', app);
    const rows = await pending;
    assert.strictEqual(rows.filter((n) => n.kind === 'session').length, PAGE, 'rows of the new listing, not an empty list');
  });

  it('shows cached rows again with no request when an application is collapsed and re-expanded', async () => {
    const app = await firstApplication();
    const first = await children(app);
    const again = await children(app);
    assert.strictEqual(endpoint().count('ListSessions'), 1);
    assert.deepStrictEqual(again.map((n) => n.id), first.map((n) => n.id));
  });

  it('turns an access-denied page into a node that names the permission, offers Retry, and recovers', async () => {
    endpoint().faults.inject({ operation: 'ListSessions', kind: 'accessDenied' });
    const app = await firstApplication();
    const rows = await children(app);
    assert.deepStrictEqual(rows.map((n) => n.kind), ['error']);
    assert.strictEqual(labelOf(rows[0]), 'Access denied: emr-serverless:ListSessions');
    assert.strictEqual(item(rows[0]).command, undefined, 'Retry is the step beneath, not a click on the row');
    const actions = (await children(rows[0])).map(labelOf);
    assert.deepStrictEqual(actions, ['Retry', 'Select Profile…', 'Show Log']);

    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.retry', rows[0]);
    await waitFor(async () => (await children(app)).some((n) => n.kind === 'session'), 'sessions after retry');
    assert.strictEqual((await children(app)).filter((n) => n.kind === 'session').length, PAGE);
  });

  it('copies a session ARN and id to the clipboard', async () => {
    const app = await firstApplication();
    const session = (await children(app))[0] as ExplorerNode & { kind: 'session' };
    await vscode.commands.executeCommand('emrServerless.copySessionArn', session);
    assert.strictEqual(await vscode.env.clipboard.readText(), session.session.arn);
    assert.match(session.session.arn ?? '', /^arn:aws:emr-serverless:[a-z0-9-]+:\d{12}:\/applications\/[0-9a-z]+\/sessions\/[0-9a-z]+$/);
    await vscode.commands.executeCommand('emrServerless.copySessionId', session);
    assert.strictEqual(await vscode.env.clipboard.readText(), session.session.sessionId);
  });

  it('opens the full GetSession result as read-only JSON with ISO 8601 times', async () => {
    const app = await firstApplication();
    const session = (await children(app))[0] as ExplorerNode & { kind: 'session' };
    await vscode.commands.executeCommand('emrServerless.showSessionDetails', session);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'emr-serverless-session', 'the details editor');
    const doc = vscode.window.activeTextEditor?.document;
    assert.strictEqual(doc?.languageId, 'json');
    const json = JSON.parse(doc?.getText() ?? '{}') as Record<string, unknown>;
    assert.strictEqual(json.sessionId, session.session.sessionId);
    assert.match(String(json.createdAt), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.strictEqual(endpoint().count('GetSession'), 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('names the details tab after the session (or its id when it has no name) and its application', async () => {
    const app = await firstApplication();
    assert.ok(app.app.name, 'the first application has a name');
    const sessions = (await children(app)).filter((n): n is ExplorerNode & { kind: 'session' } => n.kind === 'session');
    const named = sessions.find((n) => n.session.name);
    const unnamed = sessions.find((n) => !n.session.name);
    assert.ok(named && unnamed, 'the first page holds a named and an unnamed session');
    for (const [node, title] of [
      [named, `${named.session.name} · ${app.app.name}.json`],
      [unnamed, `${unnamed.session.sessionId} · ${app.app.name}.json`],
    ] as const) {
      await vscode.commands.executeCommand('emrServerless.showSessionDetails', node);
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label === title, `a tab titled ${title}`);
      const json = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as Record<string, unknown>;
      assert.strictEqual(json.sessionId, node.session.sessionId, 'the tab shows that session');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('copies an application ID and ARN from its context menu', async () => {
    const app = await firstApplication();
    await vscode.commands.executeCommand('emrServerless.copyApplicationId', app);
    assert.strictEqual(await vscode.env.clipboard.readText(), app.applicationId);
    await vscode.commands.executeCommand('emrServerless.copyApplicationArn', app);
    assert.strictEqual(await vscode.env.clipboard.readText(), app.app.arn);
    assert.match(app.app.arn ?? '', /^arn:aws:emr-serverless:[a-z0-9-]+:\d{12}:\/applications\/[0-9a-z]+$/);
  });

  it('brings an expanded application back expanded, with its sessions, once a connection error clears', async () => {
    const app = await firstApplication();
    // What the view does when the tree reports the expansion (the UI story expands it by a click).
    handle().model.setExpanded(app.applicationId, true);
    await children(app);
    endpoint().faults.inject({ operation: 'ListApplications', kind: 'dropConnection' });
    await vscode.commands.executeCommand('emrServerless.refresh');
    const failed = await children();
    assert.deepStrictEqual(failed.map((n) => n.kind), ['error'], 'the error row stands in for the applications');
    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.retry', failed[0]);
    await waitFor(async () => (await children()).some((n) => n.kind === 'application'), 'the applications after Retry');
    const back = await firstApplication();
    assert.strictEqual(item(back).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.strictEqual((await children(back)).filter((n) => n.kind === 'session').length, PAGE);
    handle().model.setExpanded(app.applicationId, false);
    assert.strictEqual(item(back).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a collapsed one stays collapsed');
  });

  it('applies a new page size at once, without a reload', async () => {
    const app = await firstApplication();
    await children(app);
    const restore = await setSetting('pageSize', 4);
    try {
      await waitFor(() => handle().model.settings.pageSize === 4, 'the new page size');
      const rows = await children(await firstApplication());
      assert.strictEqual(rows.filter((n) => n.kind === 'session').length, 4);
    } finally {
      await restore();
    }
  });

  it('refresh reloads everything and keeps which applications are expanded', async () => {
    const app = await firstApplication();
    handle().model.setExpanded(app.applicationId, true);
    await children(app);
    await vscode.commands.executeCommand('emrServerless.refresh');
    assert.ok(handle().model.expanded.has(app.applicationId));
    const sameApp = await firstApplication();
    assert.strictEqual(sameApp, app, 'the same node object stands for the application, so the tree keeps it open');
    await children(sameApp);
    assert.strictEqual(endpoint().count('ListSessions'), 2);
  });
});
