import * as vscode from 'vscode';
import type { Logger } from '../model/logger';
import { errorMessage, notifyError } from './notifyError';

/**
 * Registers a command whose failures are logged with their stacks and shown once, with
 * "Show Log" (notifyError), instead of escaping as unhandled rejections.
 */
export function registerGuarded(id: string, log: Logger, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      notifyError(log, { component: 'command', message: vscode.l10n.t('EMR Serverless: {0}', errorMessage(error)), error });
      return undefined;
    }
  });
}
