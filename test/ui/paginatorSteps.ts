/**
 * The story's paginator steps: Load All from "Load more", cancelled in its progress
 * notification, leaves a prefix of the listing with "Load more" still there; Copy as AWS CLI
 * Command on "Load more" copies a command that resumes where the rows end.
 */
import { parseStartingToken } from '../../src/model/startingToken';
import type { ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { waitUntil } from './workbench';

/** A session row, as a screen reader hears it: "session <name or id>, <state>, created <age>". */
const SESSION_ROW = /^session (.+), ([a-z]+|state unknown), created /;

async function shownSessions(context: ExplorerContext): Promise<string[]> {
  return (await context.workbench.rows()).filter((r) => SESSION_ROW.test(r.ariaLabel)).map((r) => r.label);
}

export const paginatorSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'Load All from the "Load more" row, cancelled in its notification, leaves a prefix of the listing and "Load more"',
    screenshot: 'load-all-cancelled',
    async run(context) {
      const wb = context.workbench;
      await wb.runCommand('EMR Serverless: Clear Filters');
      context.filter = {};
      // The tree draws only the rows in sight: scroll to its end, where "Load more" is.
      await wb.sideBar.getByRole('tree').hover();
      await wb.page.mouse.wheel(0, 100_000);
      await wb.treeItem('Load more').first().waitFor({ timeout: 20_000 });
      // Slow pages, so that there is time to cancel.
      context.endpoint.faults.inject({ operation: 'ListSessions', kind: 'latency', latencyMs: 1500, times: 20 });
      try {
        await wb.chooseFromContextMenu(wb.treeItem('Load more').first(), 'Load All');
        const notification = wb.notification(/Loading all sessions/).first();
        await notification.waitFor({ timeout: 10_000 });
        await wb.page.screenshot({ path: wb.shotPath('load-all-progress') });
        await notification.getByRole('button', { name: 'Cancel' }).click();
        await notification.waitFor({ state: 'detached', timeout: 20_000 });
      } finally {
        context.endpoint.faults.clear();
      }
      await wb.treeItem('Load more').first().waitFor({ timeout: 20_000 });
      const listed = context.endpoint.store.listSessions(context.application!.id, {}).map((s) => s.name ?? s.sessionId);
      let shown: string[] = [];
      await waitUntil(async () => {
        shown = await shownSessions(context);
        return shown.length > 0 && JSON.stringify(shown) === JSON.stringify(listed.slice(0, shown.length));
      }, 'the rows to be a prefix of the listing');
      if (shown.length >= listed.length) {
        throw new Error(`Cancel did not stop Load All: ${shown.length} of ${listed.length} sessions shown`);
      }
    },
  },
  {
    name: 'Copy as AWS CLI Command on "Load more" copies a command that resumes after the last row',
    screenshot: 'copy-cli-command',
    async run(context) {
      const wb = context.workbench;
      await wb.chooseFromContextMenu(wb.treeItem('Load more').first(), 'Copy as AWS CLI Command');
      let command = '';
      await waitUntil(async () => {
        command = await wb.clipboardText();
        return command.startsWith('aws emr-serverless list-sessions');
      }, 'the clipboard to hold the command');
      if (!command.includes(`--application-id ${context.application!.id} `) || !command.includes(`--endpoint-url ${context.endpoint.url}`)) {
        throw new Error(`the command lacks the application or the endpoint: ${command}`);
      }
      const token = /--starting-token (\S+)/.exec(command)?.[1];
      if (!token) {
        throw new Error(`the command has no --starting-token: ${command}`);
      }
      parseStartingToken(token);
    },
  },
];
