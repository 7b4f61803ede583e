import * as vscode from 'vscode';
import { LOCAL_PROFILE } from '../../harness/awsProfile';
import { LocalEmrServer } from '../../localEmr/server';
import type { ConnectionsActivationResult } from '../hostResults';
import { activateExtension } from './activationProbe';
import { waitForQuietHost } from './quietHost';
import { applicationsAmong, childrenOf } from './treeAccess';

/** Ten Regions, one per connection; the local endpoint answers for any Region. */
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'ap-northeast-1', 'ap-southeast-2'];

/**
 * Activation with 10 connections in `emrServerless.connections`, set before the extension
 * activates: activate() as the extension times it, then what is resolved when the tree shows
 * the ten connection rows (nothing: no SDK, no client, no request) and when one is expanded
 * (that connection alone).
 */
export async function measureConnectionsActivation(): Promise<ConnectionsActivationResult> {
  const server = await LocalEmrServer.start({ seed: 3, applications: 2, sessionsPerApplication: 5 });
  const config = vscode.workspace.getConfiguration('emrServerless');
  try {
    const entries = REGIONS.map((region) => ({ profile: LOCAL_PROFILE, region, endpoint: server.url }));
    await config.update('connections', entries, vscode.ConfigurationTarget.Global);
    const settleMs = await waitForQuietHost();
    const { handle, activeBefore, extensionPath } = await activateExtension();
    const resolved = () => handle.connections.list.filter((c) => c.model.resolvedRegion !== undefined).length;
    // "Running now" sits above the connections and sends nothing until it is expanded.
    const rows = (await childrenOf(handle)).filter((r) => r.kind !== 'runningNow');
    const atRoots = { resolved: resolved(), requests: server.requests.length, sdkLoaded: handle.perf.sdkLoadedAt !== undefined };
    const first = rows[0];
    if (rows.length !== REGIONS.length || first?.kind !== 'connection') {
      throw new Error(`the tree shows ${rows.map((r) => r.kind).join(', ')}, not ${REGIONS.length} connection rows`);
    }
    const apps = applicationsAmong(await childrenOf(handle, first));
    return {
      extensionPath,
      activeBefore,
      settleMs,
      connections: handle.connections.list.length,
      activateMs: handle.perf.activateMs,
      resolvedAtRoots: atRoots.resolved,
      requestsAtRoots: atRoots.requests,
      sdkLoadedAtRoots: atRoots.sdkLoaded,
      resolvedAfterOneExpanded: resolved(),
      applicationsOfExpanded: apps.length,
      requestsAfterOneExpanded: server.requests.length,
    };
  } finally {
    await config.update('connections', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
  }
}
