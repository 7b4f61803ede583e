/**
 * Runs a RecordingProxy in a process of its own, for tests inside VS Code's extension host:
 * there VS Code patches `http.request`, so a proxy in the same process would send the
 * absolute-URI requests it forwards back through the proxy setting under test, to itself.
 * Started with `fork`; sends `{ url }` once listening, then `{ line }` for each request.
 */
import { fork, type ChildProcess } from 'child_process';
import { RecordingProxy } from './recordingProxy';

/** The proxy process, seen from the test: its URL and its log, kept up to date. */
export class ProxyProcess {
  readonly log: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: { line?: string }) => {
      if (message.line) {
        this.log.push(message.line);
      }
    });
  }

  static start(): Promise<ProxyProcess> {
    const child = fork(__filename, ['--serve'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the proxy process exited with ${code}`)));
      child.once('message', (message: { url: string }) => resolve(new ProxyProcess(child, message.url)));
    });
  }

  /** Waits until the log holds a line that passes `test` (lines arrive over IPC, a little later). */
  async waitForLine(test: (line: string) => boolean, timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.log.find(test);
      if (found || Date.now() > deadline) {
        return found ?? '';
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) {
        resolve();
        return;
      }
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}

async function serve(): Promise<void> {
  const proxy = await RecordingProxy.start();
  let sent = 0;
  setInterval(() => {
    for (; sent < proxy.log.length; sent++) {
      process.send?.({ line: proxy.log[sent] });
    }
  }, 20);
  process.send?.({ url: proxy.url });
  process.on('disconnect', () => process.exit(0));
}

if (require.main === module && process.argv.includes('--serve')) {
  void serve();
}
