import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { escapeMarkdown } from '../../src/model/format';
import { ERROR_FAULT_KINDS, type FaultKind } from '../localEmr/faults';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

const PAGE = 5;

/**
 * What the tree must show for each fault, after the SDK's own retries: the row's label, and
 * whether the endpoint is named beside it (in the description) rather than in the label, so
 * that the label reads whole at the default side-bar width.
 */
const FAULT_ROWS: Array<{ kind: FaultKind; label: (op: string) => string; endpointBeside: boolean; actions: string[] }> = [
  { kind: 'throttle', label: () => 'Throttled', endpointBeside: true, actions: ['Retry', 'Show Log'] },
  { kind: 'http500', label: () => 'Service error', endpointBeside: true, actions: ['Retry', 'Show Log'] },
  { kind: 'http503', label: () => 'Service error', endpointBeside: true, actions: ['Retry', 'Show Log'] },
  { kind: 'accessDenied', label: (o) => `Access denied: emr-serverless:${o}`, endpointBeside: false, actions: ['Retry', 'Select Profile…', 'Show Log'] },
  {
    kind: 'expiredToken',
    label: () => 'AWS credentials expired',
    endpointBeside: false,
    // The profile holds temporary keys in its credentials file, and no SSO settings.
    actions: ['Open AWS Credentials File', 'Retry', 'Select Profile…', 'Show Log'],
  },
  // An opt-in Region the account has not enabled does not know the keys.
  { kind: 'regionNotEnabled', label: () => 'AWS rejected the credentials', endpointBeside: false, actions: ['Open AWS Credentials File', 'Retry', 'Select Profile…', 'Show Log'] },
  { kind: 'malformedJson', label: () => 'Unreadable answer', endpointBeside: true, actions: ['Retry', 'Open Settings', 'Show Log'] },
  { kind: 'dropConnection', label: () => 'Cannot reach the endpoint', endpointBeside: true, actions: ['Retry', 'Open Settings', 'Show Log'] },
  { kind: 'hang', label: () => 'No answer', endpointBeside: true, actions: ['Retry', 'Open Settings', 'Show Log'] },
];

/** The fault matrix as a user meets it in the tree of the real VS Code. */
describe('fault rows in VS Code', function () {
  this.timeout(30_000);
  const endpoint = useLocalEndpoint({ seed: 9, applications: 2, sessionsPerApplication: 20 });
  let handle: ExplorerHandle;
  const restore: Array<() => Promise<void>> = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    restore.push(await setSetting('pageSize', PAGE), await setSetting('requestTimeoutSeconds', 1));
    await waitFor(() => handle.model.settings.pageSize === PAGE, 'the page size setting');
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    for (const undo of restore.reverse()) {
      await undo();
    }
  });
  beforeEach(async () => {
    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.refresh');
  });
  afterEach(() => {
    assert.deepStrictEqual(unhandled.map(String), [], 'nothing is left unhandled in the extension host');
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const label = (node: ExplorerNode) => {
    const l = handle.provider.getTreeItem(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  const sessionIds = (rows: ExplorerNode[]) => rows.flatMap((n) => (n.kind === 'session' ? [n.session.sessionId] : []));
  const serverIds = (appId: string) => endpoint().store.listSessions(appId, {}).map((s) => s.sessionId);

  async function expectErrorRow(row: ExplorerNode | undefined, op: string, f: (typeof FAULT_ROWS)[number]): Promise<ExplorerNode> {
    assert.ok(row && row.kind === 'error', `expected an error row, got ${row?.kind}`);
    assert.strictEqual(label(row), f.label(op));
    const item = handle.provider.getTreeItem(row);
    if (f.endpointBeside) {
      assert.ok(String(item.description).endsWith(handle.model.endpointLabel), `the endpoint beside the label: ${String(item.description)}`);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
      assert.ok(tooltip.includes(escapeMarkdown(handle.model.endpointLabel)), `the tooltip names the endpoint: ${tooltip}`);
    }
    // Retry is offered once: as the step beneath, not also by clicking the row.
    assert.strictEqual(handle.provider.getTreeItem(row).command, undefined);
    assert.deepStrictEqual((await children(row)).map(label), f.actions);
    return row;
  }

  it('has a row for every fault kind of the local endpoint that ends in an error', () => {
    const covered = new Set(FAULT_ROWS.map((f) => f.kind));
    assert.deepStrictEqual(
      ERROR_FAULT_KINDS.filter((kind) => !covered.has(kind)),
      [],
      'fault kinds with no row in this suite',
    );
  });

  for (const f of FAULT_ROWS) {
    it(`${f.kind} on ListApplications: a row that says so, and Retry recovers`, async () => {
      endpoint().faults.inject({ operation: 'ListApplications', kind: f.kind });
      await vscode.commands.executeCommand('emrServerless.refresh');
      const rows = await children();
      assert.strictEqual(rows.length, 1);
      const errorRow = await expectErrorRow(rows[0], 'ListApplications', f);
      endpoint().faults.clear();
      await vscode.commands.executeCommand('emrServerless.retry', errorRow);
      const apps = await children();
      assert.deepStrictEqual(apps.map((n) => n.kind), ['application', 'application']);
    });

    it(`${f.kind} on the first page of ListSessions: a row under the application, and Retry recovers`, async () => {
      const app = (await children())[0];
      assert.ok(app.kind === 'application');
      endpoint().faults.inject({ operation: 'ListSessions', kind: f.kind, page: 'first' });
      const rows = await children(app);
      const errorRow = await expectErrorRow(rows[0], 'ListSessions', f);
      endpoint().faults.clear();
      await vscode.commands.executeCommand('emrServerless.retry', errorRow);
      assert.deepStrictEqual(sessionIds(await children(app)), serverIds(app.applicationId).slice(0, PAGE));
    });

    it(`${f.kind} on a later page of ListSessions: loaded rows stay, and Retry appends the page once`, async () => {
      const app = (await children())[0];
      assert.ok(app.kind === 'application');
      const first = await children(app);
      endpoint().faults.inject({ operation: 'ListSessions', kind: f.kind, page: 'later' });
      await vscode.commands.executeCommand('emrServerless.loadMore', first[first.length - 1]);
      const rows = await children(app);
      assert.deepStrictEqual(sessionIds(rows), serverIds(app.applicationId).slice(0, PAGE), 'loaded rows stay');
      const errorRow = await expectErrorRow(rows[rows.length - 1], 'ListSessions', f);
      assert.match(String(handle.provider.getTreeItem(errorRow).description), /loading more failed/);
      endpoint().faults.clear();
      await vscode.commands.executeCommand('emrServerless.retry', errorRow);
      await handle.model.sessions(app.applicationId).whenIdle();
      assert.deepStrictEqual(sessionIds(await children(app)), serverIds(app.applicationId).slice(0, 2 * PAGE));
    });
  }

  it('expired keys offer to open the credentials file that holds them, and the step opens it in an editor', async () => {
    endpoint().faults.inject({ operation: 'ListApplications', kind: 'expiredToken' });
    await vscode.commands.executeCommand('emrServerless.refresh');
    const errorRow = (await children())[0];
    const open = (await children(errorRow)).find((n) => label(n) === 'Open AWS Credentials File');
    assert.ok(open, 'an open-file step');
    await vscode.commands.executeCommand(String(handle.provider.getTreeItem(open).command?.command), open);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === process.env.AWS_SHARED_CREDENTIALS_FILE, 'the credentials file in an editor');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a lasting failure is not asked for again each time the tree redraws; only Retry asks again', async () => {
    const app = (await children())[0];
    endpoint().faults.inject({ operation: 'ListSessions', kind: 'accessDenied' });
    endpoint().resetRequests();
    for (let i = 0; i < 3; i++) {
      const rows = await children(app);
      assert.strictEqual(rows[0]?.kind, 'error');
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.strictEqual(endpoint().count('ListSessions'), 1, 'one request, not one per redraw');
    const errorRow = (await children(app))[0];
    await vscode.commands.executeCommand('emrServerless.retry', errorRow);
    await children(app);
    assert.strictEqual(endpoint().count('ListSessions'), 2, 'Retry asks again');
  });

  it('a failed GetSession opens no editor and leaves nothing unhandled', async () => {
    const app = (await children())[0];
    const session = (await children(app))[0];
    endpoint().faults.inject({ operation: 'GetSession', kind: 'accessDenied' });
    const editorsBefore = vscode.window.visibleTextEditors.length;
    void vscode.commands.executeCommand('emrServerless.showSessionDetails', session);
    await waitFor(() => endpoint().count('GetSession') === 1, 'the GetSession request');
    await new Promise((r) => setTimeout(r, 300));
    assert.strictEqual(vscode.window.visibleTextEditors.length, editorsBefore);
  });

  it('a failed GetSession says why in a notification with Retry and Show Log, without waiting for it, and Retry asks again', async () => {
    const app = (await children())[0];
    const session = (await children(app))[0];
    endpoint().faults.inject({ operation: 'GetSession', kind: 'accessDenied', times: 1 });
    endpoint().resetRequests();
    const shown: Array<{ message: string; items: unknown[] }> = [];
    let choose: (choice: string | undefined) => void = () => undefined;
    const window = vscode.window as { showErrorMessage: (message: string, ...items: unknown[]) => Thenable<unknown> };
    const original = window.showErrorMessage;
    window.showErrorMessage = (message, ...items) => {
      shown.push({ message, items });
      return new Promise((resolve) => (choose = resolve));
    };
    try {
      // Resolves although nobody has answered the notification yet.
      await vscode.commands.executeCommand('emrServerless.showSessionDetails', session);
      assert.strictEqual(shown.length, 1);
      assert.match(shown[0].message, /^Access denied: emr-serverless:GetSession\. /);
      assert.deepStrictEqual(shown[0].items, ['Retry', 'Show Log']);
      choose('Retry');
      await waitFor(() => endpoint().count('GetSession') === 2, 'the second GetSession request');
      await waitFor(
        () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'emr-serverless-session'),
        'the session details after Retry',
      );
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      window.showErrorMessage = original;
    }
  });
});
