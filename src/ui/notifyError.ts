import * as vscode from 'vscode';
import { withoutLinks } from '../model/format';
import type { Logger } from '../model/logger';
import { COMMANDS } from './commandIds';

/** A failure to report where the user acted: a command, or a request that a command made. */
export interface ErrorNotice {
  /** The log line's `[component]` prefix, e.g. `command` or `details`. */
  readonly component: string;
  /** What the user reads, in a sentence or two. Markdown links in it are broken up, so none can run a command. */
  readonly message: string;
  /** What failed; logged with its stack (`error.stack`). Its message must hold no secret, as the SDK's do not. */
  readonly error: unknown;
  /** When given, the notification offers Retry, which calls it. */
  readonly retry?: () => unknown;
  /** The retry action's label when Retry would not say what it does, such as "Edit and Retry…". */
  readonly retryLabel?: string;
}

/**
 * Logs an error with its stack, and shows it in an error notification that offers Retry (when a
 * retry is given) and Show Log. Returns at once: the notification is never awaited, because it
 * may wait in the notification centre for ever and the command that failed must end now.
 */
export function notifyError(log: Logger, { component, message, error, retry, retryLabel }: ErrorNotice): void {
  log.error(`[${component}] ${message}\n${stackOf(error)}`);
  const retryAction = retryLabel ?? vscode.l10n.t('Retry');
  const actions = retry ? [retryAction, vscode.l10n.t('Show Log')] : [vscode.l10n.t('Show Log')];
  void vscode.window.showErrorMessage(withoutLinks(message), ...actions).then((choice) => {
    if (retry && choice === retryAction) {
      void Promise.resolve()
        .then(retry)
        .catch((err: unknown) => notifyError(log, { component, message: errorMessage(err), error: err }));
    } else if (choice === vscode.l10n.t('Show Log')) {
      void vscode.commands.executeCommand(COMMANDS.showLog);
    }
  });
}

/** An error's own message, for a notification. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
