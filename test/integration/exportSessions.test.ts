import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { defaultExportFileName, SESSION_SUMMARY_FIELDS } from '../../src/model/sessionExport';
import type { ExportResult } from '../../src/ui/exportCommand';
import { useExplorerWithPageSize, useLocalEndpoint, waitFor } from './helpers';

const PAGE = 4;

type ApplicationRow = ExplorerNode & { kind: 'application' };

/** Export Sessions… in the real extension host: its format pick, VS Code's save dialog, the file. */
describe('Export Sessions… in VS Code', function () {
  this.timeout(60_000);
  const endpoint = useLocalEndpoint({ seed: 43, applications: 2, sessionsPerApplication: 9 });
  const handle = useExplorerWithPageSize(PAGE);

  beforeEach(async () => {
    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle().provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  async function applications(): Promise<ApplicationRow[]> {
    return (await children()).filter((n): n is ApplicationRow => n.kind === 'application');
  }
  const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  /** Where the save dialog proposes to write, today. */
  const proposed = (scope: string | undefined, format: 'json' | 'csv') =>
    path.join(folder(), defaultExportFileName(scope, format, Date.now()));

  /**
   * Runs Export Sessions… and answers what it asks as a user at the keyboard would: the format
   * pick (CSV is the row below JSON), then Enter in the save dialog, which proposes a file in the
   * workspace folder; Enter again while the command still waits (a "replace it?" question).
   * On a busy machine the pick can open after the keys meant for it were sent; then the export
   * ends without the format asked for, and it is run again (three times at most).
   */
  async function exportAndChoose(
    node: ExplorerNode | undefined,
    format: 'json' | 'csv',
    run: () => Thenable<ExportResult | undefined> = () => vscode.commands.executeCommand<ExportResult | undefined>('emrServerless.exportSessions', node),
  ): Promise<ExportResult | undefined> {
    let result: ExportResult | undefined;
    for (let attempt = 1; attempt <= 3; attempt++) {
      result = await exportOnce(run, format === 'csv' ? 1 : 0);
      if (result?.format === format) {
        return result;
      }
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    return result;
  }

  async function exportOnce(command: () => Thenable<ExportResult | undefined>, down: number): Promise<ExportResult | undefined> {
    let done = false;
    const run = Promise.resolve(command()).finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 700));
    for (let d = 0; d < down; d++) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    }
    for (let i = 0; i < 20 && !done; i++) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 700));
    }
    return run;
  }

  it('writes the loaded sessions of an application to the file chosen in the save dialog, as the AWS CLI prints them', async () => {
    const [app] = await applications();
    assert.ok(app);
    await children(app);
    await vscode.commands.executeCommand(
      'emrServerless.loadMore',
      (await children(app)).find((n) => n.kind === 'loadMore'),
    );
    const loaded = handle().model.loadedSessions(app.applicationId);
    assert.strictEqual(loaded.length, 2 * PAGE, 'two pages loaded');
    const file = proposed(app.app.name || app.applicationId, 'json');
    fs.rmSync(file, { force: true });

    const result = await exportAndChoose(app, 'json');

    assert.strictEqual(result?.uri.fsPath, file);
    assert.strictEqual(result?.count, 2 * PAGE);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { sessions: Record<string, unknown>[] };
    assert.deepStrictEqual(
      written.sessions.map((s) => s['sessionId']),
      loaded.map((s) => s.sessionId),
    );
    assert.deepStrictEqual(Object.keys(written.sessions[0] ?? {}), [...SESSION_SUMMARY_FIELDS]);
    assert.match(String(written.sessions[0]?.['createdAt']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("writes CSV of every application's loaded sessions when CSV is picked, and its notification opens the file", async () => {
    const apps = await applications();
    for (const app of apps) {
      await children(app);
    }
    const loaded = handle().model.loadedSessions();
    assert.ok(loaded.length > PAGE, `sessions of more than one application: ${loaded.length}`);
    const file = proposed(undefined, 'csv');
    fs.rmSync(file, { force: true });

    const result = await exportAndChoose(undefined, 'csv');

    assert.strictEqual(result?.format, 'csv');
    assert.strictEqual(result?.uri.fsPath, file);
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    assert.strictEqual(lines[0], SESSION_SUMMARY_FIELDS.join(','));
    assert.strictEqual(lines.length, loaded.length + 2, 'a header, a row per session, and the final line end');

    // "Open File" is the notification's first action.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === file, 'the exported file to open in an editor');
  });

  it("Export Sessions… in the view title's menu writes every application's loaded sessions while an application with none loaded has focus", async () => {
    const [first, second] = await applications();
    assert.ok(first && second);
    await children(first);
    const loaded = handle().model.loadedSessions();
    assert.strictEqual(handle().model.loadedSessions(second.applicationId).length, 0, 'the focused application has no sessions loaded');
    assert.ok(loaded.length > 0);
    const file = proposed(undefined, 'json');
    fs.rmSync(file, { force: true });

    // VS Code runs a view title entry with the focused row and the selection as arguments.
    const result = await exportAndChoose(undefined, 'json', () =>
      vscode.commands.executeCommand<ExportResult | undefined>('emrServerless.exportSessionsFromViewTitle', second, [second]),
    );

    assert.strictEqual(result?.uri.fsPath, file, 'the file named for every application, not for the focused one');
    assert.strictEqual(result?.count, loaded.length);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { sessions: unknown[] };
    assert.strictEqual(written.sessions.length, loaded.length);
  });

  it('says when nothing is loaded instead of asking for a file', async () => {
    const [app] = await applications();
    assert.ok(app);
    const result = await vscode.commands.executeCommand<ExportResult | undefined>('emrServerless.exportSessions', app);
    assert.strictEqual(result, undefined);
    assert.strictEqual(handle().model.loadedSessions(app.applicationId).length, 0);
  });

  it('says clearly that a file which cannot be written got no sessions, and leaves it as it was', async () => {
    const [app] = await applications();
    assert.ok(app);
    await children(app);
    // The chosen file is a link to a device that is always full: every write fails with ENOSPC.
    const file = proposed(app.app.name || app.applicationId, 'json');
    fs.rmSync(file, { force: true });
    fs.symlinkSync('/dev/full', file);
    try {
      const result = await exportAndChoose(app, 'json');
      assert.strictEqual(result?.uri.fsPath, file, 'the chosen file');
      assert.strictEqual(result?.count, 0, 'no session reported as written');
      assert.match(result?.failure ?? '', /^Could not write .*, so no sessions were exported\. .*no space left on device/i);
      assert.strictEqual(fs.readlinkSync(file), '/dev/full', 'the chosen file is left as it was');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
