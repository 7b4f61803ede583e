/**
 * The story's connection steps: two connections in `emrServerless.connections` are two root
 * rows, each listing its own endpoint's applications when expanded; Remove Connection on one
 * takes its rows away, and the other connection's applications are the root rows again.
 */
import { LocalEmrServer } from '../localEmr/server';
import { VIEW_CONTAINER, type ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { waitUntil } from './workbench';

/** The second account's endpoint, while the steps run. */
let analytics: LocalEmrServer | undefined;

const SECOND = 'local-emr · eu-west-1';

async function applicationLabels(context: ExplorerContext): Promise<string[]> {
  return (await context.workbench.rows()).filter((r) => /, [A-Z]+, emr-\S+$/.test(r.ariaLabel)).map((r) => r.label);
}

export const connectionSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'list two connections in the settings: each is a root row, and expanding each lists its own applications',
    screenshot: 'connections',
    async run(context) {
      const wb = context.workbench;
      analytics = await LocalEmrServer.start({ seed: 8, applications: 2, sessionsPerApplication: 4 });
      context.updateSettings({
        'emrServerless.connections': [
          { profile: 'local-emr', region: 'us-east-1', endpoint: context.endpoint.url, label: 'prod' },
          { profile: 'local-emr', region: 'eu-west-1', endpoint: analytics.url },
        ],
      });
      await wb.reload();
      await wb.openViewContainer(VIEW_CONTAINER);
      await wb.treeItem(SECOND).waitFor({ timeout: 30_000 });
      if (analytics.requests.length > 0) {
        throw new Error('a connection that was not expanded was asked for its applications');
      }
      const wanted = [
        ...context.endpoint.store.listApplications().map((a) => a.name ?? a.id),
        ...analytics.store.listApplications().map((a) => a.name ?? a.id),
      ];
      // Expanded from the keyboard, which the tree's redraws cannot swallow as they can a click:
      // End and → open the last root row (the second connection); Home is "Running now", so
      // Home, ↓ and → open the first connection.
      await wb.runCommand('EMR Serverless: Focus on Sessions View');
      await waitUntil(async () => (await wb.sideBar.locator('.monaco-list:focus-within').count()) > 0, 'the view to have the focus');
      for (const key of ['End', 'ArrowRight', 'Home', 'ArrowDown', 'ArrowRight']) {
        await wb.page.keyboard.press(key);
        await wb.page.waitForTimeout(300);
      }
      await waitUntil(async () => (await applicationLabels(context)).length === wanted.length, 'both connections’ applications', 20_000);
      const shown = await applicationLabels(context);
      if (JSON.stringify([...shown].sort()) !== JSON.stringify([...wanted].sort())) {
        throw new Error(`applications shown ${JSON.stringify(shown)}, wanted ${JSON.stringify(wanted)}`);
      }
      await wb.waitForViewDescription('2 connections');
    },
  },
  {
    name: 'Remove Connection on a connection row: its rows go, and the other connection looks as a single one always did',
    screenshot: 'connection-removed',
    async run(context) {
      const wb = context.workbench;
      try {
        await wb.chooseFromContextMenu(wb.treeItem(SECOND), 'Remove Connection');
        await wb.treeItem(SECOND).waitFor({ state: 'detached', timeout: 20_000 });
        await waitUntil(async () => (await wb.treeItem('prod').count()) === 0, 'the single connection’s applications at the top');
        // The two samples share application names: what is left must be exactly the first endpoint's list.
        const ours = context.endpoint.store.listApplications().map((a) => a.name ?? a.id);
        const shown = await applicationLabels(context);
        if (JSON.stringify(shown) !== JSON.stringify(ours)) {
          throw new Error(`applications shown ${JSON.stringify(shown)}, wanted only the remaining connection's ${JSON.stringify(ours)}`);
        }
        await wb.waitForViewDescription('local-emr · us-east-1 · ');
        // The story's application open again, as the steps after this one expect it.
        await wb.expand(wb.treeItem(context.application!.label).first());
      } finally {
        // Back to the one-connection settings for the steps after this one.
        context.updateSettings({ 'emrServerless.connections': [] });
        await analytics?.close();
        analytics = undefined;
      }
    },
  },
];
