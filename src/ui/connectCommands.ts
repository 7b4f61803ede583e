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
import type { ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerModel } from '../model/explorerModel';
import { SettingsError } from '../model/settings';
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
  terminals: vscode.l10n.t('Use in terminals'),
  copy: vscode.l10n.t('Copy connection string'),
  snippet: vscode.l10n.t('Insert PySpark snippet'),
} as const;

/**
 * A choice made before: `emrServerless.connectSession` called with a session row and one of
 * these as its second argument skips the quick pick (Retry after a failed Connect does this).
 */
export type ConnectChoice = keyof typeof CONNECT_CHOICES;

function isConnectChoice(value: unknown): value is ConnectChoice {
  return typeof value === 'string' && Object.hasOwn(CONNECT_CHOICES, value);
}

export interface ConnectDeps {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  readonly attached: AttachedSession;
}

/** The model of a row's (or attached session's) connection; throws once that connection is removed. */
function modelOf(deps: ConnectDeps, of: { readonly connectionId?: string; readonly label?: string }): ExplorerModel {
  const model = deps.connections.modelOf(of);
  if (!model) {
    throw new SettingsError(vscode.l10n.t('Connection removed'), vscode.l10n.t('The connection of this session was removed or changed; refresh the view.'));
  }
  return model;
}

type SessionRow = ExplorerNode & { kind: 'session' };

export function registerConnectCommands(deps: ConnectDeps): vscode.Disposable[] {
  const { connections, log } = deps;
  // Console links while any connection goes to AWS's own endpoints; a row behind a custom
  // endpoint says that the console has no page for it.
  const setConsoleKey = () =>
    void vscode.commands.executeCommand(
      'setContext',
      CONTEXT_KEYS.consoleLinks,
      connections.list.some((c) => !c.config.settings.connection.endpoint && !c.config.settings.connection.endpointError),
    );
  setConsoleKey();
  return [
    connections.onDidChange((_connection, applicationId) => applicationId === undefined && setConsoleKey()),
    connections.onDidChangeList(setConsoleKey),
    // From a menu the second argument is the selection (an array); a ConnectChoice comes only from code.
    registerGuarded(COMMANDS.connectSession, log, (node?: ExplorerNode, choice?: unknown) => connect(deps, node, isConnectChoice(choice) ? choice : undefined)),
    registerGuarded(COMMANDS.detachSession, log, () => deps.attached.detach()),
    registerGuarded(COMMANDS.openSparkUi, log, (node?: ExplorerNode) => openSparkUi(deps, node)),
    registerGuarded(COMMANDS.openInConsole, log, (node?: ExplorerNode) => openInConsole(deps, node)),
    registerGuarded(COMMANDS.showAttachedSession, log, () => attachedSessionMenu(deps)),
  ];
}

function infoOf(row: SessionRow): AttachedSessionInfo {
  return {
    applicationId: row.session.applicationId ?? '',
    sessionId: row.session.sessionId ?? '',
    label: sessionLabel(row.session),
    state: row.session.state,
    ...(row.connectionId === undefined ? {} : { connectionId: row.connectionId }),
  };
}

/** GetSessionEndpoint's answer, or the failure already shown to the user. */
type EndpointOutcome = { readonly endpoint: SessionEndpoint } | { readonly failed: true };

/**
 * Asks GetSessionEndpoint, and checks that the answer can become a connection string (a
 * ConnectionStringError never names the token). A failure is shown once, with Retry, unless the
 * user had already closed the quick pick (the request is then aborted and nothing is said).
 */
async function fetchEndpoint(deps: ConnectDeps, info: AttachedSessionInfo, signal: AbortSignal, chosen: () => ConnectChoice | undefined): Promise<EndpointOutcome> {
  const model = deps.connections.modelOf(info);
  if (!model) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The connection of session {0} was removed or changed; refresh the view.', info.label));
    return { failed: true };
  }
  try {
    const endpoint = await (await model.getApi()).getSessionEndpoint(info.applicationId, info.sessionId, signal);
    sparkConnectString(endpoint);
    return { endpoint };
  } catch (error) {
    if (!signal.aborted) {
      const report = describeError(error, { operation: 'GetSessionEndpoint', endpointLabel: model.endpointLabel, profile: model.settings.connection.profile || undefined });
      notifyError(deps.log, {
        component: 'connect',
        message: vscode.l10n.t('Could not connect to session {0}: {1}. {2}', info.label, report.title, report.detail),
        error,
        retry: () => vscode.commands.executeCommand(COMMANDS.connectSession, rowOf(info), chosen()),
      });
    }
    return { failed: true };
  }
}

/** A minimal session row, for commands run from a notification or the status bar. */
function rowOf(info: AttachedSessionInfo): SessionRow {
  return {
    kind: 'session',
    id: `session/${info.applicationId}/${info.sessionId}`,
    ...(info.connectionId === undefined ? {} : { connectionId: info.connectionId }),
    session: {
      applicationId: info.applicationId,
      sessionId: info.sessionId,
      state: info.state,
      name: info.label,
    } as SessionRow['session'],
  };
}

/**
 * Connect…: the quick pick opens at once, busy, while GetSessionEndpoint runs, so the user
 * chooses while the call is under way. The choices that need the token wait for the answer;
 * the snippet and the PySpark version do not. Closing the pick before the answer aborts the call.
 */
async function connect(deps: ConnectDeps, node?: ExplorerNode, given?: ConnectChoice): Promise<void> {
  if (node?.kind !== 'session') {
    return;
  }
  const info = infoOf(node);
  if (!CONNECTABLE_STATES.has(info.state ?? '')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Session {0} is {1}: only a STARTED, IDLE or BUSY session can be connected to.', info.label, info.state ?? vscode.l10n.t('in an unknown state')));
    return;
  }
  const abort = new AbortController();
  let chosen = given;
  const answer = fetchEndpoint(deps, info, abort.signal, () => chosen);
  const withEndpoint = (use: (endpoint: SessionEndpoint) => Promise<void>) => async () => {
    const outcome = await settled(answer, vscode.l10n.t('Connecting to session {0}…', info.label));
    if ('endpoint' in outcome) {
      await use(outcome.endpoint);
    }
  };
  const releaseLabel = modelOf(deps, info).applications.items.find((a) => a.id === info.applicationId)?.releaseLabel ?? '';
  const pyspark = pysparkForRelease(releaseLabel);
  type Item = vscode.QuickPickItem & { choice?: ConnectChoice; run: () => Promise<void> | void };
  const items: Item[] = [
    {
      choice: 'terminals',
      label: vscode.l10n.t('$(terminal) {0}', CONNECT_CHOICES.terminals),
      detail: vscode.l10n.t('Attach the session: new terminals get {0}, renewed before its token expires', SPARK_REMOTE),
      run: withEndpoint((endpoint) => useInTerminals(deps, info, endpoint)),
    },
    {
      choice: 'copy',
      label: vscode.l10n.t('$(copy) {0}', CONNECT_CHOICES.copy),
      detail: vscode.l10n.t('It holds the session\'s auth token: copied only when you choose this'),
      run: withEndpoint((endpoint) => copyConnectionString(endpoint, info.label)),
    },
    {
      choice: 'snippet',
      label: vscode.l10n.t('$(code) {0}', CONNECT_CHOICES.snippet),
      detail: vscode.l10n.t('Into the active notebook or Python file; it reads {0}, so no token is written', SPARK_REMOTE),
      run: () => insertSnippet(info, releaseLabel),
    },
    pyspark.known
      ? {
          label: vscode.l10n.t('$(package) PySpark {0}', pyspark.pysparkVersion),
          description: vscode.l10n.t('matches {0} (Python {1})', pyspark.releaseLabel, pyspark.pythonVersion),
          detail: vscode.l10n.t('Copy the install command: {0}', pyspark.pipInstall),
          run: async () => {
            await vscode.env.clipboard.writeText(pyspark.pipInstall);
            vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied: {0}', pyspark.pipInstall), 5000);
          },
        }
      : { label: vscode.l10n.t('$(package) PySpark version'), detail: pyspark.message, run: () => undefined },
  ];
  const givenItem = items.find((item) => given !== undefined && item.choice === given);
  if (givenItem) {
    if (givenItem.choice === 'snippet') {
      abort.abort();
    }
    await givenItem.run();
    return;
  }
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = vscode.l10n.t('Connect to session {0}', info.label);
  pick.placeholder = vscode.l10n.t('Spark Connect: asking GetSessionEndpoint…');
  pick.busy = true;
  pick.matchOnDetail = false;
  pick.items = items;
  void answer.then((outcome) => {
    pick.busy = false;
    if ('endpoint' in outcome) {
      pick.placeholder = vscode.l10n.t('Spark Connect: {0}', maskedSparkConnectString(outcome.endpoint));
    } else {
      pick.hide();
    }
  });
  const picked = await new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!picked) {
    abort.abort();
    return;
  }
  chosen = picked.choice;
  if (chosen !== 'terminals' && chosen !== 'copy') {
    // The snippet and the PySpark version need no token.
    abort.abort();
  }
  await picked.run();
}

/** The answer; a window progress shows while it is still awaited after the user chose. */
async function settled(answer: Promise<EndpointOutcome>, title: string): Promise<EndpointOutcome> {
  let done = false;
  void answer.then(() => (done = true));
  await Promise.resolve();
  return done ? answer : vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => answer);
}

async function useInTerminals(deps: ConnectDeps, info: AttachedSessionInfo, endpoint: SessionEndpoint): Promise<void> {
  deps.attached.attach(info, endpoint);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Spark Connect: {0}', info.label) });
  terminal.show();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Session {0} is attached: new terminals have {1}. Run `pyspark`, or `SparkSession.builder.getOrCreate()` in Python, in one of them. Terminals that were already open keep their environment until VS Code relaunches them.', info.label, SPARK_REMOTE),
  );
}

async function copyConnectionString(endpoint: SessionEndpoint, label: string): Promise<void> {
  await vscode.env.clipboard.writeText(sparkConnectString(endpoint));
  void vscode.window.showWarningMessage(
    vscode.l10n.t('Copied the Spark Connect string of session {0}. It holds a secret token, valid until {1}: paste it only where you would paste a password.', label, endpoint.authTokenExpiresAt.toLocaleTimeString()),
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
    void vscode.window.showInformationMessage(vscode.l10n.t('No session is attached: open the Spark UI from a session in the EMR Serverless view.'));
    return;
  }
  let url: string | undefined;
  const model = modelOf(deps, info);
  try {
    // Fetched at each click: the URL is valid for one hour, so it is never kept.
    url = await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: vscode.l10n.t('Opening Spark UI…') }, async () =>
      (await model.getApi()).getResourceDashboard(info.applicationId, info.sessionId),
    );
  } catch (error) {
    const report = describeError(error, {
      operation: 'GetResourceDashboard',
      endpointLabel: model.endpointLabel,
      profile: model.settings.connection.profile || undefined,
    });
    notifyError(deps.log, {
      component: 'connect',
      message: vscode.l10n.t('Could not open the Spark UI of session {0}: {1}. {2}', info.label, report.title, report.detail),
      error,
      retry: () => vscode.commands.executeCommand(COMMANDS.openSparkUi, rowOf(info)),
    });
    return;
  }
  if (!url) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Spark UI is available for session {0} yet.', info.label));
    return;
  }
  // The URL carries its own short-lived credentials: it is opened, never logged.
  deps.log.info(`[connect] opening the Spark UI of session ${info.sessionId}`);
  void vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function openInConsole(deps: ConnectDeps, node?: ExplorerNode): Promise<void> {
  const model = modelOf(deps, node ?? {});
  const connection = model.settings.connection;
  // The Region in use, as the SDK resolved it when the setting names none.
  const region = connection.region ?? (connection.endpoint ? '' : (await model.getApi()).region);
  const target = { region, endpoint: connection.endpoint };
  const url =
    node?.kind === 'session'
      ? sessionConsoleUrl(target, node.session.applicationId ?? '', node.session.sessionId ?? '')
      : node?.kind === 'application'
        ? applicationConsoleUrl(target, node.applicationId)
        : undefined;
  if (!url) {
    void vscode.window.showInformationMessage(
      target.endpoint ? vscode.l10n.t('The AWS Console has no page for sessions behind a custom endpoint.') : vscode.l10n.t('Choose an application or a session in the EMR Serverless view to open it in the AWS Console.'),
    );
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function attachedSessionMenu(deps: ConnectDeps): Promise<void> {
  const info = deps.attached.info;
  if (!info) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No EMR Serverless session is attached. Use Connect… on a running session to attach one.'));
    return;
  }
  const renews = info.nextRenewalAt === undefined ? '' : vscode.l10n.t('; token renews at {0}', new Date(info.nextRenewalAt).toLocaleTimeString());
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('$(copy) {0}', CONNECT_CHOICES.copy), id: 'copy' },
      { label: vscode.l10n.t('$(link-external) Open Spark UI'), id: 'sparkUi' },
      { label: vscode.l10n.t('$(debug-stop) Terminate Session'), id: 'terminate' },
      { label: vscode.l10n.t('$(debug-disconnect) Detach'), id: 'detach' },
    ],
    { title: vscode.l10n.t('Attached session {0} ({1}{2})', info.label, info.state ?? 'UNKNOWN', renews) },
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
      const shown = deps.connections.modelOf(info)?.findSession(info.applicationId, info.sessionId);
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
