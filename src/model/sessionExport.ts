/**
 * Loaded sessions written out as a file: JSON in the AWS CLI's `list-sessions` output shape,
 * or CSV. Both use the SessionSummary members in the service model's order, times as
 * ISO 8601 in UTC with milliseconds (`2026-11-30T09:15:00.000Z`).
 */
import * as l10n from '@vscode/l10n';
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';

/** SessionSummary's members in the order of the EMR Serverless service model; also the CSV columns. */
export const SESSION_SUMMARY_FIELDS = [
  'applicationId',
  'sessionId',
  'arn',
  'name',
  'state',
  'stateDetails',
  'releaseLabel',
  'executionRoleArn',
  'createdBy',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof SessionSummary)[];

/**
 * `{"sessions": [...]}`, as `aws emr-serverless list-sessions --output json` prints it: four
 * spaces of indent, members in model order, absent members left out, a final newline.
 * Members the model does not list (a newer SDK's) follow the known ones.
 */
export function sessionsToJson(sessions: readonly SessionSummary[]): string {
  return `${JSON.stringify({ sessions: sessions.map(orderedSummary) }, null, 4)}\n`;
}

/**
 * CSV by RFC 4180: a header row of `SESSION_SUMMARY_FIELDS`, one row per session, CRLF line
 * ends, and a field quoted (`"` doubled) when it holds a comma, quote, CR or LF. Absent values
 * are empty fields. Values are written as they are, never altered; a spreadsheet that runs
 * cells starting with `=` as formulas should import the file as text.
 */
export function sessionsToCsv(sessions: readonly SessionSummary[]): string {
  const rows = [SESSION_SUMMARY_FIELDS.map(csvField).join(',')];
  for (const session of sessions) {
    rows.push(SESSION_SUMMARY_FIELDS.map((field) => csvField(textOf(session[field]))).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

function orderedSummary(session: SessionSummary): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const field of SESSION_SUMMARY_FIELDS) {
    if (session[field] !== undefined) {
      ordered[field] = session[field];
    }
  }
  for (const [key, value] of Object.entries(session)) {
    if (!(key in ordered) && value !== undefined) {
      ordered[key] = value;
    }
  }
  return ordered;
}

function textOf(value: string | Date | undefined): string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  }
  return value ?? '';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The two file formats of Export Sessions…. */
export type ExportFormat = 'json' | 'csv';

/**
 * Each format's file extension (without the dot) and its name in the save dialog's file types;
 * the JSON name is read when the dialog opens, in the user's language.
 */
export const EXPORT_FORMATS: Record<ExportFormat, { readonly extension: string; readonly label: string }> = {
  json: {
    extension: 'json',
    get label(): string {
      return l10n.t('JSON (AWS CLI list-sessions output)');
    },
  },
  csv: { extension: 'csv', label: 'CSV' },
};

/** The file's text in a format: `sessionsToJson` or `sessionsToCsv`. */
export function sessionsToText(sessions: readonly SessionSummary[], format: ExportFormat): string {
  return format === 'csv' ? sessionsToCsv(sessions) : sessionsToJson(sessions);
}

/**
 * The format a file name asks for by its extension (`.json` or `.csv`, any case), or undefined
 * for any other name, which leaves the choice to the format picked before.
 */
export function formatOfFileName(fileName: string): ExportFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'json' || extension === 'csv' ? extension : undefined;
}

/**
 * The file name the save dialog proposes: `sessions-SCOPE-YYYY-MM-DD.EXT`, SCOPE being the
 * application's name or id (characters other than letters, digits, `.`, `_` and `-` as `-`)
 * or `all-applications`; the date is `now`'s (epoch ms) in UTC.
 */
export function defaultExportFileName(scope: string | undefined, format: ExportFormat, now: number): string {
  const name =
    scope === undefined ? 'all-applications' : scope.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'application';
  return `sessions-${name}-${new Date(now).toISOString().slice(0, 10)}.${EXPORT_FORMATS[format].extension}`;
}

/** What the notification says after writing: `Exported 3 sessions to sessions.csv.` (`file` as given). */
export function exportedMessage(count: number, file: string): string {
  return count === 1 ? l10n.t('Exported 1 session to {0}.', file) : l10n.t('Exported {0} sessions to {1}.', count, file);
}

/** What the error notification says when the file could not be written; `reason` is the file system's message. */
export function exportFailedMessage(file: string, reason: string): string {
  return l10n.t('Could not write {0}, so no sessions were exported. Choose another file or fix this and retry: {1}', file, reason);
}
