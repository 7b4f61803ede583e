import { round } from './stats';

/** A named measurement: returns what it measured (a duration or a size). */
export type Contender = () => Promise<number>;

/**
 * Runs every contender once per round, `rounds` times, starting each round one contender
 * further along (ABC, BCA, CAB…), so that none always runs first, on a warmer or a busier
 * machine. Returns the samples by contender name.
 */
export async function interleave<K extends string>(rounds: number, contenders: Record<K, Contender>): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as unknown as Record<K, number[]>;
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      samples[name].push(await contenders[name]());
    }
  }
  return samples;
}

/** Milliseconds that `work` took, by the monotonic clock. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return round(performance.now() - started, 4);
}
