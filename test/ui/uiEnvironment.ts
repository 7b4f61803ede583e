import * as fs from 'fs';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { writeAwsProfile } from '../harness/awsProfile';
import { launchChromium } from '../harness/chromium';
import { CodeServer } from '../harness/codeServer';
import { ensureCodeServer } from '../harness/codeServerInstall';
import { formatDuration } from '../harness/loggedCommand';
import { fromRoot, VSIX_PATH } from '../harness/repoPaths';
import { TempDir } from '../harness/tempDir';
import { COLOR_THEMES, localEndpointSettings, ThemeKind } from '../harness/workbenchSettings';
import { DEFAULT_KEY_PAIR, LocalEmrOptions, LocalEmrServer } from '../localEmr/server';
import { Workbench } from './workbench';

export interface UiEnvironmentOptions {
  /** The data the local endpoint serves. */
  endpoint: LocalEmrOptions;
  /** Extra user settings (the extension's, such as `emrServerless.pageSize`). */
  settings?: Record<string, unknown>;
  /** The workbench's color theme: VS Code's default dark or light one. */
  theme: ThemeKind;
  /** Where screenshots, the server's output and browser console errors go. */
  resultsDir: string;
  /** The workbench's display language (`--locale`); English when unset. */
  locale?: string;
  /** Files copied into the installed extension (path inside it → source), e.g. a test translation. */
  extensionFiles?: Record<string, string>;
}

/**
 * Everything a UI story needs, as a user would have it: the local EMR Serverless endpoint
 * (in this process), a normal code-server with the packaged extension installed and its
 * settings pointing at the endpoint, and the workbench open in Chromium.
 */
export class UiEnvironment {
  private constructor(
    readonly endpoint: LocalEmrServer,
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly workbench: Workbench,
    private readonly aws: TempDir,
  ) {}

  static async start(options: UiEnvironmentOptions): Promise<UiEnvironment> {
    if (!fs.existsSync(VSIX_PATH)) {
      throw new Error(`${fromRoot(VSIX_PATH)} is missing; run \`npm run package\` first`);
    }
    const tools = await ensureCodeServer();
    fs.rmSync(options.resultsDir, { recursive: true, force: true });
    fs.mkdirSync(options.resultsDir, { recursive: true });
    const started = Date.now();
    const cleanups: Array<() => Promise<void> | void> = [];
    try {
      const endpoint = await LocalEmrServer.start(options.endpoint);
      cleanups.push(() => endpoint.close());
      const aws = new TempDir('emr-aws');
      cleanups.push(aws.remove);
      const profile = writeAwsProfile(aws.path, DEFAULT_KEY_PAIR);
      const server = await CodeServer.start({
        tools,
        vsix: VSIX_PATH,
        env: profile.env,
        settings: {
          ...localEndpointSettings(endpoint.url),
          'workbench.colorTheme': COLOR_THEMES[options.theme],
          ...options.settings,
        },
        logFile: path.join(options.resultsDir, 'code-server.log'),
        locale: options.locale,
        extensionFiles: options.extensionFiles,
      });
      cleanups.push(() => server.stop());
      const browser = await launchChromium();
      cleanups.push(() => browser.close());
      const workbench = await Workbench.open(browser, server, path.join(options.resultsDir, 'browser-console-errors.log'));
      console.log(
        `workbench ready in ${formatDuration(Date.now() - started)}: code-server ${server.url}, local endpoint ${endpoint.url}`,
      );
      return new UiEnvironment(endpoint, server, browser, workbench, aws);
    } catch (err) {
      await runAll(cleanups.reverse());
      throw err;
    }
  }

  /** Closes the browser, stops code-server and the endpoint, removes the AWS files. */
  async close(): Promise<void> {
    await runAll([() => this.browser.close(), () => this.server.stop(), () => this.endpoint.close(), this.aws.remove]);
  }
}

/** Runs every cleanup even when one fails, and reports the failures. */
async function runAll(cleanups: Array<() => Promise<void> | void>): Promise<void> {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (err) {
      console.error(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
