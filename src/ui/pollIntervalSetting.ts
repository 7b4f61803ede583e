/**
 * emrServerless.pollIntervalSeconds, read and watched: how often rows on their way to another
 * state are asked for (0 turns polling off). A value that cannot be used is reported once.
 */
import * as vscode from 'vscode';
import type { Logger } from '../model/logger';
import { POLL_INTERVAL_SETTING, SETTINGS_SECTION, validatePollInterval } from '../model/settings';
import { reportSettingsWarnings } from './configuration';

/** The poll interval in seconds, validated; a warning is shown for a value that cannot be used. */
export function readPollInterval(log: Logger): number {
  const { seconds, warning } = validatePollInterval(vscode.workspace.getConfiguration(SETTINGS_SECTION).get(POLL_INTERVAL_SETTING));
  if (warning) {
    reportSettingsWarnings([warning], log);
  }
  return seconds;
}

/** Calls `apply` with the new interval whenever the setting changes. */
export function watchPollInterval(log: Logger, apply: (seconds: number) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SETTINGS_SECTION}.${POLL_INTERVAL_SETTING}`)) {
      apply(readPollInterval(log));
    }
  });
}
