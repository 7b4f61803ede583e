import * as fs from 'fs';
import * as path from 'path';

/**
 * A secret to look for: the text itself (or a prefix every such secret starts with), and
 * optionally the lines where another program is known to write it and which are counted apart.
 */
export interface SecretNeedle {
  readonly needle: string;
  /**
   * A line that holds the secret and matches this is not a leak by the extension, but is
   * reported in `tolerated`. Only for what VS Code itself writes, which the extension cannot stop.
   */
  readonly toleratedLine?: (line: string) => boolean;
}

export interface SecretScan {
  /** `file: label` for every file that holds a secret outside its tolerated lines. */
  readonly found: string[];
  /** `file: label (N lines)` for every file whose only occurrences are tolerated lines. */
  readonly tolerated: string[];
}

/**
 * Every file under `roots` that holds one of `secrets`. Reports file names and which secret
 * (by its label), never the secret itself.
 */
export function findSecrets(roots: string[], secrets: Record<string, string>): string[] {
  return scanForSecrets(roots, Object.fromEntries(Object.entries(secrets).map(([label, needle]) => [label, { needle }]))).found;
}

/** As findSecrets, with tolerated lines per secret (see SecretNeedle). */
export function scanForSecrets(roots: string[], secrets: Record<string, SecretNeedle>): SecretScan {
  const found: string[] = [];
  const tolerated: string[] = [];
  const visit = (file: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) {
        visit(path.join(file, entry));
      }
    } else if (stat.isFile()) {
      const content = fs.readFileSync(file);
      for (const [label, { needle, toleratedLine }] of Object.entries(secrets)) {
        if (!needle || !content.includes(needle)) {
          continue;
        }
        if (!toleratedLine) {
          found.push(`${file}: ${label}`);
          continue;
        }
        const lines = content.toString('utf8').split('\n').filter((line) => line.includes(needle));
        const outside = lines.filter((line) => !toleratedLine(line));
        if (outside.length > 0) {
          // The line's shape around the secret, with the secret masked, says who wrote it.
          const line = outside[0];
          const at = line.lastIndexOf(needle);
          const mask = (text: string) => text.split(needle).join('<secret>').replace(/<secret>[\w-]*/g, '<secret>');
          found.push(`${file}: ${label}, e.g. in: ${mask(`${line.slice(0, 80)} … ${line.slice(Math.max(0, at - 160), at + 80)}`)}`);
        } else {
          tolerated.push(`${file}: ${label} (${lines.length} line${lines.length === 1 ? '' : 's'})`);
        }
      }
    }
  };
  for (const root of roots) {
    visit(root);
  }
  return { found, tolerated };
}
