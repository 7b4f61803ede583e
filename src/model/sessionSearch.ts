/**
 * Finding loaded sessions as the user types: every word of the query must occur, ignoring
 * case, in the session's name, id, creator (short name or full ARN) or state. Each session's
 * text is lower-cased once, when the index is built, so a keystroke costs one `includes` per
 * word and session.
 */
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { creatorShortName } from './principals';

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

/**
 * The sessions whose text holds every whitespace-separated word of `query`, in the index's
 * order. An empty or blank query matches every session.
 */
export function findSessions<T extends SessionSummary>(index: SessionSearchIndex<T>, query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
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
