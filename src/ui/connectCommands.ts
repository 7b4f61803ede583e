/**
 * Connect… (Spark Connect from terminals, the clipboard or a PySpark snippet), Open Spark UI,
 * Open in AWS Console, and the attached session's status bar menu and Detach.
 *
 * The auth token from GetSessionEndpoint goes only to the environment variable collection
 * (AttachedSession) or, on an explicit copy, to the clipboard. Everything shown carries the
 * masked connection string; the snippet reads SPARK_REMOTE at run time.
 */
import * as vscode from 'vscode';
import { describeError } from '../model/awsErrors';
import { applicationConsoleUrl, sessionConsoleUrl } from '../model/consoleUrls';
import type { ExplorerModel } from '../model/explorerModel';
import type { ExplorerNode } from '../model/explorerNodes';
import { sessionLabel } from '../model/format';
import type { Logger } from '../model/logger';
import { pysparkSnippet } from '../model/pysparkSnippet';
import { pysparkForRelease } from '../model/pysparkVersions';
import { maskedSparkConnectString, SPARK_REMOTE, sparkConnectString, type SessionEndpoint } from '../model/sparkConnect';
import type { AttachedSession, AttachedSessionInfo } from './attachedSession';
import { COMMANDS, CONTEXT_KEYS, VIEW_ID } from './commandIds';
import { registerGuarded } from './commandGuard';
import { notifyError } from './notifyError';

/** Session states in which GetSessionEndpoint answers: the session runs. */
export const CONNECTABLE_STATES: ReadonlySet<string> = new Set(['STARTED', 'IDLE', 'BUSY']);

/** The quick pick's choices, by their labels (the UI story and tests pick them by label). */
export const CONNECT_CHOICES = {
  terminals: 'Use in terminals',
  copy: 'Copy connection string',
  snippet: 'Insert PySpark snippet',
} as const;

export interface ConnectDeps {
  readonly model: ExplorerModel;
  readonly log: Logger;
  readonly attached: AttachedSession;
}

type SessionRow = ExplorerNode & { kind: 'session' };

export function registerConnectCommands(deps: ConnectDeps): vscode.Disposable[] {
  const { model, log } = deps;
  const setConsoleKey = () =>
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.consoleLinks, !model.settings.connection.endpoint && !model.settings.connection.endpointError);
  setConsoleKey();
  const settingsWatch = model.onDidChange((applicationId) => applicationId === undefined && setConsoleKey());
  return [
    settingsWatch,
    registerGuarded(COMMANDS.connectSession, log, (node?: ExplorerNode) => connect(deps, node)),
    registerGuarded(COMMANDS.detachSession, log, () => deps.attached.detach()),
    registerGuarded(COMMANDS.openSparkUi, log, (node?: ExplorerNode) => openSparkUi(deps, node)),
    registerGuarded(COMMANDS.openInConsole, log, (node?: ExplorerNode) => openInConsole(deps, node)),
    registerGuarded(COMMANDS.showAttachedSession, log, () => attachedSessionMenu(deps)),
  ];
}

function infoOf(row: SessionRow): AttachedSessionInfo {
  return { applicationId: row.session.applicationId ?? '', sessionId: row.session.sessionId ?? '', label: sessionLabel(row.session), state: row.session.state };
}

async function fetchEndpoint(deps: ConnectDeps, info: AttachedSessionInfo): Promise<SessionEndpoint | undefined> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Connecting to session ${info.label}…` },
      async () => (await deps.model.getApi()).getSessionEndpoint(info.applicationId, info.sessionId),
    );
  } catch (error) {
    const report = describeError(error, { operation: 'GetSessionEndpoint', endpointLabel: deps.model.endpointLabel, profile: deps.model.settings.connection.profile || undefined });
    notifyError(deps.log, {
      component: 'connect',
      message: `Could not connect to session ${info.label}: ${report.title}. ${report.detail}`,
      error,
      retry: () => vscode.commands.executeCommand(COMMANDS.connectSession, rowOf(info)),
    });
    return undefined;
  }
}

/** A minimal session row, for commands run from a notification or the status bar. */
function rowOf(info: AttachedSessionInfo): SessionRow {
  return { kind: 'session', id: `session/${info.applicationId}/${info.sessionId}`, session: { applicationId: info.applicationId, sessionId: info.sessionId, state: info.state, name: info.label } as SessionRow['session'] };
}

async function connect(deps: ConnectDeps, node?: ExplorerNode): Promise<void> {
  if (node?.kind !== 'session') {
    return;
  }
  const info = infoOf(node);
  if (!CONNECTABLE_STATES.has(info.state ?? '')) {
    void vscode.window.showInformationMessage(`Session ${info.label} is ${info.state ?? 'in an unknown state'}: only a STARTED, IDLE or BUSY session can be connected to.`);
    return;
  }
  const endpoint = await fetchEndpoint(deps, info);
  if (!endpoint) {
    return;
  }
  // Fails with a ConnectionStringError (which never names the token) before anything is offered.
  const masked = maskedSparkConnectString(endpoint);
  sparkConnectString(endpoint);
  const releaseLabel = deps.model.applications.items.find((a) => a.id === info.applicationId)?.releaseLabel ?? '';
  const pyspark = pysparkForRelease(releaseLabel);
  type Item = vscode.QuickPickItem & { run: () => Promise<void> | void };
  const items: Item[] = [
    {
      label: `$(terminal) ${CONNECT_CHOICES.terminals}`,
      detail: `Attach the session: new terminals get ${SPARK_REMOTE}, renewed before its token expires`,
      run: () => useInTerminals(deps, info, endpoint),
    },
    {
      label: `$(copy) ${CONNECT_CHOICES.copy}`,
      detail: masked,
      run: () => copyConnectionString(endpoint, info.label),
    },
    {
      label: `$(code) ${CONNECT_CHOICES.snippet}`,
      detail: `Into the active notebook or Python file; it reads ${SPARK_REMOTE}, so no token is written`,
      run: () => insertSnippet(info, releaseLabel),
    },
    pyspark.known
      ? {
          label: `$(package) PySpark ${pyspark.pysparkVersion}`,
          description: `matches ${pyspark.releaseLabel} (Python ${pyspark.pythonVersion})`,
          detail: `Copy the install command: ${pyspark.pipInstall}`,
          run: async () => {
            await vscode.env.clipboard.writeText(pyspark.pipInstall);
            vscode.window.setStatusBarMessage(`$(check) Copied: ${pyspark.pipInstall}`, 5000);
          },
        }
      : { label: '$(package) PySpark version', detail: pyspark.message, run: () => undefined },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Connect to session ${info.label}`,
    placeHolder: `Spark Connect: ${masked}`,
    matchOnDetail: false,
  });
  await picked?.run();
}

async function useInTerminals(deps: ConnectDeps, info: AttachedSessionInfo, endpoint: SessionEndpoint): Promise<void> {
  deps.attached.attach(info, endpoint);
  const terminal = vscode.window.createTerminal({ name: `Spark Connect: ${info.label}` });
  terminal.show();
  void vscode.window.showInformationMessage(
    `Session ${info.label} is attached: new terminals have ${SPARK_REMOTE}. Run \`pyspark\`, or \`SparkSession.builder.getOrCreate()\` in Python, in one of them. Terminals that were already open keep their environment until VS Code relaunches them.`,
  );
}

async function copyConnectionString(endpoint: SessionEndpoint, label: string): Promise<void> {
  await vscode.env.clipboard.writeText(sparkConnectString(endpoint));
  void vscode.window.showWarningMessage(
    `Copied the Spark Connect string of session ${label}. It holds a secret token, valid until ${endpoint.authTokenExpiresAt.toLocaleTimeString()}: paste it only where you would paste a password.`,
  );
}

async function insertSnippet(info: AttachedSessionInfo, releaseLabel: string): Promise<void> {
  const snippet = pysparkSnippet({ applicationId: info.applicationId, sessionId: info.sessionId, releaseLabel: releaseLabel || undefined });
  const notebook = vscode.window.activeNotebookEditor;
  if (notebook) {
    const index = notebook.selection ? notebook.selection.end : notebook.notebook.cellCount;
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.notebook.uri, [vscode.NotebookEdit.insertCells(index, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, snippet.trimEnd(), 'python')])]);
    await vscode.workspace.applyEdit(edit);
    return;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.document.isClosed) {
    await editor.edit((b) => b.insert(editor.selection.active, snippet));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content: snippet });
  await vscode.window.showTextDocument(doc);
}

async function openSparkUi(deps: ConnectDeps, node?: ExplorerNode): Promise<void> {
  const info = node?.kind === 'session' ? infoOf(node) : deps.attached.info;
  if (!info) {
    void vscode.window.showInformationMessage('No session is attached: open the Spark UI from a session in the EMR Serverless view.');
    return;
  }
  let url: string | undefined;
  try {
    // Fetched at each click: the URL is valid for one hour, so it is never kept.
    url = await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Opening Spark UI…' }, async () =>
      (await deps.model.getApi()).getResourceDashboard(info.applicationId, info.sessionId),
    );
  } catch (error) {
    const report = describeError(error, { operation: 'GetResourceDashboard', endpointLabel: deps.model.endpointLabel, profile: deps.model.settings.connection.profile || undefined });
    notifyError(deps.log, {
      component: 'connect',
      message: `Could not open the Spark UI of session ${info.label}: ${report.title}. ${report.detail}`,
      error,
      retry: () => vscode.commands.executeCommand(COMMANDS.openSparkUi, rowOf(info)),
    });
    return;
  }
  if (!url) {
    void vscode.window.showInformationMessage(`No Spark UI is available for session ${info.label} yet.`);
    return;
  }
  // The URL carries its own short-lived credentials: it is opened, never logged.
  deps.log.info(`[connect] opening the Spark UI of session ${info.sessionId}`);
  void vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function openInConsole(deps: ConnectDeps, node?: ExplorerNode): Promise<void> {
  const connection = deps.model.settings.connection;
  // The Region in use, as the SDK resolved it when the setting names none.
  const region = connection.region ?? (connection.endpoint ? '' : (await deps.model.getApi()).region);
  const target = { region, endpoint: connection.endpoint };
  const url =
    node?.kind === 'session'
      ? sessionConsoleUrl(target, node.session.applicationId ?? '', node.session.sessionId ?? '')
      : node?.kind === 'application'
        ? applicationConsoleUrl(target, node.applicationId)
        : undefined;
  if (!url) {
    void vscode.window.showInformationMessage(
      target.endpoint ? 'The AWS Console has no page for sessions behind a custom endpoint.' : 'Choose an application or a session in the EMR Serverless view to open it in the AWS Console.',
    );
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function attachedSessionMenu(deps: ConnectDeps): Promise<void> {
  const info = deps.attached.info;
  if (!info) {
    void vscode.window.showInformationMessage('No EMR Serverless session is attached. Use Connect… on a running session to attach one.');
    return;
  }
  const renews = info.nextRenewalAt === undefined ? '' : `; token renews at ${new Date(info.nextRenewalAt).toLocaleTimeString()}`;
  const choice = await vscode.window.showQuickPick(
    [
      { label: `$(copy) ${CONNECT_CHOICES.copy}`, id: 'copy' },
      { label: '$(link-external) Open Spark UI', id: 'sparkUi' },
      { label: '$(debug-stop) Terminate Session', id: 'terminate' },
      { label: '$(debug-disconnect) Detach', id: 'detach' },
    ],
    { title: `Attached session ${info.label} (${info.state ?? 'UNKNOWN'}${renews})` },
  );
  const row = rowOf(info);
  switch (choice?.id) {
    case 'copy': {
      const endpoint = deps.attached.currentEndpoint;
      if (endpoint) {
        await copyConnectionString(endpoint, info.label);
      }
      break;
    }
    case 'sparkUi':
      await openSparkUi(deps, row);
      break;
    case 'terminate': {
      const shown = deps.model.findSession(info.applicationId, info.sessionId);
      const target = shown ? { ...row, session: shown } : row;
      await vscode.commands.executeCommand(COMMANDS.terminateSession, target, [target]);
      break;
    }
    case 'detach':
      deps.attached.detach();
      break;
    default:
      break;
  }
}
