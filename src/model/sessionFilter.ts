import * as l10n from '@vscode/l10n';
import { createdByMatcher } from './principals';
import { normalizeStates, SESSION_STATES, SessionState } from './sessionStates';

export type RelativePreset = '1h' | '24h' | '7d' | '30d';

export const RELATIVE_PRESETS: readonly { preset: RelativePreset; label: string; short: string; ms: number }[] = [
  preset('1h', () => l10n.t('Last hour'), () => l10n.t('last hour'), 3_600_000),
  preset('24h', () => l10n.t('Last 24 hours'), () => l10n.t('last 24 h'), 86_400_000),
  preset('7d', () => l10n.t('Last 7 days'), () => l10n.t('last 7 days'), 7 * 86_400_000),
  preset('30d', () => l10n.t('Last 30 days'), () => l10n.t('last 30 days'), 30 * 86_400_000),
];

/** A preset whose words are looked up when read, after the translations are loaded. */
function preset(name: RelativePreset, label: () => string, short: () => string, ms: number) {
  return {
    preset: name,
    get label() {
      return label();
    },
    get short() {
      return short();
    },
    ms,
  };
}

/** Which creation times to show. Custom bounds are ISO 8601 strings, either may be open. */
export type CreatedAtFilter =
  | { kind: 'any' }
  | { kind: 'relative'; preset: RelativePreset }
  | { kind: 'range'; after?: string; before?: string };

export interface SessionFilter {
  /** Empty means every state. */
  readonly states: readonly SessionState[];
  readonly createdAt: CreatedAtFilter;
  /**
   * "Created by me": only sessions the caller of each connection created (its STS
   * GetCallerIdentity ARN, see createdByMatcher). ListSessions has no such parameter, so the
   * tree hides loaded sessions of other creators. Never kept across reloads (parseStoredFilter),
   * since the caller is asked of STS only when the user turns this on.
   */
  readonly createdByMe?: true;
}

export const NO_FILTER: SessionFilter = { states: [], createdAt: { kind: 'any' } };

/** The ListSessions parameters a filter stands for, with relative presets made absolute. */
export interface ListSessionsParams {
  states?: SessionState[];
  createdAtAfter?: Date;
  createdAtBefore?: Date;
}

/**
 * Resolves a filter into request parameters at `now`. A listing calls this once when it
 * starts, so every page of that listing uses the same bounds.
 */
export function toListSessionsParams(filter: SessionFilter, now: number): ListSessionsParams {
  const params: ListSessionsParams = {};
  const states = normalizeStates(filter.states);
  if (states.length > 0 && states.length < SESSION_STATES.length) {
    params.states = states;
  }
  const created = filter.createdAt;
  if (created.kind === 'relative') {
    const preset = RELATIVE_PRESETS.find((p) => p.preset === created.preset);
    if (preset) {
      params.createdAtAfter = new Date(now - preset.ms);
    }
  } else if (created.kind === 'range') {
    if (created.after) {
      params.createdAtAfter = new Date(created.after);
    }
    if (created.before) {
      params.createdAtBefore = new Date(created.before);
    }
  }
  return params;
}

export function isFilterActive(filter: SessionFilter): boolean {
  return filter.states.length > 0 || filter.createdAt.kind !== 'any' || filter.createdByMe === true;
}

/** Whether two filters ask the service for the same listing (states and creation times; the creator is applied here). */
export function sameListingFilter(a: SessionFilter, b: SessionFilter): boolean {
  return JSON.stringify([normalizeStates(a.states), a.createdAt]) === JSON.stringify([normalizeStates(b.states), b.createdAt]);
}

/**
 * Whether the tree shows a loaded session: always, unless the filter is "created by me" and the
 * caller's ARN is known, when only the sessions that caller created are shown.
 */
export function sessionShownBy(filter: SessionFilter, callerArn: string | undefined): (session: { createdBy?: string }) => boolean {
  const mine = filter.createdByMe && callerArn !== undefined ? createdByMatcher(callerArn) : undefined;
  return mine ? (session) => mine(session.createdBy) : () => true;
}

/** A short text for the view's description, e.g. "IDLE, BUSY · last 24 h". */
export function describeFilter(filter: SessionFilter): string | undefined {
  const parts: string[] = [];
  const states = normalizeStates(filter.states);
  if (states.length > 0) {
    parts.push(states.join(', '));
  }
  const created = describeCreatedAt(filter.createdAt);
  if (created) {
    parts.push(created);
  }
  if (filter.createdByMe) {
    parts.push(l10n.t('created by me'));
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * Why the rows may not be newest first, or undefined when they are not affected. With several
 * states, ListSessions answers "grouped by the state" (the API reference of its `states`
 * parameter), so a newer session in a later group sits below older ones.
 */
export function stateOrderNote(filter: SessionFilter): string | undefined {
  return normalizeStates(filter.states).length > 1 ? severalStatesNote() : undefined;
}

/** Said where several states can be chosen or are shown; see `stateOrderNote`. */
export function severalStatesNote(): string {
  return l10n.t('Several states are listed state by state, so a newer session can sit below an older one.');
}

export function describeCreatedAt(created: CreatedAtFilter): string | undefined {
  switch (created.kind) {
    case 'any':
      return undefined;
    case 'relative':
      return RELATIVE_PRESETS.find((p) => p.preset === created.preset)?.short;
    case 'range': {
      const day = (iso: string) => iso.replace(/T00:00(:00(\.000)?)?Z$/, '').replace('T', ' ').replace(/:00(\.000)?Z$/, 'Z');
      if (created.after && created.before) {
        return `${day(created.after)} – ${day(created.before)}`;
      }
      if (created.after) {
        return l10n.t('since {0}', day(created.after));
      }
      return created.before ? l10n.t('before {0}', day(created.before)) : undefined;
    }
  }
}

/**
 * Reads a filter back from storage. Anything malformed is dropped rather than sent:
 * unknown states, unknown presets, unparseable or reversed bounds. "Created by me" is not
 * restored.
 */
export function parseStoredFilter(value: unknown): SessionFilter {
  if (typeof value !== 'object' || value === null) {
    return NO_FILTER;
  }
  const raw = value as { states?: unknown; createdAt?: unknown };
  const states = Array.isArray(raw.states) ? normalizeStates(raw.states) : [];
  // "Created by me" is left out: the caller is asked of STS only when the user turns it on.
  return { states, createdAt: parseCreatedAt(raw.createdAt) };
}

function parseCreatedAt(value: unknown): CreatedAtFilter {
  if (typeof value !== 'object' || value === null) {
    return { kind: 'any' };
  }
  const raw = value as { kind?: unknown; preset?: unknown; after?: unknown; before?: unknown };
  if (raw.kind === 'relative' && RELATIVE_PRESETS.some((p) => p.preset === raw.preset)) {
    return { kind: 'relative', preset: raw.preset as RelativePreset };
  }
  if (raw.kind === 'range') {
    const after = validIso(raw.after);
    const before = validIso(raw.before);
    if ((after || before) && !(after && before && Date.parse(after) >= Date.parse(before))) {
      return { kind: 'range', ...(after ? { after } : {}), ...(before ? { before } : {}) };
    }
  }
  return { kind: 'any' };
}

function validIso(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}
