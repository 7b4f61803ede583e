import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { format } from 'util';
import { launchChromium } from './chromium';
import { CodeServer } from './codeServer';
import type { CodeServerTools } from './codeServerInstall';

export interface WorkbenchTestRun {
  readonly tools: CodeServerTools;
  /** The extension's folder on this machine (the repository, or one unpacked from a .vsix). */
  readonly extensionDevelopmentPath: string;
  /** The compiled module whose `run()` the extension host calls. */
  readonly extensionTestsPath: string;
  /** Environment of code-server, and so of the extension host. */
  readonly env: NodeJS.ProcessEnv;
  readonly settings: Record<string, unknown>;
  /** Where code-server's output, the workbench log (automation.log) and the host's log files go. */
  readonly outputDir: string;
  readonly timeoutMs: number;
  /** The workbench's log level (`--log`). */
  readonly logLevel?: string;
  /** Each workbench log line as it arrives; mocha's report comes as info lines. */
  readonly onLog?: (level: string, text: string) => void;
  /** Runs after the suite ends, while the server is still up (to look at the files it wrote). */
  readonly afterRun?: (server: CodeServer) => void | Promise<void>;
}

/** The suite's exit code, or why there is none. */
export type WorkbenchOutcome = number | 'timeout' | 'server exited';

interface WorkbenchLog {
  relativePath: string;
  contents: string;
}

/**
 * Runs a test module inside code-server's real extension host, the way VS Code's own
 * browser integration tests do: code-server runs with the smoke-test driver, so the
 * workbench takes `extensionDevelopmentPath` and `extensionTestsPath` from its URL payload;
 * Chromium opens that URL; the workbench reports each log line through
 * `window.codeAutomationLog` and the exit code through `window.codeAutomationExit`.
 */
export async function runInWorkbench(run: WorkbenchTestRun): Promise<WorkbenchOutcome> {
  fs.rmSync(run.outputDir, { recursive: true, force: true });
  fs.mkdirSync(run.outputDir, { recursive: true });
  const automationLog = path.join(run.outputDir, 'automation.log');
  const server = await CodeServer.start({
    tools: run.tools,
    smokeTestDriver: true,
    ...(run.logLevel ? { logLevel: run.logLevel } : {}),
    env: run.env,
    settings: run.settings,
    logFile: path.join(run.outputDir, 'code-server.log'),
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let finish: (outcome: WorkbenchOutcome) => void = () => undefined;
    const outcome = new Promise<WorkbenchOutcome>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      fs.appendFileSync(automationLog, `[${level}] ${text}\n`);
      run.onLog?.(level, text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: WorkbenchLog[]) => {
      for (const log of logs ?? []) {
        const file = path.join(run.outputDir, 'logs', log.relativePath);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, log.contents);
      }
      finish(code);
    });
    page.on('pageerror', (err) => fs.appendFileSync(automationLog, `[page error] ${err.message}\n`));
    const timer = setTimeout(() => finish('timeout'), run.timeoutMs);
    void server.exited.then(() => finish('server exited'));
    await page.goto(
      server.workbenchUrl([
        ['extensionDevelopmentPath', server.remoteUri(run.extensionDevelopmentPath)],
        ['extensionTestsPath', server.remoteUri(run.extensionTestsPath)],
        ['skipWelcome', 'true'],
      ]),
    );
    const result = await outcome;
    clearTimeout(timer);
    await run.afterRun?.(server);
    return result;
  } finally {
    await browser?.close();
    await server.stop();
  }
}
