/**
 * The attached session: the one session whose Spark Connect string new integrated terminals get
 * as SPARK_REMOTE, through the extension's environment variable collection (never persisted, so
 * the token is not written to disk). Its token is renewed before it expires (TokenRenewal), a
 * status bar item shows it, and it is detached when the session ends.
 *
 * The token lives only in memory here and in the collection; nothing in this file logs it,
 * shows it or stores it anywhere else.
 */
import * as vscode from 'vscode';
import type { ExplorerConnection, ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerModel } from '../model/explorerModel';
import { SettingsError } from '../model/settings';
import type { Logger } from '../model/logger';
import { SPARK_REMOTE, sparkConnectString, type SessionEndpoint } from '../model/sparkConnect';
import { TokenRenewal, type RenewalClock, type RenewalEnd } from '../model/tokenRenewal';
import { COMMANDS, CONTEXT_KEYS } from './commandIds';

/** Session states in which a session has ended or is ending: an attachment to it is dropped. */
const ENDED_STATES: ReadonlySet<string> = new Set(['TERMINATING', 'TERMINATED', 'FAILED']);

/** What the attachment knows of its session, besides the endpoint. */
export interface AttachedSessionInfo {
  readonly applicationId: string;
  readonly sessionId: string;
  /** The row's label (the session's name, or its id). */
  readonly label: string;
  readonly state: string | undefined;
  /** The connection the session belongs to (explorerConnections.ts); the first one when absent. */
  readonly connectionId?: string;
}

export interface AttachedSessionDeps {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  /** The extension context's collection; made non-persistent here. */
  readonly environment: vscode.GlobalEnvironmentVariableCollection;
  /** Timers for the renewal; the system's by default. */
  readonly clock?: RenewalClock;
}

interface Attachment {
  readonly info: AttachedSessionInfo;
  state: string | undefined;
  readonly renewal: TokenRenewal;
}

/** Holds at most one attached session; attaching another replaces it. */
export class AttachedSession implements vscode.Disposable {
  private attachment: Attachment | undefined;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly subscriptions: { dispose(): void }[] = [];

  constructor(private readonly deps: AttachedSessionDeps) {
    // A token must never reach the disk: VS Code would otherwise store the collection in the workspace state.
    deps.environment.persistent = false;
    deps.environment.clear();
    this.statusItem = vscode.window.createStatusBarItem('emrServerless.attachedSession', vscode.StatusBarAlignment.Left, 50);
    this.statusItem.name = vscode.l10n.t('EMR Serverless Attached Session');
    this.statusItem.command = COMMANDS.showAttachedSession;
    this.subscriptions.push(
      deps.connections.onDidChangeSession((connection, applicationId, sessionId) =>
        this.onSessionChanged(connection, applicationId, sessionId),
      ),
      vscode.env.onDidChangeLogLevel(() => this.attachment && this.warnIfTerminalsAreLogged()),
    );
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.attached, false);
  }

  /** The attached session's ids, label and last known state; undefined when none is attached. */
  get info(): (AttachedSessionInfo & { readonly nextRenewalAt: number | undefined }) | undefined {
    const a = this.attachment;
    return a && { ...a.info, state: a.state, nextRenewalAt: a.renewal.nextRenewalAt };
  }

  /** The newest endpoint and token of the attached session. Only for an explicit copy. */
  get currentEndpoint(): SessionEndpoint | undefined {
    return this.attachment?.renewal.current;
  }

  /**
   * Attaches a session from a fresh GetSessionEndpoint answer: sets SPARK_REMOTE for new
   * terminals and starts the token's renewal. A session attached before is detached first.
   * Throws ConnectionStringError (whose message holds no token) when the answer cannot become a
   * connection string; nothing is attached then.
   */
  attach(info: AttachedSessionInfo, endpoint: SessionEndpoint): void {
    const connection = sparkConnectString(endpoint);
    this.detach();
    const { log } = this.deps;
    const renewal = new TokenRenewal(endpoint, {
      fetchEndpoint: async (signal) =>
        (await this.modelOf(info).getApi()).getSessionEndpoint(info.applicationId, info.sessionId, signal),
      onRenewed: (fresh) => {
        this.setEnvironment(info, sparkConnectString(fresh));
        this.render();
      },
      onRetrying: () => this.render(),
      onEnded: (reason) => this.onEnded(renewal, reason),
      clock: this.deps.clock,
      log,
    });
    this.attachment = { info, state: info.state, renewal };
    this.setEnvironment(info, connection);
    log.info(`[connect] attached session ${info.sessionId} of application ${info.applicationId}: SPARK_REMOTE is set for new terminals`);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.attached, true);
    this.render();
    this.warnIfTerminalsAreLogged();
  }

  /**
   * At log level Debug or Trace, VS Code itself (its pty host) writes each new terminal's
   * environment to its own log files, SPARK_REMOTE included; no extension API can keep a
   * variable out of them. So the user is told, with a way to set the level back.
   */
  private warnIfTerminalsAreLogged(): void {
    const level = vscode.env.logLevel;
    if (level !== vscode.LogLevel.Debug && level !== vscode.LogLevel.Trace) {
      return;
    }
    const name = level === vscode.LogLevel.Debug ? vscode.l10n.t('Debug') : vscode.l10n.t('Trace');
    this.deps.log.warn(`[connect] VS Code's log level is ${name}: VS Code writes new terminals' environment, ${SPARK_REMOTE} included, to its own logs`);
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t("VS Code's log level is {0}: at this level VS Code itself writes each new terminal's environment, the session's {1} and its token included, to its own log files. Set the level to Info while a session is attached.", name, SPARK_REMOTE),
        vscode.l10n.t('Set Log Level…'),
      )
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.setLogLevel'));
  }

  /** Detaches the attached session, if any: new terminals no longer get SPARK_REMOTE. */
  detach(): void {
    this.attachment?.renewal.detach();
  }

  dispose(): void {
    this.detach();
    this.subscriptions.forEach((s) => s.dispose());
    this.statusItem.dispose();
  }

  private setEnvironment(info: AttachedSessionInfo, connection: string): void {
    const env = this.deps.environment;
    env.description = vscode.l10n.t('SPARK_REMOTE: Spark Connect to EMR Serverless session {0}', info.label);
    env.replace(SPARK_REMOTE, connection);
  }

  private onEnded(renewal: TokenRenewal, reason: RenewalEnd): void {
    const attachment = this.attachment;
    if (attachment?.renewal !== renewal) {
      return;
    }
    this.attachment = undefined;
    this.deps.environment.clear();
    this.statusItem.hide();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.attached, false);
    this.deps.log.info(`[connect] detached session ${attachment.info.sessionId} (${reason === 'detached' ? 'detached' : 'the session ended'})`);
    if (reason === 'sessionEnded') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Session {0} has ended, so it was detached: new terminals no longer get {1}.', attachment.info.label, SPARK_REMOTE),
      );
    } else {
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(debug-disconnect) Detached session {0}', attachment.info.label), 3000);
    }
  }

  /** The model of the attached session's connection; rejects its requests once the connection is removed. */
  private modelOf(info: AttachedSessionInfo): ExplorerModel {
    const model = this.deps.connections.modelOf(info);
    if (!model) {
      throw new SettingsError(vscode.l10n.t('Connection removed'), vscode.l10n.t('The connection of session {0} was removed or changed.', info.label));
    }
    return model;
  }

  private onSessionChanged(connection: ExplorerConnection, applicationId: string, sessionId: string): void {
    const a = this.attachment;
    if (
      !a ||
      a.info.applicationId !== applicationId ||
      a.info.sessionId !== sessionId ||
      connection.model !== this.deps.connections.modelOf(a.info)
    ) {
      return;
    }
    a.state = connection.model.findSession(applicationId, sessionId)?.state ?? a.state;
    if (ENDED_STATES.has(a.state ?? '')) {
      a.renewal.sessionEnded();
      return;
    }
    this.render();
  }

  private render(): void {
    const a = this.attachment;
    if (!a) {
      this.statusItem.hide();
      return;
    }
    const state = a.state ?? 'UNKNOWN';
    const renewsAt = a.renewal.nextRenewalAt;
    const when = renewsAt === undefined ? vscode.l10n.t('not renewed') : vscode.l10n.t('renews at {0}', new Date(renewsAt).toLocaleTimeString());
    this.statusItem.text = vscode.l10n.t('$(plug) {0} · {1}', a.info.label, state);
    this.statusItem.tooltip = vscode.l10n.t('Attached EMR Serverless session {0} ({1}). New terminals get {2}; its token {3}. Click for Copy Connection String, Open Spark UI, Terminate and Detach.', a.info.label, state, SPARK_REMOTE, when);
    this.statusItem.accessibilityInformation = { label: vscode.l10n.t('Attached EMR Serverless session {0}, {1}, token {2}', a.info.label, state, when) };
    this.statusItem.show();
  }
}
