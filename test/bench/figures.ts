/** One row of the benchmark's table: a figure, its target, and whether it meets it. */
export interface Figure {
  /** Stable key in bench-results/latest.json. */
  readonly id: string;
  readonly label: string;
  /** The figure as printed, with its unit. */
  readonly value: string;
  /** The target as printed, or '—' for a figure reported without one. */
  readonly target: string;
  /** 'info' when there is no target. */
  readonly verdict: 'ok' | 'over' | 'info';
  /** For ratio rows: the two medians compared, as printed. */
  readonly detail?: string;
  /** One line on why a target is missed, when known. */
  readonly why?: string;
}

/** What one part of the benchmark produced: its rows and every number behind them. */
export interface PartResult {
  readonly figures: Figure[];
  readonly data: Record<string, unknown>;
}

export function verdict(meets: boolean): 'ok' | 'over' {
  return meets ? 'ok' : 'over';
}

export function ms(value: number, digits = 2): string {
  return `${value.toFixed(digits)} ms`;
}

/** A difference, with its sign: "+0.10 ms", "-0.02 ms". */
export function signedMs(value: number, digits = 2): string {
  const text = Math.abs(value).toFixed(digits);
  return `${value < 0 && Number(text) !== 0 ? '-' : '+'}${text} ms`;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function times(ratio: number): string {
  return `${ratio.toFixed(3)}×`;
}

export function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}
