import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../../src/extension';
import { LocalEmrOptions, LocalEmrServer } from '../../localEmr/server';

const SECTION = 'emrServerless';

/**
 * A local endpoint started in the extension host, with `emrServerless.endpoint` pointing at
 * it once the extension's model has taken the new setting. `close()` stops the endpoint
 * and removes the setting.
 */
export class HostEndpoint {
  private constructor(readonly server: LocalEmrServer) {}

  static async start(handle: ExplorerHandle, options: LocalEmrOptions): Promise<HostEndpoint> {
    const server = await LocalEmrServer.start(options);
    try {
      await vscode.workspace.getConfiguration(SECTION).update('endpoint', server.url, vscode.ConfigurationTarget.Global);
      await until(() => handle.model.settings.connection.endpoint === server.url, `the model to use ${server.url}`);
      return new HostEndpoint(server);
    } catch (err) {
      await server.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await this.server.close();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
