/**
 * The story's proxy step: with VS Code's http.proxy pointing at a proxy that refuses
 * connections, the error row names the proxy and offers Retry and Open Proxy Settings, which
 * shows that setting; without the proxy, the applications come back. The endpoint moves to
 * 127.0.0.2 for the step, since localhost and 127.0.0.1 always go direct; the proxy fails before
 * anything would reach it there.
 */
import { refusingProxyUrl } from '../harness/recordingProxy';
import { VIEW_CONTAINER, type ExplorerContext } from './explorerSteps';
import type { Step } from './story';

/** Edits settings.json and reloads the window, which reads a settings file edited from outside when it loads. */
async function reloadWith(context: ExplorerContext, changes: Record<string, unknown>): Promise<void> {
  context.updateSettings(changes);
  await context.workbench.reload();
  await context.workbench.openViewContainer(VIEW_CONTAINER);
}

export const proxySteps: Array<Step<ExplorerContext>> = [
  {
    name: 'behind a proxy that refuses connections, the error row names the proxy and offers Open Proxy Settings; without it the applications come back',
    screenshot: 'proxy-cleared',
    async run(context) {
      const wb = context.workbench;
      const refusing = await refusingProxyUrl();
      const endpoint = context.endpoint.url;
      let restored = false;
      try {
        await reloadWith(context, { 'http.proxy': refusing, 'emrServerless.endpoint': endpoint.replace('//127.0.0.1:', '//127.0.0.2:') });
        const row = wb.treeItem(`Cannot reach proxy ${refusing}`);
        await row.waitFor({ timeout: 30_000 });
        await wb.treeItem('Retry').waitFor();
        await wb.treeItem('Open Proxy Settings').waitFor();
        await wb.page.mouse.move(0, 0);
        await wb.page.screenshot({ path: wb.shotPath('proxy-refused') });
        // Open Proxy Settings shows VS Code's http.proxy setting.
        await wb.clickRow('Open Proxy Settings');
        await wb.page.locator('.settings-editor .setting-item-contents', { hasText: /Http:\s*Proxy\b/ }).first().waitFor({ timeout: 20_000 });
        await wb.page.screenshot({ path: wb.shotPath('proxy-settings') });
        await wb.runCommand('View: Close Editor');
        await wb.page.locator('.settings-editor').waitFor({ state: 'hidden' });
        await reloadWith(context, { 'http.proxy': undefined, 'emrServerless.endpoint': endpoint });
        restored = true;
        await wb.treeItem(context.application!.label).first().waitFor({ timeout: 30_000 });
        if ((await row.count()) > 0) {
          throw new Error('the proxy error row is still shown without the proxy');
        }
      } finally {
        if (!restored) {
          // The endpoint and no proxy, for the steps after this one.
          context.updateSettings({ 'http.proxy': undefined, 'emrServerless.endpoint': endpoint });
        }
      }
    },
  },
];
