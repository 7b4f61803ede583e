import * as vscode from 'vscode';
import type { Logger } from '../model/logger';
import { withoutLinks } from '../model/format';
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
      // Not awaited: a notification may wait in the notification centre for ever, and the
      // command must end now.
      void vscode.window.showErrorMessage(`EMR Serverless: ${withoutLinks(message)}`, 'Show Log').then((choice) => {
        if (choice === 'Show Log') {
          void vscode.commands.executeCommand(COMMANDS.showLog);
        }
      });
      return undefined;
    }
  });
}
