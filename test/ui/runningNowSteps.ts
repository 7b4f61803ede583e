/**
 * The story's "Running now" step: the collapsed root row above the applications, expanded from
 * the keyboard, lists every active session of every application, each naming its application;
 * Terminate Session from a row's context menu, confirmed, ends that session, and its row leaves
 * on the next poll. Collapsed again, it asks the service nothing more.
 */
import { ACTIVE_SESSION_STATES } from '../../src/model/sessionStates';
import type { ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { TreeRow, waitUntil } from './workbench';

/** A row under "Running now", as a screen reader hears it: "session <name or id>, <state>, created <age>…, in <application>". */
const RUNNING_ROW = /^session .+?, ([a-z]+), created .*, in (.+)$/;

/** "<session label> · <application label>" for each row under "Running now", sorted. */
function shownRunning(rows: TreeRow[]): string[] {
  return rows.flatMap((r) => {
    const where = RUNNING_ROW.exec(r.ariaLabel)?.[2];
    return where === undefined ? [] : [`${r.label} · ${where}`];
  }).sort();
}

/** The same, from the endpoint's own store: every active session of every application. */
function storeRunning(context: ExplorerContext): string[] {
  const store = context.endpoint.store;
  return store
    .listApplications()
    .flatMap((a) => store.listSessions(a.id, { states: [...ACTIVE_SESSION_STATES] }).map((s) => `${s.name ?? s.sessionId} · ${a.name ?? a.id}`))
    .sort();
}

/** The side bar's width in pixels from the "Running now" step on. */
const WIDE_SIDE_BAR = 560;

export const runningNowSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'expand "Running now" and see every active session of every application, each naming its application; terminate one from its menu and see it leave on the next poll',
    screenshot: 'running-now',
    async run(context) {
      const wb = context.workbench;
      const runningNow = wb.treeItem('Running now').first();
      // Wide enough to read each row's application; it stays so for the rest of the story.
      await wb.resizeSideBar(WIDE_SIDE_BAR);
      // From the keyboard, which the tree's redraws cannot swallow: Home is "Running now", → opens it.
      await wb.runCommand('EMR Serverless: Focus on Sessions View');
      await waitUntil(async () => (await wb.sideBar.locator('.monaco-list:focus-within').count()) > 0, 'the view to have the focus');
      await wb.page.keyboard.press('Home');
      await wb.page.waitForTimeout(300);
      await wb.page.keyboard.press('ArrowRight');
      await waitUntil(async () => (await runningNow.getAttribute('aria-expanded')) === 'true', '"Running now" to expand');

      let shown: string[] = [];
      let wanted: string[] = [];
      let count = '';
      // The rows are exactly the store's active sessions, and the row above counts them.
      const matchesStore = async () => {
        shown = shownRunning(await wb.rows());
        wanted = storeRunning(context);
        count = await wb.rowDescription('Running now');
        return JSON.stringify(shown) === JSON.stringify(wanted) && count === `${wanted.length} active`;
      };
      await waitUntil(matchesStore, 'the rows under "Running now" to be the store\'s active sessions', 20_000).catch(() => {
        throw new Error(`"Running now" rows differ from the store's active sessions (the row reads "${count}"):\n shown  ${JSON.stringify(shown)}\n wanted ${JSON.stringify(wanted)}`);
      });
      const applications = new Set(wanted.map((w) => w.slice(w.lastIndexOf(' · ') + 3)));
      if (applications.size < 2) {
        throw new Error(`the sample's active sessions are in fewer than two applications: ${JSON.stringify([...applications])}`);
      }
      // Each row shows its application after its age, not only to a screen reader.
      const rows = (await wb.rows()).filter((r) => RUNNING_ROW.test(r.ariaLabel));
      const unnamed = rows.filter((r) => !r.description.endsWith(` · ${RUNNING_ROW.exec(r.ariaLabel)![2]}`));
      if (unnamed.length > 0) {
        throw new Error(`rows under "Running now" that do not show their application: ${JSON.stringify(unnamed.map((r) => r.text))}`);
      }
      await wb.page.screenshot({ path: wb.shotPath('running-now-expanded') });

      // An idle session of an application other than the story's, through its own row's menu.
      const target = rows.find((r) => RUNNING_ROW.exec(r.ariaLabel)![1] === 'idle' && !r.ariaLabel.endsWith(`, in ${context.application!.label}`));
      if (!target) {
        throw new Error(`no idle session of another application under "Running now": ${JSON.stringify(rows.map((r) => r.ariaLabel))}`);
      }
      const where = RUNNING_ROW.exec(target.ariaLabel)![2];
      const row = wb.treeItems().filter({ has: wb.page.locator('.label-name').getByText(target.label, { exact: true }) }).and(wb.page.locator(`[aria-label$=", in ${where}"]`));
      const terminated = context.endpoint.count('TerminateSession');
      const dialog = wb.page.locator('.monaco-dialog-box', { hasText: `Terminate session ${target.label}?` });
      // The poll redraws these rows every second, which can close the menu as it is clicked:
      // then no dialog comes, nothing was sent, and the menu is opened again.
      for (let attempt = 1; ; attempt++) {
        await wb.chooseFromContextMenu(row.first(), 'Terminate Session');
        if (await dialog.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
          break;
        }
        if (attempt === 3 || context.endpoint.count('TerminateSession') !== terminated) {
          throw new Error(`no confirmation came after Terminate Session on ${target.label} (${attempt} tries)`);
        }
      }
      await wb.page.screenshot({ path: wb.shotPath('running-now-terminate-confirmation') });
      const confirm = dialog.getByRole('button', { name: 'Terminate' });
      // Like menus, the dialog ignores a click that lands while it is still opening.
      await confirm.hover();
      await wb.page.waitForTimeout(300);
      await confirm.click();
      await dialog.waitFor({ state: 'detached' });
      await waitUntil(async () => context.endpoint.count('TerminateSession') > terminated, 'TerminateSession to reach the service');
      const gone = `${target.label} · ${where}`;
      if (storeRunning(context).includes(gone)) {
        throw new Error(`${gone} is still active in the service after Terminate`);
      }
      // Gone on a poll, without Refresh; the other rows stay the store's active sessions.
      await waitUntil(async () => (await matchesStore()) && !shown.includes(gone), `${gone} to leave "Running now"`, 20_000).catch(() => {
        throw new Error(`after Terminate, "Running now" rows differ from the store's active sessions (the row reads "${count}"):\n shown  ${JSON.stringify(shown)}\n wanted ${JSON.stringify(wanted)}`);
      });
      // Left expanded for the screenshot; the next step collapses it.
    },
  },
  {
    name: 'collapse "Running now": it asks the service nothing more',
    async run(context) {
      const wb = context.workbench;
      const runningNow = wb.treeItem('Running now').first();
      await wb.runCommand('EMR Serverless: Focus on Sessions View');
      await waitUntil(async () => (await wb.sideBar.locator('.monaco-list:focus-within').count()) > 0, 'the view to have the focus');
      await wb.page.keyboard.press('Home');
      await wb.page.waitForTimeout(300);
      await wb.page.keyboard.press('ArrowLeft');
      await waitUntil(async () => (await runningNow.getAttribute('aria-expanded')) === 'false', '"Running now" to collapse');
      await waitUntil(async () => shownRunning(await wb.rows()).length === 0, 'its rows to go');
      // A round under way may still end; then, over three poll intervals (1 s each), nothing.
      await wb.page.waitForTimeout(1_500);
      // Its requests are the ListSessions that ask for the five active states.
      const before = context.endpoint.requests.length;
      await wb.page.waitForTimeout(3_000);
      const sent = context.endpoint.requests.slice(before).filter((r) => r.operation === 'ListSessions' && (r.states ?? []).length === ACTIVE_SESSION_STATES.length);
      if (sent.length > 0) {
        throw new Error(`collapsed, "Running now" still sent ${sent.length} ListSessions requests for the active states`);
      }
    },
  },
];
