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
 * after the run, every file the server and the extension wrote is searched for both, and for
 * the session auth tokens and Spark UI URL tokens the local endpoint mints (by their prefix).
 *
 * Exits 0 when every test passed and no credential was found in a file, 1 otherwise.
 *
 * Environment: INTEGRATION_TIMEOUT_MS (default 300000), INTEGRATION_GREP (a mocha grep,
 * read by the suite itself inside the extension host).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DASHBOARD_TOKEN_PREFIX, SESSION_AUTH_TOKEN_PREFIX, SESSION_KEY_PAIR } from '../localEmr/server';
import { writeAwsProfile } from './awsProfile';
import { ensureCodeServer } from './codeServerInstall';
import { formatDuration } from './loggedCommand';
import { EXTENSION_BUNDLE, fromRoot, INTEGRATION_SUITE, REPO_ROOT, RESULTS_DIR } from './repoPaths';
import { scanForSecrets } from './secretScan';
import { TempDir } from './tempDir';
import { runInWorkbench } from './workbenchTestRun';
import { localEndpointSettings } from './workbenchSettings';

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);
const OUTPUT_DIR = path.join(RESULTS_DIR, 'integration');
/**
 * Whether a log line is VS Code's own record of a new terminal's environment, and holds the
 * session auth token only as the value of SPARK_REMOTE. VS Code's terminal host logs the
 * environment at debug and trace level: as JSON on the line of `PtyService#createProcess`,
 * `node-pty.IPty#spawn` or "Terminal process launching on remote agent", or, in code-server's
 * output, as one `SPARK_REMOTE: 'sc://…'` line of util.inspect. The token is there as the
 * Spark Connect string (SPARK_REMOTE, and the extensions' environment variable collections sent
 * with the request) and in VSCODE_ENV_REPLACE, with which shell integration sets the extension's
 * variables again after the shell's own startup files.
 */
function isVsCodeTerminalEnvironmentLine(line: string): boolean {
  const value = /["']sc:\/\/[^"']*["']|VSCODE_ENV_(?:REPLACE|PREPEND|APPEND)(?:":"|: ')[^"']*["']/g;
  if (/^\s*(?:\w+: 'sc:\/\/|VSCODE_ENV_(?:REPLACE|PREPEND|APPEND): ')[^']*',?$/.test(line)) {
    return true;
  }
  if (!/PtyService#createProcess|node-pty\.IPty#spawn|Terminal process launching on remote agent/.test(line)) {
    return false;
  }
  return !line.replace(value, '').includes(SESSION_AUTH_TOKEN_PREFIX);
}

async function main(): Promise<number> {
  for (const required of [EXTENSION_BUNDLE, INTEGRATION_SUITE]) {
    if (!fs.existsSync(required)) {
      throw new Error(`${fromRoot(required)} is missing; run \`npm run build\` first`);
    }
  }
  const tools = await ensureCodeServer();
  const aws = new TempDir('emr-aws');
  // Temporary credentials, so that the scan below looks for a secret key and a session token.
  const profile = writeAwsProfile(aws.path, SESSION_KEY_PAIR);
  const started = Date.now();
  let leaks: string[] = [];
  let tolerated: string[] = [];
  try {
    console.log(`running ${fromRoot(INTEGRATION_SUITE)} in code-server's extension host`);
    const result = await runInWorkbench({
      tools,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: INTEGRATION_SUITE,
      env: profile.env,
      settings: localEndpointSettings(),
      outputDir: OUTPUT_DIR,
      timeoutMs: TIMEOUT_MS,
      logLevel: 'trace',
      onLog: (level, text) => {
        // mocha's report arrives as info lines and is printed whole. The workbench runs at
        // trace level (for the credentials scan); its trace and debug lines go to
        // automation.log only, and error lines are cut to their first line (offline, each
        // failed marketplace query logs a long stack trace).
        if (level !== 'trace' && level !== 'debug') {
          console.log(level === 'error' ? firstLine(text) : text);
        }
      },
      afterRun: (server) => {
        const scan = scanForSecrets([server.dataDir, OUTPUT_DIR], {
          'the secret access key': { needle: SESSION_KEY_PAIR.secretAccessKey },
          'the session token': { needle: SESSION_KEY_PAIR.sessionToken ?? '' },
          // Minted by the endpoint inside the extension host: found by their prefix. At debug and
          // trace level, VS Code's terminal host itself logs each new terminal's environment
          // (`SPARK_REMOTE: 'sc://…'`), which the extension cannot prevent; those lines are
          // counted apart, and any other line with a token fails the run.
          'a session auth token (Spark Connect)': { needle: SESSION_AUTH_TOKEN_PREFIX, toleratedLine: isVsCodeTerminalEnvironmentLine },
          'a Spark UI URL token': { needle: DASHBOARD_TOKEN_PREFIX },
        });
        leaks = scan.found;
        tolerated = scan.tolerated;
      },
    });
    if (leaks.length > 0) {
      console.error(`credentials were written to files during the run:\n  ${leaks.join('\n  ')}`);
      return 1;
    }
    if (tolerated.length > 0) {
      console.log(`VS Code's own debug logs of new terminals' environments hold SPARK_REMOTE (not written by the extension):\n  ${tolerated.join('\n  ')}`);
    }
    console.log(`no file written during the run holds the secret access key, the session token, a Spark UI URL token, or a session auth token${tolerated.length > 0 ? " outside VS Code's own terminal-environment lines" : ''}`);
    if (result === 0) {
      console.log(`integration suite passed in ${formatDuration(Date.now() - started)}`);
      return 0;
    }
    if (result === 'timeout') {
      console.error(`integration suite did not finish within ${TIMEOUT_MS / 1000} s (INTEGRATION_TIMEOUT_MS)`);
    } else if (result === 'server exited') {
      console.error(`code-server exited during the run; its output is in ${fromRoot(path.join(OUTPUT_DIR, 'code-server.log'))}`);
    } else {
      console.error(`integration suite failed: extension host exit code ${result}`);
    }
    console.error(`workbench log: ${fromRoot(path.join(OUTPUT_DIR, 'automation.log'))}`);
    return 1;
  } finally {
    aws.remove();
  }
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline < 0 ? text : `${text.slice(0, newline)} […]`;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
