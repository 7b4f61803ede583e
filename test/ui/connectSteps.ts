/**
 * The story's Connect steps: Connect… from the "ready" notification of the session the story
 * started; then from a running session's context menu (which offers no AWS Console link behind
 * the local endpoint), choose "Use in terminals", and see the terminal it opens and the attached
 * session in the status bar, with the auth token nowhere on the page.
 */
import { SESSION_AUTH_TOKEN_PREFIX } from '../localEmr/server';
import type { ExplorerContext } from './explorerSteps';
import { STORY_SESSION } from './liveSessionSteps';
import type { Step } from './story';
import { waitUntil } from './workbench';

export const connectSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'choose Connect… on the "ready" notification of the session just started, and get Connect\'s choices for that session',
    screenshot: 'connect-from-ready',
    async run(context) {
      const wb = context.workbench;
      await wb.notification(/is ready/).first().getByRole('button', { name: 'Connect…' }).click();
      await wb.waitForQuickInputTitle(new RegExp(`Connect to session ${STORY_SESSION}$`));
      await wb.page.locator('.quick-input-list').getByRole('option', { name: /Use in terminals/ }).waitFor();
      await wb.page.screenshot({ path: wb.shotPath('connect-from-ready-choices') });
      await wb.page.keyboard.press('Escape');
      await wb.waitForQuickPickClosed();
    },
  },
  {
    name: 'see no Open in AWS Console in a running session\'s context menu behind the local endpoint, beside Connect…',
    async run(context) {
      const wb = context.workbench;
      const running = (await wb.rows()).find((r) => /^session .+?, (idle|busy|started), created /.test(r.ariaLabel));
      if (!running) {
        throw new Error('no running session is shown');
      }
      await wb.treeItem(running.label).first().click({ button: 'right' });
      await wb.page.getByRole('menuitem', { name: 'Connect…' }).waitFor();
      const items = await wb.page.getByRole('menuitem').allTextContents();
      await wb.page.keyboard.press('Escape');
      if (items.some((item) => /AWS Console/.test(item))) {
        throw new Error(`the menu offers the AWS Console behind a custom endpoint: ${items.join(' | ')}`);
      }
      if (!items.some((item) => /Open Spark UI/.test(item))) {
        throw new Error(`the menu lacks Open Spark UI: ${items.join(' | ')}`);
      }
    },
  },
  {
    name: 'connect to a running session from its context menu, use it in terminals, and see the terminal open with no token shown',
    screenshot: 'connect-terminal',
    async run(context) {
      const wb = context.workbench;
      const running = (await wb.rows()).find((r) => /^session .+?, (idle|busy|started), created /.test(r.ariaLabel));
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
