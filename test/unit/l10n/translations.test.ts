/**
 * The extension's strings are translatable: every string the sources pass to `l10n.t` is in
 * the committed English bundle (l10n/bundle.l10n.json, which translators start from), every
 * `%key%` of package.json has its English text in package.nls.json, and the VS Code layer
 * shows no message, title or tooltip that bypasses `vscode.l10n.t`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getL10nJson } from '@vscode/l10n-dev';
import { REPO_ROOT } from '../../harness/repoPaths';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function readJson(relative: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8')) as Record<string, unknown>;
}

/** Every `%key%` placeholder in a JSON value, with where it is. */
function placeholders(value: unknown, where = ''): Array<{ key: string; where: string }> {
  if (typeof value === 'string') {
    const match = /^%([^%]+)%$/.exec(value);
    return match ? [{ key: match[1], where }] : [];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => placeholders(v, `${where}/${k}`));
  }
  return [];
}

describe('translations', () => {
  it('the committed l10n/bundle.l10n.json holds exactly the strings the sources pass to l10n.t (run npm run l10n:export after adding one)', async () => {
    const files = sourceFiles(path.join(REPO_ROOT, 'src')).map((file) => ({ contents: fs.readFileSync(file, 'utf8'), extension: '.ts' }));
    const extracted = await getL10nJson(files);
    const committed = readJson('l10n/bundle.l10n.json');
    const missing = Object.keys(extracted).filter((key) => !(key in committed));
    const stale = Object.keys(committed).filter((key) => !(key in extracted));
    assert.deepStrictEqual({ missing, stale }, { missing: [], stale: [] });
    assert.deepStrictEqual(committed, extracted, 'the bundle differs from the sources: run npm run l10n:export');
  });

  it('every %key% in package.json has its English text in package.nls.json, and package.nls.json has no unused key', () => {
    const manifest = readJson('package.json');
    const nls = readJson('package.nls.json');
    const used = placeholders(manifest);
    assert.ok(used.length > 50, `package.json should take its titles from package.nls.json; found ${used.length} placeholders`);
    const unresolved = used.filter((p) => typeof nls[p.key] !== 'string' || (nls[p.key] as string).trim() === '');
    assert.deepStrictEqual(unresolved, [], 'placeholders without an English text');
    const usedKeys = new Set(used.map((p) => p.key));
    assert.deepStrictEqual(Object.keys(nls).filter((key) => !usedKeys.has(key)), [], 'package.nls.json keys nothing uses');
  });

  it('package.json shows no command title, view name or setting description that bypasses package.nls.json', () => {
    const manifest = readJson('package.json') as { contributes: Record<string, unknown> };
    const literal: string[] = [];
    const visit = (value: unknown, where: string) => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, `${where}/${i}`));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          const shown = ['title', 'name', 'contextualTitle', 'contents', 'category', 'description', 'markdownDescription', 'patternErrorMessage'];
          if (shown.includes(k) && typeof v === 'string' && !/^%[^%]+%$/.test(v)) {
            literal.push(`${where}/${k}: ${v}`);
          } else {
            visit(v, `${where}/${k}`);
          }
        }
      }
    };
    visit(manifest.contributes, 'contributes');
    assert.deepStrictEqual(literal, []);
  });

  it('the VS Code layer passes no literal text to a notification, status bar message, quick pick, input box or tree row', () => {
    const shown =
      /(show(Information|Warning|Error)Message|setStatusBarMessage)\((withoutLinks\()?['"`]|\b(title|placeHolder|prompt|tooltip|description|detail|message): ['"`][A-Za-z]|\.(title|placeholder|tooltip|description|text) = ['"`][A-Za-z]|new vscode\.TreeItem\(['"`]/;
    const offenders = [...sourceFiles(path.join(REPO_ROOT, 'src', 'ui')), path.join(REPO_ROOT, 'src', 'extension.ts')].flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${path.relative(REPO_ROOT, file)}:${i + 1}` }))
        .filter(({ line }) => shown.test(line) && !line.includes('l10n.t('))
        .map(({ line, where }) => `${where}: ${line.trim()}`),
    );
    assert.deepStrictEqual(offenders, []);
  });
});
