/**
 * Export Sessions…: the sessions the tree holds, of one application (its context menu) or of
 * every application (the view title, the Command Palette), written to a file the user chooses,
 * as JSON in the AWS CLI's `list-sessions` shape or as CSV (src/model/sessionExport.ts).
 */
import * as os from 'os';
import * as vscode from 'vscode';
import type { ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerNode } from '../model/explorerNodes';
import type { Logger } from '../model/logger';
import {
  defaultExportFileName,
  EXPORT_FORMATS,
  exportedMessage,
  exportFailedMessage,
  type ExportFormat,
  formatOfFileName,
  sessionsToText,
} from '../model/sessionExport';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { errorMessage, notifyError } from './notifyError';

/** The command's result once a file was chosen (undefined before): what was written where, or why not. */
export interface ExportResult {
  readonly uri: vscode.Uri;
  readonly format: ExportFormat;
  /** Sessions written; 0 when the write failed. */
  readonly count: number;
  /** The message shown when the file could not be written. */
  readonly failure?: string;
}

interface FormatItem extends vscode.QuickPickItem {
  readonly format: ExportFormat;
}

const FORMAT_ITEMS: FormatItem[] = [
  { label: 'JSON', description: vscode.l10n.t('as "aws emr-serverless list-sessions" prints it'), format: 'json' },
  { label: 'CSV', description: vscode.l10n.t('one row per session, for a spreadsheet'), format: 'csv' },
];

export function registerExportCommand(connections: ExplorerConnections, log: Logger): vscode.Disposable {
  return registerGuarded(COMMANDS.exportSessions, log, async (node?: ExplorerNode): Promise<ExportResult | undefined> => {
    const applicationId = node?.kind === 'application' ? node.applicationId : undefined;
    // An application's row: its connection's sessions; otherwise those of every connection.
    const model = applicationId === undefined ? undefined : connections.modelOf(node);
    const scope = applicationId === undefined ? undefined : model?.applications.find(applicationId)?.name || applicationId;
    // What the tree shows: under "Created by me", the caller's sessions alone.
    const models = applicationId === undefined ? connections.list.map((c) => c.model) : model ? [model] : [];
    const sessions = models.flatMap((m) => m.shownSessions(applicationId));
    if (sessions.length === 0) {
      const hidden = models.some((m) => m.loadedSessions(applicationId).length > 0);
      void vscode.window.showInformationMessage(
        hidden
          ? (scope === undefined
              ? vscode.l10n.t('None of the loaded sessions were created by you, so there is nothing to export.')
              : vscode.l10n.t('None of the loaded sessions of {0} were created by you, so there is nothing to export.', scope)) +
              ' ' +
              vscode.l10n.t('Turn "Created by Me" off to export every loaded session.')
          : (scope === undefined
              ? vscode.l10n.t('No sessions are loaded, so there is nothing to export.')
              : vscode.l10n.t('No sessions of {0} are loaded, so there is nothing to export.', scope)) +
              ' ' +
              vscode.l10n.t('Expand an application, or use Load All on it, then export again.'),
      );
      return undefined;
    }
    const count = sessions.length === 1 ? vscode.l10n.t('1 session') : vscode.l10n.t('{0} sessions', sessions.length);
    const picked = await vscode.window.showQuickPick(FORMAT_ITEMS, {
      title: scope === undefined ? vscode.l10n.t('Export {0}', count) : vscode.l10n.t('Export {0} of {1}', count, scope),
      placeHolder: vscode.l10n.t('File format'),
    });
    if (!picked) {
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const other: ExportFormat = picked.format === 'json' ? 'csv' : 'json';
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export {0} as {1}', count, picked.label),
      saveLabel: vscode.l10n.t('Export'),
      defaultUri: vscode.Uri.joinPath(folder, defaultExportFileName(scope, picked.format, Date.now())),
      filters: {
        [EXPORT_FORMATS[picked.format].label]: [EXPORT_FORMATS[picked.format].extension],
        [EXPORT_FORMATS[other].label]: [EXPORT_FORMATS[other].extension],
      },
    });
    if (!uri) {
      return undefined;
    }
    // A name ending in .json or .csv gets that format, whatever was picked before.
    const format = formatOfFileName(uri.path) ?? picked.format;
    const bytes = new TextEncoder().encode(sessionsToText(sessions, format));
    const write = async (): Promise<ExportResult> => {
      try {
        await vscode.workspace.fs.writeFile(uri, bytes);
      } catch (error) {
        const failure = exportFailedMessage(shownPath(uri), errorMessage(error));
        notifyError(log, { component: 'export', message: failure, error, retry: write });
        return { uri, format, count: 0, failure };
      }
      log.info(`[export] ${count} as ${format.toUpperCase()} to ${shownPath(uri)}`);
      void vscode.window.showInformationMessage(exportedMessage(sessions.length, shownPath(uri)), vscode.l10n.t('Open File')).then((choice) => {
        if (choice === vscode.l10n.t('Open File')) {
          void vscode.window.showTextDocument(uri);
        }
      });
      return { uri, format, count: sessions.length };
    };
    return write();
  });
}

function shownPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}
