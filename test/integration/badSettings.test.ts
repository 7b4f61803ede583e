import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import { activateExtension, setSetting, useLocalEndpoint, waitFor } from './helpers';

/** Settings a user can get wrong: each is reported, a safe value is used, nothing invalid is sent. */
describe('invalid settings in VS Code', () => {
  const endpoint = useLocalEndpoint({ seed: 17, applications: 1, sessionsPerApplication: 12 });
  let handle: ExplorerHandle;

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
  });
  beforeEach(() => endpoint().resetRequests());

  async function firstPageSizes(): Promise<number[]> {
    await vscode.commands.executeCommand('emrServerless.refresh');
    const app = (await handle.provider.getChildren())?.find((n) => n.kind !== 'runningNow');
    assert.ok(app?.kind === 'application', `expected an application, got ${app?.kind}`);
    await handle.provider.getChildren(app);
    return endpoint().requests.filter((r) => r.operation === 'ListSessions').map((r) => r.maxResults ?? -1);
  }

  for (const pageSize of [0, 100, 'abc']) {
    it(`uses 50 for a page size of ${JSON.stringify(pageSize)} and never sends it`, async () => {
      const restore = await setSetting('pageSize', pageSize);
      try {
        await waitFor(() => handle.model.settings.pageSize === 50, 'the fallback page size');
        assert.deepStrictEqual(await firstPageSizes(), [50]);
      } finally {
        await restore();
      }
    });
  }

  it('sends nothing while the endpoint is not a URL, and says so in the tree with Open Settings', async () => {
    const restore = await setSetting('endpoint', 'not a url');
    try {
      await waitFor(() => handle.model.settings.connection.endpointError !== undefined, 'the endpoint error');
      await vscode.commands.executeCommand('emrServerless.refresh');
      const rows = ((await handle.provider.getChildren()) ?? []).filter((n) => n.kind !== 'runningNow');
      assert.strictEqual(rows[0]?.kind, 'error');
      assert.strictEqual(handle.provider.getTreeItem(rows[0]).label, 'Endpoint setting cannot be used');
      const actions = ((await handle.provider.getChildren(rows[0])) ?? []).map((n) => handle.provider.getTreeItem(n).label);
      assert.ok(actions.includes('Open Settings'));
      assert.strictEqual(endpoint().count(), 0, 'no request was sent');
    } finally {
      await restore();
    }
  });

  it('with a profile that does not exist, empties the tree so the welcome view offers Select Profile', async () => {
    const restore = await setSetting('profile', 'no-such-profile');
    try {
      await waitFor(() => handle.model.settings.connection.profile === 'no-such-profile', 'the new profile');
      await vscode.commands.executeCommand('emrServerless.refresh');
      assert.deepStrictEqual(await handle.provider.getChildren(), [], 'no rows, so the welcome view shows');
      assert.strictEqual(handle.model.errorOf(handle.model.applications, 'ListApplications')?.kind, 'noCredentials');
      assert.strictEqual(endpoint().count(), 0, 'nothing unsigned was sent');
      // VS Code shows a view's welcome content only while the view has no message.
      assert.strictEqual(handle.view.message, undefined, 'no message over the welcome view');
    } finally {
      await restore();
    }
    await waitFor(async () => (await handle.provider.getChildren()).length > 0, 'the rows back with the profile that works');
    assert.match(handle.view.message ?? '', /^local-emr · /, 'the message names the connection again');
  });

  it("ignores a region setting that is not a Region name, and uses the profile's Region", async () => {
    const restore = await setSetting('region', 'mars-north-1x');
    try {
      await waitFor(() => handle.model.settings.connection.region === undefined, 'the Region chain instead');
      assert.deepStrictEqual(await firstPageSizes(), [handle.model.settings.pageSize]);
    } finally {
      await restore();
    }
  });
});
