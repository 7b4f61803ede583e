/**
 * The story's Connect step: Connect… from a running session's context menu, choose "Use in
 * terminals", and see the terminal it opens and the attached session in the status bar, with
 * the auth token nowhere on the page.
 */
import { SESSION_AUTH_TOKEN_PREFIX } from '../localEmr/server';
import type { ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { waitUntil } from './workbench';

export const connectSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'connect to a running session from its context menu, use it in terminals, and see the terminal open with no token shown',
    screenshot: 'connect-terminal',
    async run(context) {
      const wb = context.workbench;
      const running = (await wb.rows()).find((r) => /^.+?, (IDLE|BUSY|STARTED), created /.test(r.ariaLabel));
      if (!running) {
        throw new Error('no running session is shown to connect to');
      }
      await wb.chooseFromContextMenu(wb.treeItem(running.label).first(), 'Connect…');
      await wb.waitForQuickInputTitle(/Connect to session/);
      await wb.page.screenshot({ path: wb.shotPath('connect-choices') });
      await wb.chooseQuickPickItem('Use in terminals');
      await wb.page.locator('.terminal-tabs-entry, .single-terminal-tab, .pane-header', { hasText: /Spark Connect/ }).first().waitFor({ timeout: 20_000 });
      await wb.notification(/is attached: new terminals have SPARK_REMOTE/).first().waitFor({ timeout: 10_000 });
      await wb.page.locator('.statusbar-item', { hasText: running.label }).first().waitFor({ timeout: 10_000 });
      await waitUntil(async () => (await wb.page.locator('.xterm').count()) > 0, 'the terminal to be drawn');
      await wb.page.waitForTimeout(1500);
      const html = await wb.page.content();
      if (html.includes(SESSION_AUTH_TOKEN_PREFIX)) {
        throw new Error('the page shows the session auth token');
      }
    },
  },
  {
    name: 'open the attached session\'s menu from the status bar and detach it',
    screenshot: 'connect-detached',
    async run(context) {
      const wb = context.workbench;
      const item = wb.page.locator('.statusbar-item', { hasText: /·\s*(IDLE|BUSY|STARTED)/ }).first();
      await item.click();
      await wb.waitForQuickInputTitle(/Attached session .*token renews at/);
      await wb.page.screenshot({ path: wb.shotPath('connect-status-menu') });
      await wb.chooseQuickPickItem('Detach');
      await item.waitFor({ state: 'detached', timeout: 10_000 });
      // The terminals go, so that the later steps show the view as before.
      await wb.runCommand('Terminal: Kill All Terminals');
      await waitUntil(async () => (await wb.page.locator('.xterm').count()) === 0, 'the terminals to close');
    },
  },
];
