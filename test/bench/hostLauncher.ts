import * as fs from 'fs';
import * as path from 'path';
import { writeAwsProfile } from '../harness/awsProfile';
import type { CodeServerTools } from '../harness/codeServerInstall';
import { fromRoot } from '../harness/repoPaths';
import { TempDir } from '../harness/tempDir';
import { runInWorkbench } from '../harness/workbenchTestRun';
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

/**
 * Runs the extension-host part of the benchmark once, in a fresh code-server (and so a
 * fresh extension host), the way the integration suite runs (test/harness/workbenchTestRun.ts).
 * The results come back through a JSON file named in the host's environment.
 */
export async function runInExtensionHost<R extends { readonly extensionPath: string } = HostResults>(launch: HostLaunch): Promise<R> {
  if (!fs.existsSync(HOST_ENTRY)) {
    throw new Error(`${fromRoot(HOST_ENTRY)} is missing; compile with \`npx tsc -p .\``);
  }
  const automationLog = path.join(launch.logDir, 'automation.log');
  const temp = new TempDir('emr-bench-host');
  try {
    const resultsFile = temp.file('host-results.json');
    const profile = writeAwsProfile(temp.dir('aws'), DEFAULT_KEY_PAIR);
    const result = await runInWorkbench({
      tools: launch.tools,
      extensionDevelopmentPath: launch.extensionDir,
      extensionTestsPath: HOST_ENTRY,
      env: { ...profile.env, [HOST_RESULTS_ENV]: resultsFile, [HOST_MODE_ENV]: launch.mode },
      settings: localEndpointSettings(),
      outputDir: launch.logDir,
      timeoutMs: launch.timeoutMs,
    });
    if (result !== 0) {
      const why =
        result === 'timeout'
          ? `did not finish within ${launch.timeoutMs / 1000} s`
          : result === 'server exited'
            ? 'code-server exited during the run'
            : `the extension host exited with code ${result}`;
      throw new Error(`${why}${hostErrors(automationLog)}; workbench log: ${fromRoot(automationLog)}`);
    }
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as R;
    if (path.resolve(results.extensionPath) !== path.resolve(launch.extensionDir)) {
      throw new Error(`the extension host loaded the extension from ${results.extensionPath}, not ${launch.extensionDir}`);
    }
    return results;
  } finally {
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
