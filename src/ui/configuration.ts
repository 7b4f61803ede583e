import * as vscode from 'vscode';
import { SETTING_KEYS, SETTINGS_SECTION, validateSettings, ValidatedSettings } from '../model/settings';

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
