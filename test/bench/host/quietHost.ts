const TICK_MS = 50;
/** Timers may fire this much late and the host still counts as quiet. */
const QUIET_LAG_MS = 4;
const QUIET_TICKS = 10;
const MAX_WAIT_MS = 8000;

/**
 * Waits until the extension host's event loop has been quiet for a while (timers firing
 * on time, ten in a row), so that the extensions VS Code activates at startup are done
 * before something is timed. Gives up after 8 s. Returns how long it waited.
 */
export async function waitForQuietHost(): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  while (quiet < QUIET_TICKS && performance.now() - started < MAX_WAIT_MS) {
    const before = performance.now();
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    const lag = performance.now() - before - TICK_MS;
    quiet = lag <= QUIET_LAG_MS ? quiet + 1 : 0;
  }
  return performance.now() - started;
}
