import * as vscode from 'vscode';
import { withoutLinks } from '../model/format';
import type { Logger } from '../model/logger';
import { CONNECTIONS_SETTING, ResolvedConnections, resolveConnections } from '../model/connectionList';
import { SETTING_KEYS, SETTINGS_SECTION, validateSettings, ValidatedSettings } from '../model/settings';
import { COMMANDS } from './commandIds';

/** Reads the extension's settings, validated; warnings say what was used instead. */
export function readSettings(): ValidatedSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const raw: Record<string, unknown> = {};
  for (const key of Object.values(SETTING_KEYS)) {
    raw[key] = config.get(key);
  }
  return validateSettings(raw);
}

/**
 * Sets a setting where it takes effect: in the workspace settings when the workspace sets it
 * (a user value would be overridden there), otherwise in the user settings. Says whether the
 * value in effect changed.
 */
export async function updateSetting(key: string, value: unknown): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const changed = config.get(key) !== value;
  const target =
    config.inspect(key)?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
  return changed;
}

/**
 * The connections the tree lists: `emrServerless.connections`, or the profile, region and
 * endpoint settings as the one connection; warnings cover both, entry by entry.
 */
export function readConnections(): ResolvedConnections {
  const shorthand = readSettings();
  const resolved = resolveConnections(
    vscode.workspace.getConfiguration(SETTINGS_SECTION).get(CONNECTIONS_SETTING),
    shorthand.settings,
  );
  return { ...resolved, warnings: [...shorthand.warnings, ...resolved.warnings] };
}

/** Reads the connections, and logs and shows a warning, with Open Settings, for each setting that cannot be used. */
export function readConnectionsAndWarn(log: Logger): ResolvedConnections {
  const resolved = readConnections();
  reportSettingsWarnings(resolved.warnings, log);
  return resolved;
}

/**
 * Passes every change to the extension's settings, validated, to `apply`. Warns only about
 * settings that are newly wrong: a change to one setting does not repeat the others' warnings.
 * `reported` are the warnings already shown (from readConnectionsAndWarn).
 */
export function watchConnections(
  log: Logger,
  reported: readonly string[],
  apply: (connections: ResolvedConnections['connections']) => void,
): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS_SECTION)) {
      const next = readConnections();
      reportSettingsWarnings(
        next.warnings.filter((p) => !reported.includes(p)),
        log,
      );
      reported = next.warnings;
      apply(next.connections);
    }
  });
}

export function reportSettingsWarnings(warnings: readonly string[], log: Logger): void {
  for (const warning of warnings) {
    log.warn(`[settings] ${warning}`);
    void vscode.window.showWarningMessage(withoutLinks(warning), vscode.l10n.t('Open Settings')).then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand(COMMANDS.openSettings);
      }
    });
  }
}
