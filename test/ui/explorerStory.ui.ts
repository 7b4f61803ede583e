/**
 * The EMR Serverless explorer as a user meets it, in a real browser: open the view, expand
 * an application, "Load more" twice, filter by state and by creation time through the quick
 * picks, copy a session ARN, refresh from the Command Palette, and recover from an
 * access-denied error with Retry. The steps are in explorerSteps.ts.
 *
 * Runs against a normal code-server with the packaged extension (`npm run package` first)
 * and a local endpoint started in this process. Screenshots go to test-results/ui/ (or
 * test-results/ui-light/ with UI_THEME=light). Exits non-zero when a step fails.
 */
import * as path from 'path';
import { RESULTS_DIR } from '../harness/repoPaths';
import { ExplorerContext, PAGE_SIZE, steps } from './explorerSteps';
import { connectSteps } from './connectSteps';
import { connectionSteps } from './connectionSteps';
import { keyboardSteps } from './keyboardSteps';
import { liveSessionSteps } from './liveSessionSteps';
import { findSteps } from './findSteps';
import { paginatorSteps } from './paginatorSteps';
import { proxySteps } from './proxySteps';
import { regionSteps, STORY_REGIONS } from './regionSteps';
import { runningNowSteps } from './runningNowSteps';
import { runStory } from './story';
import { UiEnvironment } from './uiEnvironment';

const APPLICATIONS = 3;
const SESSIONS_PER_APPLICATION = 45;

async function main(): Promise<number> {
  const theme = process.env.UI_THEME === 'light' ? 'light' : 'dark';
  const resultsDir = path.join(RESULTS_DIR, theme === 'light' ? 'ui-light' : 'ui');
  const environment = await UiEnvironment.start({
    endpoint: { seed: 7, applications: APPLICATIONS, sessionsPerApplication: SESSIONS_PER_APPLICATION, regions: STORY_REGIONS },
    settings: { 'emrServerless.pageSize': PAGE_SIZE, 'emrServerless.pollIntervalSeconds': 1 },
    theme,
    resultsDir,
  });
  try {
    environment.workbench.shotsDir = resultsDir;
    const context: ExplorerContext = {
      workbench: environment.workbench,
      endpoint: environment.endpoint,
      updateSettings: (changes) => environment.server.updateUserSettings(changes),
      filter: {},
    };
    const title = `explorer story (${theme} theme)`;
    // The live-session steps run while the endpoint setting still points at the local endpoint,
    // that is before the last step, which points it elsewhere.
    const last = steps.length - 1;
    // Connect runs while the session started by the first live step is still running.
    // The keyboard step follows the third page, while "Load more" is still there.
    // Running now, the proxy and Scan All Regions follow Find Session; each leaves one connection, its applications at the top.
    const story = [...steps.slice(0, 4), ...keyboardSteps, ...steps.slice(4, last), liveSessionSteps[0], ...connectSteps, ...liveSessionSteps.slice(1), ...connectionSteps, ...paginatorSteps, ...findSteps, ...runningNowSteps, ...proxySteps, ...regionSteps, ...steps.slice(last)];
    const result = await runStory(title, story, context, environment.workbench.page, resultsDir);
    return result.failed === 0 ? 0 : 1;
  } finally {
    await environment.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
