/**
 * An optional CPU profile of the cold first listing, taken in the process that runs it (the
 * extension host, or the bare Node floor) through its own inspector session: set
 * EMR_BENCH_CPU_PROFILE_DIR and each run writes a .cpuprofile there (Chrome DevTools format),
 * sampled every 100 µs, from the first getChildren (or, bare, the SDK's load) to the answer.
 * Profiling slows what it watches: the figures of a profiled run are not comparable.
 */
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as path from 'path';

export const CPU_PROFILE_DIR_ENV = 'EMR_BENCH_CPU_PROFILE_DIR';
const SAMPLING_INTERVAL_US = 100;

/** Starts profiling when EMR_BENCH_CPU_PROFILE_DIR is set; `stop()` writes `<name>-<time>.cpuprofile`. */
export async function startCpuProfile(name: string): Promise<{ stop(): Promise<void> }> {
  const dir = process.env[CPU_PROFILE_DIR_ENV];
  if (!dir) {
    return { stop: async () => undefined };
  }
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
