/**
 * Runs the integration suite in desktop VS Code, downloaded by @vscode/test-electron,
 * for machines that can reach VS Code's download servers (`npm run test:desktop`).
 * Where they cannot be reached, `npm run test:integration` runs the same suite in
 * code-server instead.
 *
 * VSCODE_EXECUTABLE may name an installed VS Code to use instead of a download.
 */
import { runTests } from '@vscode/test-electron';
import { DEFAULT_KEY_PAIR } from '../localEmr/server';
import { writeAwsProfile } from './awsProfile';
import { INTEGRATION_SUITE, REPO_ROOT } from './repoPaths';
import { TempDir } from './tempDir';
import { localEndpointSettings, writeUserSettings } from './workbenchSettings';

async function main(): Promise<void> {
  const temp = new TempDir('emr-desktop-tests');
  try {
    const profile = writeAwsProfile(temp.dir('aws'), DEFAULT_KEY_PAIR);
    const userDataDir = temp.dir('user-data');
    writeUserSettings(userDataDir, localEndpointSettings());
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: INTEGRATION_SUITE,
      launchArgs: [
        temp.dir('workspace'),
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${temp.dir('extensions')}`,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
      // The extension host inherits this: only the harness's AWS profile is visible.
      extensionTestsEnv: stringValues(profile.env),
    });
  } finally {
    temp.remove();
  }
}

/**
 * runTests merges `extensionTestsEnv` into the inherited environment; a variable set to
 * undefined there is left out of the child's environment, which removes the user's AWS_*
 * variables, and the profile's own are added.
 */
function stringValues(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('AWS_')) {
      result[name] = undefined;
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('AWS_')) {
      result[name] = value;
    }
  }
  return result;
}

main().catch((err: Error) => {
  console.error(`desktop integration tests failed: ${err.message}`);
  console.error('(where VS Code cannot be downloaded, `npm run test:integration` runs the same suite in code-server)');
  process.exit(1);
});
