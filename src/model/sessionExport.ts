/**
 * Loaded sessions written out as a file: JSON in the AWS CLI's `list-sessions` output shape,
 * or CSV. Both use the SessionSummary members in the service model's order, times as
 * ISO 8601 in UTC with milliseconds (`2026-11-30T09:15:00.000Z`).
 */
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
