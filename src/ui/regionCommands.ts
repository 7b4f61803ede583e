import * as vscode from 'vscode';
import { CONNECTIONS_SETTING, type ConnectionEntry, withConnectionAdded } from '../model/connectionList';
import type { ExplorerConnection, ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerNode } from '../model/explorerNodes';
import type { Logger } from '../model/logger';
import { describeRegionProblem, regionLabel, scanRegions, type RegionScanResult } from '../model/regionScan';
import { partitionOf, regionsOfPartition } from '../model/regions';
import { SETTINGS_SECTION } from '../model/settings';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { readProxyConfig } from './proxySettings';

/**
 * Add Regions… and Scan All Regions: more connections with the profile and endpoint of the
 * connection they are run on (its row, or the first connection from the view title and the
 * Command Palette), one per Region chosen, appended to `emrServerless.connections` in the user
 * settings.
 */
export function registerRegionCommands(log: Logger, connections: ExplorerConnections): vscode.Disposable[] {
  return [
    registerGuarded(COMMANDS.addRegions, log, (node?: ExplorerNode) => addRegions(log, connections, baseOf(connections, node))),
    registerGuarded(COMMANDS.scanAllRegions, log, (node?: ExplorerNode) => scanAllRegions(log, connections, baseOf(connections, node))),
  ];
}

/** The connection a command runs on: the row's, else the first. */
function baseOf(connections: ExplorerConnections, node: ExplorerNode | undefined): ExplorerConnection {
  return (node?.connectionId === undefined ? undefined : connections.get(node.connectionId)) ?? connections.primary;
}

/** Profile, endpoint and Region of a connection, the Region as the SDK resolved it when the settings name none. */
function profileOf(base: ExplorerConnection): { profile: string; endpoint?: string; region?: string } {
  const settings = base.model.settings.connection;
  return {
    profile: settings.profile,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...((settings.region ?? base.model.resolvedRegion) ? { region: settings.region ?? base.model.resolvedRegion } : {}),
  };
}

/** Regions already listed for this profile and endpoint. */
function listedRegions(connections: ExplorerConnections, base: { profile: string; endpoint?: string }): Set<string> {
  return new Set(
    connections.list
      .map((c) => ({ settings: c.model.settings.connection, region: c.model.settings.connection.region ?? c.model.resolvedRegion }))
      .filter((c) => c.settings.profile === base.profile && (c.settings.endpoint ?? '') === (base.endpoint ?? ''))
      .flatMap((c) => (c.region ? [c.region] : [])),
  );
}

function who(profile: string): string {
  return profile ? vscode.l10n.t('profile {0}', profile) : vscode.l10n.t('the default credential chain');
}

async function addRegions(log: Logger, connections: ExplorerConnections, base: ExplorerConnection): Promise<void> {
  const target = profileOf(base);
  const listed = listedRegions(connections, target);
  const items = regionsOfPartition(partitionOf(target.region ?? 'us-east-1'))
    .filter((r) => !listed.has(r.id))
    .map((r) => ({ label: r.id, description: r.optIn ? vscode.l10n.t('{0} · opt-in', r.name) : r.name, region: r.id }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Add Regions: {0}', who(target.profile)),
    placeHolder: vscode.l10n.t('Regions where EMR Serverless is offered; opt-in Regions work once the account enabled them'),
    canPickMany: true,
  });
  if (!picked || picked.length === 0) {
    return;
  }
  await addConnections(log, connections, target, picked.map((p) => p.region));
}

async function scanAllRegions(log: Logger, connections: ExplorerConnections, base: ExplorerConnection): Promise<void> {
  const target = profileOf(base);
  const regions = regionsOfPartition(partitionOf(target.region ?? 'us-east-1')).map((r) => r.id);
  const { createRegionScanApi } = await import('../aws/regionScanApi.js');
  const api = createRegionScanApi({ ...base.model.settings.connection }, log, readProxyConfig());
  let result: RegionScanResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning {0} Regions for EMR Serverless applications', regions.length), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          return await scanRegions(api, regions, {
            signal: controller.signal,
            onProgress: (done, total, outcome) => progress.report({ increment: 100 / total, message: vscode.l10n.t('{0} of {1} ({2})', done, total, outcome.region) }),
          });
        } finally {
          cancel.dispose();
        }
      },
    );
  } finally {
    api.dispose();
  }
  for (const problem of result.problems) {
    const report = describeRegionProblem(problem, api.profileName);
    log.warn(`[scan] ${problem.region}: ${report.title}. ${report.detail}`);
  }
  if (result.outcomes.some((o) => o.status === 'cancelled')) {
    log.info('[scan] cancelled');
    return;
  }
  const listed = listedRegions(connections, target);
  type Item = vscode.QuickPickItem & { region?: string };
  const found: Item[] = result.withApplications.map((o) => ({
    label: o.region,
    description:
        (o.applications.length === 1 && !o.more
          ? vscode.l10n.t('1 application')
          : vscode.l10n.t('{0} applications', `${o.applications.length}${o.more ? '+' : ''}`)) +
        (listed.has(o.region) ? ` · ${vscode.l10n.t('already listed')}` : ''),
    detail: regionLabel(o.region),
    picked: !listed.has(o.region),
    region: o.region,
  }));
  const problems: Item[] = result.problems.map((p) => {
    const report = describeRegionProblem(p, api.profileName);
    return { label: vscode.l10n.t('$(warning) {0}', p.region), description: report.title, detail: report.detail };
  });
  if (found.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No EMR Serverless applications found for {0} in {1} Regions', who(target.profile), regions.length - result.problems.length) +
        (result.problems.length ? vscode.l10n.t('; {0} could not be scanned ({1}), see the log.', result.problems.length, result.problems.map((p) => p.region).join(', ')) : '.'),
    );
    return;
  }
  const picked = await vscode.window.showQuickPick<Item>(
    [
      { label: vscode.l10n.t('Regions with applications'), kind: vscode.QuickPickItemKind.Separator },
      ...found,
      ...(problems.length ? [{ label: vscode.l10n.t('Could not be scanned'), kind: vscode.QuickPickItemKind.Separator }, ...problems] : []),
    ],
    {
      title: vscode.l10n.t('Scan All Regions: {0}', who(target.profile)),
      placeHolder: vscode.l10n.t('Applications in {0} of {1} Regions; check the Regions to add as connections', found.length, regions.length),
      canPickMany: true,
      matchOnDetail: true,
    },
  );
  const chosen = (picked ?? []).flatMap((p) => (p.region && !listed.has(p.region) ? [p.region] : []));
  if (chosen.length > 0) {
    await addConnections(log, connections, target, chosen);
  }
}

/** Appends one connection per Region, with the profile and endpoint of `target`. */
async function addConnections(log: Logger, connections: ExplorerConnections, target: { profile: string; endpoint?: string }, regions: readonly string[]): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const stored = config.inspect<ConnectionEntry[]>(CONNECTIONS_SETTING)?.globalValue;
  let list: ConnectionEntry[] = Array.isArray(stored) ? stored : [];
  const shorthand = connections.isMulti ? undefined : connections.primary.model.settings.connection;
  for (const region of regions) {
    const added: ConnectionEntry = { profile: target.profile, region, ...(target.endpoint ? { endpoint: target.endpoint } : {}) };
    list =
      withConnectionAdded(list, added, list.length === 0 && shorthand && !shorthand.endpointError ? shorthand : undefined, connections.primary.model.resolvedRegion) ??
      list;
  }
  log.info(`[connection] added ${regions.map((r) => `${target.profile || '(default chain)'} · ${r}`).join(', ')}`);
  await config.update(CONNECTIONS_SETTING, list, vscode.ConfigurationTarget.Global);
  vscode.window.setStatusBarMessage(regions.length === 1
      ? vscode.l10n.t('$(check) Added 1 connection: {0}', regions[0])
      : vscode.l10n.t('$(check) Added {0} connections: {1}', regions.length, regions.join(', ')), 4000);
}
