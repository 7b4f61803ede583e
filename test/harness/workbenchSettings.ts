import * as fs from 'fs';
import * as path from 'path';
import { LOCAL_PROFILE, LOCAL_REGION } from './awsProfile';

/**
 * User settings for a test workbench: no welcome page, trust prompt, telemetry, update
 * checks, recommendations, AI features or secondary side bar, so that only the
 * extension under test and what it shows are on screen.
 */
export const QUIET_WORKBENCH_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Color themes of the UI test's dark (default) and light passes. Without one, the
 * workbench follows the browser's preferred color scheme, which is light when headless.
 */
export const COLOR_THEMES = {
  dark: 'Default Dark Modern',
  light: 'Default Light Modern',
} as const;
export type ThemeKind = keyof typeof COLOR_THEMES;

/**
 * The extension's settings for the local endpoint: the harness's AWS profile and region,
 * and the endpoint's URL when it is known before the workbench starts.
 */
export function localEndpointSettings(endpoint?: string): Record<string, unknown> {
  return {
    ...(endpoint ? { 'emrServerless.endpoint': endpoint } : {}),
    'emrServerless.profile': LOCAL_PROFILE,
    'emrServerless.region': LOCAL_REGION,
  };
}

/** Writes `<userDataDir>/User/settings.json`, where VS Code and code-server read user settings. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): string {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_WORKBENCH_SETTINGS, ...settings }, null, 2) + '\n');
  return file;
}
