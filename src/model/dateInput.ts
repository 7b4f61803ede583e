import * as l10n from '@vscode/l10n';

/**
 * Parses what a user types as a date bound: an ISO 8601 date (2026-03-01) or date-time
 * (2026-03-01T14:30, 2026-03-01 14:30:15.250Z, 2026-03-01T14:30+02:00). Without an offset the
 * value is taken as UTC, so the same text always means the same instant.
 */
export type ParsedDate = { ok: true; date: Date } | { ok: false; message: string };

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** How to write a date bound, for prompts and messages: read when shown, in the user's language. */
export function dateInputHint(): string {
  return l10n.t('ISO 8601, e.g. 2026-03-01 or 2026-03-01T14:30Z (UTC unless an offset is given)');
}

/**
 * The prompt of the second box of a custom range, "created before". It may be left empty only
 * when the first box gave a lower bound (a range needs one bound, see checkRange), and says so
 * exactly then.
 */
export function beforeBoundPrompt(afterGiven: boolean): string {
  return afterGiven
    ? l10n.t('Latest creation time, {0}. Leave empty for no upper bound.', dateInputHint())
    : l10n.t('Latest creation time, {0}. Required, as no lower bound was given.', dateInputHint());
}

export function parseDateInput(text: string): ParsedDate {
  const value = text.trim();
  if (value === '') {
    return { ok: false, message: l10n.t('Enter a date.') };
  }
  const m = ISO_PATTERN.exec(value);
  if (!m) {
    return { ok: false, message: l10n.t('"{0}" is not an ISO 8601 date. Use {1}.', clip(value), dateInputHint()) };
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) {
    return { ok: false, message: l10n.t('Month {0} does not exist.', mo) };
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    return { ok: false, message: l10n.t({ message: '{0}-{1} has no day {2}.', args: [y, mo, d], comment: ['{0} a year, {1} a month, {2} a day, all as typed'] }) };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: l10n.t({ message: '{0}:{1}:{2} is not a time of day.', args: [h, mi, s], comment: ['{0} hours, {1} minutes, {2} seconds, as typed'] }) };
  }
  const offsetMinutes = parseOffset(zone);
  if (offsetMinutes === undefined) {
    return { ok: false, message: l10n.t('"{0}" is not a UTC offset.', zone) };
  }
  const ms = Number(frac.padEnd(3, '0'));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  if (year < 1970) {
    return { ok: false, message: l10n.t('Dates before 1970 are not supported.') };
  }
  return { ok: true, date: new Date(utc) };
}

function parseOffset(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') {
    return 0;
  }
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) {
    return undefined;
  }
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Explains why a pair of bounds cannot be used, or returns undefined when it can. */
export function checkRange(after: Date | undefined, before: Date | undefined): string | undefined {
  if (!after && !before) {
    return l10n.t('Give at least one bound.');
  }
  if (after && before && after.getTime() >= before.getTime()) {
    return l10n.t('"After" ({0}) must be earlier than "before" ({1}).', after.toISOString(), before.toISOString());
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
