import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { format } from 'util';
import { writeAwsProfile } from '../harness/awsProfile';
import { launchChromium } from '../harness/chromium';
import { CodeServer } from '../harness/codeServer';
import type { CodeServerTools } from '../harness/codeServerInstall';
import { fromRoot } from '../harness/repoPaths';
import { TempDir } from '../harness/tempDir';
import { localEndpointSettings } from '../harness/workbenchSettings';
import { DEFAULT_KEY_PAIR } from '../localEmr/server';
import { HOST_ENTRY, HOST_MODE_ENV, HOST_RESULTS_ENV } from './benchPaths';
import type { HostMode, HostResults } from './hostResults';

export interface HostLaunch {
  readonly tools: CodeServerTools;
  /** The extension as installed from the .vsix: extensionDevelopmentPath. */
  readonly extensionDir: string;
  readonly mode: HostMode;
  /** Where this launch's code-server output and workbench log go. */
  readonly logDir: string;
  readonly timeoutMs: number;
}

interface WorkbenchLog {
  relativePath: string;
  contents: string;
}

/**
 * Runs the extension-host part of the benchmark once, in a fresh code-server (and so a
 * fresh extension host) opened by headless Chromium. As for the integration suite
 * (test/harness/runIntegrationTests.ts), the smoke-test driver makes the workbench load the
 * extension from `extensionDevelopmentPath` and run `extensionTestsPath` in the Node
 * extension host, and reports its log lines and exit code through two functions the page
 * exposes. The results come back through a JSON file named in the host's environment.
 */
export async function runInExtensionHost(launch: HostLaunch): Promise<HostResults> {
  if (!fs.existsSync(HOST_ENTRY)) {
    throw new Error(`${fromRoot(HOST_ENTRY)} is missing; compile with \`npx tsc -p .\``);
  }
  fs.rmSync(launch.logDir, { recursive: true, force: true });
  fs.mkdirSync(launch.logDir, { recursive: true });
  const automationLog = path.join(launch.logDir, 'automation.log');
  const temp = new TempDir('emr-bench-host');
  const resultsFile = temp.file('host-results.json');
  const profile = writeAwsProfile(temp.dir('aws'), DEFAULT_KEY_PAIR);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await CodeServer.start({
      tools: launch.tools,
      smokeTestDriver: true,
      env: { ...profile.env, [HOST_RESULTS_ENV]: resultsFile, [HOST_MODE_ENV]: launch.mode },
      settings: localEndpointSettings(),
      logFile: path.join(launch.logDir, 'code-server.log'),
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    let finish: (outcome: number | string) => void = () => undefined;
    const outcome = new Promise<number | string>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      fs.appendFileSync(automationLog, `[${level}] ${Array.isArray(args) ? format(...args) : String(args)}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: WorkbenchLog[]) => {
      for (const log of logs ?? []) {
        const file = path.join(launch.logDir, 'logs', log.relativePath);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, log.contents);
      }
      finish(code);
    });
    const timer = setTimeout(() => finish(`did not finish within ${launch.timeoutMs / 1000} s`), launch.timeoutMs);
    void server.exited.then(() => finish('code-server exited during the run'));
    await page.goto(
      server.workbenchUrl([
        ['extensionDevelopmentPath', server.remoteUri(launch.extensionDir)],
        ['extensionTestsPath', server.remoteUri(HOST_ENTRY)],
        ['skipWelcome', 'true'],
      ]),
    );
    const result = await outcome;
    clearTimeout(timer);
    if (result !== 0) {
      const why = typeof result === 'number' ? `the extension host exited with code ${result}` : result;
      throw new Error(`${why}${hostErrors(automationLog)}; workbench log: ${fromRoot(automationLog)}`);
    }
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostResults;
    if (path.resolve(results.extensionPath) !== path.resolve(launch.extensionDir)) {
      throw new Error(`the extension host loaded the extension from ${results.extensionPath}, not ${launch.extensionDir}`);
    }
    return results;
  } finally {
    await browser?.close();
    await server?.stop();
    temp.remove();
  }
}

/** The benchmark's own error lines from the workbench log, for the failure message. */
function hostErrors(automationLog: string): string {
  let text = '';
  try {
    text = fs.readFileSync(automationLog, 'utf8');
  } catch {
    return '';
  }
  const lines = text.split('\n').filter((line) => line.includes('[bench-host]') && !line.startsWith('[info]'));
  return lines.length > 0 ? `: ${lines.slice(0, 3).join(' | ')}` : '';
}
