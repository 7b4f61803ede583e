/**
 * The story's live-session steps: start a session through the wizard and watch it become
 * IDLE without Refresh; select two sessions and terminate them with one confirmation.
 */
import type { ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { TreeRow, waitUntil } from './workbench';

const STORY_ROLE = 'arn:aws:iam::123456789012:role/StorySessionRole';
export const STORY_SESSION = 'story-session';

/** The state a screen reader hears for a session row ("session <name>, <state>, created …"), as the service names it. */
function stateOf(row: TreeRow): string {
  return (/^session .+?, ([a-z]+), created /.exec(row.ariaLabel)?.[1] ?? '').toUpperCase();
}

async function rowState(context: ExplorerContext, label: string): Promise<string> {
  const row = (await context.workbench.rows()).find((r) => r.label === label);
  return row ? stateOf(row) : '';
}

export const liveSessionSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'start a session through the wizard from the application\'s menu, and watch it become IDLE without Refresh',
    screenshot: 'start-session-idle',
    async run(context) {
      const wb = context.workbench;
      const app = context.application!;
      await wb.chooseFromContextMenu(wb.treeItem(app.label).first(), 'Start Session…');
      // Started from the application's menu, the wizard skips the application step; its title names it.
      await wb.waitForQuickInputTitle(new RegExp(`Start Session on ${app.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Execution role`));
      await wb.typeInQuickInput(STORY_ROLE);
      await wb.page.screenshot({ path: wb.shotPath('start-session-role') });
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickInputTitle(/Session name/);
      await wb.typeInQuickInput(STORY_SESSION);
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickInputTitle(/Idle timeout/);
      await wb.typeInQuickInput('0');
      await wb.waitForQuickInputMessage(/whole number of minutes from 1 to 1440/);
      await wb.page.screenshot({ path: wb.shotPath('start-session-invalid-timeout') });
      await wb.typeInQuickInput('30');
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickInputTitle(/Spark properties/);
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickInputTitle(/Tags/);
      await wb.typeInQuickInput('team=data');
      await wb.page.keyboard.press('Enter');

      await wb.treeItem(STORY_SESSION).first().waitFor({ timeout: 20_000 });
      const started = context.endpoint.store.sessions(app.id).find((s) => s.name === STORY_SESSION);
      if (!started || started.executionRoleArn !== STORY_ROLE || started.idleTimeoutMinutes !== 30) {
        throw new Error(`StartSession did not carry the wizard's choices: ${JSON.stringify(started)}`);
      }
      const first = (await wb.rows()).find((r) => /^session .+, [a-z]+, created /.test(r.ariaLabel));
      if (first?.label !== STORY_SESSION) {
        throw new Error(`the new session is not the first session row: ${first?.label}`);
      }
      await wb.page.screenshot({ path: wb.shotPath('start-session-started') });
      const listed = context.endpoint.count('ListSessions');
      await waitUntil(async () => (await rowState(context, STORY_SESSION)) === 'IDLE', 'the new session to show IDLE', 40_000);
      if (context.endpoint.count('ListSessions') !== listed) {
        throw new Error('the row became IDLE through a new listing, not in place');
      }
      await wb.notification(/is ready/).first().waitFor({ timeout: 10_000 });
    },
  },
  {
    name: 'select two sessions, terminate them with one confirmation, and see both end',
    screenshot: 'terminate-two',
    async run(context) {
      const wb = context.workbench;
      const rows = (await wb.rows()).filter((r) => ['IDLE', 'BUSY'].includes(stateOf(r)));
      if (rows.length < 2) {
        throw new Error(`fewer than two running sessions are shown: ${rows.map((r) => r.ariaLabel).join(' | ')}`);
      }
      const [a, b] = rows.slice(0, 2).map((r) => r.label);
      await wb.treeItem(a).first().click();
      await wb.treeItem(b).first().click({ modifiers: ['Control'] });
      await waitUntil(
        async () => (await wb.treeItems().evaluateAll((els) => els.filter((e) => e.getAttribute('aria-selected') === 'true').length)) === 2,
        'two rows to be selected',
      );
      await wb.chooseFromContextMenu(wb.treeItem(b).first(), 'Terminate Session');
      const dialog = wb.page.locator('.monaco-dialog-box', { hasText: /Terminate 2 sessions\?/ });
      await dialog.waitFor();
      await wb.page.screenshot({ path: wb.shotPath('terminate-confirmation') });
      const confirm = dialog.getByRole('button', { name: 'Terminate' });
      await confirm.hover();
      await wb.page.waitForTimeout(300);
      await confirm.click();
      await dialog.waitFor({ state: 'detached' });
      await waitUntil(
        async () => ['TERMINATING', 'TERMINATED'].includes(await rowState(context, a)) && ['TERMINATING', 'TERMINATED'].includes(await rowState(context, b)),
        'both rows to show TERMINATING at once',
      );
      await waitUntil(
        async () => (await rowState(context, a)) === 'TERMINATED' && (await rowState(context, b)) === 'TERMINATED',
        'both rows to show TERMINATED without Refresh',
        40_000,
      );
      if (context.endpoint.count('TerminateSession') < 2) {
        throw new Error('TerminateSession was not sent for both sessions');
      }
    },
  },
];
