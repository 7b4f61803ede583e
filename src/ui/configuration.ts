import * as vscode from 'vscode';
import { SETTING_KEYS, SETTINGS_SECTION, validateSettings, ValidatedSettings } from '../model/settings';

/** Reads the extension's settings, validated; problems say what was used instead. */
export function readSettings(): ValidatedSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const raw: Record<string, unknown> = {};
  for (const key of Object.values(SETTING_KEYS)) {
    raw[key] = config.get(key);
  }
  return validateSettings(raw);
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
