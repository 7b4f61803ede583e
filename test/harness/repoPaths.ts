import * as path from 'path';

/** The repository root: compiled files live in out/test/harness, three levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Tools the harness installs (Node 24, code-server) and their logs; git-ignored. */
export const CACHE_DIR = path.join(REPO_ROOT, '.vscode-test');

/** Screenshots and other artefacts of a test run; git-ignored. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/** The packaged extension, built by `npm run package`. */
export const VSIX_PATH = path.join(REPO_ROOT, 'dist', 'emr-serverless-sessions.vsix');

/** The bundled extension that `npm run build` and `npm run package` produce. */
export const EXTENSION_BUNDLE = path.join(REPO_ROOT, 'dist', 'extension.js');

/** Entry point of the integration suite, compiled from test/integration/index.ts. */
export const INTEGRATION_SUITE = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');

/** The command-line front end of the local EMR Serverless endpoint. */
export const LOCAL_EMR_CLI = path.join(REPO_ROOT, 'out', 'test', 'localEmr', 'cli.js');

/** Path relative to the repository root, for messages. */
export function fromRoot(p: string): string {
  return path.relative(REPO_ROOT, p) || '.';
}
