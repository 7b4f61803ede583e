import * as vscode from 'vscode';
import { CONNECTIONS_SETTING, type ConnectionEntry, withConnectionAdded, withConnectionChanged, withConnectionRemoved } from '../model/connectionList';
import type { ExplorerConnection, ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerNode } from '../model/explorerNodes';
import type { Logger } from '../model/logger';
import { EMR_SERVERLESS_REGIONS } from '../model/regions';
import { DEFAULT_REGION } from '../model/regions';
import { SETTING_KEYS, SETTINGS_SECTION } from '../model/settings';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { readSettings, updateSetting } from './configuration';
import { pickConnection } from './connectionPicker';

/**
 * Profile and region pickers (for the profile and region settings, or for an entry of
 * `emrServerless.connections` while that list is in use), Add Connection… and Remove
 * Connection, and a shortcut to the settings. Settings changes apply at once.
 */
export function registerConnectionCommands(log: Logger, connections: ExplorerConnections): vscode.Disposable[] {
  return [
    registerGuarded(COMMANDS.addConnection, log, () => addConnection(log, connections)),
    registerGuarded(COMMANDS.removeConnection, log, async (node?: ExplorerNode) => {
      const connection = node?.kind === 'connection' ? connections.get(node.connectionId) : undefined;
      if (!connection) {
        return;
      }
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      const current = config.inspect<unknown[]>(CONNECTIONS_SETTING)?.globalValue ?? [];
      const next = withConnectionRemoved(Array.isArray(current) ? current : [], connection.id);
      if (next.length === (Array.isArray(current) ? current.length : 0)) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t("Connection {0} is not in your user settings' {1}.{2}; remove it where it is set (the workspace settings).", connection.name, SETTINGS_SECTION, CONNECTIONS_SETTING),
        );
        return;
      }
      log.info(`[connection] removed ${connection.name}`);
      await config.update(CONNECTIONS_SETTING, next, vscode.ConfigurationTarget.Global);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Removed connection {0}', connection.name), 4000);
    }),
    registerGuarded(COMMANDS.selectProfile, log, async () => {
      const target = await connectionToChange(connections, vscode.l10n.t('Select Profile for Which Connection?'));
      if (target === null) {
        return;
      }
      const { listProfiles } = await import('../aws/profiles.js');
      const current = target ? target.model.settings.connection.profile : readSettings().settings.connection.profile;
      const profiles = await listProfiles();
      const items: (vscode.QuickPickItem & { profile: string })[] = [
        { label: vscode.l10n.t('$(key) Default credential chain'), description: vscode.l10n.t('environment, default profile, SSO, instance role'), profile: '' },
        ...profiles.map((p) => ({
          label: p.name,
          description: [p.kind, p.region].filter(Boolean).join(' · '),
          profile: p.name,
        })),
      ];
      for (const item of items) {
        if (item.profile === current) {
          item.detail = 'current';
        }
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Select AWS Profile'),
        placeHolder: profiles.length ? vscode.l10n.t('Profiles from your AWS config and credentials files') : vscode.l10n.t('No profiles found in your AWS config files'),
      });
      if (picked) {
        log.info(`[connection] profile: ${picked.profile || '(default chain)'}${target ? ` for ${target.name}` : ''}`);
        await (target ? changeConnection(target, { profile: picked.profile }) : applySetting(SETTING_KEYS.profile, picked.profile));
      }
    }),
    registerGuarded(COMMANDS.selectRegion, log, async () => {
      const target = await connectionToChange(connections, vscode.l10n.t('Select Region for Which Connection?'));
      if (target === null) {
        return;
      }
      const current = (target ? target.model.settings.connection.region : readSettings().settings.connection.region) ?? '';
      const items: (vscode.QuickPickItem & { region: string })[] = [
        // An entry of emrServerless.connections names its Region.
        ...(target
          ? []
          : [
              {
                label: vscode.l10n.t('$(sync) From AWS_REGION or the profile'),
                description: vscode.l10n.t("the AWS SDK's Region chain, else {0}", DEFAULT_REGION),
                region: '',
              },
            ]),
        ...EMR_SERVERLESS_REGIONS.map((r) => ({ label: r.id, description: r.name, region: r.id })),
      ];
      for (const item of items) {
        if (item.region === current) {
          item.detail = 'current';
        }
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Select AWS Region'),
        placeHolder: vscode.l10n.t('Current: {0}', current || vscode.l10n.t('from AWS_REGION or the profile')),
      });
      if (picked) {
        log.info(`[connection] region: ${picked.region || '(AWS_REGION or the profile)'}${target ? ` for ${target.name}` : ''}`);
        await (target ? changeConnection(target, { region: picked.region }) : applySetting(SETTING_KEYS.region, picked.region));
      }
    }),
    registerGuarded(COMMANDS.openSettings, log, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:emr-serverless-sessions.emr-serverless-sessions ${SETTINGS_SECTION}`),
    ),
  ];
}

/**
 * The connection Select Profile… and Select Region… change. While `emrServerless.connections`
 * lists the connections, the profile and region settings are not used, so these commands change
 * an entry of the list: the only one, or the one the user picks (null when the pick is
 * dismissed). Undefined while the settings are the one connection.
 */
async function connectionToChange(connections: ExplorerConnections, title: string): Promise<ExplorerConnection | null | undefined> {
  if (!connections.primary.config.entry) {
    return undefined;
  }
  return (await pickConnection(connections, title)) ?? null;
}

/**
 * Gives a connection of `emrServerless.connections` (user settings) another profile or Region,
 * keeping its endpoint and label; choosing what it has already reloads, as a retry.
 */
async function changeConnection(target: ExplorerConnection, change: { profile?: string; region?: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const stored = config.inspect<unknown[]>(CONNECTIONS_SETTING)?.globalValue;
  const current = Array.isArray(stored) ? stored : [];
  const next = withConnectionChanged(current, target.id, change);
  if (next === 'notFound') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Connection {0} is not in your user settings' {1}.{2}; change it where it is set (the workspace settings).", target.name, SETTINGS_SECTION, CONNECTIONS_SETTING),
    );
    return;
  }
  if (next === 'duplicate') {
    const settings = target.model.settings.connection;
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'A connection with profile {0} and Region {1} is already listed.',
        (change.profile ?? settings.profile) || vscode.l10n.t('(default chain)'),
        change.region ?? settings.region ?? '',
      ),
    );
    return;
  }
  if (JSON.stringify(next) === JSON.stringify(current)) {
    await vscode.commands.executeCommand(COMMANDS.refresh);
    return;
  }
  await config.update(CONNECTIONS_SETTING, next, vscode.ConfigurationTarget.Global);
}

/** Sets a connection setting; choosing the current value again reloads, as a retry. */
async function applySetting(key: string, value: string): Promise<void> {
  if (!(await updateSetting(key, value))) {
    await vscode.commands.executeCommand(COMMANDS.refresh);
  }
}

/**
 * Add Connection…: a profile from the AWS config (or the default chain), a Region (the
 * profile's own first), an endpoint when a connection uses a custom one (that one first, as
 * Add Regions… keeps it; or AWS's own), an optional label; appended to
 * `emrServerless.connections` in the user settings. The first one added also keeps the
 * connection the tree showed until then.
 */
async function addConnection(log: Logger, connections: ExplorerConnections): Promise<void> {
  // The custom endpoints in use, the first connection's first; with none, no endpoint step.
  const endpoints = [...new Set(connections.list.flatMap((c) => c.model.settings.connection.endpoint ?? []))];
  const total = endpoints.length > 0 ? 4 : 3;
  const { listProfiles } = await import('../aws/profiles.js');
  const profiles = await listProfiles();
  const profile = await vscode.window.showQuickPick(
    [
      {
        label: vscode.l10n.t('$(key) Default credential chain'),
        description: vscode.l10n.t('environment, default profile, SSO, instance role'),
        profile: '',
        region: undefined as string | undefined,
      },
      ...profiles.map((p) => ({
        label: p.name,
        description: [p.kind, p.region].filter(Boolean).join(' · '),
        profile: p.name,
        region: p.region,
      })),
    ],
    {
      title: vscode.l10n.t('Add Connection ({0}/{1}): AWS Profile', 1, total),
      placeHolder: profiles.length
        ? vscode.l10n.t('Profiles from your AWS config and credentials files')
        : vscode.l10n.t('No profiles found in your AWS config files'),
    },
  );
  if (!profile) {
    return;
  }
  const regions = EMR_SERVERLESS_REGIONS.map((r) => ({ label: r.id, description: r.name, region: r.id }));
  const own = regions.findIndex((r) => r.region === profile.region);
  if (own > 0) {
    regions.unshift(...regions.splice(own, 1));
  }
  const region = await vscode.window.showQuickPick(regions, {
    title: vscode.l10n.t('Add Connection ({0}/{1}): AWS Region', 2, total),
    placeHolder: profile.region ? vscode.l10n.t("The profile's Region is {0}", profile.region) : vscode.l10n.t('Regions where EMR Serverless is offered'),
  });
  if (!region) {
    return;
  }
  let endpoint = '';
  if (endpoints.length > 0) {
    const picked = await vscode.window.showQuickPick(
      [
        ...endpoints.map((url) => ({
          label: url,
          description: vscode.l10n.t(
            'used by {0}',
            connections.list
              .filter((c) => c.model.settings.connection.endpoint === url)
              .map((c) => c.name)
              .join(', '),
          ),
          endpoint: url,
        })),
        {
          label: vscode.l10n.t('$(globe) AWS endpoint'),
          description: vscode.l10n.t("EMR Serverless's own endpoint in {0}", region.region),
          endpoint: '',
        },
      ],
      {
        title: vscode.l10n.t('Add Connection ({0}/{1}): Endpoint', 3, total),
        placeHolder: vscode.l10n.t('Where the requests of this connection go'),
      },
    );
    if (!picked) {
      return;
    }
    endpoint = picked.endpoint;
  }
  const label = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Connection ({0}/{1}): Label (optional)', total, total),
    prompt: vscode.l10n.t('What the tree calls this connection; empty shows "{0} · {1}".', profile.profile || vscode.l10n.t('default chain'), region.region),
    validateInput: (value) => (value.length > 60 ? vscode.l10n.t('At most 60 characters.') : undefined),
  });
  if (label === undefined) {
    return;
  }
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const stored = config.inspect<ConnectionEntry[]>(CONNECTIONS_SETTING)?.globalValue;
  const current = Array.isArray(stored) ? stored : [];
  const shorthand = connections.isMulti ? undefined : connections.primary.model.settings.connection;
  const added: ConnectionEntry = {
    profile: profile.profile,
    region: region.region,
    ...(endpoint ? { endpoint } : {}),
    ...(label.trim() ? { label: label.trim() } : {}),
  };
  const next = withConnectionAdded(
    current,
    added,
    current.length === 0 && shorthand && !shorthand.endpointError ? shorthand : undefined,
    connections.primary.model.resolvedRegion,
  );
  if (!next) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('A connection with profile {0} and Region {1} is already listed.', added.profile || vscode.l10n.t('(default chain)'), added.region),
    );
    return;
  }
  log.info(`[connection] added ${added.profile || '(default chain)'} · ${added.region}${endpoint ? ` · ${endpoint}` : ''}`);
  await config.update(CONNECTIONS_SETTING, next, vscode.ConfigurationTarget.Global);
}
