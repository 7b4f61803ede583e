// ESLint for the extension, its tests and its build script: typescript-eslint's recommended
// rules, and the layering rule that keeps the VS Code API out of the model and the AWS side.
// `npm run lint` runs it; CI runs it before the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', '.vscode-test/', 'test-results/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Braces on every multi-line body; a one-line `if (x) return;` stays readable.
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'smart'],
      'no-throw-literal': 'error',
      // A leading underscore marks a value left out on purpose, e.g. `const { a: _a, ...rest } = x`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The model and the AWS side run in plain Node (mocha, the benchmark), where `vscode` does
    // not exist; only src/ui and src/extension.ts talk to VS Code.
    files: ['src/model/**/*.ts', 'src/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/model and src/aws must not import vscode: keep VS Code calls in src/ui.' }],
        },
      ],
    },
  },
  {
    // The esbuild script is a CommonJS Node script.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
