import * as vscode from 'vscode';
import type { Logger } from '../model/logger';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';

/**
 * The view title's entries of commands that also work on a row. VS Code runs a `view/title`
 * command with the tree's focused row and the selected rows as its arguments, so such a command
 * would act on whatever row has focus. Each entry here is a command of its own that runs the
 * command with no row, as the Command Palette does: Start Session… asks for the application,
 * Export Sessions… covers every application, Add Regions… and Scan All Regions start from the
 * first connection.
 */
export const VIEW_TITLE_COMMANDS: Readonly<Record<string, string>> = {
  [COMMANDS.startSessionFromViewTitle]: COMMANDS.startSession,
  [COMMANDS.exportSessionsFromViewTitle]: COMMANDS.exportSessions,
  [COMMANDS.addRegionsFromViewTitle]: COMMANDS.addRegions,
  [COMMANDS.scanAllRegionsFromViewTitle]: COMMANDS.scanAllRegions,
};

/** Registers each view title entry; it resolves to what the command it runs resolves to. */
export function registerViewTitleCommands(log: Logger): vscode.Disposable[] {
  return Object.entries(VIEW_TITLE_COMMANDS).map(([entry, command]) =>
    registerGuarded(entry, log, () => vscode.commands.executeCommand(command)),
  );
}
