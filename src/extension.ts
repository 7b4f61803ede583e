import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // The sessions view is contributed in package.json; its explorer is wired here.
}

export function deactivate(): void {
  // Nothing to release: every disposable lives in the extension context.
}
