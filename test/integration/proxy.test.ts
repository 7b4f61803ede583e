import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { refusingProxyUrl } from '../harness/recordingProxy';
import { ProxyProcess } from '../harness/recordingProxyProcess';
import { activateExtension, useLocalEndpoint, waitFor } from './helpers';

/** Sets one of VS Code's `http.*` settings in the user settings; returns how to put it back. */
async function setHttpSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const previous = vscode.workspace.getConfiguration('http').inspect(key)?.globalValue;
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(() => vscode.workspace.getConfiguration('http').get(key) === value, `http.${key} to be ${String(value)}`);
  return async () => vscode.workspace.getConfiguration('http').update(key, previous, vscode.ConfigurationTarget.Global);
}

/**
 * The tree behind a real proxy (the `proxy` package, in a process of its own), set with VS
 * Code's http.proxy. The local endpoint listens on 127.0.0.2: VS Code, and the extension, send
 * localhost and 127.0.0.1 direct whatever the settings, so an endpoint there never reaches a
 * proxy. Both ways VS Code can treat the extension's requests are covered: "override" (the
 * default), where VS Code's own agent replaces the extension's for such a host, and "off",
 * where only the extension's agent applies the setting.
 */
describe('behind a proxy in VS Code', function () {
  this.timeout(60_000);
  const endpoint = useLocalEndpoint({ host: '127.0.0.2', seed: 12, applications: 2, sessionsPerApplication: 3 });
  let handle: ExplorerHandle;
  let proxy: ProxyProcess;
  const restore: Array<() => Promise<void>> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    proxy = await ProxyProcess.start();
  });
  after(async () => {
    for (const undo of restore.reverse()) {
      await undo();
    }
    await proxy.close();
    await vscode.commands.executeCommand('emrServerless.refresh');
  });

  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const label = (node: ExplorerNode) => {
    const l = handle.provider.getTreeItem(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };

  /** What the proxy log shows for a request to the endpoint, by who carries it there. */
  const EXPECTED_LINE: Record<string, (host: string) => (line: string) => boolean> = {
    // VS Code's agent sends a request for an http:// URL to the proxy as an absolute URI.
    override: (host) => (line) => line.startsWith(`GET http://${host}/applications`),
    // The extension's agent opens a CONNECT tunnel, also for http://.
    off: (host) => (line) => line === `CONNECT ${host}`,
  };

  for (const support of ['override', 'off']) {
    it(`with http.proxySupport "${support}", the applications are listed through the proxy of http.proxy, which logs the requests`, async () => {
      restore.push(await setHttpSetting('proxySupport', support), await setHttpSetting('proxy', proxy.url));
      proxy.log.length = 0;
      endpoint().resetRequests();
      await vscode.commands.executeCommand('emrServerless.refresh');
      const rows = await children();
      assert.deepStrictEqual(rows.map((n) => n.kind), ['application', 'application'], rows.map(label).join('; '));
      const host = new URL(endpoint().url).host;
      const line = await proxy.waitForLine(EXPECTED_LINE[support](host));
      assert.ok(line, `the proxy logged the ListApplications request; its log: ${proxy.log.join('; ')}`);
      assert.ok(endpoint().count('ListApplications') >= 1);
    });

    it(`with http.proxySupport "${support}", a proxy that refuses connections gives an error row that names it, and Retry recovers once http.proxy is fixed`, async () => {
      restore.push(await setHttpSetting('proxySupport', support));
      const refusing = await refusingProxyUrl();
      const undoProxy = await setHttpSetting('proxy', refusing);
      endpoint().resetRequests();
      await vscode.commands.executeCommand('emrServerless.refresh');
      const rows = await children();
      assert.strictEqual(rows.length, 1);
      const errorRow = rows[0];
      assert.ok(errorRow.kind === 'error', `an error row, not ${errorRow.kind}`);
      assert.strictEqual(label(errorRow), `Cannot reach proxy ${refusing}`);
      assert.match(errorRow.report.detail, /from VS Code's http\.proxy setting/);
      assert.deepStrictEqual((await children(errorRow)).map(label), ['Retry', 'Open Proxy Settings', 'Show Log']);
      assert.strictEqual(endpoint().count(), 0, 'nothing reached the endpoint');

      await setHttpSetting('proxy', proxy.url);
      // A changed http.proxy connects again by itself; Retry on the old row does the same.
      await vscode.commands.executeCommand('emrServerless.retry', errorRow);
      await waitFor(async () => (await children()).every((n) => n.kind === 'application'), 'the applications after Retry');
      await undoProxy();
    });
  }
});
