import * as vscode from 'vscode';
import { sessionDocumentTitle } from '../model/format';

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
   * The document of one session: `/<applicationId>/<sessionId>/<title>.json`. The last
   * segment is the editor tab's title, so it is the session's name as users know it, or its
   * id where it has none (`sessionDocumentTitle`); the ids before it keep the URI unique.
   */
  static uriFor(applicationId: string, sessionId: string, name?: string): vscode.Uri {
    const title = sessionDocumentTitle(name, sessionId);
    return vscode.Uri.from({ scheme: SESSION_SCHEME, path: `/${applicationId}/${sessionId}/${title}.json` });
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
