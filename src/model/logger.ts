/** Where the explorer writes what it does. The view layer passes a LogOutputChannel. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
