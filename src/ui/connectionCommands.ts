import * as vscode from 'vscode';
import type { Logger } from '../model/logger';
import { EMR_SERVERLESS_REGIONS } from '../model/regions';
import { DEFAULT_REGION, SETTING_KEYS, SETTINGS_SECTION } from '../model/settings';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { readSettings, updateSetting } from './configuration';

/** Profile and region pickers, and a shortcut to the settings. Settings changes apply at once. */
export function registerConnectionCommands(log: Logger): vscode.Disposable[] {
  return [
    registerGuarded(COMMANDS.selectProfile, log, async () => {
      const { listProfiles } = await import('../aws/profiles.js');
      const current = readSettings().settings.connection.profile;
      const profiles = await listProfiles();
      const items: (vscode.QuickPickItem & { profile: string })[] = [
        { label: '$(key) Default credential chain', description: 'environment, default profile, SSO, instance role', profile: '' },
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
        title: 'Select AWS Profile',
        placeHolder: profiles.length ? 'Profiles from your AWS config and credentials files' : 'No profiles found in your AWS config files',
      });
      if (picked) {
        log.info(`[connection] profile: ${picked.profile || '(default chain)'}`);
        await applySetting(SETTING_KEYS.profile, picked.profile);
      }
    }),
    registerGuarded(COMMANDS.selectRegion, log, async () => {
      const current = readSettings().settings.connection.region ?? '';
      const items: (vscode.QuickPickItem & { region: string })[] = [
        {
          label: '$(sync) From AWS_REGION or the profile',
          description: `the AWS SDK's Region chain, else ${DEFAULT_REGION}`,
          region: '',
        },
        ...EMR_SERVERLESS_REGIONS.map((r) => ({ label: r.id, description: r.name, region: r.id })),
      ];
      for (const item of items) {
        if (item.region === current) {
          item.detail = 'current';
        }
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Select AWS Region',
        placeHolder: `Current: ${current || 'from AWS_REGION or the profile'}`,
      });
      if (picked) {
        log.info(`[connection] region: ${picked.region || '(AWS_REGION or the profile)'}`);
        await applySetting(SETTING_KEYS.region, picked.region);
      }
    }),
    registerGuarded(COMMANDS.openSettings, log, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:emr-serverless-sessions.emr-serverless-sessions ${SETTINGS_SECTION}`),
    ),
  ];
}

/** Sets a connection setting; choosing the current value again reloads, as a retry. */
async function applySetting(key: string, value: string): Promise<void> {
  if (!(await updateSetting(key, value))) {
    await vscode.commands.executeCommand(COMMANDS.refresh);
  }
}
