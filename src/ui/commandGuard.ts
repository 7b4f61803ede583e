import * as vscode from 'vscode';
import type { Logger } from '../model/logger';
import { COMMANDS } from './commandIds';

/**
 * Registers a command whose failures are logged and shown once, with "Show Log", instead of
 * escaping as unhandled rejections.
 */
export function registerGuarded(
  id: string,
  log: Logger,
  handler: (...args: never[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`[command] ${id} failed: ${message}`);
      const choice = await vscode.window.showErrorMessage(`EMR Serverless: ${message}`, 'Show Log');
      if (choice === 'Show Log') {
        await vscode.commands.executeCommand(COMMANDS.showLog);
      }
      return undefined;
    }
  });
}
