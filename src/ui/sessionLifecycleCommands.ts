/**
 * Start Session… and Terminate Session: the commands, their confirmations and notifications.
 * The requests and their rules live in the model (sessionStart.ts, sessionActions.ts); the
 * rows update through the model, and the poller carries them to their next state.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Application, Session, StartSessionRequest } from '@aws-sdk/client-emr-serverless';
import pLimit from 'p-limit';
import { describeError } from '../model/awsErrors';
import type { ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerModel } from '../model/explorerModel';
import type { ExplorerNode, SessionNode } from '../model/explorerNodes';
import { sessionLabel } from '../model/format';
import type { Logger } from '../model/logger';
import { selectedSessionRows, terminateSessions } from '../model/sessionActions';
import { describeStartFailure, settingsRefused, StartSessionChoices, startRefusal, toStartSessionRequest } from '../model/sessionStart';
import { COMMANDS, VIEW_ID } from './commandIds';
import { registerGuarded } from './commandGuard';
import { notifyError } from './notifyError';
import { RememberedChoices, runStartSessionWizard, toRemembered } from './startSessionWizard';
import { watchUntilSettled } from './settleNotifications';
import { pickConnection } from './connectionPicker';

const REMEMBERED_KEY = 'emrServerless.startSession.';

/** States from which a session can still be terminated. */
const TERMINABLE = new Set(['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY']);

export interface LifecycleDeps {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  readonly workspaceState: vscode.Memento;
  readonly view: vscode.TreeView<ExplorerNode>;
  /** Shows an application of a connection expanded, so that its new session is seen (and polled). */
  readonly revealApplication: (applicationId: string, connectionId?: string) => Promise<void>;
}

export function registerSessionLifecycleCommands(deps: LifecycleDeps): vscode.Disposable[] {
  return [
    registerGuarded(COMMANDS.startSession, deps.log, (node?: ExplorerNode) => startSession(deps, node)),
    registerGuarded(COMMANDS.terminateSession, deps.log, (node?: unknown, selection?: unknown) => terminate(deps, node, selection)),
  ];
}

/** Start Session…; resolves to the warning shown when the application cannot take a session. */
async function startSession(deps: LifecycleDeps, node?: ExplorerNode): Promise<string | undefined> {
  // From a row, the row's connection; from the title bar or the palette, one the user picks.
  const connection = node
    ? (deps.connections.get(node.connectionId) ?? (node.connectionId === undefined ? deps.connections.primary : undefined))
    : await pickConnection(deps.connections, vscode.l10n.t('Start Session on Which Connection?'));
  if (!connection) {
    return undefined;
  }
  const model = connection.model;
  const api = await model.getApi();
  const preselected = node?.kind === 'application' ? node.applicationId : undefined;
  if (!model.applications.started) {
    await model.applications.loadNext();
  }
  const summaries = model.applications.items.filter((a) => !preselected || a.id === preselected);
  // GetApplication carries interactiveConfiguration, which the listing lacks.
  const limit = pLimit(5);
  const applications = await vscode.window.withProgress(
    { location: { viewId: VIEW_ID }, title: vscode.l10n.t('Checking applications…') },
    () =>
      Promise.all(
        summaries.map((a) =>
          limit(async () => {
            try {
              return { app: await api.getApplication(a.id ?? '') };
            } catch (error) {
              const report = describeError(error, { operation: 'GetApplication', endpointLabel: model.endpointLabel });
              return { app: { applicationId: a.id, name: a.name, state: a.state, releaseLabel: a.releaseLabel, type: a.type } as Application, error: report.title };
            }
          }),
        ),
      ),
  );
  // From an application's menu, an application that cannot take a session says why at once,
  // instead of after every step of the wizard.
  const refusal = preselected && applications.length === 1 ? startRefusal(applications[0].app, applications[0].error) : undefined;
  if (refusal) {
    void vscode.window.showWarningMessage(refusal);
    return refusal;
  }
  await startFromWizard(deps, connection.id, model, applications, preselected);
  return undefined;
}

/**
 * Runs the wizard over the checked applications, from `initial` when given (choices the service
 * refused, to edit), and sends what it collects. The choices are remembered only once the
 * service has not refused them.
 */
async function startFromWizard(
  deps: LifecycleDeps,
  connectionId: string,
  model: ExplorerModel,
  applications: readonly { readonly app: Application; readonly error?: string }[],
  preselected: string | undefined,
  initial?: StartSessionChoices,
): Promise<void> {
  const { workspaceState } = deps;
  const choices = await runStartSessionWizard({
    applications,
    applicationId: initial?.applicationId ?? preselected,
    remembered: (applicationId) => workspaceState.get<RememberedChoices>(REMEMBERED_KEY + applicationId) ?? {},
    recentRoles: async (applicationId) => {
      const listing = model.sessions(applicationId);
      if (!listing.started) {
        await listing.loadNext();
      }
      return [...new Set(listing.items.map((s) => s.executionRoleArn ?? '').filter(Boolean))];
    },
    initial,
  });
  if (!choices) {
    return;
  }
  const remember = () => workspaceState.update(REMEMBERED_KEY + choices.applicationId, toRemembered(choices));
  // One client token per run of the wizard: a retry sends the same request, and the service
  // answers with the session it already started instead of starting a second one.
  const request = toStartSessionRequest(choices, randomUUID());
  const refused = await send(deps, model, connectionId, request, () => startFromWizard(deps, connectionId, model, applications, preselected, choices));
  if (!refused) {
    await remember();
  }
}

/**
 * Sends StartSession and shows the new session, or the failure. Resolves to true when the
 * service refused the request's settings: the same request would be refused again, so the
 * notification offers Edit and Retry…, which calls `edit`, instead of Retry.
 */
async function send(
  deps: LifecycleDeps,
  model: ExplorerModel,
  connectionId: string,
  request: StartSessionRequest,
  edit: () => Promise<void>,
): Promise<boolean> {
  const { log } = deps;
  const applicationId = request.applicationId ?? '';
  const what = request.name ? vscode.l10n.t('session "{0}"', request.name) : vscode.l10n.t('a session');
  try {
    const session = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting {0}…', what) },
      async () => {
        const api = await model.getApi();
        const started = await api.startSession(request);
        log.info(`[sessions] started ${started.sessionId} on application ${applicationId}`);
        try {
          return await api.getSession(applicationId, started.sessionId);
        } catch {
          return { applicationId, sessionId: started.sessionId, arn: started.arn, state: 'SUBMITTED', name: request.name } as Session;
        }
      },
    );
    model.addStartedSession(applicationId, session);
    await deps.revealApplication(applicationId, connectionId);
    watchUntilSettled(model, log, [{ applicationId, sessionId: session.sessionId ?? '', label: sessionLabel(session) }], 'start');
  } catch (error) {
    const refused = settingsRefused(error);
    notifyError(log, {
      component: 'sessions',
      message: describeStartFailure(error, request, model.endpointLabel),
      error,
      ...(refused
        ? { retry: edit, retryLabel: vscode.l10n.t('Edit and Retry…') }
        : { retry: () => send(deps, model, connectionId, request, edit) }),
    });
    return refused;
  }
  return false;
}

async function terminate(deps: LifecycleDeps, node?: unknown, selection?: unknown): Promise<void> {
  // VS Code's selection can hold undefined or rows replaced since it was made: only session
  // rows count, each read again from its listing so that its state is the current one.
  const picked = selectedSessionRows(node, selection, deps.view.selection).map((row): SessionNode => {
    const current = deps.connections.modelOf(row)?.findSession(row.session.applicationId ?? '', row.session.sessionId ?? '');
    return current ? { ...row, session: current } : row;
  });
  const targets = picked.filter((n) => TERMINABLE.has(n.session.state ?? ''));
  if (targets.length === 0) {
    if (picked.length > 0) {
      void vscode.window.showInformationMessage(
        picked.length === 1 ? vscode.l10n.t('Session {0} has already ended or is ending.', sessionLabel(picked[0].session)) : vscode.l10n.t('The selected sessions have already ended or are ending.'),
      );
    }
    return;
  }
  const names = targets.map((n) => sessionLabel(n.session));
  const skipped = picked.length - targets.length;
  const choice = await vscode.window.showWarningMessage(
    targets.length === 1 ? vscode.l10n.t('Terminate session {0}?', names[0]) : vscode.l10n.t('Terminate {0} sessions?', targets.length),
    {
      modal: true,
      detail:
        (targets.length === 1
          ? vscode.l10n.t('Running work in it is lost.')
          : vscode.l10n.t('Running work in them is lost: {0}.', names.slice(0, 10).join(', ') + (names.length > 10 ? ', …' : ''))) +
        (skipped === 0
          ? ''
          : ' ' +
            (skipped === 1
              ? vscode.l10n.t('1 selected session has already ended and is left as it is.')
              : vscode.l10n.t('{0} selected sessions have already ended and are left as they are.', skipped))),
    },
    vscode.l10n.t('Terminate'),
  );
  if (choice !== vscode.l10n.t('Terminate')) {
    return;
  }
  // A selection may span connections: each connection's sessions go through its own client.
  const groups = new Map<ExplorerModel, SessionNode[]>();
  for (const target of targets) {
    const model = deps.connections.modelOf(target);
    if (model) {
      groups.set(model, [...(groups.get(model) ?? []), target]);
    }
  }
  await Promise.all([...groups].map(([model, nodes]) => terminateOn(deps.log, model, nodes)));
}

async function terminateOn(log: Logger, model: ExplorerModel, targets: readonly SessionNode[]): Promise<void> {
  const api = await model.getApi();
  const refs = targets.map((n) => ({ applicationId: n.session.applicationId ?? '', sessionId: n.session.sessionId ?? '', label: sessionLabel(n.session), node: n }));
  const outcomes = await terminateSessions(api, refs);
  const done = outcomes.filter((o) => o.ok).map((o) => o.session);
  for (const ref of done) {
    // The service has accepted it: the row says so at once, and the poller follows it to TERMINATED.
    const row = model.findSession(ref.applicationId, ref.sessionId);
    if (row && TERMINABLE.has(row.state ?? '')) {
      model.applySession(ref.applicationId, { ...row, state: 'TERMINATING', stateDetails: vscode.l10n.t('Terminate requested from VS Code') } as Session, 'local');
    }
  }
  log.info(`[sessions] terminate requested for ${done.length} of ${refs.length} session(s)`);
  if (done.length > 0) {
    watchUntilSettled(model, log, done, 'terminate');
  }
  for (const failed of outcomes.filter((o) => !o.ok)) {
    const error = (failed as { error: unknown }).error;
    const report = describeError(error, { operation: 'TerminateSession', endpointLabel: model.endpointLabel });
    notifyError(log, {
      component: 'sessions',
      message: vscode.l10n.t('Could not terminate session {0}: {1}. {2}', failed.session.label, report.title, report.detail),
      error,
      retry: () => vscode.commands.executeCommand(COMMANDS.terminateSession, failed.session.node, [failed.session.node]),
    });
  }
}
