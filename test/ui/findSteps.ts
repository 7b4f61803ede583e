/**
 * The story's Find Session step: open Find Session… from the view's `...` menu, type a state and
 * the start of a session id of an application whose later pages are not loaded, search all
 * pages from the list, choose the session, and see its row selected in the tree. Then Created by
 * Me from the same menu, shown checked there while it is on.
 */
import type { ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { waitUntil } from './workbench';

export const findSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'Find Session…: type a state and an id, search all pages, choose the session and see its row selected in the tree',
    screenshot: 'find-session-revealed',
    async run(context) {
      const wb = context.workbench;
      const store = context.endpoint.store;
      // A session on a late page of an application the story has not expanded.
      const app = store.applications().find((a) => a.id !== context.application?.id && store.listSessions(a.id, {}).length > 30);
      const target = app && store.listSessions(app.id, {})[30];
      if (!target) {
        throw new Error('the sample data has no second application with more than 30 sessions');
      }
      const label = target.name ?? target.sessionId;
      await wb.chooseFromViewMenu('Find Session…');
      await wb.page.keyboard.type(`${target.state.toLowerCase()} ${target.sessionId.slice(0, 8)}`, { delay: 40 });
      // Not loaded yet: the list offers to search all pages.
      const search = wb.quickPickRows('Search all pages…');
      await search.waitFor({ timeout: 10_000 });
      await wb.page.screenshot({ path: wb.shotPath('find-session-search') });
      await wb.page.keyboard.press('Enter');
      const found = wb.quickPickRows(target.sessionId.slice(0, 8)).filter({ hasText: label });
      await found.first().waitFor({ timeout: 30_000 });
      await wb.page.screenshot({ path: wb.shotPath('find-session-found') });
      const rowText = (await found.first().textContent()) ?? '';
      if (!rowText.includes(target.state) || !rowText.includes(app.name ?? app.id)) {
        throw new Error(`the row does not name the state and the application: ${rowText}`);
      }
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickPickClosed();
      const selected = wb.treeItem(label).and(wb.page.locator('[aria-selected="true"]'));
      await waitUntil(async () => (await selected.count()) === 1, `the row of ${label} to be selected in the tree`, 20_000);
      await selected.first().scrollIntoViewIfNeeded();
    },
  },
  {
    name: "Created by Me from the view's `...` menu: the menu shows it checked while it is on, and choosing it again turns it off",
    screenshot: 'created-by-me-off',
    async run(context) {
      const wb = context.workbench;
      await wb.chooseFromViewMenu('Created by Me');
      await wb.waitForViewDescription('created by me');
      await wb.sideBar.hover();
      await wb.sideBar.locator('.title-actions, .actions-container').getByRole('button', { name: /More Actions/ }).first().click();
      const checked = wb.page.getByRole('menuitem', { name: '✓ Created by Me', exact: true });
      await checked.waitFor();
      if ((await wb.page.getByRole('menuitem', { name: 'Created by Me', exact: true }).count()) > 0) {
        throw new Error('the menu offers "Created by Me" unchecked while the filter is on');
      }
      await wb.page.screenshot({ path: wb.shotPath('created-by-me-menu-checked') });
      await checked.hover();
      await wb.page.waitForTimeout(150);
      await checked.click();
      await checked.waitFor({ state: 'detached' });
      await waitUntil(
        async () => !((await wb.sideBar.locator('.message').first().textContent()) ?? '').includes('created by me'),
        'the header to drop "created by me"',
        10_000,
      );
    },
  },
];
