import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { startSession, terminateSession } from '../localEmr/sessionCommands';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

type AppNode = ExplorerNode & { kind: 'application' };
type SessionRow = ExplorerNode & { kind: 'session' };

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessSessionRole';

/** Sessions that change state by themselves, in the real extension host. */
describe('live sessions in VS Code', function () {
  this.timeout(90_000);
  const endpoint = useLocalEndpoint({ seed: 5, applications: 2, sessionsPerApplication: 6 });
  let handle: ExplorerHandle;
  const restore: (() => Promise<void>)[] = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    restore.push(await setSetting('pollIntervalSeconds', 1));
    await vscode.commands.executeCommand('workbench.view.extension.emrServerless');
    await waitFor(() => handle.view.visible, 'the Sessions view to be visible');
  });
  after(async () => {
    for (const r of restore.reverse()) {
      await r();
    }
  });
  beforeEach(async () => {
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');

  /** An application that can take a session, shown expanded. */
  async function sessionReadyApplication(): Promise<AppNode> {
    const roots = await children();
    const store = endpoint().store;
    const app = roots.find(
      (n): n is AppNode =>
        n.kind === 'application' && n.app.state === 'STARTED' && store.getApplication(n.applicationId)?.interactiveConfiguration?.sessionEnabled === true,
    );
    assert.ok(app, 'the sample has a STARTED application that takes sessions');
    await handle.view.reveal(app, { expand: true, focus: false, select: false });
    return app;
  }

  it('carries a starting session to IDLE without Refresh, in the same row and place, with no new listing', async () => {
    const app = await sessionReadyApplication();
    const started = startSession(endpoint().store, app.applicationId, { clientToken: 'live-row-1', executionRoleArn: ROLE, name: 'live-row' }, 'arn:aws:iam::123456789012:user/tester');
    await vscode.commands.executeCommand('emrServerless.refreshApplication', app);
    const rows = await children(app);
    const index = rows.findIndex((n) => n.kind === 'session' && n.session.sessionId === started.sessionId);
    assert.ok(index >= 0, 'the new session is listed');
    const row = rows[index] as SessionRow;
    assert.match(row.session.state ?? '', /^(SUBMITTED|STARTING)$/);
    const listed = endpoint().count('ListSessions');

    await waitFor(() => handle.model.findSession(app.applicationId, started.sessionId)?.state === 'IDLE', 'the row to turn IDLE', 40_000);

    const after = await children(app);
    const same = after[index] as SessionRow;
    assert.strictEqual(same.id, row.id, 'the row keeps its id and place');
    assert.strictEqual(same.session.state, 'IDLE');
    assert.strictEqual(endpoint().count('ListSessions'), listed, 'no listing was asked for again');
    assert.ok(endpoint().count('GetSession') > 0, 'the row was followed with GetSession');
  });

  it('starts a session through the real quick picks, shows it first at once, and follows it to IDLE', async () => {
    const app = await sessionReadyApplication();
    // A recent session with this role makes it the role step's first item.
    startSession(endpoint().store, app.applicationId, { clientToken: 'recent-role-1', executionRoleArn: ROLE }, 'arn:aws:iam::123456789012:user/tester');
    await vscode.commands.executeCommand('emrServerless.refreshApplication', app);
    await children(app);
    const before = new Set(endpoint().store.sessions(app.applicationId).map((s) => s.sessionId));

    const run = vscode.commands.executeCommand('emrServerless.startSession', app);
    // Role (the recent one, first), name, idle timeout, Spark properties, tags: each answered
    // with Enter on what the step offers.
    for (let step = 0; step < 5; step++) {
      await new Promise((r) => setTimeout(r, 700));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await run;

    const created = endpoint().store.sessions(app.applicationId).filter((s) => !before.has(s.sessionId));
    assert.strictEqual(created.length, 1, 'exactly one session was started');
    assert.strictEqual(created[0].executionRoleArn, ROLE);
    assert.strictEqual(created[0].idleTimeoutMinutes, 60, 'the default idle timeout');
    const rows = await children(app);
    const first = rows[0] as SessionRow;
    assert.strictEqual(first.kind, 'session');
    assert.strictEqual(first.session.sessionId, created[0].sessionId, 'the new session is the first row');
    await waitFor(() => handle.model.findSession(app.applicationId, created[0].sessionId)?.state === 'IDLE', 'the new session to turn IDLE', 40_000);
  });

  it('Terminate on a selection holding undefined, a duplicate and a row that has ended since terminates only the live session, with no error', async () => {
    const app = await sessionReadyApplication();
    const store = endpoint().store;
    const live = startSession(store, app.applicationId, { clientToken: 'select-live-1', executionRoleArn: ROLE, name: 'select-live' }, 'arn:aws:iam::123456789012:user/tester');
    const gone = startSession(store, app.applicationId, { clientToken: 'select-gone-1', executionRoleArn: ROLE, name: 'select-gone' }, 'arn:aws:iam::123456789012:user/tester');
    await vscode.commands.executeCommand('emrServerless.refreshApplication', app);
    const rows = await children(app);
    const liveRow = rows.find((n): n is SessionRow => n.kind === 'session' && n.session.sessionId === live.sessionId);
    const goneRow = rows.find((n): n is SessionRow => n.kind === 'session' && n.session.sessionId === gone.sessionId);
    assert.ok(liveRow && goneRow, 'both new sessions are listed');
    // The second session ends, and its row is replaced; the selection still holds the old row.
    terminateSession(store, app.applicationId, gone.sessionId);
    await vscode.commands.executeCommand('emrServerless.refreshApplication', app);
    await children(app);
    await waitFor(() => /^TERMINAT/.test(handle.model.findSession(app.applicationId, gone.sessionId)?.state ?? ''), 'the ended session to show as ended');

    const window = vscode.window as { showWarningMessage: unknown; showErrorMessage: unknown };
    const original = { warning: window.showWarningMessage, error: window.showErrorMessage };
    const asked: string[] = [];
    const errors: string[] = [];
    window.showWarningMessage = (message: string, options: { detail?: string }) => {
      asked.push(`${message} ${options?.detail ?? ''}`);
      return Promise.resolve('Terminate');
    };
    window.showErrorMessage = (message: string) => {
      errors.push(message);
      return Promise.resolve(undefined);
    };
    const terminatedBefore = endpoint().count('TerminateSession');
    try {
      await vscode.commands.executeCommand('emrServerless.terminateSession', liveRow, [undefined, liveRow, goneRow, null, liveRow]);
    } finally {
      window.showWarningMessage = original.warning;
      window.showErrorMessage = original.error;
    }
    assert.deepStrictEqual(errors, [], 'no error was shown');
    assert.strictEqual(asked.length, 1, 'one confirmation');
    assert.match(asked[0], /^Terminate session select-live\? .*1 selected session has already ended/);
    assert.strictEqual(endpoint().count('TerminateSession') - terminatedBefore, 1, 'one TerminateSession, for the live session only');
    assert.match(store.getSession(app.applicationId, live.sessionId)?.state ?? '', /^(TERMINATING|TERMINATED)$/);
  });

  it("an idle session row's screen-reader label says the same end as its tooltip once hovering has fetched the idle timeout", async () => {
    const app = await sessionReadyApplication();
    const added = startSession(endpoint().store, app.applicationId, { clientToken: 'idle-a11y-1', executionRoleArn: ROLE, name: 'idle-a11y', idleTimeoutMinutes: 30 }, 'arn:aws:iam::123456789012:user/tester');
    await waitFor(() => endpoint().store.getSession(app.applicationId, added.sessionId)?.state === 'IDLE', 'the new session to turn IDLE', 40_000);
    await vscode.commands.executeCommand('emrServerless.refreshApplication', app);
    const row = (await children(app)).find((n): n is SessionRow => n.kind === 'session' && n.session.sessionId === added.sessionId);
    assert.ok(row, 'the idle session is listed');
    const spoken = () => handle.provider.getTreeItem(row).accessibilityInformation?.label ?? '';
    // The listing says nothing of the idle timeout: the label claims no exact end yet.
    assert.match(spoken(), /^session idle-a11y, idle, .*, ends within 2[0-3] hours$/);

    const redrawn: ExplorerNode[] = [];
    const listening = handle.provider.onDidChangeTreeData((node) => node && !Array.isArray(node) && redrawn.push(node));
    try {
      const hovered = await handle.provider.resolveTreeItem(handle.provider.getTreeItem(row), row, new vscode.CancellationTokenSource().token);
      const tooltip = hovered.tooltip instanceof vscode.MarkdownString ? hovered.tooltip.value : String(hovered.tooltip);
      const inTooltip = Number(/the idle timeout \(30 min\) ends it in (\d+) min/.exec(tooltip)?.[1]);
      assert.ok(inTooltip >= 29 && inTooltip <= 30, `the tooltip: ${tooltip}`);
      await waitFor(() => redrawn.some((n) => n.kind === 'session' && n.session.sessionId === added.sessionId), 'the row to be drawn again');
      const inLabel = Number(/, ends in (\d+) minutes$/.exec(spoken())?.[1]);
      // The two are worked out a moment apart, which may straddle a minute.
      assert.ok(inLabel === inTooltip || inLabel === inTooltip - 1, `label "${spoken()}" against tooltip "${inTooltip} min"`);
    } finally {
      listening.dispose();
    }
  });

  it('Start Session… from the menu of an application with interactive sessions off says why at once, and starts nothing', async () => {
    const app = await sessionReadyApplication();
    const stored = endpoint().store.storedApplication(app.applicationId)!;
    const before = endpoint().store.sessions(app.applicationId).length;
    stored.interactiveConfiguration = { ...stored.interactiveConfiguration, sessionEnabled: false };
    try {
      const refusal = await vscode.commands.executeCommand<string | undefined>('emrServerless.startSession', app);
      assert.match(refusal ?? '', /^No session can start in .+: interactive sessions are not enabled on this application\.$/);
      assert.strictEqual(endpoint().store.sessions(app.applicationId).length, before, 'no StartSession was sent');
    } finally {
      stored.interactiveConfiguration = { ...stored.interactiveConfiguration, sessionEnabled: true };
    }
  });

  it("Start Session… in the view title's menu asks for the application while an application's row has focus", async () => {
    const app = await sessionReadyApplication();
    const stored = endpoint().store.storedApplication(app.applicationId)!;
    // Run on this row, Start Session… would refuse at once: this application takes no session.
    stored.interactiveConfiguration = { ...stored.interactiveConfiguration, sessionEnabled: false };
    try {
      let done = false;
      // VS Code runs a view title entry with the focused row and the selection as arguments.
      const run = Promise.resolve(
        vscode.commands.executeCommand<string | undefined>('emrServerless.startSessionFromViewTitle', app, [app]),
      ).finally(() => (done = true));
      // The wizard's first step, the application pick, waits for an answer; Escape closes it.
      await new Promise((r) => setTimeout(r, 1500));
      assert.strictEqual(done, false, 'the command waits for the application to be chosen');
      for (let i = 0; i < 20 && !done; i++) {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.strictEqual(await run, undefined, 'no refusal naming the focused application');
    } finally {
      stored.interactiveConfiguration = { ...stored.interactiveConfiguration, sessionEnabled: true };
    }
  });

  it('offers Start Session on applications and the view title, and Terminate only on sessions that can end', () => {
    const menus = (vscode.extensions.getExtension('emr-serverless-sessions.emr-serverless-sessions')?.packageJSON as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    }).contributes.menus;
    const terminate = menus['view/item/context'].filter((m) => m.command === 'emrServerless.terminateSession');
    assert.ok(terminate.length >= 2, 'inline and in the context menu');
    for (const m of terminate) {
      const pattern = /viewItem =~ \/(.*)\/$/.exec(m.when ?? '')?.[1] ?? '';
      const re = new RegExp(pattern);
      assert.ok(['session.IDLE', 'session.BUSY', 'session.STARTING'].every((v) => re.test(v)));
      assert.ok(['session.TERMINATED', 'session.FAILED', 'session.TERMINATING', 'application.STARTED'].every((v) => !re.test(v)));
    }
    assert.ok(menus['view/title'].some((m) => m.command === 'emrServerless.startSessionFromViewTitle'));
    assert.ok(menus['view/item/context'].some((m) => m.command === 'emrServerless.startSession' && /application/.test(m.when ?? '')));
  });
});
