/**
 * Parses what a user types as a date bound: an ISO 8601 date (2026-03-01) or date-time
 * (2026-03-01T14:30, 2026-03-01 14:30:15.250Z, 2026-03-01T14:30+02:00). Without an offset the
 * value is taken as UTC, so the same text always means the same instant.
 */
export type ParsedDate = { ok: true; date: Date } | { ok: false; message: string };

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export const DATE_INPUT_HINT = 'ISO 8601, e.g. 2026-03-01 or 2026-03-01T14:30Z (UTC unless an offset is given)';

export function parseDateInput(text: string): ParsedDate {
  const value = text.trim();
  if (value === '') {
    return { ok: false, message: 'Enter a date.' };
  }
  const m = ISO_PATTERN.exec(value);
  if (!m) {
    return { ok: false, message: `"${clip(value)}" is not an ISO 8601 date. Use ${DATE_INPUT_HINT}.` };
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) {
    return { ok: false, message: `Month ${mo} does not exist.` };
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    return { ok: false, message: `${y}-${mo} has no day ${d}.` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `${h}:${mi}:${s} is not a time of day.` };
  }
  const offsetMinutes = parseOffset(zone);
  if (offsetMinutes === undefined) {
    return { ok: false, message: `"${zone}" is not a UTC offset.` };
  }
  const ms = Number(frac.padEnd(3, '0'));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  if (year < 1970) {
    return { ok: false, message: 'Dates before 1970 are not supported.' };
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
    return 'Give at least one bound.';
  }
  if (after && before && after.getTime() >= before.getTime()) {
    return `"After" (${after.toISOString()}) must be earlier than "before" (${before.toISOString()}).`;
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
