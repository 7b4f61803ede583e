import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../../src/extension';
import type { LocalEmrServer } from '../../localEmr/server';
import type { RequestCountResult } from '../hostResults';
import { applicationsAmong, childrenOf } from './treeAccess';

/**
 * Counts the requests the tree sends when expanded applications are collapsed and expanded
 * again, and after the Refresh command. The provider is asked for children the way VS Code
 * asks: on expanding an application, and after a refresh for the top level and then for
 * each application that is expanded. One expanded application has a second page loaded,
 * which a refresh must not fetch again.
 */
export async function countRequests(handle: ExplorerHandle, server: LocalEmrServer, expandedCount: number): Promise<RequestCountResult> {
  const { model } = handle;
  const apps = applicationsAmong(await childrenOf(handle));
  if (apps.length <= expandedCount) {
    throw new Error(`${apps.length} applications listed; more than ${expandedCount} are needed`);
  }
  const expanded = apps.slice(0, expandedCount);
  for (const app of expanded) {
    model.setExpanded(app.applicationId, true);
    await childrenOf(handle, app);
  }
  await model.sessions(expanded[0].applicationId).loadNext();

  server.resetRequests();
  for (const app of expanded) {
    model.setExpanded(app.applicationId, false);
    model.setExpanded(app.applicationId, true);
    await childrenOf(handle, app);
  }
  const reExpand = server.count();

  server.resetRequests();
  await vscode.commands.executeCommand('emrServerless.refresh');
  for (const app of applicationsAmong(await childrenOf(handle))) {
    if (model.expanded.has(app.applicationId)) {
      await childrenOf(handle, app);
    }
  }
  const refresh = {
    ListApplications: server.count('ListApplications'),
    ListSessions: server.count('ListSessions'),
    total: server.count(),
  };
  for (const app of expanded) {
    model.setExpanded(app.applicationId, false);
  }
  return { applications: apps.length, expanded: expandedCount, reExpand, refresh };
}
