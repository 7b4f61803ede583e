import * as vscode from 'vscode';
import type { EmrApi } from './model/emrApi';
import { ExplorerConnections } from './model/explorerConnections';
import type { ExplorerModel } from './model/explorerModel';
import type { ExplorerNode } from './model/explorerNodes';
import type { Logger } from './model/logger';
import { RunningNow } from './model/runningSessions';
import type { ConnectionSettings } from './model/settings';
import { COMMANDS, VIEW_ID } from './ui/commandIds';
import { registerApplicationCommands } from './ui/applicationCommands';
import { registerGuarded } from './ui/commandGuard';
import { readConnectionsAndWarn, watchConnections } from './ui/configuration';
import { AttachedSession } from './ui/attachedSession';
import { registerConnectCommands } from './ui/connectCommands';
import { registerConnectionCommands } from './ui/connectionCommands';
import { registerRegionCommands } from './ui/regionCommands';
import { registerViewTitleCommands } from './ui/viewTitleCommands';
import { registerExplorerCommands } from './ui/explorerCommands';
import { registerFindSession } from './ui/findSession';
import { registerGoToSession } from './ui/goToSession';
import { registerListingCommands } from './ui/listingCommands';
import { registerExportCommand } from './ui/exportCommand';
import { registerCreatedByMeCommand } from './ui/createdByMeCommand';
import { bindFilterState, restoreFilter } from './ui/filterState';
import { ensurePlainHttpConsent } from './ui/plainHttpConsent';
import { readProxyConfig, watchProxySettings } from './ui/proxySettings';
import { registerSessionCommands } from './ui/sessionCommands';
import { registerSessionLifecycleCommands } from './ui/sessionLifecycleCommands';
import { readPollInterval, watchPollInterval } from './ui/pollIntervalSetting';
import { registerSessionDocuments, SessionDocuments } from './ui/sessionDocuments';
import { SessionsTreeDataProvider } from './ui/sessionsTreeDataProvider';
import { configureTranslations } from './ui/translations';

/** Set by the bundle's first line, so module load time can be measured. */
declare const __emrBundleStart: number | undefined;
const moduleLoadMs = typeof __emrBundleStart === 'number' ? performance.now() - __emrBundleStart : undefined;

/**
 * What activate() returns: the explorer's model and tree provider, so that the integration
 * suite can check the real tree inside VS Code. Not a public API for other extensions.
 */
export interface ExplorerHandle {
  /** Every connection of the tree. */
  readonly connections: ExplorerConnections;
  /** The first connection's model (the only one with a single connection), read anew each time. */
  readonly model: ExplorerModel;
  readonly provider: SessionsTreeDataProvider;
  /** The state behind the "Running now" row. */
  readonly runningNow: RunningNow;
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly perf: ActivationTimings;
  /** The session whose Spark Connect string new terminals get. */
  readonly attached: AttachedSession;
}

/** What activation cost, as the extension measured it, and when the AWS SDK was loaded. */
export interface ActivationTimings {
  /** From the bundle's first line to the end of this module's own code, in ms. */
  readonly moduleLoadMs: number | undefined;
  /** activate() from start to return, in ms. */
  readonly activateMs: number;
  /** performance.now() when the AWS SDK was first loaded; undefined until a request needs it. */
  readonly sdkLoadedAt: number | undefined;
  /** performance.now() when the first SDK client was ready (Region resolved, client built; credentials come with its first request). */
  readonly apiCreatedAt: number | undefined;
}

let sdkLoadedAt: number | undefined;
let apiCreatedAt: number | undefined;

export function activate(context: vscode.ExtensionContext): ExplorerHandle {
  const started = performance.now();
  configureTranslations();
  const log = vscode.window.createOutputChannel('EMR Serverless', { log: true });
  const initial = readConnectionsAndWarn(log);
  const pollIntervalSeconds = readPollInterval(log);
  // A model per connection, created when the connection is first used (its row expanded, a
  // command on it), and even then resolving nothing (no credentials, no SDK client) until its
  // rows are first shown.
  const connections = new ExplorerConnections({
    connections: initial.connections,
    filter: restoreFilter(context.workspaceState),
    createApi: (connection) => createApi(connection, context.globalState, log),
    live: { pollIntervalSeconds, log },
  });
  // "Running now" sends nothing until its row is expanded, and polls only while the view shows it.
  const runningNow: RunningNow = new RunningNow({
    connections: () => connections.list.map((c) => ({ id: c.id, api: () => c.api() })),
    intervalSeconds: pollIntervalSeconds,
    onDidChange: () => provider.runningNowChanged(),
    log,
  });
  const provider: SessionsTreeDataProvider = new SessionsTreeDataProvider(connections, runningNow);
  const view = vscode.window.createTreeView<ExplorerNode>(VIEW_ID, {
    treeDataProvider: provider,
    showCollapseAll: true,
    canSelectMany: true,
  });
  // Nothing is polled, and no timer runs, until the view is shown.
  connections.setVisible(view.visible);
  runningNow.setVisible(view.visible);
  const documents = new SessionDocuments();
  const attached = new AttachedSession({ connections, log, environment: context.environmentVariableCollection });
  const revealApplication = async (applicationId: string, connectionId?: string): Promise<void> => {
    const node = provider.applicationNode(applicationId, connectionId);
    if (node) {
      await view.reveal(node, { expand: true, focus: false, select: false });
    }
  };
  const applyFilter = bindFilterState({
    connections,
    view,
    workspaceState: context.workspaceState,
    log,
    onDidChangeNoCredentials: provider.onDidChangeNoCredentials,
  });
  const setExpanded = (node: ExplorerNode, expanded: boolean) =>
    node.kind === 'runningNow'
      ? runningNow.setExpanded(expanded)
      : node.kind === 'application' && connections.modelOf(node)?.setExpanded(node.applicationId, expanded);

  context.subscriptions.push(
    log,
    { dispose: () => connections.dispose() },
    runningNow,
    provider,
    view,
    documents,
    ...registerSessionDocuments(documents),
    view.onDidExpandElement((e) => setExpanded(e.element, true)),
    view.onDidCollapseElement((e) => setExpanded(e.element, false)),
    view.onDidChangeVisibility((e) => {
      connections.setVisible(e.visible);
      runningNow.setVisible(e.visible);
    }),
    watchPollInterval(log, (seconds) => {
      connections.setPollInterval(seconds);
      runningNow.setIntervalSeconds(seconds);
    }),
    watchConnections(log, initial.warnings, (list) => connections.update(list)),
    watchProxySettings(log, () => connections.reconnect()),
    registerGuarded(COMMANDS.showLog, log, () => log.show()),
    ...registerExplorerCommands({ connections, log, applyFilter, view, provider }),
    ...registerApplicationCommands(log),
    ...registerSessionCommands(connections, log, documents),
    ...registerSessionLifecycleCommands({
      connections,
      log,
      view,
      workspaceState: context.workspaceState,
      revealApplication,
    }),
    ...registerListingCommands({ connections, log, revealApplication }),
    registerExportCommand(connections, log),
    registerCreatedByMeCommand({ connections, log, applyFilter }),
    registerFindSession({ connections, provider, view, log }),
    registerGoToSession({ connections, provider, view, log, documents }),
    ...registerConnectionCommands(log, connections),
    ...registerRegionCommands(log, connections),
    ...registerViewTitleCommands(log),
    attached,
    ...registerConnectCommands({ connections, log, attached }),
  );

  const activateMs = performance.now() - started;
  log.debug(
    `[perf] module load ${moduleLoadMs === undefined ? 'n/a' : `${moduleLoadMs.toFixed(2)} ms`}, activate() ${activateMs.toFixed(2)} ms`,
  );
  return {
    connections,
    get model() {
      return connections.primary.model;
    },
    provider,
    runningNow,
    view,
    attached,
    perf: {
      moduleLoadMs,
      activateMs,
      get sdkLoadedAt() {
        return sdkLoadedAt;
      },
      get apiCreatedAt() {
        return apiCreatedAt;
      },
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through the extension context.
}

/** The SDK is loaded here, on the first request, never at activation. */
async function createApi(connection: ConnectionSettings, globalState: vscode.Memento, log: Logger): Promise<EmrApi> {
  await ensurePlainHttpConsent(connection.endpoint, globalState);
  const { createEmrApi } = await import('./aws/emrClient.js');
  sdkLoadedAt ??= performance.now();
  const api = await createEmrApi(connection, log, readProxyConfig());
  apiCreatedAt ??= performance.now();
  return api;
}
