import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { escapeMarkdown } from '../../src/model/format';
import { extension, manifest, useExplorerWithPageSize, useLocalEndpoint } from './helpers';

const PAGE = 20;
/** The caller the runner's profile stands for: its key pair holds temporary credentials of this role session. */
const BOB = 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob';

type ApplicationRow = ExplorerNode & { kind: 'application' };
type SessionRow = ExplorerNode & { kind: 'session' };

/** "Created by Me" and the creator's short name in the real extension host. */
describe('Created by Me in VS Code', function () {
  this.timeout(30_000);
  const endpoint = useLocalEndpoint({ seed: 47, applications: 1, sessionsPerApplication: 30 });
  const handle = useExplorerWithPageSize(PAGE);

  after(async () => {
    await vscode.commands.executeCommand('emrServerless.clearFilters');
  });
  beforeEach(async () => {
    endpoint().faults.clear();
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    await vscode.commands.executeCommand('emrServerless.refresh');
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle().provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  async function application(): Promise<ApplicationRow> {
    const app = (await children()).find((n): n is ApplicationRow => n.kind === 'application');
    assert.ok(app, 'an application row');
    return app;
  }
  const sessionRows = (rows: ExplorerNode[]) => rows.filter((n): n is SessionRow => n.kind === 'session');

  // First, while this endpoint's caller is not known yet: the failure must reach STS.
  it('leaves the filter as it was when STS GetCallerIdentity is denied, and asks again on the next try', async () => {
    await vscode.commands.executeCommand('emrServerless.clearFilters');
    const app = await application();
    const before = sessionRows(await children(app)).map((n) => n.session.sessionId);
    endpoint().faults.inject({ operation: 'GetCallerIdentity', kind: 'accessDenied', times: 1 });

    const result = await vscode.commands.executeCommand<string | undefined>('emrServerless.filterCreatedByMe');

    assert.strictEqual(result, undefined);
    assert.strictEqual(endpoint().count('GetCallerIdentity'), 1);
    assert.strictEqual(handle().connections.filter.createdByMe, undefined);
    assert.ok(!String(handle().view.description).includes('created by me'), String(handle().view.description));
    assert.deepStrictEqual(
      sessionRows(await children(app)).map((n) => n.session.sessionId),
      before,
    );
    assert.strictEqual(
      await vscode.commands.executeCommand('emrServerless.filterCreatedByMe'),
      BOB,
      'the next try asks STS again',
    );
    assert.strictEqual(endpoint().count('GetCallerIdentity'), 2);
  });

  it("shows only the sessions created under the caller's role session name, says so in the header, and shows them all when run again", async () => {
    const app = await application();
    const all = sessionRows(await children(app));
    const mine = all.filter((n) => n.session.createdBy === BOB);
    assert.ok(mine.length > 0 && mine.length < all.length, `bob created ${mine.length} of ${all.length}`);
    const asked = endpoint().count('GetCallerIdentity');

    assert.strictEqual(await vscode.commands.executeCommand('emrServerless.filterCreatedByMe'), BOB);

    const shown = await children(app);
    assert.deepStrictEqual(
      sessionRows(shown).map((n) => n.session.sessionId),
      mine.map((n) => n.session.sessionId),
    );
    assert.match(String(handle().view.description), /created by me/);
    const more = shown.find((n) => n.kind === 'loadMore');
    if (more) {
      assert.match(
        String(handle().provider.getTreeItem(more).description),
        new RegExp(`, ${all.length - mine.length} by others hidden$`),
      );
    }
    assert.strictEqual(endpoint().count('GetCallerIdentity'), asked, 'the caller of this connection is known already');

    assert.strictEqual(
      await vscode.commands.executeCommand('emrServerless.filterCreatedByMe'),
      undefined,
      'run again, it turns off',
    );
    assert.strictEqual(sessionRows(await children(app)).length, all.length);
    assert.doesNotMatch(String(handle().view.description), /created by me/);
  });

  it("offers \"✓ Created by Me\" in the view title's menu while the filter is on, and choosing it turns the filter off", async () => {
    // VS Code draws no check mark for an extension's command, so the menu swaps two entries by the context key.
    const menu = manifest().contributes.menus?.['view/title'] ?? [];
    const unchecked = menu.find((e) => e.command === 'emrServerless.filterCreatedByMe');
    const checked = menu.find((e) => e.command === 'emrServerless.filterCreatedByMeChecked');
    assert.match(unchecked?.when ?? '', /&& !emrServerless\.createdByMe$/);
    assert.match(checked?.when ?? '', /&& emrServerless\.createdByMe$/);
    assert.strictEqual(checked?.group, unchecked?.group, 'in the same place of the menu');
    const title = (manifest().contributes.commands ?? []).find((c) => c.command === 'emrServerless.filterCreatedByMeChecked')?.title ?? '';
    const nls = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    // The host may give the manifest with its %key% placeholders filled in already.
    assert.strictEqual(/^%.+%$/.test(title) ? nls[title.slice(1, -1)] : title, '✓ Created by Me');

    assert.strictEqual(await vscode.commands.executeCommand('emrServerless.filterCreatedByMe'), BOB);
    assert.strictEqual(handle().connections.filter.createdByMe, true);
    assert.strictEqual(await vscode.commands.executeCommand('emrServerless.filterCreatedByMeChecked'), undefined);
    assert.strictEqual(handle().connections.filter.createdByMe, undefined, 'the filter is off');
    assert.doesNotMatch(String(handle().view.description), /created by me/);
  });

  it('names the creator in the session tooltip by its short name, with the full ARN beneath', async () => {
    const app = await application();
    const row = sessionRows(await children(app)).find((n) => n.session.createdBy === BOB);
    assert.ok(row, "a session of bob's");
    const item = handle().provider.getTreeItem(row) as vscode.TreeItem;
    const hovered = await handle().provider.resolveTreeItem(item, row, new vscode.CancellationTokenSource().token);
    const tooltip = (hovered?.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(`**Created by:** ${escapeMarkdown('DataEngineer/bob')}  \n`), tooltip);
    assert.ok(tooltip.includes(`**Creator ARN:** ${escapeMarkdown(BOB)}  \n`), tooltip);
  });
});
