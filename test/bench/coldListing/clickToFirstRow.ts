/**
 * Click to first application row, as a user sees it: code-server with the packaged extension
 * installed and not yet activated, headless Chromium, the local endpoint answering after 50 ms;
 * from the mouse press on the EMR Serverless icon of the activity bar to the first application
 * row in the DOM, both timed inside the page (one clock, no automation round trip).
 */
import * as path from 'path';
import { formatDuration } from '../../harness/loggedCommand';
import { UiEnvironment } from '../../ui/uiEnvironment';
import { BENCH_RESULTS_DIR } from '../benchPaths';

export const CLICK_LATENCY_MS = 50;
const ROW_TIMEOUT_MS = 60_000;

/** One fresh workbench's click to first row, in ms. */
export async function measureClickToFirstRow(run: number): Promise<number> {
  const started = Date.now();
  const env = await UiEnvironment.start({
    endpoint: { seed: 3, applications: 1, sessionsPerApplication: 10 },
    theme: 'dark',
    resultsDir: path.join(BENCH_RESULTS_DIR, `click-to-first-row-${run}`),
  });
  try {
    const name = env.endpoint.store.listApplications().find((a) => a.state !== 'TERMINATED')?.name;
    if (!name) {
      throw new Error('the local endpoint has no application');
    }
    env.endpoint.faults.inject({ operation: '*', kind: 'latency', latencyMs: CLICK_LATENCY_MS });
    const page = env.workbench.page;
    // In the page: the first mouse press, then the first application row in the side bar.
    await page.evaluate(`(() => {
      const marks = {};
      window.__emrClickMarks = marks;
      document.addEventListener('mousedown', () => (marks.pressed ??= performance.now()), true);
      const seen = () => [...document.querySelectorAll('.part.sidebar [role="treeitem"] .label-name')]
        .some((e) => e.textContent.trim() === ${JSON.stringify(name)});
      new MutationObserver((_, observer) => {
        if (marks.pressed !== undefined && seen()) {
          marks.row = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    const tab = page.locator('.activitybar').getByRole('tab', { name: 'EMR Serverless' });
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
    await page.waitForFunction('window.__emrClickMarks.row !== undefined', undefined, { timeout: ROW_TIMEOUT_MS });
    const marks = await page.evaluate<{ pressed: number; row: number }>('window.__emrClickMarks');
    console.log(`  click to first row ${run}: ${(marks.row - marks.pressed).toFixed(0)} ms, workbench and all in ${formatDuration(Date.now() - started)}`);
    return marks.row - marks.pressed;
  } finally {
    await env.close();
  }
}
