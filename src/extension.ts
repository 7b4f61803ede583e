import * as vscode from 'vscode';
import type { EmrApi } from './model/emrApi';
import { ExplorerModel } from './model/explorerModel';
import type { ExplorerNode } from './model/explorerNodes';
import type { Logger } from './model/logger';
import { withoutLinks } from './model/format';
import { describeFilter, isFilterActive, parseStoredFilter, SessionFilter } from './model/sessionFilter';
import { ConnectionSettings, needsPlainHttpConsent, SETTINGS_SECTION, SettingsError } from './model/settings';
import { COMMANDS, CONTEXT_KEYS, VIEW_ID } from './ui/commandIds';
import { registerGuarded } from './ui/commandGuard';
import { readSettings } from './ui/configuration';
import { registerConnectionCommands } from './ui/connectionCommands';
import { registerExplorerCommands } from './ui/explorerCommands';
import { registerSessionCommands } from './ui/sessionCommands';
import { SESSION_SCHEME, SessionDocuments } from './ui/sessionDocuments';
import { SessionsTreeDataProvider } from './ui/sessionsTreeDataProvider';

/** Set by the bundle's first line, so module load time can be measured. */
declare const __emrBundleStart: number | undefined;
const moduleLoadMs = typeof __emrBundleStart === 'number' ? performance.now() - __emrBundleStart : undefined;

const FILTER_STATE_KEY = 'emrServerless.filter';
const PLAIN_HTTP_CONSENT_KEY = 'emrServerless.plainHttpEndpoints';

/**
 * What activate() returns: the explorer's model and tree provider, so that the integration
 * suite can check the real tree inside VS Code. Not a public API for other extensions.
 */
export interface ExplorerHandle {
  readonly model: ExplorerModel;
  readonly provider: SessionsTreeDataProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly perf: ActivationTimings;
}

/** What activation cost, as the extension measured it, and when the AWS SDK was loaded. */
export interface ActivationTimings {
  /** From the bundle's first line to the end of this module's own code, in ms. */
  readonly moduleLoadMs: number | undefined;
  /** activate() from start to return, in ms. */
  readonly activateMs: number;
  /** performance.now() when the AWS SDK was first loaded; undefined until a request needs it. */
  readonly sdkLoadedAt: number | undefined;
}

let sdkLoadedAt: number | undefined;

export function activate(context: vscode.ExtensionContext): ExplorerHandle {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('EMR Serverless', { log: true });
  const validated = readSettings();
  let reported = validated.warnings;
  reportSettingsWarnings(reported, log);

  const model = new ExplorerModel({
    settings: validated.settings,
    filter: parseStoredFilter(context.workspaceState.get(FILTER_STATE_KEY)),
    createApi: (connection) => createApi(connection, context, log),
  });
  const provider = new SessionsTreeDataProvider(model);
  const view = vscode.window.createTreeView<ExplorerNode>(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const documents = new SessionDocuments();

  const showFilter = () => {
    const description = describeFilter(model.filter);
    view.description = description;
    // A view alone in its container hides its description, so the tree says it too.
    view.message = description ? `Filtered: ${description}` : undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, isFilterActive(model.filter));
  };
  const applyFilter = async (filter: SessionFilter) => {
    await context.workspaceState.update(FILTER_STATE_KEY, filter);
    log.info(`[filter] ${describeFilter(filter) ?? 'none'}`);
    model.setFilter(filter);
    showFilter();
  };
  showFilter();

  context.subscriptions.push(
    log,
    { dispose: () => model.dispose() },
    provider,
    view,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(SESSION_SCHEME, documents),
    vscode.workspace.onDidCloseTextDocument((doc) => doc.uri.scheme === SESSION_SCHEME && documents.forget(doc.uri)),
    view.onDidExpandElement((e) => e.element.kind === 'application' && model.setExpanded(e.element.applicationId, true)),
    view.onDidCollapseElement((e) => e.element.kind === 'application' && model.setExpanded(e.element.applicationId, false)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) {
        const next = readSettings();
        // Only what is newly wrong: a change to one setting does not repeat the others' warnings.
        reportSettingsWarnings(
          next.warnings.filter((p) => !reported.includes(p)),
          log,
        );
        reported = next.warnings;
        model.updateSettings(next.settings);
      }
    }),
    registerGuarded(COMMANDS.showLog, log, () => log.show()),
    ...registerExplorerCommands({ model, log, applyFilter }),
    ...registerSessionCommands(model, log, documents),
    ...registerConnectionCommands(log),
  );

  const activateMs = performance.now() - started;
  log.debug(
    `[perf] module load ${moduleLoadMs === undefined ? 'n/a' : `${moduleLoadMs.toFixed(2)} ms`}, activate() ${activateMs.toFixed(2)} ms`,
  );
  return {
    model,
    provider,
    view,
    perf: {
      moduleLoadMs,
      activateMs,
      get sdkLoadedAt() {
        return sdkLoadedAt;
      },
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through the extension context.
}

/** The SDK is loaded here, on the first request, never at activation. */
async function createApi(connection: ConnectionSettings, context: vscode.ExtensionContext, log: Logger): Promise<EmrApi> {
  const endpoint = connection.endpoint;
  if (endpoint && needsPlainHttpConsent(endpoint)) {
    const confirmed = context.globalState.get<string[]>(PLAIN_HTTP_CONSENT_KEY, []);
    if (!confirmed.includes(endpoint)) {
      const choice = await vscode.window.showWarningMessage(
        `The endpoint ${endpoint} uses plain HTTP on another machine. Requests signed with your AWS credentials would travel unencrypted. Send them anyway?`,
        { modal: true },
        'Send Anyway',
      );
      if (choice !== 'Send Anyway') {
        throw new SettingsError(
          'Plain HTTP endpoint not confirmed',
          `${endpoint} uses plain HTTP and sending to it was not confirmed. Use an https:// endpoint, or retry and confirm.`,
        );
      }
      await context.globalState.update(PLAIN_HTTP_CONSENT_KEY, [...confirmed, endpoint]);
    }
  }
  const { createEmrApi } = await import('./aws/emrClient.js');
  sdkLoadedAt ??= performance.now();
  return createEmrApi(connection, log);
}

function reportSettingsWarnings(warnings: readonly string[], log: Logger): void {
  for (const warning of warnings) {
    log.warn(`[settings] ${warning}`);
    void vscode.window.showWarningMessage(withoutLinks(warning), 'Open Settings').then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand(COMMANDS.openSettings);
      }
    });
  }
}
