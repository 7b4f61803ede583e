import * as fs from 'fs';
import * as readline from 'readline';
import { ProcessGroup } from './processGroup';

export interface LoggedCommandOptions {
  /** What the command does, for progress lines ("installing code-server 4.139.1"). */
  label: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives the command's full output (stdout and stderr). */
  logFile: string;
  /** A progress line is printed at least this often while the command runs. */
  heartbeatMs?: number;
  /** Turns a line of output into a progress message worth printing, or undefined. */
  progress?: (line: string) => string | undefined;
  /** How many lines of the log to print when the command fails. */
  tailLines?: number;
}

/**
 * Runs a long command with its whole output going to a log file, printing short
 * progress lines (and a heartbeat with the elapsed time) instead. When it fails, the
 * end of the log is printed and the returned promise rejects.
 */
export async function runLogged(options: LoggedCommandOptions): Promise<void> {
  const started = Date.now();
  const elapsed = () => formatDuration(Date.now() - started);
  const log = fs.createWriteStream(options.logFile);
  const group = ProcessGroup.spawn(options.label, options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastProgress = '';
  for (const stream of [group.child.stdout, group.child.stderr]) {
    if (!stream) {
      continue;
    }
    stream.pipe(log, { end: false });
    readline.createInterface({ input: stream }).on('line', (line) => {
      const message = options.progress?.(line);
      if (message && message !== lastProgress) {
        lastProgress = message;
        console.log(`  [${elapsed()}] ${message}`);
      }
    });
  }
  const heartbeat = setInterval(
    () => console.log(`  [${elapsed()}] still ${options.label}…`),
    options.heartbeatMs ?? 20_000,
  );
  let code: number | null;
  try {
    code = await group.exited;
  } finally {
    clearInterval(heartbeat);
    await group.stop();
    await new Promise<void>((resolve) => log.end(resolve));
  }
  if (code !== 0) {
    const tail = fs.readFileSync(options.logFile, 'utf8').trimEnd().split('\n').slice(-(options.tailLines ?? 40));
    console.error(`${options.label} failed (exit code ${code}) after ${elapsed()}; last lines of ${options.logFile}:`);
    console.error(tail.map((l) => `  | ${l}`).join('\n'));
    throw new Error(`${options.label} failed (exit code ${code})`);
  }
  console.log(`  [${elapsed()}] done ${options.label}`);
}

/** "4.2 s" or "3 m 05 s". */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} m ${String(whole % 60).padStart(2, '0')} s`;
}
