import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { parseStartingToken } from '../../src/model/startingToken';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

const PAGE = 3;
const MAX_ITEMS = 5;

type ApplicationRow = ExplorerNode & { kind: 'application' };

/** Load All, Copy as AWS CLI Command / Python and List From Token… in the real extension host. */
describe('paginator commands in VS Code', function () {
  this.timeout(30_000);
  const endpoint = useLocalEndpoint({ seed: 31, applications: 1, sessionsPerApplication: 14 });
  let handle: ExplorerHandle;
  const restore: Array<() => Promise<void>> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    restore.push(await setSetting('pageSize', PAGE), await setSetting('maxItems', MAX_ITEMS));
    await waitFor(() => handle.model.settings.pageSize === PAGE, 'the page size setting');
  });
  after(async () => {
    for (const undo of restore.reverse()) {
      await undo();
    }
  });
  beforeEach(async () => {
    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const item = (node: ExplorerNode) => handle.provider.getTreeItem(node) as vscode.TreeItem;
  const label = (node: ExplorerNode) => {
    const l = item(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  async function application(): Promise<ApplicationRow> {
    const app = (await children()).find((n): n is ApplicationRow => n.kind === 'application');
    assert.ok(app, 'an application row');
    return app;
  }
  const sessionIds = (rows: ExplorerNode[]) => rows.flatMap((n) => (n.kind === 'session' ? [n.session.sessionId ?? ''] : []));
  const listed = (app: ApplicationRow) => endpoint().store.listSessions(app.applicationId, {}).map((s) => s.sessionId ?? '');
  /** The value of `--flag` in a copied command line (values here need no quotes). */
  const flag = (command: string, name: string) => new RegExp(`--${name} (\\S+)`).exec(command)?.[1];

  it('Load All stops at emrServerless.maxItems in the middle of a page, and "Load more" goes on with the next session', async () => {
    const app = await application();
    await vscode.commands.executeCommand('emrServerless.loadAll', app);
    const rows = await children(app);
    assert.deepStrictEqual(sessionIds(rows), listed(app).slice(0, MAX_ITEMS));
    const more = rows[rows.length - 1];
    assert.strictEqual(label(more), 'Load more');
    assert.strictEqual(item(more).contextValue, 'loadMore.sessions');
    await vscode.commands.executeCommand('emrServerless.loadMore', more);
    assert.deepStrictEqual(sessionIds(await children(app)), listed(app).slice(0, MAX_ITEMS + 1));
  });

  it('Load All on the "Load more" row loads every page when the listing is shorter than the cap', async () => {
    const restoreCap = await setSetting('maxItems', 1000);
    try {
      const app = await application();
      const first = await children(app);
      await vscode.commands.executeCommand('emrServerless.loadAll', first[first.length - 1]);
      const rows = await children(app);
      assert.deepStrictEqual(sessionIds(rows), listed(app));
      assert.ok(!rows.some((n) => n.kind === 'loadMore'), 'no "Load more" once every page is loaded');
    } finally {
      await restoreCap();
    }
  });

  it('Copy as AWS CLI Command on "Load more" copies a command that resumes right after the last row shown', async () => {
    const app = await application();
    await vscode.commands.executeCommand('emrServerless.loadAll', app);
    const rows = await children(app);
    await vscode.commands.executeCommand('emrServerless.copyAsCliCommand', rows[rows.length - 1]);
    const command = await vscode.env.clipboard.readText();
    assert.match(command, new RegExp(`^aws emr-serverless list-sessions --application-id ${app.applicationId} `));
    assert.strictEqual(flag(command, 'page-size'), String(PAGE));
    assert.strictEqual(flag(command, 'max-items'), String(MAX_ITEMS));
    assert.strictEqual(flag(command, 'endpoint-url'), endpoint().url);
    assert.strictEqual(flag(command, 'region'), 'us-east-1');
    const token = flag(command, 'starting-token') ?? '';
    const { position, format } = parseStartingToken(token);
    assert.strictEqual(format, 'botocore');
    // Five rows at page size 3: the second page, after its first two rows.
    assert.strictEqual(position.rowsTakenFromPage, MAX_ITEMS - PAGE);
    assert.ok(position.pageToken, 'the token of the second page');
  });

  it('Copy as AWS CLI Command on an application with a state filter carries the filter, and Copy as Python the same listing', async () => {
    handle.model.setFilter({ states: ['TERMINATED', 'IDLE'], createdAt: { kind: 'any' } });
    const app = await application();
    await children(app);
    await vscode.commands.executeCommand('emrServerless.copyAsCliCommand', app);
    const command = await vscode.env.clipboard.readText();
    const states = / --states (\w+) (\w+) --page-size /.exec(command)?.slice(1) ?? [];
    assert.deepStrictEqual([...states].sort(), ['IDLE', 'TERMINATED'], command);
    const token = flag(command, 'starting-token') ?? '';
    assert.deepStrictEqual(parseStartingToken(token).position.rowsTakenFromPage, 0, 'one whole page loaded: a page-boundary token');

    await vscode.commands.executeCommand('emrServerless.copyAsPython', app);
    const script = await vscode.env.clipboard.readText();
    assert.match(script, /get_paginator\("list_sessions"\)/);
    assert.ok(script.includes(`states=[${states.map((state) => `"${state}"`).join(', ')}]`), 'the same states');
    assert.ok(script.includes(`"StartingToken": "${token}"`), 'the same starting token');
    assert.ok(script.includes(`"MaxItems": ${MAX_ITEMS}`));
    assert.ok(script.includes(`endpoint_url="${endpoint().url}"`));
  });

  it('List From Token… lists from a copied CLI token, says so in a first row, and that row lists from the start again', async () => {
    const app = await application();
    await vscode.commands.executeCommand('emrServerless.loadAll', app);
    const loaded = await children(app);
    await vscode.commands.executeCommand('emrServerless.copyAsCliCommand', loaded[loaded.length - 1]);
    const token = flag(await vscode.env.clipboard.readText(), 'starting-token') ?? '';
    await vscode.env.clipboard.writeText(token);
    await vscode.commands.executeCommand('emrServerless.refreshApplication', app);

    // The input box offers the copied token; Enter accepts it.
    const run = vscode.commands.executeCommand('emrServerless.listFromToken', app);
    await new Promise((r) => setTimeout(r, 700));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await run;

    const rows = await children(app);
    assert.strictEqual(label(rows[0]), 'Listed from a token');
    assert.strictEqual(item(rows[0]).description, 'click to list from the start');
    // The rest of the second page: the rows after the five loaded, to the page's end.
    assert.deepStrictEqual(sessionIds(rows), listed(app).slice(MAX_ITEMS, 2 * PAGE));

    const back = item(rows[0]).command;
    assert.strictEqual(back?.command, 'emrServerless.listFromStart');
    await vscode.commands.executeCommand(back.command, ...(back.arguments ?? []));
    const fromStart = await children(app);
    assert.notStrictEqual(fromStart[0]?.kind, 'listedFromToken');
    assert.deepStrictEqual(sessionIds(fromStart), listed(app).slice(0, PAGE));
  });

  it('List From Token… with a token the service rejects says so on the row, and offers List from the start instead of a Retry that cannot succeed', async () => {
    const app = await application();
    await vscode.env.clipboard.writeText('bm90LWEtdG9rZW4tZnJvbS10aGlzLWxpc3Rpbmc');
    const run = vscode.commands.executeCommand('emrServerless.listFromToken', app);
    await new Promise((r) => setTimeout(r, 700));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await run;
    const rows = await children(app);
    assert.deepStrictEqual(sessionIds(rows), []);
    const error = rows.find((n) => n.kind === 'error');
    assert.ok(error, `rows: ${rows.map((n) => n.kind).join(', ')}`);
    assert.strictEqual(label(error), 'Starting token rejected');
    const tooltip = item(error).tooltip;
    assert.match(tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip), /^\*\*The service rejected the starting token\*\*/);
    const steps = await children(error);
    assert.deepStrictEqual(steps.map(label), ['List from the start', 'Show Log']);

    const listFromStart = item(steps[0]).command;
    assert.ok(listFromStart);
    await vscode.commands.executeCommand(listFromStart.command, ...(listFromStart.arguments ?? []));
    const fromStart = await children(app);
    assert.notStrictEqual(fromStart[0]?.kind, 'listedFromToken');
    assert.deepStrictEqual(sessionIds(fromStart), listed(app).slice(0, PAGE));
  });
});
