import * as assert from 'assert';
import * as vscode from 'vscode';
import { LOCAL_PROFILE, LOCAL_REGION } from '../harness/awsProfile';
import { contributedSettings, readSetting, SETTINGS_SECTION, setSetting } from './helpers';

describe('settings', () => {
  it('contributes the settings the extension reads', () => {
    const names = Object.keys(contributedSettings());
    for (const key of ['endpoint', 'region', 'profile', 'pageSize']) {
      assert.ok(names.includes(`${SETTINGS_SECTION}.${key}`), `${SETTINGS_SECTION}.${key} is not in contributes.configuration`);
    }
  });

  it("reads the runner's profile and region from the user settings", () => {
    assert.strictEqual(readSetting<string>('profile'), LOCAL_PROFILE);
    assert.strictEqual(readSetting<string>('region'), LOCAL_REGION);
    assert.ok(process.env.AWS_CONFIG_FILE && process.env.AWS_SHARED_CREDENTIALS_FILE, 'the runner did not set the AWS files');
  });

  it('sees a changed setting, and is told of the change', async () => {
    const before = readSetting<number>('pageSize');
    const wanted = before === 7 ? 8 : 7;
    const changed = new Promise<boolean>((resolve) => {
      const listener = vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.pageSize`)) {
          listener.dispose();
          resolve(true);
        }
      });
    });
    const restore = await setSetting('pageSize', wanted);
    try {
      assert.strictEqual(await changed, true);
      assert.strictEqual(readSetting<number>('pageSize'), wanted);
    } finally {
      await restore();
    }
    assert.strictEqual(readSetting<number>('pageSize'), before);
  });
});
