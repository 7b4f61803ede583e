import * as vscode from 'vscode';
import type { Session } from '@aws-sdk/client-emr-serverless';
import type { ExplorerNode } from '../model/explorerNodes';
import type { ExplorerConnections } from '../model/explorerConnections';
import { describeError } from '../model/awsErrors';
import { sessionDocument } from '../model/format';
import type { Logger } from '../model/logger';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { notifyError } from './notifyError';
import { SessionDocuments } from './sessionDocuments';

/** Copy ARN or id, and open a session's full details. */
export function registerSessionCommands(
  connections: ExplorerConnections,
  log: Logger,
  documents: SessionDocuments,
): vscode.Disposable[] {
  const copy =
    (what: 'ARN' | 'ID', pick: (node: ExplorerNode & { kind: 'session' }) => string | undefined) =>
    async (node?: ExplorerNode) => {
      const value = node?.kind === 'session' ? pick(node) : undefined;
      if (!value) {
        return;
      }
      await vscode.env.clipboard.writeText(value);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied session {0}: {1}', what, value), 3000);
    };

  return [
    registerGuarded(COMMANDS.copySessionArn, log, copy('ARN', (n) => n.session.arn)),
    registerGuarded(COMMANDS.copySessionId, log, copy('ID', (n) => n.session.sessionId)),
    registerGuarded(COMMANDS.showSessionDetails, log, async (node?: ExplorerNode) => {
      const connection = node?.connectionId === undefined ? connections.primary : connections.get(node.connectionId);
      if (node?.kind !== 'session' || !node.session.applicationId || !node.session.sessionId || !connection) {
        return;
      }
      const model = connection.model;
      const { applicationId, sessionId } = node.session;
      const uri = SessionDocuments.uriFor(connection, { applicationId, sessionId, name: node.session.name }, model.applications.find(applicationId)?.name);
      try {
        const session = await vscode.window.withProgress(
          { location: { viewId: 'emrServerless.sessions' }, title: vscode.l10n.t('Loading session…') },
          async () => (await model.getApi()).getSession(applicationId, sessionId),
        );
        documents.set(uri, sessionDocument(session));
      } catch (error) {
        const report = describeError(error, {
          operation: 'GetSession',
          endpointLabel: model.endpointLabel,
          profile: model.settings.connection.profile || undefined,
        });
        notifyError(log, {
          component: 'details',
          message: `${report.title}. ${report.detail}`,
          error,
          retry: () => vscode.commands.executeCommand(COMMANDS.showSessionDetails, node),
        });
        return;
      }
      await showDocument(uri);
    }),
  ];
}

async function showDocument(uri: vscode.Uri, preserveFocus = true): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true, preserveFocus });
}

/**
 * Opens a session's details, from a GetSession result in hand, as Show Session Details does.
 * `connection`: the identity and name of the connection (profile, Region, endpoint) it was read through.
 */
export async function openSessionDetails(
  documents: SessionDocuments,
  connection: { readonly id: string; readonly name: string },
  session: Session,
  applicationName?: string,
): Promise<void> {
  const uri = SessionDocuments.uriFor(
    connection,
    { applicationId: session.applicationId ?? '', sessionId: session.sessionId ?? '', name: session.name },
    applicationName,
  );
  documents.set(uri, sessionDocument(session));
  await showDocument(uri, false);
}
