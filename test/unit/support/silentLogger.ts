import type { Logger } from '../../../src/model/logger';

/** A Logger that drops every line, for runs whose log nobody reads (the benchmark's warm clients). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
