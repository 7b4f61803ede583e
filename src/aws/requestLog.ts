import { failureFactsOf, withoutSecrets } from '../model/awsErrors';
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
 * duration and request id; for a failure also its kind and the error's name, code and
 * message on one line, secrets masked. Tokens, credentials, signatures and response bodies
 * are never logged: no output member is read, so neither GetSessionEndpoint's authToken nor
 * GetResourceDashboard's URL (which grants access to the Spark UI for an hour) can reach the
 * log. `classify` runs first on a failure, to attach its kind (see errorClassification.ts).
 */
export function requestLogMiddleware(log: Logger, classify: (error: unknown) => Promise<void> = async () => undefined) {
  // The line is worded once the answer is in (nothing changes a request's input on its way),
  // and the request is passed on without an async function of its own: every request pays
  // for this, so it adds no promise turn to it.
  return <O>(next: (args: { input: object }) => Promise<O>, context: { commandName?: string }) =>
    (args: { input: object }): Promise<O> => {
      const started = performance.now();
      return next(args).then(
        (result) => {
          const meta = (result as { output?: { $metadata?: { requestId?: string; attempts?: number } } }).output?.$metadata;
          log.info(`[aws] ${requestLabel(context.commandName, args.input as LoggedInput)} ok in ${elapsed(started)}${meta?.requestId ? `, request id ${meta.requestId}` : ''}${retries(meta?.attempts)}`);
          return result;
        },
        async (error: unknown) => {
          await classify(error);
          const e = error as { $metadata?: { requestId?: string; attempts?: number } };
          const kind = failureFactsOf(error)?.kind;
          log.warn(
            `[aws] ${requestLabel(context.commandName, args.input as LoggedInput)} failed in ${elapsed(started)}${kind ? ` (${kind})` : ''}: ${errorSummary(error)}${e.$metadata?.requestId ? `, request id ${e.$metadata.requestId}` : ''}${retries(e.$metadata?.attempts)}`,
          );
          throw error;
        },
      );
    };
}

/** "ListSessions (application 00f…, page size 50)": the operation and what it asked for. */
function requestLabel(commandName: string | undefined, input: LoggedInput): string {
  return `${(commandName ?? 'request').replace(/Command$/, '')}${describe(input)}`;
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

interface ErrorFields {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  /** AggregateError: Node reports a refused connection to every address of a host this way. */
  errors?: unknown[];
}

/**
 * "Name CODE: message" of an error on one line, secrets removed. An empty message (such as
 * an AggregateError's) is taken from its first inner error or its cause.
 */
export function errorSummary(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorFields;
  const inner = (e.errors?.[0] ?? e.cause) as ErrorFields | undefined;
  const code = e.code ?? inner?.code;
  const message = e.message || inner?.message || '';
  const text = `${e.name ?? 'Error'}${code && code !== e.name ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
  return withoutSecrets(text.replace(/\s+/g, ' ').trim());
}
