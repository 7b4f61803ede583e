import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { activateExtension, useLocalEndpoint } from './helpers';

/** Text a session's creator controls: its name and, through the service, its state details. */
const HOSTILE = [
  '[run me](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)><b>bold</b>',
  '**emphasis** _under_ `code` # heading > quote',
  '&lt;entity&gt; &amp;',
  'line one\nline two\r\nline three',
  'x'.repeat(10_000),
  '\u202Eevil.exe\u202C مرحبا بالعالم',
  'e\u0301\u0301\u0301 z\u0336a\u0336l\u0336g\u0336o\u0336',
  '$(alert) theme icon syntax',
];

describe('hostile session text in VS Code', () => {
  const endpoint = useLocalEndpoint({ seed: 13, applications: 1, sessionsPerApplication: 0 });
  let handle: ExplorerHandle;
  let rows: ExplorerNode[] = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    const appId = endpoint().store.listApplications()[0].id;
    for (const text of HOSTILE) {
      endpoint().store.addSession(appId, { name: text, stateDetails: text });
    }
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
    const app = (await handle.provider.getChildren())?.find((n) => n.kind !== 'runningNow');
    assert.ok(app?.kind === 'application');
    rows = ((await handle.provider.getChildren(app)) ?? []).filter((n) => n.kind === 'session');
    assert.strictEqual(rows.length, HOSTILE.length);
  });

  it('shows names as one plain line, cut when very long, with their characters kept', () => {
    for (const row of rows) {
      const item = handle.provider.getTreeItem(row) as vscode.TreeItem;
      const label = String(item.label);
      assert.ok(!/[\r\n]/.test(label), `label ${JSON.stringify(label.slice(0, 40))} is one line`);
      assert.ok(label.length <= 120, 'long labels are cut');
    }
    const labels = rows.map((r) => String((handle.provider.getTreeItem(r) as vscode.TreeItem).label));
    assert.ok(labels.includes('\u202Eevil.exe\u202C مرحبا بالعالم'), 'right-to-left text is shown as it is');
    assert.ok(labels.includes('[run me](command:workbench.action.terminal.new)'), 'a label is plain text, never a link');
  });

  it('builds tooltips that are untrusted, without HTML or theme icons, where no link or command can form', async () => {
    for (const row of rows) {
      const item = handle.provider.getTreeItem(row) as vscode.TreeItem;
      const tooltip = (await handle.provider.resolveTreeItem(item, row, new vscode.CancellationTokenSource().token)).tooltip as vscode.MarkdownString;
      assert.ok(tooltip instanceof vscode.MarkdownString);
      assert.strictEqual(tooltip.isTrusted, false);
      assert.ok(!tooltip.supportHtml, 'no HTML');
      assert.ok(!tooltip.supportThemeIcons, 'no $(icon) syntax');
      const value = tooltip.value;
      assert.ok(!/command:/.test(value), 'no command: URI survives unescaped');
      assert.ok(!/(^|[^\\])[<[]/.test(value), 'every < and [ is escaped');
      assert.ok(value.length < 5000, 'very long text is cut');
    }
  });
});
