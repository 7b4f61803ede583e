import * as l10n from '@vscode/l10n';
/**
 * What a running session costs and when it will end: idle time, the idle timeout's countdown,
 * the 24-hour limit, run time and billed utilisation, from a GetSession result.
 * Facts: EMR Serverless ends an IDLE session `idleTimeoutMinutes` after `idleSince` (default 60)
 * and any session 24 hours after it started; GetSession (not ListSessions) carries the figures.
 */
import type { Session } from '@aws-sdk/client-emr-serverless';
import { DEFAULT_IDLE_TIMEOUT_MINUTES } from './sessionStart';

/** The hard limit on a session's life, in ms. */
export const SESSION_LIFETIME_LIMIT_MS = 24 * 3_600_000;

/** States in which a session runs and is billed. */
export const RUNNING_STATES: ReadonlySet<string> = new Set(['STARTED', 'IDLE', 'BUSY']);

/** Guardrail figures for one session at `now` (epoch ms). Times are epoch ms, spans ms. */
export interface Guardrails {
  /** How long it has been idle; undefined unless IDLE with `idleSince`. */
  readonly idleMs?: number;
  /** When the idle timeout ends it, if it stays idle; undefined unless IDLE with `idleSince`. */
  readonly idleEndsAt?: number;
  /** When the 24-hour limit ends it; undefined without `startedAt` (or `createdAt`). */
  readonly limitEndsAt?: number;
  /** The earlier of the two ends. */
  readonly endsAt?: number;
  /** From start to now, or to `endedAt` for an ended session. */
  readonly runMs?: number;
  readonly billed?: { vCPUHour?: number; memoryGBHour?: number; storageGBHour?: number };
}

export function guardrailsOf(s: Session, now: number): Guardrails {
  const started = (s.startedAt ?? s.createdAt)?.getTime();
  const ended = s.endedAt?.getTime();
  const running = RUNNING_STATES.has(s.state ?? '');
  const idleSince = s.state === 'IDLE' ? s.idleSince?.getTime() : undefined;
  const timeoutMs = (s.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES) * 60_000;
  const idleEndsAt = idleSince !== undefined && timeoutMs > 0 ? idleSince + timeoutMs : undefined;
  const limitEndsAt = running && started !== undefined ? started + SESSION_LIFETIME_LIMIT_MS : undefined;
  const ends = [idleEndsAt, limitEndsAt].filter((t): t is number => t !== undefined);
  return {
    ...(idleSince !== undefined ? { idleMs: Math.max(0, now - idleSince) } : {}),
    ...(idleEndsAt !== undefined ? { idleEndsAt } : {}),
    ...(limitEndsAt !== undefined ? { limitEndsAt } : {}),
    ...(ends.length ? { endsAt: Math.min(...ends) } : {}),
    ...(started !== undefined ? { runMs: Math.max(0, (ended ?? (running ? now : s.updatedAt?.getTime() ?? now)) - started) } : {}),
    ...(s.billedResourceUtilization ? { billed: { ...s.billedResourceUtilization } } : {}),
  };
}

/** "45 s", "12 min", "3 h 05 min", "1 d 2 h". */
export function formatSpan(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) {
    return l10n.t({ message: '{0} s', args: [Math.floor(Math.max(0, ms) / 1000)], comment: ['seconds, abbreviated'] });
  }
  if (min < 60) {
    return l10n.t({ message: '{0} min', args: [min], comment: ['minutes, abbreviated'] });
  }
  const h = Math.floor(min / 60);
  if (h < 24) {
    return l10n.t({ message: '{0} h {1} min', args: [h, String(min % 60).padStart(2, '0')], comment: ['hours and minutes, abbreviated'] });
  }
  return l10n.t({ message: '{0} d {1} h', args: [Math.floor(h / 24), h % 24], comment: ['days and hours, abbreviated'] });
}

/** One line for a description: "idle 12 min · ends in 48 min", or "ends in 23 h 10 min". */
export function guardrailSummary(g: Guardrails, now: number): string | undefined {
  const parts: string[] = [];
  if (g.idleMs !== undefined) {
    parts.push(l10n.t('idle {0}', formatSpan(g.idleMs)));
  }
  if (g.endsAt !== undefined) {
    parts.push(l10n.t('ends in {0}', formatSpan(g.endsAt - now)));
  }
  return parts.length ? parts.join(' · ') : undefined;
}

/** Billed utilisation in words: "1.25 vCPU-h · 5.00 GB-h memory · 2.50 GB-h storage". */
export function formatBilled(b: Guardrails['billed']): string | undefined {
  if (!b) {
    return undefined;
  }
  const f = (n: number | undefined) => (n ?? 0).toFixed(2);
  return l10n.t('{0} vCPU-h · {1} GB-h memory · {2} GB-h storage', f(b.vCPUHour), f(b.memoryGBHour), f(b.storageGBHour));
}

/**
 * The tooltip's cost and limits section, as Markdown lines (no service text in it): idle time
 * and the idle timeout's end, the 24-hour limit, run time and billed utilisation.
 */
export function guardrailTooltip(s: Session, now: number): string {
  const g = guardrailsOf(s, now);
  const lines: string[] = [];
  if (g.idleMs !== undefined && g.idleEndsAt !== undefined) {
    lines.push(
      l10n.t(
        '**Idle:** {0} · the idle timeout ({1} min) ends it in {2}',
        formatSpan(g.idleMs),
        s.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES,
        formatSpan(g.idleEndsAt - now),
      ),
    );
  } else if (RUNNING_STATES.has(s.state ?? '')) {
    lines.push(l10n.t('**Idle timeout:** {0} min', s.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES));
  }
  if (g.limitEndsAt !== undefined) {
    lines.push(l10n.t('**24-hour limit:** ends it in {0}', formatSpan(g.limitEndsAt - now)));
  }
  if (g.runMs !== undefined) {
    lines.push(l10n.t('**Run time:** {0}', formatSpan(g.runMs)));
  }
  const billed = formatBilled(g.billed);
  if (billed) {
    lines.push(l10n.t('**Billed:** {0}', billed));
  }
  return lines.map((l) => `${l}  \n`).join('');
}
