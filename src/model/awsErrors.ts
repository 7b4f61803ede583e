/**
 * Turns a failure from AWS, the network or the credential chain into something a user can
 * act on: what happened, and what to do next.
 */
export type ErrorKind =
  | 'badSettings'
  | 'noCredentials'
  | 'credentialsFailed'
  | 'expiredCredentials'
  | 'invalidCredentials'
  | 'accessDenied'
  | 'throttled'
  | 'unreachable'
  | 'timeout'
  | 'notFound'
  | 'invalidRequest'
  | 'badResponse'
  | 'serviceError'
  | 'unknown';

export interface ErrorReport {
  readonly kind: ErrorKind;
  /** One line for the tree: what happened. */
  readonly title: string;
  /** What to do next, and the details. */
  readonly detail: string;
  /** For expired SSO or session credentials: the command that renews them. */
  readonly loginCommand?: string;
  readonly requestId?: string;
}

export interface ErrorContext {
  /** The operation that failed, such as ListSessions. */
  readonly operation: string;
  /** Where the request went, for messages. */
  readonly endpointLabel: string;
  /** The profile in use; undefined means the default credential chain. */
  readonly profile?: string;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: string;
  cause?: unknown;
}

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED'];

export function describeError(error: unknown, ctx: ErrorContext): ErrorReport {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = e.name ?? '';
  const code = e.code ?? (e.cause as ErrorLike | undefined)?.code ?? '';
  const message = oneLine(e.message ?? String(error));
  const requestId = e.$metadata?.requestId;
  const profileText = ctx.profile ? `profile "${ctx.profile}"` : 'the default credential chain';
  const suffix = requestId ? ` (request id ${requestId})` : '';

  if (name === 'SettingsError') {
    return {
      kind: 'badSettings',
      title: (error as { title?: string }).title ?? 'A setting cannot be used',
      detail: `${message} Nothing was sent. Fix or clear emrServerless.endpoint in the settings.`,
    };
  }
  if (name === 'CredentialsProviderError' && /sso|token/i.test(message) && /expired|refresh|invalid/i.test(message)) {
    return expired(ctx, message);
  }
  if (/could not load credentials|not found|could not resolve|no .*profile|does not exist/i.test(message) && /Credential/i.test(name)) {
    return {
      kind: 'noCredentials',
      title: 'No AWS credentials found',
      detail: `No credentials were found in ${profileText}. Select a profile, or set credentials in your AWS config. ${message}`,
    };
  }
  if (/Credential/i.test(name)) {
    // The profile exists but could not produce credentials: an MFA role, a failing
    // credential_process, an unreachable STS. Saying "none found" would mislead.
    return {
      kind: 'credentialsFailed',
      title: 'Could not get AWS credentials',
      detail: `Getting credentials from ${profileText} failed: ${message}`,
    };
  }
  if (
    name === 'ExpiredTokenException' ||
    name === 'ExpiredToken' ||
    name === 'TokenRefreshRequired' ||
    (/Credentials|Token|SSO/i.test(name) && /\bSSO\b.*\b(expired|session)\b/i.test(message))
  ) {
    return expired(ctx, message, requestId);
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch') {
    return {
      kind: 'invalidCredentials',
      title: 'AWS rejected the credentials',
      detail: `${ctx.endpointLabel} did not accept the credentials from ${profileText}: ${message}${suffix}. Check the access key, or select another profile.`,
      requestId,
    };
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || e.$metadata?.httpStatusCode === 403) {
    // The message names the action when it is another one, such as sts:AssumeRole while a
    // profile's role is assumed.
    const permission = /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1] ?? `emr-serverless:${ctx.operation}`;
    return {
      kind: 'accessDenied',
      title: `Access denied: ${permission}`,
      detail: `The identity from ${profileText} is not allowed ${permission}. Ask an administrator to grant it, or select another profile. ${message}${suffix}`,
      requestId,
    };
  }
  if (/throttl|too ?many ?requests|rate exceeded|slowdown/i.test(name) || e.$metadata?.httpStatusCode === 429) {
    return {
      kind: 'throttled',
      title: `Throttled by ${ctx.endpointLabel}`,
      detail: `${ctx.operation} was throttled by ${ctx.endpointLabel} even after retries. Wait a moment, then retry.${suffix}`,
      requestId,
    };
  }
  if (name === 'ResourceNotFoundException') {
    return {
      kind: 'notFound',
      title: 'Not found',
      detail: `${message}. It may have been deleted: refresh the view.${suffix}`,
      requestId,
    };
  }
  if (name === 'ValidationException') {
    return {
      kind: 'invalidRequest',
      title: 'Request rejected',
      detail: `${ctx.endpointLabel} rejected ${ctx.operation}: ${message}${suffix}`,
      requestId,
    };
  }
  if (NETWORK_CODES.includes(code) || /socket hang up|ECONNREFUSED|ENOTFOUND|network|fetch failed/i.test(`${name} ${message}`)) {
    return {
      kind: 'unreachable',
      title: `Cannot reach ${ctx.endpointLabel}`,
      detail: `${ctx.operation} could not reach ${ctx.endpointLabel} (${code || message}). Check the network, a VPN, or the endpoint setting, then retry.`,
    };
  }
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) {
    return {
      kind: 'timeout',
      title: `No answer from ${ctx.endpointLabel}`,
      detail: `${ctx.operation} got no answer from ${ctx.endpointLabel} in time. Check the network or the endpoint setting, then retry.`,
    };
  }
  if (/Deserializ|JSON|Unexpected token|Unexpected end/i.test(`${name} ${message}`)) {
    return {
      kind: 'badResponse',
      title: `Unreadable answer from ${ctx.endpointLabel}`,
      detail: `${ctx.endpointLabel} answered ${ctx.operation} with a response that could not be read. Retry; if it persists, check the endpoint setting.${suffix}`,
      requestId,
    };
  }
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return {
      kind: 'serviceError',
      title: `${ctx.endpointLabel} failed`,
      detail: `${ctx.operation} failed on the service side even after retries: ${name || 'error'} ${message}${suffix}. Retry in a moment.`,
      requestId,
    };
  }
  return {
    kind: 'unknown',
    title: `${ctx.operation} failed`,
    detail: `${name ? `${name}: ` : ''}${message}${suffix}`,
    requestId,
  };
}

function expired(ctx: ErrorContext, message: string, requestId?: string): ErrorReport {
  const loginCommand = ctx.profile ? `aws sso login --profile ${ctx.profile}` : 'aws sso login';
  return {
    kind: 'expiredCredentials',
    title: 'AWS credentials expired',
    detail: `The credentials from ${ctx.profile ? `profile "${ctx.profile}"` : 'the default credential chain'} have expired. Run \`${loginCommand}\` (or renew the session credentials), then retry. ${message}`,
    loginCommand,
    requestId,
  };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
