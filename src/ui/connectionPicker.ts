import * as vscode from 'vscode';
import type { ExplorerConnection, ExplorerConnections } from '../model/explorerConnections';

/**
 * The connection a command run without a row works on: the only one, or one the user picks
 * from the list (undefined when the pick is dismissed).
 */
export async function pickConnection(connections: ExplorerConnections, title: string): Promise<ExplorerConnection | undefined> {
  if (!connections.isMulti) {
    return connections.primary;
  }
  const picked = await vscode.window.showQuickPick(
    connections.list.map((c) => ({
      label: c.name,
      description: c.label === c.name ? undefined : c.label,
      connection: c,
    })),
    { title, placeHolder: vscode.l10n.t('Connections from emrServerless.connections') },
  );
  return picked?.connection;
}
