/**
 * The EMR Serverless explorer as a user meets it, in a real browser: open the view from
 * the activity bar, see the applications, expand one and see its first page of sessions.
 *
 * Runs against a normal code-server with the packaged extension (`npm run package` first)
 * and a local endpoint started in this process. Screenshots go to test-results/ui/ (or
 * test-results/ui-light/ with UI_THEME=light). Exits non-zero when a step fails.
 */
import * as path from 'path';
import { RESULTS_DIR } from '../harness/repoPaths';
import { LocalEmrServer } from '../localEmr/server';
import { runStory, Step } from './story';
import { UiEnvironment } from './uiEnvironment';
import { Workbench } from './workbench';

const VIEW_CONTAINER = 'EMR Serverless';
const APPLICATIONS = 3;
const SESSIONS_PER_APPLICATION = 45;
const PAGE_SIZE = 20;

/** An application row: "<name or id> <STATE> · <TYPE> · <release label>". */
const APPLICATION_ROW = /^.+ [A-Z_]+ · [A-Z]+ · emr-\S+$/;
/** A session row: "<name or id> <STATE> · <age> ago". */
const SESSION_ROW = /^.+ [A-Z_]+ · .+ ago$/;

interface ExplorerContext {
  workbench: Workbench;
  endpoint: LocalEmrServer;
  /** The application the story expands. */
  application?: { id: string; label: string };
}

/** What an application's row reads: label (name, else id), then "STATE · TYPE · release". */
function applicationRow(app: { id: string; name?: string; state: string; type: string; releaseLabel: string }): string {
  return `${app.name ?? app.id} ${app.state} · ${app.type} · ${app.releaseLabel}`;
}

const steps: Array<Step<ExplorerContext>> = [
  {
    name: `open the ${VIEW_CONTAINER} view from the activity bar and see the applications`,
    screenshot: 'applications',
    async run(context) {
      await context.workbench.openViewContainer(VIEW_CONTAINER);
      await context.workbench.resizeSideBar(560);
      const listed = context.endpoint.store.listApplications();
      const expected = listed.map(applicationRow);
      const rows = (await context.workbench.waitForRows(APPLICATION_ROW, expected.length)).map((row) => row.text);
      const missing = expected.filter((row) => !rows.includes(row));
      if (missing.length > 0) {
        throw new Error(`application rows ${JSON.stringify(missing)} not shown; rows: ${JSON.stringify(rows)}`);
      }
      context.application = { id: listed[0].id, label: listed[0].name ?? listed[0].id };
      console.log(`      ${rows.join(' | ')}`);
    },
  },
  {
    name: 'expand an application and see its first page of sessions',
    screenshot: 'sessions',
    async run(context) {
      const application = context.application!;
      await context.workbench.expand(context.workbench.treeItem(application.label));
      const rows = await context.workbench.waitForRows(SESSION_ROW, PAGE_SIZE);
      const labels = new Set(context.endpoint.store.sessions(application.id).map((s) => s.name ?? s.sessionId));
      const strangers = rows.filter((row) => !labels.has(row.label)).map((row) => row.text);
      if (strangers.length > 0) {
        throw new Error(`rows that are not sessions of ${application.label}: ${JSON.stringify(strangers)}`);
      }
      console.log(`      ${rows.slice(0, 3).map((row) => row.text).join(' | ')} … (${rows.length} sessions)`);
    },
  },
];

async function main(): Promise<number> {
  const theme = process.env.UI_THEME === 'light' ? 'light' : 'dark';
  const resultsDir = path.join(RESULTS_DIR, theme === 'light' ? 'ui-light' : 'ui');
  const environment = await UiEnvironment.start({
    endpoint: { seed: 7, applications: APPLICATIONS, sessionsPerApplication: SESSIONS_PER_APPLICATION },
    settings: { 'emrServerless.pageSize': PAGE_SIZE },
    theme,
    resultsDir,
  });
  try {
    const context: ExplorerContext = {
      workbench: environment.workbench,
      endpoint: environment.endpoint,
    };
    const title = `explorer story (${theme} theme)`;
    const result = await runStory(title, steps, context, environment.workbench.page, resultsDir);
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
