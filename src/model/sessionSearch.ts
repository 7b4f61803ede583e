/**
 * Finding loaded sessions as the user types: every word of the query must occur, ignoring
 * case, in the session's name, id, creator (short name or full ARN) or state. Each session's
 * text is lower-cased once, when the index is built, so a keystroke costs one `includes` per
 * word and session, with no allocation but the result.
 */
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { relativeTime, sessionLabel } from './format';
import { creatorShortName } from './principals';
import { sessionStateLook } from './stateIcons';

export interface SessionSearchIndex<T extends SessionSummary> {
  readonly sessions: readonly T[];
  /** One lower-cased text per session, fields joined by a newline so no word spans two. */
  readonly haystacks: readonly string[];
}

export function buildSessionSearchIndex<T extends SessionSummary>(sessions: readonly T[]): SessionSearchIndex<T> {
  // Sessions share a few creators: each creator's ARN is read once.
  const creators = new Map<string, string>();
  const creatorText = (createdBy: string | undefined) => {
    if (!createdBy) {
      return '';
    }
    let text = creators.get(createdBy);
    if (text === undefined) {
      text = [creatorShortName(createdBy), createdBy].join('\n');
      creators.set(createdBy, text);
    }
    return text;
  };
  const haystacks = sessions.map((s) => [s.name, s.sessionId, creatorText(s.createdBy), s.state].filter((v) => v).join('\n').toLowerCase());
  return { sessions, haystacks };
}

/** The lower-cased words of a query; none for a blank one. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The sessions whose text holds every whitespace-separated word of `query`, in the index's
 * order. An empty or blank query matches every session.
 */
export function findSessions<T extends SessionSummary>(index: SessionSearchIndex<T>, query: string): T[] {
  const words = queryWords(query);
  const found: T[] = [];
  const { sessions, haystacks } = index;
  for (let i = 0; i < sessions.length; i++) {
    const haystack = haystacks[i] ?? '';
    if (words.every((w) => haystack.includes(w))) {
      found.push(sessions[i] as T);
    }
  }
  return found;
}

/** How a found session reads in a list of sessions from several applications. */
export interface FoundSessionText {
  /** `$(icon) name`, or the id for a session without a name; the icon is the state's (stateIcons). */
  readonly label: string;
  /** The state, then the application's name (or id): "IDLE · analytics". */
  readonly description: string;
  /**
   * The session id (for a named session), when it was created (local time, to the minute, and
   * age) and its creator's short name: "00fk3… · created 2026-03-01 14:30 (3 h ago) · by alice".
   */
  readonly detail: string;
}

/**
 * The words that tell one found session from another: sessions of several applications share
 * names, so the application, the state, the creation time and the id are all shown. `now` is
 * epoch milliseconds, for the age; `shortName` is creatorShortName, or a cache of it.
 */
export function describeFoundSession(
  session: SessionSummary,
  applicationName: string | undefined,
  now: number,
  shortName: (createdBy: string | undefined) => string | undefined = creatorShortName,
): FoundSessionText {
  const look = sessionStateLook(session.state);
  const created = session.createdAt ? `created ${shortLocalTime(session.createdAt)} (${relativeTime(session.createdAt, now)})` : undefined;
  const creator = shortName(session.createdBy);
  return {
    label: `$(${look.icon}) ${sessionLabel(session)}`,
    description: [session.state ?? 'UNKNOWN', applicationName || session.applicationId].filter(Boolean).join(' · '),
    detail: [session.name ? session.sessionId : undefined, created, creator ? `by ${creator}` : undefined].filter(Boolean).join(' · '),
  };
}

/** Matches Find Session shows at most; the rest are counted in one row, so a keystroke never sends thousands of rows to the window. */
export const MAX_SHOWN_MATCHES = 200;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Local date and time to the minute, "2026-03-01 14:30": short for a row, and cheap enough to
 * make for hundreds of rows at a keystroke (Intl formatting costs far more).
 */
function shortLocalTime(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** A found session with the words that describe it in a list. */
export interface FoundSession<T extends SessionSummary> extends FoundSessionText {
  readonly session: T;
}

/**
 * What Find Session does at each keystroke, without vscode: the sessions that match the query
 * and that the tree shows, in the index's order, the first `max` of them described (each
 * session is described once, when first shown, and kept), how many of those match in all, and
 * how many more match but are hidden by the filter ("Created by me"), which are never offered,
 * since the tree has no row to reveal for them.
 */
export class SessionFinder<T extends SessionSummary> {
  private readonly index: SessionSearchIndex<T>;
  private readonly described = new Map<T, FoundSession<T>>();
  /** Creators' short names by ARN: sessions share a few creators. */
  private readonly shortNames = new Map<string, string | undefined>();
  private readonly shortName = (createdBy: string | undefined): string | undefined => {
    if (createdBy === undefined) {
      return undefined;
    }
    if (!this.shortNames.has(createdBy)) {
      this.shortNames.set(createdBy, creatorShortName(createdBy));
    }
    return this.shortNames.get(createdBy);
  };

  /**
   * `applicationNames` maps application ids to the names rows show (an id is shown for an
   * application missing from it); `now` is epoch milliseconds, for ages; `isShown` tells
   * whether the tree shows a session (ExplorerModel.isShown; by default every one).
   */
  constructor(
    sessions: readonly T[],
    private readonly applicationNames: ReadonlyMap<string, string>,
    private readonly now: number,
    private readonly isShown: (session: T) => boolean = () => true,
  ) {
    this.index = buildSessionSearchIndex(sessions);
  }

  /** How many sessions it looks through. */
  get size(): number {
    return this.index.sessions.length;
  }

  /**
   * The first `max` matches of `query` that the tree shows, described; the number of those in
   * all (`total`), and of the matches the filter hides (`hidden`).
   */
  find(query: string, max: number): { readonly shown: FoundSession<T>[]; readonly total: number; readonly hidden: number } {
    const matches = findSessions(this.index, query);
    const found = matches.filter(this.isShown);
    const shown = found.slice(0, max).map((session) => {
      let described = this.described.get(session);
      if (!described) {
        described = { ...describeFoundSession(session, this.applicationNames.get(session.applicationId ?? ''), this.now, this.shortName), session };
        this.described.set(session, described);
      }
      return described;
    });
    return { shown, total: found.length, hidden: matches.length - found.length };
  }
}
