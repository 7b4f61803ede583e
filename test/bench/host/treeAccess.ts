import type { ExplorerHandle } from '../../../src/extension';
import type { ApplicationNode, ExplorerNode } from '../../../src/model/explorerNodes';

/** The tree's rows as VS Code asks for them: through the extension's tree data provider. */
export async function childrenOf(handle: ExplorerHandle, node?: ExplorerNode): Promise<ExplorerNode[]> {
  return (await handle.provider.getChildren(node)) ?? [];
}

export function applicationsAmong(rows: readonly ExplorerNode[]): ApplicationNode[] {
  return rows.filter((row): row is ApplicationNode => row.kind === 'application');
}
