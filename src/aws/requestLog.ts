import type { Logger } from '../model/logger';

interface LoggedInput {
  applicationId?: string;
  sessionId?: string;
  /** GetResourceDashboard names its session this way. */
  resourceId?: string;
  resourceType?: string;
  maxResults?: number;
  states?: string[];
  createdAtAfter?: Date;
  createdAtBefore?: Date;
  nextToken?: string;
}

/**
 * Logs each request once, after retries: operation, parameters that are not secret,
 * duration and request id. Tokens, credentials and response bodies are never logged: no
 * output member is read, so neither GetSessionEndpoint's authToken nor GetResourceDashboard's
 * URL (which grants access to the Spark UI for an hour) can reach the log.
 */
export function requestLogMiddleware(log: Logger) {
  return <O>(next: (args: { input: object }) => Promise<O>, context: { commandName?: string }) =>
    async (args: { input: object }): Promise<O> => {
      const started = performance.now();
      const what = `${(context.commandName ?? 'request').replace(/Command$/, '')}${describe(args.input as LoggedInput)}`;
      try {
        const result = await next(args);
        const meta = (result as { output?: { $metadata?: { requestId?: string; attempts?: number } } }).output?.$metadata;
        log.info(`[aws] ${what} ok in ${elapsed(started)}${meta?.requestId ? `, request id ${meta.requestId}` : ''}${retries(meta?.attempts)}`);
        return result;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { requestId?: string; attempts?: number } };
        log.warn(
          `[aws] ${what} failed in ${elapsed(started)}: ${e.name ?? 'Error'}${e.$metadata?.requestId ? `, request id ${e.$metadata.requestId}` : ''}${retries(e.$metadata?.attempts)}`,
        );
        throw error;
      }
    };
}

function describe(input: LoggedInput): string {
  const parts: string[] = [];
  if (input.applicationId) {
    parts.push(`application ${input.applicationId}`);
  }
  if (input.sessionId) {
    parts.push(`session ${input.sessionId}`);
  }
  if (input.resourceId) {
    parts.push(`${input.resourceType === 'SESSION' ? 'session' : (input.resourceType ?? 'resource').toLowerCase()} ${input.resourceId}`);
  }
  if (input.states?.length) {
    parts.push(`states ${input.states.join(',')}`);
  }
  if (input.createdAtAfter) {
    parts.push(`after ${input.createdAtAfter.toISOString()}`);
  }
  if (input.createdAtBefore) {
    parts.push(`before ${input.createdAtBefore.toISOString()}`);
  }
  if (input.maxResults) {
    parts.push(`page size ${input.maxResults}`);
  }
  if (input.nextToken) {
    parts.push('next page');
  }
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function elapsed(started: number): string {
  return `${Math.round(performance.now() - started)} ms`;
}

function retries(attempts: number | undefined): string {
  return attempts && attempts > 1 ? `, ${attempts} attempts` : '';
}
