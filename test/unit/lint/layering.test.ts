import * as assert from 'assert';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../../harness/repoPaths';

/**
 * The layering rule in eslint.config.mjs, run through ESLint's Node API on snippets as if
 * they were files of the project: the model and the AWS side must not reach for VS Code.
 */
describe('lint: layering', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });

  async function restrictedImports(code: string, filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${filePath}` });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  for (const file of ['src/model/newModule.ts', 'src/aws/newModule.ts']) {
    it(`reports an import of vscode in ${file}, saying to keep VS Code calls in src/ui`, async () => {
      const messages = await restrictedImports("import * as vscode from 'vscode';\nexport const uri = vscode.Uri;\n", file);
      assert.strictEqual(messages.length, 1, `expected one error, got ${JSON.stringify(messages)}`);
      assert.match(messages[0], /'vscode' import is restricted.*keep VS Code calls in src\/ui/);
    });
  }

  it('reports a type-only import of vscode in the model too', async () => {
    const messages = await restrictedImports("import type { Uri } from 'vscode';\nexport type Target = Uri;\n", 'src/model/newModule.ts');
    assert.strictEqual(messages.length, 1);
  });

  it('lets the VS Code layer import vscode', async () => {
    const messages = await restrictedImports("import * as vscode from 'vscode';\nexport const uri = vscode.Uri;\n", 'src/ui/newModule.ts');
    assert.deepStrictEqual(messages, []);
  });
});
