/**
 * Input validation, as the service applies it: every constraint of the model is checked and
 * all violations are reported together in one ValidationException.
 */
import { APPLICATION_STATES, SESSION_STATES, type ApplicationState, type SessionState } from './model';
import { echo, serviceErrors } from './serviceErrors';

/** Query parameters as received: every key with all its (decoded) values, in order. */
export type Query = Record<string, string[]>;

const ID_PATTERN = /^[0-9a-z]+$/;
const NEXT_TOKEN_PATTERN = /^[A-Za-z0-9_=-]+$/;
export const MAX_RESULTS_LIMIT = 50;
/** Page size used when a list request has no maxResults. */
export const DEFAULT_PAGE_SIZE = 50;

export class Violations {
  readonly list: string[] = [];

  add(value: string, field: string, constraint: string): void {
    this.list.push(`Value '${echo(value)}' at '${field}' failed to satisfy constraint: ${constraint}`);
  }

  throwIfAny(): void {
    if (this.list.length > 0) {
      throw serviceErrors.validation(this.list);
    }
  }
}

export function checkId(v: Violations, field: string, value: string): void {
  if (value.length < 1) {
    v.add(value, field, 'Member must have length greater than or equal to 1');
  } else if (value.length > 64) {
    v.add(value, field, 'Member must have length less than or equal to 64');
  } else if (!ID_PATTERN.test(value)) {
    v.add(value, field, 'Member must satisfy regular expression pattern: [0-9a-z]+');
  }
}

/** Checks path ids (applicationId, sessionId). */
export function validateIds(ids: Record<string, string | undefined>): void {
  const v = new Violations();
  for (const [field, value] of Object.entries(ids)) {
    if (value !== undefined) {
      checkId(v, field, value);
    }
  }
  v.throwIfAny();
}

function single(v: Violations, query: Query, field: string): string | undefined {
  const values = query[field];
  if (!values || values.length === 0) {
    return undefined;
  }
  if (values.length > 1) {
    v.add(`[${values.join(', ')}]`, field, 'Member must be a single value');
    return undefined;
  }
  return values[0];
}

function parseMaxResults(v: Violations, query: Query): number | undefined {
  const raw = single(v, query, 'maxResults');
  if (raw === undefined) {
    return undefined;
  }
  if (!/^[+-]?\d{1,15}$/.test(raw)) {
    v.add(raw, 'maxResults', 'Member must be an integer');
    return undefined;
  }
  const n = Number(raw);
  if (n < 1) {
    v.add(raw, 'maxResults', 'Member must have value greater than or equal to 1');
  } else if (n > MAX_RESULTS_LIMIT) {
    v.add(raw, 'maxResults', `Member must have value less than or equal to ${MAX_RESULTS_LIMIT}`);
  }
  return n;
}

function parseNextToken(v: Violations, query: Query): string | undefined {
  const raw = single(v, query, 'nextToken');
  if (raw === undefined) {
    return undefined;
  }
  if (raw.length < 1) {
    v.add(raw, 'nextToken', 'Member must have length greater than or equal to 1');
  } else if (raw.length > 1024) {
    v.add(raw, 'nextToken', 'Member must have length less than or equal to 1024');
  } else if (!NEXT_TOKEN_PATTERN.test(raw)) {
    v.add(raw, 'nextToken', 'Member must satisfy regular expression pattern: [A-Za-z0-9_=-]+');
  }
  return raw;
}

function parseStates<S extends string>(v: Violations, query: Query, allowed: readonly S[]): S[] | undefined {
  const values = query['states'];
  if (!values || values.length === 0) {
    return undefined;
  }
  const shown = `[${values.join(', ')}]`;
  if (values.length > allowed.length) {
    v.add(shown, 'states', `Member must have length less than or equal to ${allowed.length}`);
  }
  if (values.some((s) => !(allowed as readonly string[]).includes(s))) {
    v.add(shown, 'states', `Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`);
  }
  return values as S[];
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const EPOCH_SECONDS = /^(\d{1,12})(?:\.(\d{1,9}))?$/;

/**
 * A query timestamp: ISO 8601 (`2023-11-14T22:13:20Z`, `2025-01-02T03:04:05.678Z`, or with a
 * `+hh:mm` offset) or epoch seconds (`1700000000`, `1700000000.5`). Returns epoch ms, with any
 * digits beyond milliseconds dropped; undefined when the text is not a valid timestamp.
 */
export function parseTimestamp(raw: string): number | undefined {
  const epoch = EPOCH_SECONDS.exec(raw);
  if (epoch) {
    return Number(epoch[1]) * 1000 + Number(((epoch[2] ?? '') + '000').slice(0, 3));
  }
  const m = ISO_8601.exec(raw);
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  const zone = m[8] as string;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) {
      return undefined;
    }
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offsetMinutes * 60_000;
}

function parseTimestampParam(v: Violations, query: Query, field: string): number | undefined {
  const raw = single(v, query, field);
  if (raw === undefined) {
    return undefined;
  }
  const ms = parseTimestamp(raw);
  if (ms === undefined) {
    v.add(raw, field, 'Member must be a timestamp in ISO 8601 date-time format or epoch seconds');
  }
  return ms;
}

export interface ListApplicationsInput {
  nextToken?: string;
  maxResults?: number;
  states?: ApplicationState[];
}

export interface ListSessionsInput extends Omit<ListApplicationsInput, 'states'> {
  applicationId: string;
  states?: SessionState[];
  createdAtAfter?: number;
  createdAtBefore?: number;
}

export function parseListApplications(query: Query): ListApplicationsInput {
  const v = new Violations();
  const input: ListApplicationsInput = {
    nextToken: parseNextToken(v, query),
    maxResults: parseMaxResults(v, query),
    states: parseStates(v, query, APPLICATION_STATES),
  };
  v.throwIfAny();
  return input;
}

export function parseListSessions(applicationId: string, query: Query): ListSessionsInput {
  const v = new Violations();
  checkId(v, 'applicationId', applicationId);
  const input: ListSessionsInput = {
    applicationId,
    nextToken: parseNextToken(v, query),
    maxResults: parseMaxResults(v, query),
    states: parseStates(v, query, SESSION_STATES),
    createdAtAfter: parseTimestampParam(v, query, 'createdAtAfter'),
    createdAtBefore: parseTimestampParam(v, query, 'createdAtBefore'),
  };
  v.throwIfAny();
  return input;
}

