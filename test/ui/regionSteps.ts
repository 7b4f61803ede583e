/**
 * The story's Region step: Scan All Regions from the Command Palette offers the Regions that
 * hold applications, with an opt-in Region that is not enabled on its own row, and adds the
 * checked ones as connections, one root row each; removed from the settings, they go again.
 */
import { VIEW_CONTAINER, type ExplorerContext } from './explorerSteps';
import type { Step } from './story';
import { waitUntil } from './workbench';

/** The Regions the story's endpoint holds applications in, besides its own (see explorerStory.ui.ts). */
export const STORY_REGIONS = {
  'eu-west-1': { applications: 2 },
  'ap-northeast-1': { applications: 1 },
  // The unknown-Region step sets the Region to us-east-9, and the story goes on with the sample
  // until the Region set back to us-east-1 has been read.
  'us-east-9': { sameAsMain: true },
};

/** The opt-in Region the step makes answer as one the account has not enabled. */
const NOT_ENABLED = 'eu-south-1';

/** A connection row, as a screen reader hears it: "connection <name>, <detail>". */
const CONNECTION_ROW = /^connection /;

export const regionSteps: Array<Step<ExplorerContext>> = [
  {
    name: 'Scan All Regions from the Command Palette, with an opt-in Region not enabled, adds the Regions found as connection rows',
    screenshot: 'regions-added',
    async run(context) {
      const wb = context.workbench;
      const own = context.endpoint.store.region;
      // us-east-9 is no Region of the partition: not scanned.
      const found = Object.keys(STORY_REGIONS).filter((r) => r !== 'us-east-9');
      context.endpoint.faults.inject({ operation: 'ListApplications', kind: 'regionNotEnabled', region: NOT_ENABLED });
      try {
        await wb.runCommand('EMR Serverless: Scan All Regions');
        await wb.waitForQuickInputTitle(/Scan All Regions/);
        await wb.quickPickRows(`${NOT_ENABLED} is not enabled for this account`).first().waitFor({ timeout: 30_000 });
        // Every Region with applications is offered: the new ones checked, the one listed already not.
        for (const region of [own, ...found]) {
          const row = wb.page.locator('.quick-input-widget .monaco-list-row', { has: wb.page.locator('.label-name').getByText(region, { exact: true }) }).first();
          await row.waitFor();
          const checked = (await row.getAttribute('aria-checked')) === 'true';
          if (checked !== (region !== own)) {
            throw new Error(`${region} is ${checked ? '' : 'not '}checked in the Scan All Regions list: ${(await row.textContent()) ?? ''}`);
          }
        }
        await wb.page.screenshot({ path: wb.shotPath('scan-all-regions') });
        await wb.acceptQuickPick();
        await wb.waitForQuickPickClosed();
        // One root row per connection: the one the tree showed until then, then each Region added.
        const rows = await wb.waitForRows(CONNECTION_ROW, 1 + found.length, { timeout: 30_000 });
        for (const region of [own, ...found]) {
          if (!rows.some((r) => r.ariaLabel.includes(region))) {
            throw new Error(`no connection row for ${region}: ${JSON.stringify(rows.map((r) => r.ariaLabel))}`);
          }
        }
        if (rows.some((r) => r.ariaLabel.includes(NOT_ENABLED))) {
          throw new Error(`${NOT_ENABLED}, which is not enabled, was added as a connection`);
        }
        await wb.waitForViewDescription(`${1 + found.length} connections`);
      } finally {
        context.endpoint.faults.clear();
      }
    },
  },
  {
    name: 'with the added connections removed from the settings, the applications are the root rows again',
    async run(context) {
      const wb = context.workbench;
      // Back to the one-connection settings for the steps after this one; the window reads a
      // settings file edited from outside when it loads.
      context.updateSettings({ 'emrServerless.connections': [] });
      await wb.reload();
      await wb.openViewContainer(VIEW_CONTAINER);
      await waitUntil(async () => {
        const rows = await wb.rows();
        return rows.some((r) => r.ariaLabel.startsWith(`application ${context.application!.label},`)) && !rows.some((r) => CONNECTION_ROW.test(r.ariaLabel));
      }, 'the applications at the top again', 20_000);
    },
  },
];
