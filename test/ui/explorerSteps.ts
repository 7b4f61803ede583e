import type { SessionSummary } from '../localEmr/server';
import { LocalEmrServer } from '../localEmr/server';
import type { Step } from './story';
import { TreeRow, waitUntil, Workbench } from './workbench';

export const VIEW_CONTAINER = 'EMR Serverless';
export const PAGE_SIZE = 10;

/** An application row, as a screen reader hears it: "application <name or id>, <state>, <type>, <release label>". */
const APPLICATION_ROW = /^application .+, [a-z]+, [A-Za-z]+, emr-\S+(, \d+ active sessions?)?$/;
/**
 * A session row, as a screen reader hears it: "session <name or id>, <state>, created <age>",
 * and for a running session ", ends in <span>" (", ends within <span>" before the idle timeout is known).
 */
const SESSION_ROW = /^session (.+), ([a-z]+|state unknown), created (\d+ (minutes?|hours?|days?|months?|years?) ago|just now)(, ends (in|within) (\d+ (minutes?|hours?|days?)|less than a minute)|, due to end now)?$/;
/** A session row's description: its age, after the state where the icon spins. */
const SESSION_DESCRIPTION = /^((SUBMITTED|STARTING|TERMINATING) · )?(\d+ (min|h|d|mo|y) ago|just now)$/;

export interface ExplorerContext {
  workbench: Workbench;
  endpoint: LocalEmrServer;
  /** Edits the user's settings.json. */
  updateSettings(changes: Record<string, unknown>): void;
  /** The application the story expands. */
  application?: { id: string; label: string };
  /** The filter the server should be applying now, to compute what must be shown. */
  filter: { states?: string[]; createdAtAfter?: Date };
}

function applicationRow(app: { id: string; name?: string; state: string; type: string; releaseLabel: string }): string {
  return `application ${app.name ?? app.id}, ${app.state.toLowerCase()}, ${app.type}, ${app.releaseLabel}`;
}

/** The state a session row stands for (as the service names it), from what a screen reader hears. */
function stateOf(row: TreeRow): string {
  return (SESSION_ROW.exec(row.ariaLabel)?.[2] ?? '').toUpperCase();
}

function sessionLabel(s: SessionSummary): string {
  return s.name ?? s.sessionId;
}

/** The sessions the server lists for the story's application under the current filter. */
export function serverListing(context: ExplorerContext): SessionSummary[] {
  return context.endpoint.store.listSessions(context.application!.id, context.filter);
}

/** Checks that the shown session rows are exactly the first `count` of the server's listing, in order. */
async function expectSessionPrefix(context: ExplorerContext, count: number): Promise<TreeRow[]> {
  const expected = serverListing(context).slice(0, count);
  const rows = await context.workbench.waitForRows(SESSION_ROW, expected.length);
  const shown = rows.map((r) => `${r.label} ${stateOf(r)}`);
  const wanted = expected.map((s) => `${sessionLabel(s)} ${s.state}`);
  if (JSON.stringify(shown) !== JSON.stringify(wanted)) {
    throw new Error(`session rows differ from the server's listing:\n shown  ${JSON.stringify(shown)}\n wanted ${JSON.stringify(wanted)}`);
  }
  return rows;
}

async function loadMore(context: ExplorerContext, expectedTotal: number): Promise<void> {
  const before = context.endpoint.count('ListSessions');
  await context.workbench.clickRow('Load more');
  await expectSessionPrefix(context, expectedTotal);
  const sent = context.endpoint.count('ListSessions') - before;
  if (sent !== 1) {
    throw new Error(`"Load more" sent ${sent} ListSessions requests; expected exactly 1`);
  }
}

export const steps: Array<Step<ExplorerContext>> = [
  {
    name: `open the ${VIEW_CONTAINER} view from the activity bar and see the applications`,
    screenshot: 'applications',
    async run(context) {
      const wb = context.workbench;
      // The side bar keeps its default width throughout: what a new user sees.
      await wb.openViewContainer(VIEW_CONTAINER);
      const listed = context.endpoint.store.listApplications();
      const expected = listed.map(applicationRow);
      const shown = await wb.waitForRows(APPLICATION_ROW, expected.length);
      const missing = expected.filter((row) => !shown.some((r) => r.ariaLabel === row));
      if (missing.length > 0) {
        throw new Error(`application rows ${JSON.stringify(missing)} not shown; rows: ${JSON.stringify(shown.map((r) => r.ariaLabel))}`);
      }
      const cut = shown.filter((r) => r.cut).map((r) => r.text);
      if (cut.length > 0) {
        throw new Error(`application rows cut off at the default width: ${JSON.stringify(cut)}`);
      }
      const releases = new Set(listed.map((a) => a.releaseLabel));
      const repeated = shown.filter((r) => releases.size === 1 && r.description.includes(listed[0].releaseLabel));
      if (repeated.length > 0) {
        throw new Error(`the release every application shares is repeated on rows: ${JSON.stringify(repeated.map((r) => r.text))}`);
      }
      const actions = await wb.viewActionTitles();
      if (actions.includes('Filter by Creation Time…') || actions.length > 4) {
        // Filter by State, Refresh, Collapse All and the "..." menu leave the view's name whole.
        throw new Error(`the view title holds too many inline actions: ${JSON.stringify(actions)}`);
      }
      context.application = { id: listed[0].id, label: listed[0].name ?? listed[0].id };
      // The top of the view names the whole connection: profile, Region, endpoint.
      await context.workbench.waitForViewDescription(`local-emr · us-east-1 · ${context.endpoint.url}`);
    },
  },
  {
    name: 'expand an application and see its first page of sessions, then "Load more"',
    screenshot: 'sessions',
    async run(context) {
      await context.workbench.expand(context.workbench.treeItem(context.application!.label));
      const rows = await expectSessionPrefix(context, PAGE_SIZE);
      const unexpected = rows.filter((r) => !SESSION_DESCRIPTION.test(r.description) || r.description.startsWith(stateOf(r)) !== /SUBMITTED|STARTING|TERMINATING/.test(stateOf(r)));
      if (unexpected.length > 0) {
        throw new Error(`session rows should show their age, after the state only where the icon spins: ${JSON.stringify(unexpected.map((r) => r.text))}`);
      }
      await context.workbench.treeItem('Load more').waitFor();
      const description = await context.workbench.rowDescription('Load more');
      if (description !== `${PAGE_SIZE} sessions loaded`) {
        throw new Error(`"Load more" reads "${description}"`);
      }
    },
  },
  {
    name: 'click "Load more" and see the next page appended, with no duplicates',
    screenshot: 'load-more-1',
    run: (context) => loadMore(context, 2 * PAGE_SIZE),
  },
  {
    name: 'click "Load more" again',
    screenshot: 'load-more-2',
    async run(context) {
      await loadMore(context, 3 * PAGE_SIZE);
      // The README's picture: the activity bar and the side bar, at its default width.
      const wb = context.workbench;
      const box = await wb.sideBar.boundingBox();
      if (box) {
        // Away from the rows, so that no hover highlight is in the picture.
        await wb.page.mouse.move(box.x + box.width + 400, box.y + box.height - 50);
        await wb.page.screenshot({ path: wb.shotPath('readme-side-bar'), clip: { x: 0, y: 0, width: box.x + box.width, height: box.y + box.height } });
      }
    },
  },
  {
    name: 'filter by state through the quick pick (IDLE and BUSY) and see only matching sessions',
    screenshot: 'filter-states',
    async run(context) {
      const wb = context.workbench;
      await wb.clickViewAction('Filter by State…');
      await wb.toggleQuickPickItems(['IDLE', 'BUSY']);
      await wb.page.screenshot({ path: wb.shotPath('filter-states-picker') });
      // Enter right after the clicks, as a user would: the first try applies the filter.
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickPickClosed();
      context.filter = { states: ['IDLE', 'BUSY'] };
      const rows = await expectSessionPrefix(context, Math.min(PAGE_SIZE, serverListing(context).length));
      const strangers = rows.filter((r) => !['IDLE', 'BUSY'].includes(stateOf(r)));
      if (strangers.length > 0) {
        throw new Error(`rows outside the filter: ${JSON.stringify(strangers.map((r) => r.ariaLabel))}`);
      }
      await wb.waitForViewDescription('Filtered: IDLE, BUSY');
      await wb.waitForViewDescription('listed state by state');
      const actions = await wb.viewActionTitles();
      if (actions.length > 4) {
        throw new Error(`while filtered, the view title holds too many inline actions: ${JSON.stringify(actions)}`);
      }
    },
  },
  {
    name: 'filter by creation time with a custom range; an invalid date is explained and not sent',
    screenshot: 'filter-created',
    async run(context) {
      const wb = context.workbench;
      const sent = context.endpoint.count('ListSessions');
      await wb.chooseFromViewMenu('Filter by Creation Time…');
      await wb.chooseQuickPickItem('Custom range…');
      await wb.waitForQuickInputTitle(/created after/);
      await wb.typeInQuickInput('2026-02-30');
      await wb.waitForQuickInputMessage(/has no day 30/);
      await wb.page.screenshot({ path: wb.shotPath('filter-created-invalid') });
      const after = new Date(context.endpoint.clock.now() - 30 * 86_400_000);
      const afterText = after.toISOString().slice(0, 10);
      await wb.typeInQuickInput(afterText);
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickInputTitle(/created before/);
      await wb.typeInQuickInput('');
      await wb.page.keyboard.press('Enter');
      if (context.endpoint.requests.slice(sent).some((r) => r.createdAtAfter?.startsWith('2026-02-30'))) {
        throw new Error('an invalid date reached the service');
      }
      context.filter = { ...context.filter, createdAtAfter: new Date(`${afterText}T00:00:00Z`) };
      await expectSessionPrefix(context, Math.min(PAGE_SIZE, serverListing(context).length));
      await wb.waitForViewDescription(`Filtered: IDLE, BUSY · since ${afterText}`);
    },
  },
  {
    name: 'right-click a session, "Copy Session ARN", and find it on the clipboard',
    screenshot: 'copy-arn',
    async run(context) {
      const first = serverListing(context)[0];
      await context.workbench.chooseFromContextMenu(context.workbench.treeItem(sessionLabel(first)).first(), 'Copy Session ARN');
      await waitUntil(async () => (await context.workbench.clipboardText()) === first.arn, `the clipboard to hold ${first.arn}`);
      await context.workbench.statusBarMessage(/Copied session ARN/).waitFor();
    },
  },
  {
    name: 'right-click an application, "Copy Application ID", and find it on the clipboard',
    screenshot: 'copy-application-id',
    async run(context) {
      const wb = context.workbench;
      await wb.chooseFromContextMenu(wb.treeItem(context.application!.label).first(), 'Copy Application ID');
      await waitUntil(async () => (await wb.clipboardText()) === context.application!.id, `the clipboard to hold ${context.application!.id}`);
      await wb.statusBarMessage(/Copied application ID/).waitFor();
    },
  },
  {
    name: 'click a session and see its details in a tab named after the session and its application, not their ids',
    screenshot: 'session-details',
    async run(context) {
      const wb = context.workbench;
      const session = serverListing(context).find((s) => s.name) ?? serverListing(context)[0];
      await wb.treeItem(sessionLabel(session)).first().click();
      const wanted = `${session.name ?? session.sessionId} · ${context.application!.label}.json`;
      let title = '';
      await waitUntil(async () => (title = await wb.activeTabTitle()) === wanted, `the details tab titled ${wanted}`).catch((err: Error) => {
        throw new Error(`${err.message}; the tab reads "${title}"`);
      });
    },
  },
  {
    name: 'run "EMR Serverless: Refresh" from the Command Palette; the application stays expanded',
    screenshot: 'refresh',
    async run(context) {
      const apps = context.endpoint.count('ListApplications');
      const sessions = context.endpoint.count('ListSessions');
      await context.workbench.runCommand('EMR Serverless: Refresh');
      await waitUntil(async () => context.endpoint.count('ListSessions') > sessions, 'the expanded application to reload');
      if (context.endpoint.count('ListApplications') !== apps + 1) {
        throw new Error('refresh did not reload the applications exactly once');
      }
      await expectSessionPrefix(context, Math.min(PAGE_SIZE, serverListing(context).length));
    },
  },
  {
    name: 'see an error node with Retry when the service denies access, and recover with Retry',
    screenshot: 'retried',
    async run(context) {
      const wb = context.workbench;
      context.endpoint.faults.inject({ operation: 'ListSessions', kind: 'accessDenied' });
      await wb.clickRowAction(context.application!.label, 'Refresh Sessions');
      const errorRow = wb.treeItem('Access denied: emr-serverless:ListSessions');
      await errorRow.waitFor();
      await wb.treeItem('Retry').waitFor();
      await wb.treeItem('Show Log').waitFor();
      await wb.page.screenshot({ path: wb.shotPath('access-denied') });
      context.endpoint.faults.clear();
      await wb.treeItem('Retry').click();
      await expectSessionPrefix(context, Math.min(PAGE_SIZE, serverListing(context).length));
      await errorRow.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'a dropped connection lists no applications; once Retry succeeds, the expanded application comes back expanded',
    screenshot: 'expanded-after-error',
    async run(context) {
      const wb = context.workbench;
      context.endpoint.faults.inject({ operation: 'ListApplications', kind: 'dropConnection' });
      await wb.runCommand('EMR Serverless: Refresh');
      const retry = wb.treeItem('Retry');
      await retry.waitFor({ timeout: 30_000 });
      await wb.page.screenshot({ path: wb.shotPath('connection-error') });
      context.endpoint.faults.clear();
      await retry.click();
      const app = wb.treeItem(context.application!.label).first();
      await app.waitFor();
      await waitUntil(async () => (await app.getAttribute('aria-expanded')) === 'true', 'the application to come back expanded');
      await expectSessionPrefix(context, Math.min(PAGE_SIZE, serverListing(context).length));
    },
  },
  {
    name: 'after ten empty pages with a token a row says no sessions were found yet, and Keep Looking finds them',
    screenshot: 'keep-looking-found',
    async run(context) {
      const wb = context.workbench;
      // Empty pages until the row shows: a listing of the application still under way from the
      // step before may take some of them, and then starts again from the first page.
      context.endpoint.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 1000 });
      const sent = context.endpoint.count('ListSessions');
      await wb.runCommand('EMR Serverless: Refresh');
      const row = wb.treeItem('No sessions found yet');
      await row.waitFor();
      context.endpoint.faults.clear();
      if ((await wb.rowDescription('No sessions found yet')) !== 'click to keep looking') {
        throw new Error('the row does not offer to keep looking');
      }
      const requests = context.endpoint.count('ListSessions') - sent;
      if (requests < 10) {
        throw new Error(`expected at least 10 empty pages before stopping, got ${requests}`);
      }
      await wb.page.screenshot({ path: wb.shotPath('keep-looking') });
      await wb.clickRow('No sessions found yet');
      await expectSessionPrefix(context, Math.min(PAGE_SIZE, serverListing(context).length));
      await row.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'a session named with Markdown, HTML and a command link shows that name as plain text',
    screenshot: 'hostile-name',
    async run(context) {
      const wb = context.workbench;
      const hostile = '[run me](command:workbench.action.terminal.new) <b>bold</b>';
      context.endpoint.store.addSession(context.application!.id, { name: hostile, stateDetails: hostile, state: 'IDLE' });
      await wb.clickRowAction(context.application!.label, 'Refresh Sessions');
      const row = wb.treeItem(hostile).first();
      await row.waitFor();
      if ((await row.locator('a[href], b').count()) > 0) {
        throw new Error('the row rendered a link or HTML from the session name');
      }
    },
  },
  {
    name: 'set the region to us-east-9, where EMR Serverless is not offered, and see a warning that says so',
    screenshot: 'unknown-region',
    async run(context) {
      const wb = context.workbench;
      context.updateSettings({ 'emrServerless.region': 'us-east-9' });
      // A settings file edited from outside is read when the window loads.
      await wb.reload();
      const warning = wb.notification(/"us-east-9" is not a Region where EMR Serverless is offered/);
      // The workbench usually reopens the view by itself, which activates the extension.
      if (!(await warning.waitFor({ timeout: 10_000 }).then(() => true, () => false))) {
        await wb.openViewContainer(VIEW_CONTAINER);
        await warning.waitFor({ timeout: 30_000 });
      }
      await wb.waitForViewDescription('local-emr · us-east-9 · ');
      await wb.page.screenshot({ path: wb.shotPath('unknown-region-warning') });
      context.updateSettings({ 'emrServerless.region': 'us-east-1' });
    },
  },
  {
    name: 'with the endpoint set to plain http on another host, a confirmation comes first, and Cancel sends nothing',
    screenshot: 'plain-http',
    async run(context) {
      const wb = context.workbench;
      context.updateSettings({ 'emrServerless.endpoint': 'http://emr-serverless.invalid:4599' });
      await wb.reload();
      const dialog = wb.page.locator('.monaco-dialog-box', { hasText: /uses plain HTTP/ });
      // The workbench usually reopens the view by itself, which asks at once; otherwise open it.
      const asked = await dialog.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (!asked) {
        await wb.openViewContainer(VIEW_CONTAINER);
        await dialog.waitFor({ timeout: 30_000 });
      }
      await wb.page.screenshot({ path: wb.shotPath('plain-http-confirmation') });
      const cancel = dialog.getByRole('button', { name: 'Cancel' });
      // Like menus, the dialog ignores a click that lands while it is still opening.
      await cancel.hover();
      await wb.page.waitForTimeout(300);
      await cancel.click();
      await dialog.waitFor({ state: 'detached' });
      await wb.treeItem('Plain HTTP endpoint not confirmed').waitFor();
    },
  },
];
