/**
 * Runs the integration suite (out/test/integration/index.js) inside the real extension
 * host of code-server, the way VS Code's own browser integration tests do:
 *
 *   - code-server runs with VS Code's smoke-test driver enabled, so that the workbench
 *     takes `extensionDevelopmentPath` and `extensionTestsPath` from its URL payload;
 *   - Chromium opens that URL; the workbench loads the extension from the repository and
 *     runs the suite in the Node extension host on the server;
 *   - the workbench reports each log line through `window.codeAutomationLog` and the
 *     suite's exit code through `window.codeAutomationExit`, both exposed by Playwright.
 *
 * The extension host signs with temporary credentials (a secret key and a session token);
 * after the run, every file the server and the extension wrote is searched for both.
 *
 * Exits 0 when every test passed and no credential was found in a file, 1 otherwise.
 *
 * Environment: INTEGRATION_TIMEOUT_MS (default 300000), INTEGRATION_GREP (a mocha grep,
 * read by the suite itself inside the extension host).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { format } from 'util';
import { SESSION_KEY_PAIR } from '../localEmr/server';
import { writeAwsProfile } from './awsProfile';
import { findSecrets } from './secretScan';
import { launchChromium } from './chromium';
import { CodeServer } from './codeServer';
import { ensureCodeServer } from './codeServerInstall';
import { formatDuration } from './loggedCommand';
import { EXTENSION_BUNDLE, fromRoot, INTEGRATION_SUITE, REPO_ROOT, RESULTS_DIR } from './repoPaths';
import { TempDir } from './tempDir';
import { localEndpointSettings } from './workbenchSettings';

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);
const OUTPUT_DIR = path.join(RESULTS_DIR, 'integration');

interface WorkbenchLog {
  relativePath: string;
  contents: string;
}

async function main(): Promise<number> {
  for (const required of [EXTENSION_BUNDLE, INTEGRATION_SUITE]) {
    if (!fs.existsSync(required)) {
      throw new Error(`${fromRoot(required)} is missing; run \`npm run build\` first`);
    }
  }
  const tools = await ensureCodeServer();
  fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const aws = new TempDir('emr-aws');
  // Temporary credentials, so that the scan below looks for a secret key and a session token.
  const profile = writeAwsProfile(aws.path, SESSION_KEY_PAIR);
  const started = Date.now();
  const server = await CodeServer.start({
    tools,
    smokeTestDriver: true,
    logLevel: 'trace',
    env: profile.env,
    settings: localEndpointSettings(),
    logFile: path.join(OUTPUT_DIR, 'code-server.log'),
  });
  console.log(`code-server ${server.url} ready in ${formatDuration(Date.now() - started)}`);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let finish: (outcome: number | 'timeout' | 'server exited') => void = () => undefined;
    const outcome = new Promise<number | 'timeout' | 'server exited'>((resolve) => (finish = resolve));
    let workbenchLogs: WorkbenchLog[] = [];
    const automationLog = path.join(OUTPUT_DIR, 'automation.log');
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      fs.appendFileSync(automationLog, `[${level}] ${text}\n`);
      // The extension host's console (mocha's report) arrives here as info lines and is
      // printed whole. Error lines are printed up to their first line: offline, the
      // workbench logs each failed marketplace query with a long stack trace. Their full
      // text is in automation.log.
      // The workbench runs at trace level (for the credentials scan); its trace and debug
      // lines go to automation.log only.
      if (level !== 'trace' && level !== 'debug') {
        console.log(level === 'error' ? firstLine(text) : text);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: WorkbenchLog[]) => {
      workbenchLogs = logs ?? [];
      finish(code);
    });
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
      ['extensionTestsPath', server.remoteUri(INTEGRATION_SUITE)],
      ['skipWelcome', 'true'],
    ];
    console.log(`running ${fromRoot(INTEGRATION_SUITE)} in code-server's extension host`);
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
    void server.exited.then(() => finish('server exited'));
    await page.goto(server.workbenchUrl(payload));
    const result = await outcome;
    clearTimeout(timer);
    saveWorkbenchLogs(workbenchLogs);
    const leaks = findSecrets([server.dataDir, OUTPUT_DIR], {
      'the secret access key': SESSION_KEY_PAIR.secretAccessKey,
      'the session token': SESSION_KEY_PAIR.sessionToken ?? '',
    });
    if (leaks.length > 0) {
      console.error(`credentials were written to files during the run:\n  ${leaks.join('\n  ')}`);
      return 1;
    }
    console.log('no file written during the run holds the secret access key or the session token');
    if (result === 0) {
      console.log(`integration suite passed in ${formatDuration(Date.now() - started)}`);
      return 0;
    }
    if (result === 'timeout') {
      console.error(`integration suite did not finish within ${TIMEOUT_MS / 1000} s (INTEGRATION_TIMEOUT_MS)`);
    } else if (result === 'server exited') {
      console.error(`code-server exited during the run; its output:\n${server.logTail()}`);
    } else {
      console.error(`integration suite failed: extension host exit code ${result}`);
    }
    console.error(`workbench log: ${fromRoot(automationLog)}; code-server output: ${fromRoot(server.logFile)}`);
    return 1;
  } finally {
    await browser?.close();
    await server.stop();
    aws.remove();
  }
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline < 0 ? text : `${text.slice(0, newline)} […]`;
}

/** Keeps the workbench's and extension host's log files for a look after a run. */
function saveWorkbenchLogs(logs: WorkbenchLog[]): void {
  for (const log of logs) {
    const file = path.join(OUTPUT_DIR, 'logs', log.relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, log.contents);
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
