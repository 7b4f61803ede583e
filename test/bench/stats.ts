/** Small statistics for benchmark samples. */

export function median(samples: readonly number[]): number {
  if (samples.length === 0) {
    throw new Error('median of no samples');
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Rounds for JSON, so results stay readable without losing what matters. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function roundAll(samples: readonly number[], digits = 3): number[] {
  return samples.map((s) => round(s, digits));
}
