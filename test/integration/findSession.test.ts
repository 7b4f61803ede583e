import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

const PAGE = 3;
const MAX_ITEMS = 8;

type ApplicationRow = ExplorerNode & { kind: 'application' };

/** Time for a quick pick or input box to open, or to redraw its rows, in the window. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 800));
const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

/** Find Session… and Go to Session… in the real extension host, against the local endpoint. */
describe('finding a session in VS Code', function () {
  this.timeout(40_000);
  const endpoint = useLocalEndpoint({ seed: 41, applications: 2, sessionsPerApplication: 12 });
  let handle: ExplorerHandle;
  const restore: Array<() => Promise<void>> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    restore.push(await setSetting('pageSize', PAGE), await setSetting('maxItems', MAX_ITEMS));
    await waitFor(() => handle.model.settings.pageSize === PAGE, 'the page size setting');
    await vscode.commands.executeCommand('emrServerless.sessions.focus');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const undo of restore.reverse()) {
      await undo();
    }
  });
  beforeEach(async () => {
    endpoint().faults.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  async function applications(): Promise<ApplicationRow[]> {
    const apps = (await children()).filter((n): n is ApplicationRow => n.kind === 'application');
    assert.strictEqual(apps.length, 2, 'two application rows');
    return apps;
  }
  const stored = (app: ApplicationRow) => endpoint().store.listSessions(app.applicationId, {});
  const listed = (app: ApplicationRow) => stored(app).map((s) => s.sessionId ?? '');
  const sessionIds = (rows: ExplorerNode[]) => rows.flatMap((n) => (n.kind === 'session' ? [n.session.sessionId ?? ''] : []));
  const selectedSession = () => {
    const node = handle.view.selection[0];
    return node?.kind === 'session' ? node.session.sessionId : undefined;
  };
  const waitForSelection = (sessionId: string) => waitFor(() => selectedSession() === sessionId, `session ${sessionId} to be selected in the tree`);
  const openDetails = () => vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'emr-serverless-session');
  /** Whether a command started without await is still waiting for the user after a while. */
  const stillOpen = async (run: Thenable<unknown>) =>
    (await Promise.race([Promise.resolve(run).then(() => false), new Promise((r) => setTimeout(() => r(true), 800))])) === true;

  it('Find Session… matches every word typed against each loaded session of every application, and choosing one selects its row', async () => {
    const [first, second] = await applications();
    await children(first);
    await children(second);
    const target = stored(second)[1];
    assert.ok(target?.sessionId && target.state);
    // A state word and the id: both must match, in any field.
    const run = vscode.commands.executeCommand('emrServerless.findSession', `${target.state.toLowerCase()} ${target.sessionId}`);
    await settle();
    await accept();
    await run;
    await waitForSelection(target.sessionId);
    assert.ok(handle.model.expanded.has(second.applicationId), 'the application is expanded to show the row');
  });

  it('Find Session… offers "Search all pages…" when nothing loaded matches; it adds every application\'s sessions to the tree up to emrServerless.maxItems, once each, and the session found can be chosen', async () => {
    const [first, second] = await applications();
    await children(first);
    const target = listed(second)[6] ?? '';
    const run = vscode.commands.executeCommand('emrServerless.findSession', target);
    await settle();
    // No loaded session matches: the only row is "Search all pages…".
    await accept();
    await waitFor(
      () => handle.model.loadedCount(first.applicationId) === MAX_ITEMS && handle.model.loadedCount(second.applicationId) === MAX_ITEMS,
      'every application loaded up to emrServerless.maxItems',
    );
    await settle();
    assert.ok(await stillOpen(run), 'the quick pick stays open while it searches');
    await accept();
    await run;
    await waitForSelection(target);
    for (const app of [first, second]) {
      const rows = await children(app);
      assert.deepStrictEqual(sessionIds(rows), listed(app).slice(0, MAX_ITEMS), `rows of ${app.applicationId}: a prefix, no duplicates`);
      assert.strictEqual(rows.at(-1)?.kind, 'loadMore', '"Load more" goes on past the cap');
    }
  });

  it('Find Session… with a query no session matches and every page searched chooses nothing', async () => {
    const [first] = await applications();
    const before = selectedSession();
    await children(first);
    const run = vscode.commands.executeCommand('emrServerless.findSession', 'zz-no-session-is-called-this');
    await settle();
    await accept();
    await waitFor(() => handle.model.loadedCount(first.applicationId) === MAX_ITEMS, 'the search to load the applications');
    await settle();
    await accept();
    assert.ok(await stillOpen(run), 'nothing to choose: the quick pick stays open');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await run;
    assert.strictEqual(selectedSession(), before);
  });

  it('Find Session… under "Created by Me" does not offer a loaded session the filter hides, and offers the caller\'s own', async () => {
    const apps = await applications();
    for (const app of apps) {
      await children(app);
      // Loaded up to emrServerless.maxItems, so "Search all pages…" has nothing left to offer.
      await vscode.commands.executeCommand('emrServerless.loadAll', app);
    }
    await waitFor(() => apps.every((a) => handle.model.loadedCount(a.applicationId) === MAX_ITEMS), 'every application loaded up to emrServerless.maxItems');
    assert.ok(await vscode.commands.executeCommand('emrServerless.filterCreatedByMe'), '"Created by Me" is on');
    const loaded = handle.model.loadedSessions();
    const hidden = loaded.find((s) => !handle.model.isShown(s));
    const mine = loaded.find((s) => handle.model.isShown(s));
    assert.ok(hidden?.sessionId && hidden.applicationId && mine?.sessionId, 'the loaded sessions hold one of the caller\'s and one of another creator\'s');
    handle.model.setExpanded(hidden.applicationId, false);
    const before = selectedSession();

    const run = vscode.commands.executeCommand('emrServerless.findSession', hidden.sessionId);
    await settle();
    await accept();
    // Choosing it would have expanded its application to look for its row, and selected nothing.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await run;
    assert.strictEqual(selectedSession(), before, 'no row is selected');
    assert.ok(!handle.model.expanded.has(hidden.applicationId), 'nothing was chosen: its application was not expanded to look for it');

    const own = vscode.commands.executeCommand('emrServerless.findSession', mine.sessionId);
    await settle();
    await accept();
    await own;
    await waitForSelection(mine.sessionId);
  });

  it('Go to Session… with the ID of a loaded session selects its row', async () => {
    const [first] = await applications();
    await children(first);
    const target = listed(first)[2] ?? '';
    const run = vscode.commands.executeCommand('emrServerless.goToSession', target);
    await settle();
    await accept();
    await run;
    await waitForSelection(target);
    assert.deepStrictEqual(openDetails(), []);
  });

  it('Go to Session… with a session ARN loads its application\'s pages up to the session and selects its row', async () => {
    const [, second] = await applications();
    const target = stored(second)[7];
    assert.ok(target?.arn && target.sessionId);
    const run = vscode.commands.executeCommand('emrServerless.goToSession', target.arn);
    await settle();
    await accept();
    await run;
    await waitForSelection(target.sessionId);
    const loaded = sessionIds(await children(second));
    assert.deepStrictEqual(loaded, listed(second).slice(0, loaded.length), 'a prefix of the listing');
    assert.ok(loaded.length <= MAX_ITEMS && loaded.includes(target.sessionId));
  });

  it('Go to Session… with the ID of a session not loaded asks for its application, then selects its row', async () => {
    const [first] = await applications();
    const target = listed(first)[4] ?? '';
    const run = vscode.commands.executeCommand('emrServerless.goToSession', target);
    await settle();
    await accept();
    // The application quick pick lists the first application first.
    await settle();
    await accept();
    await run;
    await waitForSelection(target);
  });

  it('Go to Session… with a session ARN of another Region opens the session\'s details, since the tree lists another Region', async () => {
    const [first] = await applications();
    const target = stored(first)[0];
    assert.ok(target?.arn && target.sessionId);
    const arn = target.arn.replace(':us-east-1:', ':eu-west-1:');
    assert.notStrictEqual(arn, target.arn);
    const run = vscode.commands.executeCommand('emrServerless.goToSession', arn);
    await settle();
    await accept();
    await run;
    await waitFor(() => openDetails().length === 1, 'the session details to open');
    const text = openDetails()[0]?.document.getText() ?? '';
    assert.strictEqual((JSON.parse(text) as { sessionId?: string }).sessionId, target.sessionId);
  });

  it('Go to Session… with a session that does not exist opens nothing and selects nothing', async () => {
    const [first] = await applications();
    const before = selectedSession();
    const arn = `${stored(first)[0]?.arn?.replace(/\/sessions\/.*$/, '')}/sessions/00nosuchsession0`;
    const run = vscode.commands.executeCommand('emrServerless.goToSession', arn);
    await settle();
    await accept();
    await run;
    assert.ok(endpoint().requests.some((r) => r.operation === 'GetSession' && r.errorType === 'ResourceNotFoundException'), 'GetSession answered ResourceNotFound');
    assert.deepStrictEqual(openDetails(), []);
    assert.strictEqual(selectedSession(), before);
  });

  it('Go to Session… keeps bad input in its box, sends nothing, and ends when the box is closed', async () => {
    const before = selectedSession();
    const requests = endpoint().count('GetSession');
    const run = vscode.commands.executeCommand('emrServerless.goToSession', 'not a session id!');
    await settle();
    await accept();
    assert.ok(await stillOpen(run), 'Enter on bad input leaves the box open with its message');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await run;
    assert.strictEqual(endpoint().count('GetSession'), requests);
    assert.strictEqual(selectedSession(), before);
    assert.deepStrictEqual(openDetails(), []);
  });
});
