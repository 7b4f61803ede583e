import { ChildProcess, spawn, SpawnOptions } from 'child_process';

/**
 * A child process started as the leader of its own process group, so that it and
 * everything it starts (code-server's file watcher and extension host, npm's build
 * scripts) can be stopped together with one `kill(-pgid)`.
 *
 * The group is also killed when this process exits, and on SIGINT/SIGTERM (after which
 * this process exits with 128 + the signal number), so no test leaves a server behind.
 */
export class ProcessGroup {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the leader's exit code (or null when a signal ended it). */
  readonly exited: Promise<number | null>;
  private leaderAlive = true;

  private constructor(
    readonly name: string,
    child: ChildProcess,
  ) {
    if (child.pid === undefined) {
      throw new Error(`${name}: failed to start`);
    }
    this.child = child;
    this.pid = child.pid;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.leaderAlive = false;
        resolve(code);
      });
    });
    process.on('exit', this.killNow);
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** Spawns `command` detached, that is in a new session and process group. */
  static spawn(name: string, command: string, args: string[], options: SpawnOptions = {}): ProcessGroup {
    const child = spawn(command, args, { ...options, detached: true });
    const group = new ProcessGroup(name, child);
    child.once('error', (err) => console.error(`${name}: ${err.message}`));
    return group;
  }

  /** Whether any process of the group is still running. */
  isRunning(): boolean {
    try {
      process.kill(-this.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Asks the whole group to stop (SIGTERM), waits for the leader, then kills whatever
   * is left of the group (SIGKILL) and waits until none of it remains.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.detachHooks();
    this.signalGroup('SIGTERM');
    if (this.leaderAlive) {
      await Promise.race([this.exited, delay(graceMs)]);
    }
    const deadline = Date.now() + 3000;
    while (this.isRunning() && Date.now() < deadline) {
      this.signalGroup('SIGKILL');
      await delay(100);
    }
    if (this.isRunning()) {
      console.error(`${this.name}: process group ${this.pid} is still running after SIGKILL`);
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  }

  private detachHooks(): void {
    process.off('exit', this.killNow);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  private readonly killNow = (): void => {
    this.detachHooks();
    this.signalGroup('SIGKILL');
  };

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: stopping ${this.name} and exiting`);
    this.killNow();
    // Exiting runs the 'exit' hooks of every other group and temporary folder.
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
