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
    return `${Math.floor(Math.max(0, ms) / 1000)} s`;
  }
  if (min < 60) {
    return `${min} min`;
  }
  const h = Math.floor(min / 60);
  if (h < 24) {
    return `${h} h ${String(min % 60).padStart(2, '0')} min`;
  }
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** One line for a description: "idle 12 min · ends in 48 min", or "ends in 23 h 10 min". */
export function guardrailSummary(g: Guardrails, now: number): string | undefined {
  const parts: string[] = [];
  if (g.idleMs !== undefined) {
    parts.push(`idle ${formatSpan(g.idleMs)}`);
  }
  if (g.endsAt !== undefined) {
    parts.push(`ends in ${formatSpan(g.endsAt - now)}`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

/** Billed utilisation in words: "1.25 vCPU-h · 5.00 GB-h memory · 2.50 GB-h storage". */
export function formatBilled(b: Guardrails['billed']): string | undefined {
  if (!b) {
    return undefined;
  }
  const f = (n: number | undefined) => (n ?? 0).toFixed(2);
  return `${f(b.vCPUHour)} vCPU-h · ${f(b.memoryGBHour)} GB-h memory · ${f(b.storageGBHour)} GB-h storage`;
}

/**
 * The tooltip's cost and limits section, as Markdown lines (no service text in it): idle time
 * and the idle timeout's end, the 24-hour limit, run time and billed utilisation.
 */
export function guardrailTooltip(s: Session, now: number): string {
  const g = guardrailsOf(s, now);
  const lines: string[] = [];
  if (g.idleMs !== undefined && g.idleEndsAt !== undefined) {
    lines.push(`**Idle:** ${formatSpan(g.idleMs)} · the idle timeout (${s.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES} min) ends it in ${formatSpan(g.idleEndsAt - now)}`);
  } else if (RUNNING_STATES.has(s.state ?? '')) {
    lines.push(`**Idle timeout:** ${s.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES} min`);
  }
  if (g.limitEndsAt !== undefined) {
    lines.push(`**24-hour limit:** ends it in ${formatSpan(g.limitEndsAt - now)}`);
  }
  if (g.runMs !== undefined) {
    lines.push(`**Run time:** ${formatSpan(g.runMs)}`);
  }
  const billed = formatBilled(g.billed);
  if (billed) {
    lines.push(`**Billed:** ${billed}`);
  }
  return lines.map((l) => `${l}  \n`).join('');
}
