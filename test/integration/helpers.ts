/**
 * Helpers for integration tests, which run inside the extension host next to the
 * extension: its package.json, activation, settings, and a local EMR Serverless endpoint
 * started in this same process.
 *
 * The runner has already set `emrServerless.profile` and `emrServerless.region` in the
 * user settings and given the host an AWS config and credentials file holding that profile
 * with the local endpoint's key pair (see test/harness/awsProfile.ts).
 */
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import { SETTINGS_SECTION } from '../../src/model/settings';
import { DEFAULT_KEY_PAIR, LocalEmrOptions, LocalEmrServer, SESSION_KEY_PAIR } from '../localEmr/server';

export const EXTENSION_ID = 'emr-serverless-sessions.emr-serverless-sessions';
export { SETTINGS_SECTION };

/** The parts of the extension's package.json that the tests read. */
export interface ExtensionManifest {
  contributes: {
    commands?: Array<{ command: string; title: string }>;
    menus?: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    views?: Record<string, Array<{ id: string; name: string }>>;
    configuration?: ConfigurationContribution | ConfigurationContribution[];
  };
}

interface ConfigurationContribution {
  properties?: Record<string, { type?: string | string[]; default?: unknown }>;
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  }
  return ext;
}

/** Activates the extension (a no-op when it already is) and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = extension();
  await ext.activate();
  return ext;
}

export function manifest(): ExtensionManifest {
  return extension().packageJSON as ExtensionManifest;
}

/** Every setting the extension contributes, by full name (`emrServerless.pageSize`). */
export function contributedSettings(): Record<string, { type?: string | string[]; default?: unknown }> {
  const configuration = manifest().contributes.configuration ?? [];
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  return Object.assign({}, ...sections.map((section) => section.properties ?? {}));
}

/** Reads `emrServerless.<key>` through the configuration API. */
export function readSetting<T>(key: string): T | undefined {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<T>(key);
}

/**
 * Sets `emrServerless.<key>` in the user settings and returns a function that puts the
 * previous user value back (or removes it).
 */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const previous = configuration.inspect(key)?.globalValue;
  await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update(key, previous, vscode.ConfigurationTarget.Global);
  };
}

/**
 * Starts a local EMR Serverless endpoint in the extension host and points
 * `emrServerless.endpoint` at it. `close()` stops it and restores the setting.
 */
export async function startLocalEndpoint(
  options?: LocalEmrOptions,
): Promise<{ endpoint: LocalEmrServer; close: () => Promise<void> }> {
  // The runner's profile holds temporary credentials (SESSION_KEY_PAIR); accept both pairs.
  const endpoint = await LocalEmrServer.start({ credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR], ...options });
  const restore = await setSetting('endpoint', endpoint.url);
  return {
    endpoint,
    close: async () => {
      await restore();
      await endpoint.close();
    },
  };
}

/**
 * For a `describe` block: starts a local endpoint before its tests and stops it after.
 * Returns a function that gives the running endpoint (for `faults`, `count()`, `store`).
 */
export function useLocalEndpoint(options?: LocalEmrOptions): () => LocalEmrServer {
  let started: { endpoint: LocalEmrServer; close: () => Promise<void> } | undefined;
  before(async () => {
    started = await startLocalEndpoint(options);
  });
  after(async () => {
    await started?.close();
    started = undefined;
  });
  return () => {
    if (!started) {
      throw new Error('the local endpoint is not running: call this inside a test');
    }
    return started.endpoint;
  };
}

/**
 * For a `describe` block: activates the extension with `emrServerless.pageSize` set to
 * `pageSize` (restored after the block), once the explorer uses it. Returns a function that
 * gives the extension's handle.
 */
export function useExplorerWithPageSize(pageSize: number): () => ExplorerHandle {
  let handle: ExplorerHandle | undefined;
  let restorePageSize: (() => Promise<void>) | undefined;
  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    restorePageSize = await setSetting('pageSize', pageSize);
    await waitFor(() => handle?.model.settings.pageSize === pageSize, 'the page size setting');
  });
  after(async () => {
    await restorePageSize?.();
  });
  return () => {
    if (!handle) {
      throw new Error('the extension is not active yet: call this inside a test');
    }
    return handle;
  };
}

/** Polls `condition` until it holds or `timeoutMs` passes; for views that update later. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
