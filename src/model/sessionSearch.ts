/**
 * Finding loaded sessions as the user types: every word of the query must occur, ignoring
 * case, in the session's name, id, creator (short name or full ARN) or state. Each session's
 * text is lower-cased once, when the index is built, so a keystroke costs one `includes` per
 * word and session, with no allocation but the result.
 */
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { localTime, relativeTime, sessionLabel } from './format';
import { creatorShortName } from './principals';
import { sessionStateLook } from './stateIcons';

export interface SessionSearchIndex<T extends SessionSummary> {
  readonly sessions: readonly T[];
  /** One lower-cased text per session, fields joined by a newline so no word spans two. */
  readonly haystacks: readonly string[];
}

export function buildSessionSearchIndex<T extends SessionSummary>(sessions: readonly T[]): SessionSearchIndex<T> {
  const haystacks = sessions.map((s) =>
    [s.name, s.sessionId, creatorShortName(s.createdBy), s.createdBy, s.state]
      .filter((v) => v)
      .join('\n')
      .toLowerCase(),
  );
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
   * The session id, when it was created (local time and age) and its creator's short name:
   * "00fk3… · created 3/1/2026, 2:30:15 PM GMT+1 (3 h ago) · by alice".
   */
  readonly detail: string;
}

/**
 * The words that tell one found session from another: sessions of several applications share
 * names, so the application, the state, the creation time and the id are all shown. `now` is
 * epoch milliseconds, for the age.
 */
export function describeFoundSession(session: SessionSummary, applicationName: string | undefined, now: number): FoundSessionText {
  const look = sessionStateLook(session.state);
  const created = session.createdAt ? `created ${localTime(session.createdAt)} (${relativeTime(session.createdAt, now)})` : undefined;
  const creator = creatorShortName(session.createdBy);
  return {
    label: `$(${look.icon}) ${sessionLabel(session)}`,
    description: [session.state ?? 'UNKNOWN', applicationName || session.applicationId].filter(Boolean).join(' · '),
    detail: [session.name ? session.sessionId : undefined, created, creator ? `by ${creator}` : undefined].filter(Boolean).join(' · '),
  };
}
