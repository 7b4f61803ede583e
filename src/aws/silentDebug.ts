/**
 * Stands in for the `debug` package in the bundle (see esbuild.js): https-proxy-agent logs its
 * steps through `debug`, which prints only when the DEBUG environment variable asks, to stderr
 * where no VS Code user looks. The extension logs its requests itself (requestLog.ts), and the
 * package and its helpers would cost about 10 KB of the bundle.
 */
export default function createDebug(): (...args: unknown[]) => void {
  return () => undefined;
}
