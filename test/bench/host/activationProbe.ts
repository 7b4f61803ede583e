import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../../src/extension';

export const EXTENSION_ID = 'emr-serverless-sessions.emr-serverless-sessions';

export interface Activation {
  readonly handle: ExplorerHandle;
  readonly extensionPath: string;
  readonly activeBefore: boolean;
  readonly hostActivateCallMs: number;
  /** performance.now() when activation had finished. */
  readonly activatedAt: number;
  readonly sdkLoadedAtActivation: boolean;
}

/**
 * Activates the extension, as opening its view would, and reads what it measured of itself.
 * The first thing the benchmark does in a fresh extension host, so nothing has loaded the
 * bundle before.
 */
export async function activateExtension(): Promise<Activation> {
  const extension = vscode.extensions.getExtension<ExplorerHandle>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  const activeBefore = extension.isActive;
  const started = performance.now();
  const handle = await extension.activate();
  const activatedAt = performance.now();
  if (!handle?.perf) {
    throw new Error('activate() returned no perf timings (ExplorerHandle.perf)');
  }
  return {
    handle,
    extensionPath: extension.extensionPath,
    activeBefore,
    hostActivateCallMs: activatedAt - started,
    activatedAt,
    sdkLoadedAtActivation: handle.perf.sdkLoadedAt !== undefined,
  };
}
