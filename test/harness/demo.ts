/**
 * `npm run demo [-- --port 8080]`: the extension in a browser against a local
 * EMR Serverless endpoint with a realistic sample (6 applications: two STARTED with 300
 * sessions each, a STOPPED one with ended sessions, and a HIVE application, one with
 * sessions disabled and one on an older release without any; a few sessions change state
 * as time goes on).
 *
 * Builds the .vsix, starts the endpoint, starts code-server with the extension installed
 * and its settings pointing at the endpoint through a throwaway AWS profile (the user's
 * own ~/.aws is neither read nor changed), and prints the URL to open. Ctrl+C stops
 * everything.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { DEFAULT_KEY_PAIR } from '../localEmr/server';
import { type AwsProfileFiles, LOCAL_PROFILE, shellExports, writeAwsProfile } from './awsProfile';
import { CodeServer } from './codeServer';
import { ensureCodeServer } from './codeServerInstall';
import { ProcessGroup } from './processGroup';
import { CACHE_DIR, fromRoot, LOCAL_EMR_CLI, REPO_ROOT, VSIX_PATH } from './repoPaths';
import { TempDir } from './tempDir';
import { localEndpointSettings } from './workbenchSettings';

const DEFAULT_PORT = 8080;
const SAMPLE = ['--applications', '6', '--sessions', '300', '--seed', '7', '--churn'];

async function main(): Promise<void> {
  const port = portArgument(process.argv.slice(2)) ?? DEFAULT_PORT;
  console.log('building the extension package…');
  await build();
  const tools = await ensureCodeServer();
  const logDir = path.join(CACHE_DIR, 'demo');
  fs.mkdirSync(logDir, { recursive: true });
  const endpointLog = path.join(logDir, 'local-emr.log');
  const endpoint = await startEndpoint(endpointLog);
  console.log(`local EMR Serverless endpoint ${endpoint.url} (requests logged to ${fromRoot(endpointLog)})`);
  const aws = new TempDir('emr-demo-aws');
  const profile = writeAwsProfile(aws.path, DEFAULT_KEY_PAIR);
  const server = await CodeServer.start({
    tools,
    port,
    vsix: VSIX_PATH,
    env: profile.env,
    settings: localEndpointSettings(endpoint.url),
    logFile: path.join(logDir, 'code-server.log'),
  });
  if (server.port !== port) {
    console.log(`port ${port} is busy; using ${server.port}`);
  }
  console.log(`\nOpen ${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
  console.log('and pick "EMR Serverless" in the activity bar. Ctrl+C stops everything.\n');
  console.log(awsCliHint(profile, endpoint.url));
  // Stopping either process ends the demo; Ctrl+C stops both through their signal hooks.
  const stopped = await Promise.race([
    server.exited.then(() => 'code-server'),
    endpoint.group.exited.then(() => 'the local endpoint'),
  ]);
  console.error(`${stopped} exited; see ${fromRoot(logDir)}`);
  await server.stop();
  await endpoint.group.stop();
  aws.remove();
  process.exit(1);
}

/**
 * How to run a command the extension copies (Copy as AWS CLI Command, Copy as Python) in a
 * terminal: its `--profile local-emr` lives in the demo's own files, which shellExports names.
 * The files hold the endpoint's fake keys; the keys are not printed.
 */
function awsCliHint(profile: AwsProfileFiles, endpointUrl: string): string {
  return [
    `The copied AWS CLI and boto3 commands use the profile ${LOCAL_PROFILE}, from the demo's own AWS files. In a terminal:`,
    ...shellExports(profile).map((line) => `  ${line}`),
    `  aws emr-serverless list-applications --profile ${LOCAL_PROFILE} --endpoint-url ${endpointUrl}`,
    '',
  ].join('\n');
}

function portArgument(args: string[]): number | undefined {
  const index = args.indexOf('--port');
  if (index < 0) {
    return undefined;
  }
  const port = Number(args[index + 1]);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`--port needs a port number, got ${args[index + 1]}`);
  }
  return port;
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run package failed (exit code ${code})`))));
  });
}

/** Starts the endpoint's CLI and waits for its one stdout line `listening on <url>`. */
async function startEndpoint(logFile: string): Promise<{ url: string; group: ProcessGroup }> {
  const log = fs.openSync(logFile, 'w');
  const group = ProcessGroup.spawn('local EMR endpoint', process.execPath, [LOCAL_EMR_CLI, '--port', '0', ...SAMPLE], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', log],
  });
  fs.closeSync(log);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the local endpoint did not start; see ${logFile}`)), 30_000);
    void group.exited.then((code) => reject(new Error(`the local endpoint exited (${code}); see ${logFile}`)));
    readline.createInterface({ input: group.child.stdout! }).on('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { url, group };
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
