import * as vscode from 'vscode';
import type { ExplorerNode } from '../model/explorerNodes';
import type { Logger } from '../model/logger';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';

/** Copy Application ID and Copy Application ARN, from an application row's context menu. */
export function registerApplicationCommands(log: Logger): vscode.Disposable[] {
  const copy =
    (what: 'ID' | 'ARN', pick: (node: ExplorerNode & { kind: 'application' }) => string | undefined) =>
    async (node?: ExplorerNode) => {
      const value = node?.kind === 'application' ? pick(node) : undefined;
      if (!value) {
        return;
      }
      await vscode.env.clipboard.writeText(value);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied application {0}: {1}', what, value), 3000);
    };

  return [
    registerGuarded(
      COMMANDS.copyApplicationId,
      log,
      copy('ID', (n) => n.applicationId),
    ),
    registerGuarded(
      COMMANDS.copyApplicationArn,
      log,
      copy('ARN', (n) => n.app.arn),
    ),
  ];
}
