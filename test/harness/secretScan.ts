import * as fs from 'fs';
import * as path from 'path';

/**
 * Every file under `roots` that holds one of `secrets`. Reports file names and which secret
 * (by its label), never the secret itself.
 */
export function findSecrets(roots: string[], secrets: Record<string, string>): string[] {
  const found: string[] = [];
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
      for (const [label, secret] of Object.entries(secrets)) {
        if (content.includes(secret)) {
          found.push(`${file}: ${label}`);
        }
      }
    }
  };
  for (const root of roots) {
    visit(root);
  }
  return found;
}
