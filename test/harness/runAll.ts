/**
 * `npm test`: every layer of tests in turn, with the time each takes.
 *
 *   1. build and package: tsc, the production bundle and the .vsix (`npm run package`)
 *   2. lint: ESLint over the sources, the tests and the build scripts (`npm run lint`)
 *   3. code-server: Node 24 and code-server in .vscode-test/, installed on first use
 *   4. unit tests: mocha in plain Node (`npm run test:unit`, without compiling again)
 *   5. integration tests: the mocha suite inside code-server's extension host
 *   6. UI tests: the explorer story in Chromium against code-server with the .vsix, in the
 *      dark and the light theme, then the extension in VS Code's pseudo-locale
 *
 * When the build or the install fails, nothing else runs. Otherwise every test layer runs
 * even after one fails, and the exit code is non-zero when any layer failed.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { ensureCodeServer } from './codeServerInstall';
import { formatDuration } from './loggedCommand';
import { REPO_ROOT } from './repoPaths';

interface Layer {
  name: string;
  /** Whether the layers after it need it to pass. */
  prerequisite: boolean;
  run(): Promise<boolean>;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const layers: Layer[] = [
  { name: 'build and package', prerequisite: true, run: () => command(npm, ['run', 'package']) },
  { name: 'lint', prerequisite: false, run: () => command(npm, ['run', 'lint']) },
  {
    name: 'code-server',
    prerequisite: true,
    run: async () => {
      await ensureCodeServer();
      return true;
    },
  },
  // The build above compiled the tests; --ignore-scripts skips pretest:unit's second tsc run.
  { name: 'unit tests', prerequisite: false, run: () => command(npm, ['run', '--ignore-scripts', 'test:unit']) },
  {
    name: 'integration tests',
    prerequisite: false,
    run: () => command(process.execPath, [path.join('out', 'test', 'harness', 'runIntegrationTests.js')]),
  },
  {
    name: 'UI test (dark theme)',
    prerequisite: false,
    run: () => command(process.execPath, [path.join('out', 'test', 'ui', 'explorerStory.ui.js')]),
  },
  {
    name: 'UI test (light theme)',
    prerequisite: false,
    run: () => command(process.execPath, [path.join('out', 'test', 'ui', 'explorerStory.ui.js')], { UI_THEME: 'light' }),
  },
  {
    name: 'UI test (pseudo-locale)',
    prerequisite: false,
    run: () => command(process.execPath, [path.join('out', 'test', 'ui', 'pseudoLocale.ui.js')]),
  },
];

/** Runs a command in the repository root with this terminal; true when it exits 0. */
function command(program: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', (err) => {
      console.error(`${program}: ${err.message}`);
      resolve(false);
    });
    child.once('exit', (code) => resolve(code === 0));
  });
}

async function main(): Promise<number> {
  const results: Array<{ name: string; outcome: 'passed' | 'failed' | 'not run'; ms: number }> = [];
  let blocked = false;
  for (const layer of layers) {
    if (blocked) {
      results.push({ name: layer.name, outcome: 'not run', ms: 0 });
      continue;
    }
    console.log(`\n=== ${layer.name} ===`);
    const started = Date.now();
    let passed: boolean;
    try {
      passed = await layer.run();
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
      passed = false;
    }
    const ms = Date.now() - started;
    console.log(`=== ${layer.name}: ${passed ? 'passed' : 'FAILED'} in ${formatDuration(ms)} ===`);
    results.push({ name: layer.name, outcome: passed ? 'passed' : 'failed', ms });
    blocked = !passed && layer.prerequisite;
  }
  const width = Math.max(...results.map((r) => r.name.length));
  console.log('\nlayer'.padEnd(width + 3) + 'result   time');
  for (const r of results) {
    console.log(`${r.name.padEnd(width + 2)}${r.outcome.padEnd(9)}${r.outcome === 'not run' ? '' : formatDuration(r.ms)}`);
  }
  const failed = results.filter((r) => r.outcome !== 'passed').length;
  console.log(`layers: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
