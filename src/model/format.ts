import * as l10n from '@vscode/l10n';
import type { ApplicationSummary, Session, SessionSummary } from '@aws-sdk/client-emr-serverless';
import { applicationStateLook, sessionStateLook } from './stateIcons';
import { creatorShortName } from './principals';

/** "just now", "5 min ago", "3 h ago", "2 d ago", "4 mo ago"; "in 5 min" for the future. */
export function relativeTime(then: Date | undefined, now: number): string {
  if (!then || Number.isNaN(then.getTime())) {
    return '';
  }
  const diff = now - then.getTime();
  const abs = Math.abs(diff);
  const units: [number, () => string][] = [
    [365 * 86_400_000, () => l10n.t({ message: 'y', comment: ['years, abbreviated, as in "2 y ago"'] })],
    [30 * 86_400_000, () => l10n.t({ message: 'mo', comment: ['months, abbreviated, as in "4 mo ago"'] })],
    [86_400_000, () => l10n.t({ message: 'd', comment: ['days, abbreviated, as in "2 d ago"'] })],
    [3_600_000, () => l10n.t({ message: 'h', comment: ['hours, abbreviated, as in "3 h ago"'] })],
    [60_000, () => l10n.t({ message: 'min', comment: ['minutes, abbreviated, as in "5 min ago"'] })],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      return diff >= 0
        ? l10n.t({ message: '{0} {1} ago', args: [n, unit()], comment: ['{0} a number, {1} a unit such as "h"'] })
        : l10n.t({ message: 'in {0} {1}', args: [n, unit()], comment: ['{0} a number, {1} a unit such as "h"'] });
    }
  }
  return l10n.t('just now');
}

let localFormat: Intl.DateTimeFormat | undefined;

/**
 * Absolute local time with the zone, e.g. "3/1/2026, 2:30:15 PM GMT+1". One formatter is
 * made and reused: making one per call costs more than everything else a row needs.
 */
export function localTime(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  localFormat ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
  return localFormat.format(date);
}

const MAX_LABEL = 120;

/**
 * Makes service text safe for a one-line label: line breaks become spaces and very long
 * text is cut. Labels are plain text, never Markdown.
 */
export function labelText(text: string, max = MAX_LABEL): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Escapes text for Markdown so it shows literally: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), so no link, HTML tag, entity,
 * emphasis or `command:` URI can form. Line breaks become spaces; long text is cut.
 */
export function escapeMarkdown(text: string, max = 1000): string {
  const flat = labelText(text, max);
  return flat.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * Text for a notification, which VS Code renders with Markdown links that may run commands:
 * a link cannot form once "](" is broken up. For service and settings text in messages.
 */
export function withoutLinks(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}

export function sessionLabel(s: SessionSummary): string {
  return labelText(s.name || s.sessionId || l10n.t('(unnamed session)'));
}

/**
 * The words after a session's name, most useful first, since the side bar cuts the end of a
 * long row: its age ("3 h ago"), where the icon shows the state; the state, then the age,
 * where the icon does not tell it ("STARTING · 1 min ago" for the spinning states, and
 * UNKNOWN). The tooltip holds every field.
 */
export function sessionDescription(s: SessionSummary, now: number): string {
  const state = sessionStateLook(s.state).inWords ? (s.state ?? 'UNKNOWN') : undefined;
  return [state, relativeTime(s.createdAt, now)].filter(Boolean).join(' · ');
}

export function applicationLabel(a: ApplicationSummary): string {
  return labelText(a.name || a.id || l10n.t('(unnamed application)'));
}

/** Which application fields differ between the applications listed, so that rows show them. */
export interface ApplicationColumns {
  readonly type: boolean;
  readonly releaseLabel: boolean;
}

/** Shows a field only where the listed applications differ in it (e.g. two release labels). */
export function varyingColumns(apps: readonly ApplicationSummary[]): ApplicationColumns {
  const differs = (field: (a: ApplicationSummary) => string | undefined) => new Set(apps.map(field)).size > 1;
  return { type: differs((a) => a.type), releaseLabel: differs((a) => a.releaseLabel) };
}

/**
 * The words after an application's name: its state where the icon does not tell it
 * ("STOPPED"), then its type and release label where they differ between the applications
 * listed (`columns`). What every row would repeat is left to the tooltip.
 */
export function applicationDescription(a: ApplicationSummary, columns: ApplicationColumns): string {
  const state = applicationStateLook(a.state).inWords ? (a.state ?? 'UNKNOWN') : undefined;
  return [state, columns.type ? a.type : undefined, columns.releaseLabel ? a.releaseLabel : undefined]
    .filter(Boolean)
    .join(' · ');
}

function row(label: string, value: string | undefined): string {
  return value ? `**${l10n.t('{0}:', label)}** ${value}  \n` : '';
}

function timeRow(label: string, date: Date | undefined, now: number): string {
  return date ? row(label, `${escapeMarkdown(localTime(date))} (${relativeTime(date, now)})`) : '';
}

/**
 * "Created by" as a short name (`alice`, `DataEngineer/bob`; see creatorShortName), and the
 * principal's full ARN beneath it when the short name leaves part of it out.
 */
function creatorRows(createdBy: string | undefined): string {
  const short = creatorShortName(createdBy);
  return (
    row(l10n.t('Created by'), escapeMarkdown(short ?? '')) +
    (createdBy !== undefined && short !== createdBy ? row(l10n.t('Creator ARN'), escapeMarkdown(createdBy)) : '')
  );
}

/** Every SessionSummary field, with user-provided text escaped; the creator by its short name. */
export function sessionTooltip(s: SessionSummary, now: number): string {
  return (
    `**${escapeMarkdown(s.name || s.sessionId || '')}**\n\n` +
    row(l10n.t('State'), escapeMarkdown(s.state ?? '')) +
    row(l10n.t('State details'), escapeMarkdown(s.stateDetails ?? '')) +
    row(l10n.t('Session ID'), escapeMarkdown(s.sessionId ?? '')) +
    row(l10n.t('Name'), s.name ? escapeMarkdown(s.name) : undefined) +
    row(l10n.t('Application ID'), escapeMarkdown(s.applicationId ?? '')) +
    row(l10n.t('ARN'), escapeMarkdown(s.arn ?? '')) +
    row(l10n.t('Release'), escapeMarkdown(s.releaseLabel ?? '')) +
    row(l10n.t('Execution role'), escapeMarkdown(s.executionRoleArn ?? '')) +
    creatorRows(s.createdBy) +
    timeRow(l10n.t('Created'), s.createdAt, now) +
    timeRow(l10n.t('Updated'), s.updatedAt, now)
  );
}

export function applicationTooltip(a: ApplicationSummary, now: number): string {
  return (
    `**${escapeMarkdown(a.name || a.id || '')}**\n\n` +
    row(l10n.t('State'), escapeMarkdown(a.state ?? '')) +
    row(l10n.t('State details'), a.stateDetails ? escapeMarkdown(a.stateDetails) : undefined) +
    row(l10n.t('Application ID'), escapeMarkdown(a.id ?? '')) +
    row(l10n.t('ARN'), escapeMarkdown(a.arn ?? '')) +
    row(l10n.t('Type'), escapeMarkdown(a.type ?? '')) +
    row(l10n.t('Release'), escapeMarkdown(a.releaseLabel ?? '')) +
    row(l10n.t('Architecture'), a.architecture ? escapeMarkdown(a.architecture) : undefined) +
    timeRow(l10n.t('Created'), a.createdAt, now) +
    timeRow(l10n.t('Updated'), a.updatedAt, now)
  );
}

const MAX_TITLE = 60;

/** One path segment of a details document: "/" and "\\" become "∕" and "⧵", line breaks spaces, cut to 60 characters. */
export function pathSegment(text: string): string {
  return labelText(text, MAX_TITLE).replace(/\//g, '\u2215').replace(/\\/g, '\u29f5').trim();
}

/**
 * The title of a session's details tab, "nightly-etl · analytics": the session's name, or its
 * id where it has none (or the name is blank), then its application's name, or its id. The title
 * is one path segment, so each part goes through pathSegment (at most 60 characters each).
 */
export function sessionDocumentTitle(
  session: { readonly name?: string; readonly sessionId: string },
  application: { readonly name?: string; readonly id: string },
): string {
  const sessionPart = pathSegment(session.name ?? '') || session.sessionId;
  const applicationPart = pathSegment(application.name ?? '') || application.id;
  return `${sessionPart} · ${applicationPart}`;
}

/** The full GetSession result as pretty JSON, with times in ISO 8601. */
export function sessionDocument(session: Session): string {
  return `${JSON.stringify(session, undefined, 2)}\n`;
}
