import * as vscode from 'vscode';
import { pathSegment, sessionDocumentTitle } from '../model/format';

export const SESSION_SCHEME = 'emr-serverless-session';

/**
 * Read-only documents holding a session's full GetSession result. The command fetches the
 * session first, so a failure is reported where the user clicked, not as a broken editor.
 */
export class SessionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /**
   * The document of one session of one connection:
   * `/<connection name>/<applicationId>/<sessionId>/<title>.json?<connection id>`. The last
   * segment is the editor tab's title, the session and its application as users know them
   * (`sessionDocumentTitle`: "nightly-etl · analytics"). The connection's identity (profile,
   * Region and endpoint, connectionList.ts connectionId) is the query, so the same ids under two
   * connections are two documents; its name is in the path, so VS Code tells two such tabs apart.
   */
  static uriFor(
    connection: { readonly id: string; readonly name: string },
    session: { readonly applicationId: string; readonly sessionId: string; readonly name?: string },
    applicationName?: string,
  ): vscode.Uri {
    const { applicationId, sessionId } = session;
    const title = sessionDocumentTitle(session, { name: applicationName, id: applicationId });
    return vscode.Uri.from({
      scheme: SESSION_SCHEME,
      path: `/${pathSegment(connection.name) || '-'}/${applicationId}/${sessionId}/${title}.json`,
      query: connection.id,
    });
  }

  /** Forgets a document's text once its editor is closed. */
  forget(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('// This session is no longer loaded. Open it again from the EMR Serverless view.\n');
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}

/** Serves the documents under SESSION_SCHEME, and forgets each one's text when it is closed. */
export function registerSessionDocuments(documents: SessionDocuments): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(SESSION_SCHEME, documents),
    vscode.workspace.onDidCloseTextDocument((doc) => doc.uri.scheme === SESSION_SCHEME && documents.forget(doc.uri)),
  ];
}
