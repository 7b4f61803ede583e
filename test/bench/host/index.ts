/**
 * The part of the benchmark that runs inside VS Code's extension host (loaded as
 * extensionTestsPath by test/bench/hostLauncher.ts): activation, rendering 10,000 rows, and
 * the requests of collapse, re-expand and refresh, and Connect… beside a raw GetSessionEndpoint call. It writes its results as JSON to the file
 * named by EMR_BENCH_HOST_RESULTS; a failure rejects, which makes the host exit non-zero.
 * With EMR_BENCH_HOST_MODE=activation it measures activation only.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../../src/extension';
import { HOST_MODE_ENV, HOST_RESULTS_ENV } from '../benchPaths';
import type { ActivationResult, ConnectHostResult, HostResults, RenderingResult, RequestCountResult } from '../hostResults';
import { measureConnectInHost } from './connectProbe';
import { activateExtension } from './activationProbe';
import { measureConnectionsActivation } from './connectionsProbe';
import { HostEndpoint } from './hostEndpoint';
import { waitForQuietHost } from './quietHost';
import { countRequests } from './requestCountProbe';
import { measureRendering } from './renderingProbe';
import { applicationsAmong, childrenOf } from './treeAccess';
import type { ApplicationNode } from '../../../src/model/explorerNodes';
import { startCpuProfile } from '../coldListing/cpuProfile';
import { coldListingSteps, watchFirstRequest } from '../coldListing/requestTimeline';

const RENDERED_SESSIONS = 10_000;
const REFRESH_APPLICATIONS = 6;
const REFRESH_EXPANDED = 2;

export async function run(): Promise<void> {
  const output = process.env[HOST_RESULTS_ENV];
  if (!output) {
    throw new Error(`${HOST_RESULTS_ENV} is not set: where should the results go?`);
  }
  try {
    const mode = process.env[HOST_MODE_ENV];
    const results = mode === 'connections' ? await measureConnectionsActivation() : await measure(mode !== 'activation');
    fs.writeFileSync(output, JSON.stringify(results, null, 2));
  } catch (err) {
    console.error(`[bench-host] ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    throw err;
  }
}

async function measure(full: boolean): Promise<HostResults> {
  const settleMs = await waitForQuietHost();
  const activated = await activateExtension();
  const { handle } = activated;
  log(`activated after ${settleMs.toFixed(0)} ms of startup: activate() ${handle.perf.activateMs.toFixed(2)} ms`);

  // The first getChildren is what first needs the SDK; in a full launch it lists the
  // application whose 10,000 sessions are then rendered.
  const first = await HostEndpoint.start(handle, { seed: 3, applications: 1, sessionsPerApplication: full ? RENDERED_SESSIONS : 10 });
  // Changing the endpoint setting sets other extensions to work (the built-in Git extension
  // looks for repositories again): the listing is timed once they are done, as at startup.
  await waitForQuietHost();
  let activation: ActivationResult;
  let rendering: RenderingResult | undefined;
  try {
    const sdkBefore = handle.perf.sdkLoadedAt !== undefined;
    const watch = watchFirstRequest(Number(new URL(first.server.url).port));
    const profile = await startCpuProfile('extension-host');
    const started = performance.now();
    let app: ApplicationNode | undefined;
    let ended: number;
    try {
      app = applicationsAmong(await childrenOf(handle))[0];
      ended = performance.now();
    } finally {
      watch.stop();
      await profile.stop();
    }
    const loadedAt = handle.perf.sdkLoadedAt;
    activation = {
      activeBefore: activated.activeBefore,
      moduleLoadMs: handle.perf.moduleLoadMs,
      activateMs: handle.perf.activateMs,
      hostActivateCallMs: activated.hostActivateCallMs,
      sdkLoadedAtActivation: activated.sdkLoadedAtActivation,
      sdkLoadedBeforeFirstChildren: sdkBefore,
      sdkLoadedByFirstChildren: loadedAt !== undefined && loadedAt >= started && loadedAt <= ended,
      firstChildrenMs: ended - started,
      coldListing: coldListingSteps(started, {
        sdkLoaded: loadedAt,
        clientCreated: handle.perf.apiCreatedAt,
        answered: ended,
        ...watch.marks,
      }),
    };
    if (!app) {
      throw new Error('the tree lists no application');
    }
    if (full) {
      rendering = await measureRendering(handle, first.server, app);
      log(`rendered ${rendering.rows} rows`);
    }
  } finally {
    await first.close();
  }
  const requests = full ? await measureRequests(handle) : undefined;
  let connect: ConnectHostResult | undefined;
  if (full) {
    connect = await measureConnectInHost(handle);
    log(`connected ${connect.rounds} times`);
  }
  return {
    vscodeVersion: vscode.version,
    nodeVersion: process.version,
    nodePath: process.execPath,
    extensionPath: activated.extensionPath,
    settleMs,
    activation,
    rendering,
    requests,
    connect,
  };
}

async function measureRequests(handle: ExplorerHandle): Promise<RequestCountResult> {
  const endpoint = await HostEndpoint.start(handle, { seed: 5, applications: REFRESH_APPLICATIONS, sessionsPerApplication: 120 });
  try {
    const requests = await countRequests(handle, endpoint.server, REFRESH_EXPANDED);
    log(`counted requests: re-expand ${requests.reExpand}, refresh ${requests.refresh.total}`);
    return requests;
  } finally {
    await endpoint.close();
  }
}

function log(message: string): void {
  console.log(`[bench-host] ${message}`);
}
