import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ExplorerHandle } from '../../src/extension';
import { SESSION_KEY_PAIR } from '../localEmr/server';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

/** The Region as a user sees it: from the profile when the setting is empty, named at the top of the view. */
describe('the Region in VS Code', function () {
  this.timeout(30_000);
  const endpoint = useLocalEndpoint({ seed: 5, applications: 2, sessionsPerApplication: 2 });
  let handle: ExplorerHandle;
  let dir: string;
  const undo: Array<() => Promise<void> | void> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-region-'));
    fs.writeFileSync(path.join(dir, 'config'), '[profile dublin]\nregion = eu-west-1\n');
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      `[dublin]\naws_access_key_id = ${SESSION_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${SESSION_KEY_PAIR.secretAccessKey}\naws_session_token = ${SESSION_KEY_PAIR.sessionToken}\n`,
    );
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    undo.push(() => {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
  after(async () => {
    for (const step of undo.reverse()) {
      await step();
    }
  });

  it('a profile whose config says region = eu-west-1 lists its applications, and the top of the view says eu-west-1', async () => {
    undo.push(await setSetting('region', ''));
    undo.push(await setSetting('profile', 'dublin'));
    await waitFor(() => handle.model.settings.connection.profile === 'dublin' && handle.model.settings.connection.region === undefined, 'the settings');
    const rows = await handle.provider.getChildren();
    assert.deepStrictEqual(rows?.map((r) => r.kind), ['runningNow', 'application', 'application']);
    await waitFor(() => handle.view.message === `dublin · eu-west-1 · ${endpoint().url}`, `the header, not ${handle.view.message}`);
    assert.strictEqual(handle.view.description, handle.view.message);
  });

  it('an explicit region setting wins over the profile, and the header follows it', async () => {
    undo.push(await setSetting('region', 'ap-northeast-1'));
    await waitFor(() => handle.model.settings.connection.region === 'ap-northeast-1', 'the region setting');
    await handle.provider.getChildren();
    await waitFor(() => handle.view.message === `dublin · ap-northeast-1 · ${endpoint().url}`, `the header, not ${handle.view.message}`);
  });
});
