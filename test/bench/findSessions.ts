import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { MAX_SHOWN_MATCHES, SessionFinder } from '../../src/model/sessionSearch';
import { generateData } from '../localEmr/dataGenerator';
import { sessionSummaryAt } from '../localEmr/sessionLifecycle';
import { ms, verdict, type Figure, type PartResult } from './figures';
import { median, round, roundAll } from './stats';

export const FIND_SESSIONS = 10_000;
export const FIND_ROUNDS = 9;
const FIND_TARGET_MS = 16;
const NOW = Date.parse('2026-11-30T12:00:00Z');

/**
 * Find Session over 10,000 loaded sessions (those of the first applications of the local endpoint's 20 generated, 1,000 each where sessions are enabled,
  * sample data), typed one character at a time: each keystroke's filtering is the work Find
 * Session does before it hands rows to VS Code, `SessionFinder.find(query, 200)`: every
 * session's text searched for every word, the first MAX_SHOWN_MATCHES (200) matches described (each once per
 * finder). Each round opens a new finder, as opening Find Session does, and types every query;
 * the figure is the slowest keystroke, as the median of its rounds.
 */
export async function measureFindSessions(): Promise<PartResult> {
  const data = generateData({ seed: 5, applications: 20, sessionsPerApplication: FIND_SESSIONS / 10, region: 'us-east-1', accountId: '123456789012', now: NOW });
  const sessions: SessionSummary[] = [...data.sessions.values()].flat().slice(0, FIND_SESSIONS).map((s) => sessionSummaryAt(s, NOW));
  if (sessions.length !== FIND_SESSIONS) {
    throw new Error(`the sample data holds ${sessions.length} sessions, not ${FIND_SESSIONS}`);
  }
  const names = new Map(data.applications.map((a) => [a.id, a.name ?? a.id]));
  const someId = sessions[Math.floor(FIND_SESSIONS / 2)]?.sessionId ?? '';
  const someName = sessions.find((s) => s.name)?.name ?? 'session';
  // What a user types: a name, an id, and words of several fields (state and creator).
  const queries = [someName, someId.slice(0, 10), 'idle alice', 'terminated dataengineer'];
  const keystrokes = queries.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));

  const openSamples: number[] = [];
  const perKeystroke: number[][] = keystrokes.map(() => []);
  let matches = 0;
  for (let round = 0; round < FIND_ROUNDS + 1; round++) {
    const opened = performance.now();
    const finder = new SessionFinder(sessions, names, NOW);
    const openMs = performance.now() - opened;
    keystrokes.forEach((query, i) => {
      const started = performance.now();
      matches += finder.find(query, MAX_SHOWN_MATCHES).total;
      const elapsed = performance.now() - started;
      // The first round warms the code up and is not counted.
      if (round > 0) {
        perKeystroke[i]?.push(elapsed);
      }
    });
    if (round > 0) {
      openSamples.push(openMs);
    }
  }
  const medians = perKeystroke.map((samples) => median(samples));
  const slowestIndex = medians.indexOf(Math.max(...medians));
  const slowest = medians[slowestIndex] ?? 0;
  const all = perKeystroke.flat();
  const figures: Figure[] = [
    {
      id: 'findKeystroke',
      label: `Find over ${FIND_SESSIONS.toLocaleString('en-US')} loaded sessions, slowest keystroke`,
      value: ms(slowest),
      target: `≤ ${FIND_TARGET_MS} ms for each keystroke's filtering`,
      verdict: verdict(slowest <= FIND_TARGET_MS),
      detail: `${keystrokes.length} keystrokes of ${queries.length} queries, median of ${FIND_ROUNDS} rounds each; median keystroke ${ms(median(all))}, slowest single ${ms(Math.max(...all))} ("${keystrokes[slowestIndex]}" slowest)`,
    },
    {
      id: 'findOpen',
      label: `Find opening over ${FIND_SESSIONS.toLocaleString('en-US')} loaded sessions (index built)`,
      value: ms(median(openSamples)),
      target: '—',
      verdict: 'info',
      detail: `median of ${FIND_ROUNDS}`,
    },
  ];
  return {
    figures,
    data: {
      sessions: FIND_SESSIONS,
      rounds: FIND_ROUNDS,
      queries,
      keystrokeMediansMs: roundAll(medians),
      slowestKeystrokeMs: round(slowest),
      openMs: roundAll(openSamples),
      // Keeps the matching from being optimised away, and shows it found something.
      matchesCounted: matches,
    },
  };
}
