/**
 * The story's keyboard-only step: no pointer at all. Focus the view from the Command Palette,
 * move down the rows with the arrow keys, press Enter on "Load more" (the focus moves to the first
 * new session), open that session's context menu with Shift+F10, and copy its ARN, which the clipboard and the status bar then hold.
 * Refresh, from the Command Palette, then lists from the first page again.
 */
import { PAGE_SIZE, serverListing, type ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { waitUntil, type Workbench } from './workbench';

const MAX_PRESSES = 200;

/** The focused row of the view: its label and its position among its siblings (1-based). */
async function focusedRow(wb: Workbench): Promise<{ label: string; position: number; ariaLabel: string }> {
  // Read at once, without waiting: between key presses there may be no focused row for a moment.
  return wb.sideBar.evaluate((bar) => {
    const row = bar.querySelector('.monaco-list-row.focused');
    return {
      label: row?.querySelector('.label-name')?.textContent?.trim() ?? '',
      position: Number(row?.getAttribute('aria-posinset') ?? 0),
      ariaLabel: row?.getAttribute('aria-label') ?? '',
    };
  });
}

/** Presses `key` until `done` holds for the focused row. */
async function pressUntil(wb: Workbench, key: string, done: (row: Awaited<ReturnType<typeof focusedRow>>) => boolean, what: string): Promise<void> {
  for (let i = 0; i < MAX_PRESSES; i++) {
    if (done(await focusedRow(wb))) {
      return;
    }
    await wb.page.keyboard.press(key);
  }
  throw new Error(`${MAX_PRESSES} presses of ${key} did not reach ${what}; the focus is on ${JSON.stringify(await focusedRow(wb))}`);
}

export const keyboardSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'with the keyboard alone: focus the view, arrow down to "Load more", press Enter, open a session\'s menu with Shift+F10 and copy its ARN',
    screenshot: 'keyboard-copy-arn',
    async run(context) {
      const wb = context.workbench;
      const loadedBefore = 3 * PAGE_SIZE;
      await wb.page.mouse.move(0, 0);
      await wb.runCommand('EMR Serverless: Focus on Sessions View');
      await waitUntil(async () => (await wb.sideBar.locator('.monaco-list:focus-within').count()) > 0, 'the view to have the focus');
      await pressUntil(wb, 'ArrowDown', (row) => row.label === 'Load more', '"Load more"');
      const listed = context.endpoint.count('ListSessions');
      await wb.page.keyboard.press('Enter');
      await waitUntil(async () => context.endpoint.count('ListSessions') > listed, 'Enter to load the next page');
      await waitUntil(async () => (await wb.treeItem('Loading more…').count()) === 0, 'the next page to be shown');
      // The "Load more" row gives way to the new page, and the focus moves to its first session.
      let row = await focusedRow(wb);
      await waitUntil(async () => {
        row = await focusedRow(wb);
        return row.ariaLabel.startsWith('session ') && row.position === loadedBefore + 1;
      }, 'the focus to move to the first session of the new page').catch((error: unknown) => {
        throw new Error(`${String(error)}; the focus is on ${JSON.stringify(row)}`);
      });
      const session = serverListing(context)[row.position - 1];
      if (!session || (session.name ?? session.sessionId) !== row.label) {
        throw new Error(`the focused row ${JSON.stringify(row)} is not the listing's session at that position`);
      }
      await wb.page.keyboard.press('Shift+F10');
      const menu = wb.page.getByRole('menu');
      await menu.waitFor();
      const copyArn = wb.page.getByRole('menuitem', { name: 'Copy Session ARN' });
      for (let i = 0; i < 30 && !(await copyArn.evaluate((e) => e.closest('.focused') !== null)); i++) {
        await wb.page.keyboard.press('ArrowDown');
      }
      await wb.page.screenshot({ path: wb.shotPath('keyboard-context-menu') });
      await wb.page.keyboard.press('Enter');
      await waitUntil(async () => (await wb.clipboardText()) === session.arn, `the clipboard to hold ${session.arn}`);
      await wb.statusBarMessage(/Copied session ARN/).waitFor();
      // Back to the first page, from the Command Palette, as the later steps expect "Load more" to remain.
      await wb.runCommand('EMR Serverless: Refresh');
      await wb.treeItem('Load more').first().waitFor({ timeout: 20_000 });
    },
  },
];
