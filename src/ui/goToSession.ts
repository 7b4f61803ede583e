/**
 * Go to Session…: from a session ID or session ARN to the session's row in the tree, or, for a
 * session the tree does not list (another Region, hidden by the filter, beyond
 * `emrServerless.maxItems`), to its details. The ARN names the application and the Region; for
 * an ID alone the application is the one whose loaded sessions hold it, else the user's choice.
 */
import * as vscode from 'vscode';
import type { Session } from '@aws-sdk/client-emr-serverless';
import { describeError } from '../model/awsErrors';
import { connectionId, connectionName } from '../model/connectionList';
import { applicationLabel } from '../model/format';
import type { Logger } from '../model/logger';
import { parseSessionReference, SESSION_ARN_FORM, SessionReferenceError, sessionNotFoundMessage } from '../model/sessionReference';
import { SETTING_KEYS, SETTINGS_SECTION } from '../model/settings';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { readMaxItems } from './listingCommands';
import { notifyError } from './notifyError';
import type { ExplorerConnections } from '../model/explorerConnections';
import { pickConnection } from './connectionPicker';
import { revealSession, type RevealOutcome, type RevealSessionDeps } from './revealSession';
import { openSessionDetails } from './sessionCommands';
import type { SessionDocuments } from './sessionDocuments';

/** What the command needs; the model is the connection's it works in (see goToSession). */
export interface GoToSessionDeps extends Omit<RevealSessionDeps, 'model' | 'connectionId'> {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  readonly documents: SessionDocuments;
}

function problemWith(text: string): string | undefined {
  try {
    parseSessionReference(text);
    return undefined;
  } catch (error) {
    return error instanceof SessionReferenceError ? error.message : String(error);
  }
}

/** Why a session of the listed Region is shown in its details rather than in the tree. */
const NOT_REVEALED: Record<Exclude<RevealOutcome, 'revealed' | 'cancelled'>, string> = {
  noApplication: vscode.l10n.t('its application is not listed in the tree'),
  notListed: vscode.l10n.t('the tree does not list it: the filter hides it, or it lies beyond {0}.{1} sessions', SETTINGS_SECTION, SETTING_KEYS.maxItems),
  failed: vscode.l10n.t('a page of the listing failed; its row in the tree says why'),
};

export function registerGoToSession(deps: GoToSessionDeps): vscode.Disposable {
  // An optional argument fills in the input box, as "Try Again" does with what was typed.
  const scoped = async (): Promise<(GoToSessionDeps & RevealSessionDeps) | undefined> => {
    // With several connections, the one to work in; with one, that one.
    const connection = await pickConnection(deps.connections, vscode.l10n.t('Go to Session in Which Connection?'));
    return connection && { ...deps, model: connection.model, connectionId: connection.id };
  };
  return registerGuarded(COMMANDS.goToSession, deps.log, async (text?: unknown) => {
    const within = await scoped();
    return within && goToSession(within, typeof text === 'string' ? text : undefined);
  });
}

async function goToSession(deps: GoToSessionDeps & RevealSessionDeps, given: string | undefined): Promise<void> {
  const { model, log } = deps;
  // A session ID or ARN just copied is offered as it is.
  const clipboard = given === undefined ? (await vscode.env.clipboard.readText()).trim() : '';
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Go to Session'),
    prompt: vscode.l10n.t('A session ID, or a session ARN: {0}', SESSION_ARN_FORM),
    placeHolder: vscode.l10n.t('Session ID or session ARN'),
    value: given ?? (clipboard && !problemWith(clipboard) ? clipboard : ''),
    ignoreFocusOut: true,
    validateInput: problemWith,
  });
  if (text === undefined) {
    return;
  }
  const reference = parseSessionReference(text);
  const sessionId = reference.sessionId;
  const applicationId =
    reference.kind === 'arn' ? reference.applicationId : (model.applicationOfLoadedSession(sessionId) ?? (await chooseApplication(deps, sessionId)));
  if (!applicationId) {
    return;
  }
  const application = model.applications.find(applicationId);
  const applicationName = (application && applicationLabel(application)) || applicationId;
  const tryAgain = () => vscode.commands.executeCommand(COMMANDS.goToSession, text);

  let listedRegion: string | undefined;
  let region: string | undefined;
  let session: Session;
  try {
    session = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up session {0}…', sessionId) },
      async () => {
        listedRegion = (await model.getApi()).region;
        region = reference.kind === 'arn' ? reference.region : listedRegion;
        const { api, release } = await model.apiInRegion(region);
        try {
          return await api.getSession(applicationId, sessionId);
        } finally {
          release();
        }
      },
    );
  } catch (error) {
    const report = describeError(error, { operation: 'GetSession', endpointLabel: model.endpointLabel, profile: model.settings.connection.profile || undefined });
    if (report.kind === 'notFound' && region) {
      log.info(`[goTo] GetSession found no session ${sessionId} in application ${applicationId} in ${region}`);
      void vscode.window.showErrorMessage(sessionNotFoundMessage(sessionId, applicationName, region), vscode.l10n.t('Try Again')).then((choice) => choice && tryAgain());
    } else {
      notifyError(log, { component: 'goTo', message: `${report.title}. ${report.detail}`, error, retry: tryAgain });
    }
    return;
  }

  if (region === listedRegion) {
    model.applySession(applicationId, session);
    const outcome = await revealSession(deps, applicationId, sessionId, { maxItems: readMaxItems(log), what: session.name || sessionId });
    if (outcome === 'revealed' || outcome === 'cancelled') {
      return;
    }
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(info) Showing the details of {0}: {1}.', session.name || sessionId, NOT_REVEALED[outcome]), 8000);
  } else {
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(info) Showing the details of {0}: it is in {1}, and the tree lists {2}.', session.name || sessionId, region ?? '', listedRegion ?? ''), 8000);
  }
  await openSessionDetails(deps.documents, detailsConnection(deps, region, listedRegion), session, application?.name);
}

/**
 * The connection a session's details were read through: the listed one, or for another Region
 * the same profile and endpoint in that Region (its own identity, so its document is its own).
 */
function detailsConnection(deps: GoToSessionDeps & RevealSessionDeps, region: string | undefined, listedRegion: string | undefined): { id: string; name: string } {
  const listed = deps.connections.get(deps.connectionId) ?? deps.connections.primary;
  if (region === undefined || region === listedRegion) {
    return listed;
  }
  const settings = deps.model.settings.connection;
  return { id: connectionId({ ...settings, region }), name: connectionName({ profile: settings.profile, region }) };
}

/** Asks which listed application holds a session known only by its id; undefined when the user declines. */
async function chooseApplication(deps: GoToSessionDeps & RevealSessionDeps, sessionId: string): Promise<string | undefined> {
  const { model } = deps;
  await deps.provider.getChildren();
  const apps = model.applications.items;
  if (apps.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('No application is listed in {0}, so the session {1} cannot be looked up by its ID. Enter its ARN instead.', model.endpointLabel, sessionId),
    );
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    apps.map((app) => ({ label: applicationLabel(app), description: [app.state, app.id].filter(Boolean).join(' · '), applicationId: app.id ?? '' })),
    {
      title: vscode.l10n.t('Go to Session {0}', sessionId),
      placeHolder: vscode.l10n.t('Which application holds session {0}? None of its loaded sessions do.', sessionId),
      matchOnDescription: true,
      ignoreFocusOut: true,
    },
  );
  return chosen?.applicationId;
}
