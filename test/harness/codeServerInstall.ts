import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { formatDuration, runLogged } from './loggedCommand';
import { CACHE_DIR, fromRoot } from './repoPaths';

/**
 * code-server is VS Code's real workbench in a browser with the real Node extension host
 * on the server: 4.139.1 is VS Code 1.139.1. It requires Node 24, which the harness takes
 * from the npm registry as a package, since no other download host is reachable.
 */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Debian packages the harness needs but does not install itself. */
export const APT_PREREQUISITES = 'apt-get install -y chromium libkrb5-dev pkg-config fonts-noto-cjk openssl';

export interface CodeServerTools {
  /** Folder of the Node 24 distribution (bin/node, include/node). */
  nodeDir: string;
  /** The Node 24 executable that runs code-server. */
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServerEntry: string;
}

/** Native modules that code-server's install compiles; without them the server fails late. */
const NATIVE_MODULES = [
  'kerberos/build/Release/kerberos.node',
  '@vscode/spdlog/build/Release/spdlog.node',
  '@vscode/sqlite3/build/Release/vscode-sqlite3.node',
];

/**
 * Makes sure Chromium, Node 24 and code-server are there, reusing `.vscode-test/` when the
 * versions match, and installing what is missing (code-server takes 3 to 5 minutes).
 */
export async function ensureCodeServer(): Promise<CodeServerTools> {
  requireChromium();
  const nodeDir = await ensureNode();
  const codeServerDir = await ensureCodeServerPackage(nodeDir);
  return {
    nodeDir,
    node: path.join(nodeDir, 'bin', 'node'),
    codeServerEntry: path.join(codeServerDir, 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** Throws, naming the apt-get command to run, when Debian's Chromium is missing. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing. Install the prerequisites with:\n  ${APT_PREREQUISITES}`);
  }
}

async function ensureNode(): Promise<string> {
  const dir = path.join(CACHE_DIR, `node-${NODE_MAJOR}`);
  const cached = nodeVersion(path.join(dir, 'bin', 'node'));
  if (cached?.startsWith(`v${NODE_MAJOR}.`)) {
    console.log(`using cached Node ${cached} in ${fromRoot(dir)}`);
    return dir;
  }
  if (process.platform !== 'linux') {
    throw new Error('the code-server harness runs on Linux only');
  }
  const pkg = `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}@${NODE_MAJOR}`;
  console.log(`installing Node ${NODE_MAJOR} (npm package ${pkg}, about 53 MB) into ${fromRoot(dir)}`);
  const staging = freshDir(`${dir}.partial`);
  await runLogged({
    label: `downloading ${pkg}`,
    command: 'npm',
    args: ['pack', '--silent', pkg],
    cwd: staging,
    env: process.env,
    logFile: path.join(CACHE_DIR, `node-${NODE_MAJOR}-install.log`),
  });
  const tarball = fs.readdirSync(staging).find((f) => f.endsWith('.tgz'));
  if (!tarball) {
    throw new Error(`npm pack ${pkg} produced no tarball in ${staging}`);
  }
  execFileSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: staging });
  fs.rmSync(path.join(staging, tarball));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  console.log(`installed Node ${nodeVersion(path.join(dir, 'bin', 'node'))} in ${fromRoot(dir)}`);
  return dir;
}

async function ensureCodeServerPackage(nodeDir: string): Promise<string> {
  const dir = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
  const problem = codeServerProblem(dir);
  if (!problem) {
    console.log(`using cached code-server ${CODE_SERVER_VERSION} in ${fromRoot(dir)}`);
    return dir;
  }
  requireBuildTools();
  console.log(`installing code-server ${CODE_SERVER_VERSION} into ${fromRoot(dir)} (${problem})`);
  console.log('  this compiles native modules (sqlite3, kerberos, spdlog) and takes 3 to 5 minutes');
  const logFile = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}-install.log`);
  console.log(`  full npm output: ${fromRoot(logFile)}`);
  const staging = freshDir(`${dir}.partial`);
  const started = Date.now();
  await runLogged({
    label: `installing code-server ${CODE_SERVER_VERSION}`,
    command: 'npm',
    args: ['install', '--global', '--prefix', staging, '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`],
    cwd: CACHE_DIR,
    env: {
      ...withoutNpmRunVariables(process.env),
      // Node 24 first on PATH: npm then runs on it, and so do the packages' build scripts.
      PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      // node-gyp compiles against the headers shipped in the Node package, not ones it
      // would otherwise download from nodejs.org.
      npm_config_nodedir: nodeDir,
      // npm 11 skips the install scripts of dependencies unless they are allowed, and
      // code-server's native modules are built by those scripts. Allowed for this one
      // install, into the cache only.
      npm_config_dangerously_allow_all_scripts: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    },
    logFile,
    heartbeatMs: 30_000,
    progress: npmProgress,
  });
  const stagedError = codeServerProblem(staging);
  if (stagedError) {
    throw new Error(`code-server install finished but is unusable: ${stagedError}; see ${fromRoot(logFile)}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  console.log(`installed code-server ${CODE_SERVER_VERSION} in ${formatDuration(Date.now() - started)}`);
  return dir;
}

/** Why the code-server install in `dir` cannot be used, or undefined when it can. */
function codeServerProblem(dir: string): string | undefined {
  const pkgDir = path.join(dir, 'lib', 'node_modules', 'code-server');
  let version: string;
  try {
    version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed yet';
  }
  if (version !== CODE_SERVER_VERSION) {
    return `found version ${version}`;
  }
  const modules = path.join(pkgDir, 'lib', 'vscode', 'node_modules');
  const missing = NATIVE_MODULES.filter((m) => !fs.existsSync(path.join(modules, m)));
  return missing.length > 0 ? `native modules were not built: ${missing.join(', ')}` : undefined;
}

/** Names a package whose install script starts, from npm's `--foreground-scripts` output. */
function npmProgress(line: string): string | undefined {
  const script = /^> (\S+@\S+) (preinstall|install|postinstall)$/.exec(line.trim());
  if (script) {
    return `running the ${script[2]} script of ${script[1]}`;
  }
  if (/^added \d+ packages/.test(line)) {
    return line.trim();
  }
  return undefined;
}

/** code-server's native modules need a C++ toolchain and the Kerberos headers. */
function requireBuildTools(): void {
  const missing = ['make', 'g++', 'python3', 'pkg-config'].filter((tool) => !onPath(tool));
  if (!fs.existsSync('/usr/include/krb5.h')) {
    missing.push('krb5.h');
  }
  if (missing.length > 0) {
    throw new Error(
      `building code-server needs ${missing.join(', ')}. Install them with:\n` +
        `  ${APT_PREREQUISITES} build-essential python3`,
    );
  }
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, tool)));
}

function nodeVersion(node: string): string | undefined {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function freshDir(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

if (require.main === module) {
  ensureCodeServer().then(
    (tools) => console.log(`code-server ready: ${fromRoot(tools.codeServerEntry)} on ${fromRoot(tools.node)}`),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}

/**
 * The environment without what `npm run`/`npm test` adds for its scripts. Those variables
 * describe the outer npm on the outer Node (npm_config_user_agent names Node 20, for one, and
 * code-server's install script refuses to build when it sees that), and would be taken as
 * settings by the npm that installs code-server.
 */
function withoutNpmRunVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD'),
  );
}
