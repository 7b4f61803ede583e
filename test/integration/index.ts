/**
 * Entry point of the integration suite, loaded by the extension host of desktop VS Code
 * (@vscode/test-electron) or of code-server (test/harness/runIntegrationTests.ts). It runs
 * every compiled `*.test.js` file beside it with mocha and rejects when any test fails,
 * which makes the host exit with a non-zero code.
 *
 * INTEGRATION_GREP in the host's environment runs only the tests whose title matches.
 */
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });
  if (process.env.INTEGRATION_GREP) {
    mocha.grep(process.env.INTEGRATION_GREP);
  }
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  }
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) {
          reject(new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`));
        } else {
          resolve();
        }
      });
    } catch (err) {
      // A test file that fails to load throws here, before any test runs.
      reject(err);
    }
  });
}
