import type { ColdListingSteps } from './coldListing/requestTimeline';

/**
 * What one launch of the extension-host part measures, written as JSON to the file named
 * by EMR_BENCH_HOST_RESULTS and read back by the runner.
 */
export interface HostResults {
  /** VS Code's version and the extension host's Node version. */
  readonly vscodeVersion: string;
  readonly nodeVersion: string;
  /** The extension host's Node binary: the bare-SDK floor of the cold first listing runs on it too. */
  readonly nodePath: string;
  /** Where the host loaded the extension from. */
  readonly extensionPath: string;
  /** How long the host was given to finish its startup before activation was timed. */
  readonly settleMs: number;
  readonly activation: ActivationResult;
  /** Measured in a full launch only; a launch for activation alone leaves them out. */
  readonly rendering?: RenderingResult;
  readonly requests?: RequestCountResult;
  readonly connect?: ConnectHostResult;
}

/** What a launch measures: everything, or activation alone (a fresh host is needed for each). */
export type HostMode = 'full' | 'activation' | 'connections';

/** A launch in 'connections' mode: activation with 10 connections, and what the tree resolved (host/connectionsProbe.ts). */
export interface ConnectionsActivationResult {
  /** Where the host loaded the extension from. */
  readonly extensionPath: string;
  readonly activeBefore: boolean;
  readonly settleMs: number;
  readonly connections: number;
  readonly activateMs: number;
  /** Connections with an SDK client, requests the endpoint got, and whether the SDK was loaded, once the ten rows showed. */
  readonly resolvedAtRoots: number;
  readonly requestsAtRoots: number;
  readonly sdkLoadedAtRoots: boolean;
  /** The same once the first connection was expanded, with how many applications it listed. */
  readonly resolvedAfterOneExpanded: number;
  readonly applicationsOfExpanded: number;
  readonly requestsAfterOneExpanded: number;
}

export interface ActivationResult {
  /** Whether something had activated the extension before the benchmark asked to. */
  readonly activeBefore: boolean;
  /** As the extension measured itself (handle.perf). */
  readonly moduleLoadMs: number | undefined;
  readonly activateMs: number;
  /** `extension.activate()` as the host saw it: loading the bundle and running activate(). */
  readonly hostActivateCallMs: number;
  /** handle.perf.sdkLoadedAt right after activation, and still before the tree asked for anything. */
  readonly sdkLoadedAtActivation: boolean;
  readonly sdkLoadedBeforeFirstChildren: boolean;
  /** Whether the first getChildren (the top level) loaded the SDK, and how long that call took. */
  readonly sdkLoadedByFirstChildren: boolean;
  readonly firstChildrenMs: number;
  /** That first getChildren step by step, from the call (coldListing/requestTimeline.ts). */
  readonly coldListing: ColdListingSteps;
}

export interface RenderingResult {
  readonly sessions: number;
  readonly rows: number;
  /** ListSessions requests that loading every session took. */
  readonly loadRequests: number;
  /** The first getChildren + getTreeItem pass, then the later ones. */
  readonly coldMs: number;
  readonly warmMs: number[];
  /**
   * The same sessions through the tooltip text alone (sessionTooltip, from the compiled
   * sources), and through the local time formatting it calls twice per session (localTime):
   * the fastest of five runs over 1,000 of them, scaled to all.
   */
  readonly tooltipTextMs: number;
  readonly localTimeMs: number;
}

export interface RequestCountResult {
  readonly applications: number;
  readonly expanded: number;
  /** Requests when each expanded application is collapsed and expanded again. */
  readonly reExpand: number;
  /** Requests after the refresh command, asking for children as VS Code would. */
  readonly refresh: { readonly ListApplications: number; readonly ListSessions: number; readonly total: number };
}

/** Connect… from the command to SPARK_REMOTE being set, beside one raw GetSessionEndpoint call. */
export interface ConnectHostResult {
  /** Latency injected on GetSessionEndpoint, in ms. */
  readonly latencyMs: number;
  readonly rounds: number;
  /** Per round, in ms: the plain SDK client's call; the command given "Use in terminals". */
  readonly sdkMs: number[];
  readonly connectMs: number[];
  /** The command through its quick pick, answered at once; and an idle round trip to the workbench just before. */
  readonly connectPickMs: number[];
  readonly workbenchRoundTripMs: number[];
}
