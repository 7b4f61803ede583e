/**
 * Connect…, the attached session and Open Spark UI in the real extension host, against the local
 * endpoint. A terminal's SPARK_REMOTE is read by the shell itself, which writes only its SHA-256
 * to a temporary file, so that no test ever writes the token to disk.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { sparkConnectString } from '../../src/model/sparkConnect';
import { AUTH_TOKEN_TTL_MS, terminateSession } from '../localEmr/sessionCommands';
import { ManualClock, SESSION_AUTH_TOKEN_PREFIX } from '../localEmr/server';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

type AppNode = ExplorerNode & { kind: 'application' };
type SessionRow = ExplorerNode & { kind: 'session' };

/** The extension renews a token this long before it expires (tokenRenewal.ts). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** The endpoint's tokens are issued this long before they are due for renewal. */
const FIRST_RENEWAL_IN_MS = 15_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('connecting to a session in VS Code', function () {
  this.timeout(150_000);
  // The endpoint's clock stands still, just under 55 minutes behind the wall clock, so that each
  // token it issues is due for renewal seconds after it is issued. Its sample data is made
  // relative to it, and the first test only moves it forward.
  const behindWallClock = () => Date.now() - (AUTH_TOKEN_TTL_MS - RENEW_BEFORE_EXPIRY_MS) + FIRST_RENEWAL_IN_MS;
  const clock = new ManualClock(behindWallClock());
  const endpoint = useLocalEndpoint({ seed: 11, applications: 2, sessionsPerApplication: 8, clock });
  let handle: ExplorerHandle;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-connect-'));

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    await vscode.commands.executeCommand('workbench.view.extension.emrServerless');
    await waitFor(() => handle.view.visible, 'the Sessions view to be visible');
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
  });
  after(async () => {
    await vscode.commands.executeCommand('emrServerless.detachSession');
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');

  /** A session row in one of the given states, under an expanded application: the first one, or the last of the first application that has one. */
  async function sessionRow(states: readonly string[], which: 'first' | 'last' = 'first'): Promise<SessionRow> {
    for (const app of (await children()).filter((n): n is AppNode => n.kind === 'application')) {
      await handle.view.reveal(app, { expand: true, focus: false, select: false });
      const rows = (await children(app)).filter((n): n is SessionRow => n.kind === 'session' && states.includes(n.session.state ?? ''));
      const row = which === 'first' ? rows[0] : rows[rows.length - 1];
      if (row) {
        return row;
      }
    }
    throw new Error(`the sample has no session in ${states.join(' or ')}`);
  }

  /** Opens a terminal, lets its shell hash SPARK_REMOTE (or say it is unset) into a file, and reads the file. */
  async function sparkRemoteInNewTerminal(name: string): Promise<string> {
    const file = path.join(scratch, `${name}.txt`);
    const terminal = vscode.window.createTerminal({ name });
    terminal.sendText(`if [ -n "$SPARK_REMOTE" ]; then printf %s "$SPARK_REMOTE" | sha256sum | cut -c1-64 > ${file}.tmp; else echo unset > ${file}.tmp; fi; mv ${file}.tmp ${file}`);
    try {
      await waitFor(() => fs.existsSync(file), `the terminal "${name}" to write its SPARK_REMOTE`, 30_000);
      return fs.readFileSync(file, 'utf8').trim();
    } finally {
      terminal.dispose();
    }
  }

  /**
   * Runs Connect… on a row and answers its quick pick with the item `down` places below the first
   * ("Use in terminals"), pressing again until the command ends, since the quick pick opens only
   * after GetSessionEndpoint has answered.
   */
  async function connectAndChoose(row: SessionRow, down: number): Promise<void> {
    let done = false;
    const run = Promise.resolve(vscode.commands.executeCommand('emrServerless.connectSession', row)).finally(() => (done = true));
    for (let i = 0; i < 40 && !done; i++) {
      await new Promise((r) => setTimeout(r, 500));
      if (done) {
        break;
      }
      for (let d = 0; d < down; d++) {
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      }
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await run;
  }

  it('gives terminals created after Connect → Use in terminals SPARK_REMOTE with the current token, and the renewed one after renewal', async () => {
    const row = await sessionRow(['IDLE', 'STARTED', 'BUSY']);
    // Each token the endpoint issues from now on is due for renewal FIRST_RENEWAL_IN_MS later.
    clock.set(behindWallClock());
    const before = endpoint().count('GetSessionEndpoint');
    await connectAndChoose(row, 0);

    const attached = handle.attached.info;
    assert.strictEqual(attached?.sessionId, row.session.sessionId, 'the session is attached');
    const first = handle.attached.currentEndpoint;
    assert.ok(first, 'the attached session holds a token');
    assert.ok(first.authToken.startsWith(SESSION_AUTH_TOKEN_PREFIX), 'the token is one the endpoint issued');
    assert.strictEqual(await sparkRemoteInNewTerminal('after-connect'), sha256(sparkConnectString(first)), 'a new terminal has the connection string');

    await waitFor(() => endpoint().count('GetSessionEndpoint') >= before + 2, 'the token to be renewed', 60_000);
    await waitFor(() => handle.attached.currentEndpoint?.authToken !== first.authToken, 'the renewed token to be taken');
    const renewed = handle.attached.currentEndpoint;
    assert.ok(renewed);
    assert.strictEqual(await sparkRemoteInNewTerminal('after-renewal'), sha256(sparkConnectString(renewed)), 'a new terminal has the renewed token');
    assert.ok(handle.attached.info?.nextRenewalAt !== undefined && handle.attached.info.nextRenewalAt > Date.now(), 'the next renewal is due later');
  });

  it('gives new terminals no SPARK_REMOTE once the session is detached', async () => {
    assert.ok(handle.attached.info, 'a session is attached by the test before');
    await vscode.commands.executeCommand('emrServerless.detachSession');
    assert.strictEqual(handle.attached.info, undefined);
    assert.strictEqual(await sparkRemoteInNewTerminal('after-detach'), 'unset');
  });

  it('detaches a session that has ended, so that new terminals no longer get SPARK_REMOTE', async () => {
    const row = await sessionRow(['IDLE', 'STARTED', 'BUSY'], 'last');
    clock.set(behindWallClock());
    await connectAndChoose(row, 0);
    assert.strictEqual(handle.attached.info?.sessionId, row.session.sessionId, 'the session is attached');
    // The session ends elsewhere (in the console, say): the token's renewal finds out.
    terminateSession(endpoint().store, row.session.applicationId ?? '', row.session.sessionId ?? '');
    await waitFor(() => handle.attached.info === undefined, 'the ended session to be detached', 60_000);
    assert.strictEqual(await sparkRemoteInNewTerminal('after-end'), 'unset');
  });

  it('copies the connection string with the token only on an explicit copy', async () => {
    const row = await sessionRow(['IDLE', 'STARTED', 'BUSY']);
    await vscode.env.clipboard.writeText('nothing yet');
    await connectAndChoose(row, 1);
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^sc:\/\/[^/]+:443\/;use_ssl=true;x-aws-proxy-auth=localEmrSessionToken_\S+$/, 'the full Spark Connect string');
    assert.strictEqual(handle.attached.info, undefined, 'copying attaches nothing');
    await vscode.env.clipboard.writeText('cleared');
  });

  it('asks GetResourceDashboard for a fresh Spark UI URL at each click', async () => {
    const row = await sessionRow(['IDLE', 'STARTED', 'BUSY', 'TERMINATED']);
    const before = endpoint().count('GetResourceDashboard');
    await vscode.commands.executeCommand('emrServerless.openSparkUi', row);
    assert.strictEqual(endpoint().count('GetResourceDashboard'), before + 1);
    await vscode.commands.executeCommand('emrServerless.openSparkUi', row);
    assert.strictEqual(endpoint().count('GetResourceDashboard'), before + 2, 'the second click asked again');
  });

  it('offers Connect only on running sessions, and Open in AWS Console not behind a custom endpoint', () => {
    const menus = (vscode.extensions.getExtension('emr-serverless-sessions.emr-serverless-sessions')?.packageJSON as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    }).contributes.menus;
    const connect = menus['view/item/context'].filter((m) => m.command === 'emrServerless.connectSession');
    assert.ok(connect.length >= 2, 'inline and in the context menu');
    for (const m of connect) {
      const re = new RegExp(/viewItem =~ \/(.*)\/$/.exec(m.when ?? '')?.[1] ?? '');
      assert.ok(['session.STARTED', 'session.IDLE', 'session.BUSY'].every((v) => re.test(v)));
      assert.ok(['session.STARTING', 'session.TERMINATED', 'session.FAILED', 'application.STARTED'].every((v) => !re.test(v)));
    }
    const console = menus['view/item/context'].filter((m) => m.command === 'emrServerless.openInConsole');
    assert.ok(console.length >= 2 && console.every((m) => /emrServerless\.consoleLinks/.test(m.when ?? '')));
  });

  /** The document's text must read SPARK_REMOTE and hold no token, whichever the endpoint issued. */
  function assertSnippetWithoutToken(text: string, row: SessionRow): void {
    assert.ok(text.includes(`os.environ["SPARK_REMOTE"]`), 'the snippet reads SPARK_REMOTE');
    assert.ok(text.includes(row.session.sessionId ?? '?'), 'the snippet names the session');
    assert.ok(!text.includes(SESSION_AUTH_TOKEN_PREFIX), 'no auth token is written into the document');
    assert.ok(!/x-aws-proxy-auth=/.test(text), 'no connection string is written into the document');
  }

  it('inserts a PySpark snippet that reads SPARK_REMOTE into the active Python file, at the cursor, and writes no token', async () => {
    const row = await sessionRow(['IDLE', 'STARTED', 'BUSY']);
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'print("before")\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    try {
      await connectAndChoose(row, 2);
      await waitFor(() => document.getText().includes('SparkSession'), 'the snippet to be inserted');
      const text = document.getText();
      assert.ok(text.startsWith('print("before")\n# Spark Connect to EMR Serverless session'), 'inserted at the cursor, after what was there');
      assertSnippetWithoutToken(text, row);
      assert.strictEqual(handle.attached.info, undefined, 'inserting a snippet attaches nothing');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('inserts the PySpark snippet as a Python code cell into the active notebook, with no token in it', async () => {
    const row = await sessionRow(['IDLE', 'STARTED', 'BUSY']);
    const notebook = await vscode.workspace.openNotebookDocument(
      'jupyter-notebook',
      new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Analysis', 'markdown')]),
    );
    await vscode.window.showNotebookDocument(notebook);
    try {
      await connectAndChoose(row, 2);
      await waitFor(() => notebook.cellCount === 2, 'a cell to be added to the notebook');
      const cell = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
      assert.ok(cell, 'a code cell was added');
      assert.strictEqual(cell.document.languageId, 'python');
      assertSnippetWithoutToken(cell.document.getText(), row);
      assert.strictEqual(notebook.getCells()[0].document.getText(), '# Analysis', 'the cell that was there is kept');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  describe('Open in AWS Console', () => {
    let opened: string[] = [];
    const openExternal = vscode.env.openExternal;
    before(() => {
      // The last hop to the browser is recorded instead of taken: the test host has no browser to open.
      (vscode.env as { openExternal: typeof openExternal }).openExternal = async (uri) => {
        opened.push(uri.toString(true));
        return true;
      };
    });
    after(() => {
      (vscode.env as { openExternal: typeof openExternal }).openExternal = openExternal;
    });
    beforeEach(() => (opened = []));

    it('opens no console page for a session behind a custom endpoint', async () => {
      const row = await sessionRow(['IDLE', 'STARTED', 'BUSY', 'TERMINATED']);
      await vscode.commands.executeCommand('emrServerless.openInConsole', row);
      assert.deepStrictEqual(opened, []);
    });

    it("opens the console's page of a session and of an application in the Region of the settings", async () => {
      const row = await sessionRow(['IDLE', 'STARTED', 'BUSY', 'TERMINATED']);
      const app = (await children()).find((n): n is AppNode => n.kind === 'application');
      assert.ok(app);
      const local = endpoint().url;
      const restoreRegion = await setSetting('region', 'eu-central-1');
      const restoreEndpoint = await setSetting('endpoint', undefined);
      try {
        await waitFor(() => handle.model.settings.connection.endpoint === undefined && handle.model.settings.connection.region === 'eu-central-1', 'the settings to be taken');
        // Rows belong to their connection, and the switch made a new one: these are the same
        // rows as the new connection would list them (with no endpoint it cannot list here).
        const connectionId = handle.connections.primary.id;
        await vscode.commands.executeCommand('emrServerless.openInConsole', row);
        assert.deepStrictEqual(opened, [], "a row of the connection before the switch opens nothing in the new one's Region");
        await vscode.commands.executeCommand('emrServerless.openInConsole', { ...row, connectionId });
        await vscode.commands.executeCommand('emrServerless.openInConsole', { ...app, connectionId });
        const { applicationId, sessionId } = row.session;
        assert.deepStrictEqual(opened, [
          `https://eu-central-1.console.aws.amazon.com/emr/home?region=eu-central-1#/serverless/applications/${applicationId}/sessions/${sessionId}`,
          `https://eu-central-1.console.aws.amazon.com/emr/home?region=eu-central-1#/serverless/applications/${app.applicationId}`,
        ]);
      } finally {
        await restoreEndpoint();
        await restoreRegion();
        await waitFor(() => handle.model.settings.connection.endpoint === local, 'the local endpoint to be used again');
      }
    });
  });
});
