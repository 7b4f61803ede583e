import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A throwaway folder under the system temp folder. It is removed by `remove()`, or
 * when this process exits if that never ran (a failed or interrupted test).
 */
export class TempDir {
  readonly path: string;

  constructor(prefix: string) {
    this.path = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    process.on('exit', this.remove);
  }

  /** A path inside the folder; its parent folders are created. */
  file(...segments: string[]): string {
    const p = path.join(this.path, ...segments);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    return p;
  }

  /** A folder inside the folder, created. */
  dir(...segments: string[]): string {
    const p = path.join(this.path, ...segments);
    fs.mkdirSync(p, { recursive: true });
    return p;
  }

  readonly remove = (): void => {
    process.off('exit', this.remove);
    try {
      fs.rmSync(this.path, { recursive: true, force: true, maxRetries: 3 });
    } catch (err) {
      console.error(`could not remove ${this.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
