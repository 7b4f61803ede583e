/**
 * Turns a failure from AWS, the network or the credential chain into something a user can
 * act on: what happened, and what to do next. Which kind a failure is, is decided on the SDK
 * side (src/aws/errorClassification.ts), which attaches its findings to the error; this module
 * only words them.
 */
import { CredentialSource, rootSource } from './credentialSource';
import type { NetworkFailure, ProxySource } from './proxyRoute';

export type ErrorKind =
  | 'badSettings'
  | 'noCredentials'
  | 'credentialsFailed'
  | 'expiredCredentials'
  | 'invalidCredentials'
  | 'accessDenied'
  | 'throttled'
  | 'unreachable'
  | 'proxyFailed'
  | 'untrustedCertificate'
  | 'timeout'
  | 'notFound'
  | 'invalidRequest'
  | 'badResponse'
  | 'serviceError'
  | 'unknown';

/** Next steps shown under an error row. */
export type ErrorAction =
  | 'retry'
  | 'showLog'
  | 'copyLoginCommand'
  | 'openCredentialsFile'
  | 'selectProfile'
  | 'openSettings'
  | 'openProxySettings'
  | 'refresh';

export interface ErrorReport {
  readonly kind: ErrorKind;
  /** One line for the tree: what happened. */
  readonly title: string;
  /** What to do next, and the details. */
  readonly detail: string;
  /** For an SSO profile whose login expired: `aws sso login --profile NAME`. */
  readonly loginCommand?: string;
  /** The shared file that holds the failing keys or credential_process, to open in the editor. */
  readonly fileToOpen?: { readonly role: 'config' | 'credentials'; readonly path: string };
  readonly requestId?: string;
  /** For proxy and certificate failures: the proxy the request went through, if any. */
  readonly proxy?: NetworkFailure['proxy'];
}

export interface ErrorContext {
  /** The operation that failed, such as ListSessions. */
  readonly operation: string;
  /** Where the request went, for messages. */
  readonly endpointLabel: string;
  /** The profile setting; undefined means the default credential chain. */
  readonly profile?: string;
}

/** What the SDK side found out about a failure; attached to the error it rethrows. */
export interface FailureFacts {
  readonly kind: ErrorKind;
  /** For credentials failures: how the connection gets its credentials. */
  readonly credentials?: CredentialSource;
  /** For failures on the way to the host: the proxy, the proxy's answer, the CA bundles. */
  readonly network?: NetworkFailure;
}

const FACTS_PROPERTY = 'emrServerlessFailure';

/** Attaches `facts` to `error` (not enumerable, so it is never logged or serialised). */
export function attachFailureFacts(error: unknown, facts: FailureFacts): void {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, FACTS_PROPERTY, { value: facts, configurable: true });
  }
}

/** The facts attached by attachFailureFacts, if any. */
export function failureFactsOf(error: unknown): FailureFacts | undefined {
  return typeof error === 'object' && error !== null ? (error as Record<string, FailureFacts | undefined>)[FACTS_PROPERTY] : undefined;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  cause?: unknown;
}

interface Wording {
  readonly title: string;
  readonly detail: string;
  readonly loginCommand?: string;
  readonly fileToOpen?: ErrorReport['fileToOpen'];
}

interface WordingInput {
  readonly ctx: ErrorContext;
  readonly error: unknown;
  readonly name: string;
  readonly code: string;
  /** The error's message on one line, at most 300 characters. */
  readonly message: string;
  /** The error's message as it came. */
  readonly rawMessage: string;
  /** " (request id …)" or "". */
  readonly suffix: string;
  /** "profile "x"" or "the default credential chain". */
  readonly who: string;
  readonly credentials?: CredentialSource;
  readonly network?: NetworkFailure;
}

/**
 * Describes a failure for the tree. The kind comes from the facts src/aws attached to the
 * error; a SettingsError is badSettings; anything else is unknown.
 */
export function describeError(error: unknown, ctx: ErrorContext): ErrorReport {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const facts = failureFactsOf(error);
  const kind: ErrorKind = facts?.kind ?? (e.name === 'SettingsError' ? 'badSettings' : 'unknown');
  const requestId = e.$metadata?.requestId;
  const input: WordingInput = {
    ctx,
    error,
    name: e.name ?? '',
    code: e.code ?? (e.cause as ErrorLike | undefined)?.code ?? '',
    message: oneLine(e.message ?? String(error)),
    rawMessage: e.message ?? String(error),
    suffix: requestId ? ` (request id ${requestId})` : '',
    who: whoText(ctx.profile, facts?.credentials),
    credentials: facts?.credentials,
    network: facts?.network,
  };
  const proxy = facts?.network?.proxy;
  return { kind, ...WORDING[kind](input), ...(requestId ? { requestId } : {}), ...(proxy && (kind === 'proxyFailed' || kind === 'untrustedCertificate') ? { proxy } : {}) };
}

/** From a kind to its title and detail. */
const WORDING: Record<ErrorKind, (w: WordingInput) => Wording> = {
  badSettings: ({ error, message }) => ({
    title: (error as { title?: string }).title ?? 'A setting cannot be used',
    detail: `${message} Nothing was sent. Fix or clear emrServerless.endpoint in the settings.`,
  }),
  noCredentials: (w) =>
    credentialsWording(w, 'No AWS credentials found', `No credentials were found in ${w.who}.`),
  credentialsFailed: (w) =>
    // The profile exists but could not produce credentials: an MFA role, a failing
    // credential_process, an unreachable STS. Saying "none found" would mislead.
    credentialsWording(w, 'Could not get AWS credentials', `Getting credentials from ${w.who} failed.`),
  expiredCredentials: (w) => credentialsWording(w, 'AWS credentials expired', `The credentials from ${w.who} have expired.`),
  invalidCredentials: (w) =>
    credentialsWording(w, 'AWS rejected the credentials', `${w.ctx.endpointLabel} did not accept the credentials from ${w.who}.`),
  accessDenied: ({ ctx, message, suffix, who }) => {
    // The message names the action when it is another one, such as sts:AssumeRole while a
    // profile's role is assumed.
    const permission = /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1] ?? `emr-serverless:${ctx.operation}`;
    return {
      title: `Access denied: ${permission}`,
      detail: `The identity from ${who} is not allowed ${permission}. Ask an administrator to grant it, or select another profile. ${message}${suffix}`,
    };
  },
  throttled: ({ ctx, suffix }) => ({
    title: `Throttled by ${ctx.endpointLabel}`,
    detail: `${ctx.operation} was throttled by ${ctx.endpointLabel} even after retries. Wait a moment, then retry.${suffix}`,
  }),
  unreachable: ({ ctx, code, message }) => ({
    title: `Cannot reach ${ctx.endpointLabel}`,
    detail: `${ctx.operation} could not reach ${ctx.endpointLabel} (${code || message}). Check the network, a VPN, or the endpoint setting, then retry.`,
  }),
  proxyFailed: ({ ctx, code, message, network }) => {
    const proxy = network?.proxy?.display ?? 'the proxy';
    const status = network?.proxyStatus;
    const title =
      status === 407 ? `Proxy ${proxy} requires authentication` : status ? `Proxy ${proxy} refused the connection (HTTP ${status})` : `Cannot reach proxy ${proxy}`;
    const happened =
      status === 407
        ? `${proxy} answered 407 Proxy Authentication Required: it needs a user and password, given in the proxy URL as http://user:password@host:port.`
        : status
          ? `${proxy} would not open a tunnel to ${ctx.endpointLabel} (HTTP ${status}); it may not allow that host or port.`
          : `${proxy} could not be reached (${code || message}).`;
    return {
      title,
      detail: `${ctx.operation} goes to ${ctx.endpointLabel} through the proxy ${proxy}, from ${sourceText(network?.proxy?.source)}. ${happened} ${proxyFix(network?.proxy?.source)}`,
    };
  },
  untrustedCertificate: ({ ctx, code, network }) => {
    const via = network?.proxy ? ` through the proxy ${network.proxy.display}` : '';
    const bundles = network?.caBundles ?? [];
    const trust = bundles.length
      ? `Besides the usual root certificates, the CA bundle${bundles.length > 1 ? 's' : ''} of ${bundles.join(' and ')} ${bundles.length > 1 ? 'are' : 'is'} trusted: check that it holds the root certificate that signs this one.`
      : 'If a proxy or firewall of your organisation inspects TLS, point AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS at its root certificate (a PEM file) in VS Code\'s environment, and restart VS Code.';
    const strict = network?.proxy ? ' Turning http.proxyStrictSSL off skips this check for connections through the proxy.' : '';
    return {
      title: `Untrusted certificate from ${ctx.endpointLabel}`,
      detail: `${ctx.operation}: the certificate ${ctx.endpointLabel} presented${via} could not be verified (${code}). ${trust}${strict}`,
    };
  },
  timeout: ({ ctx }) => ({
    title: `No answer from ${ctx.endpointLabel}`,
    detail: `${ctx.operation} got no answer from ${ctx.endpointLabel} in time. Check the network, the endpoint setting or emrServerless.requestTimeoutSeconds, then retry.`,
  }),
  notFound: ({ message, suffix }) => ({
    title: 'Not found',
    detail: `${message}. It may have been deleted: refresh the view.${suffix}`,
  }),
  invalidRequest: ({ ctx, message, suffix }) => ({
    title: 'Request rejected',
    detail: `${ctx.endpointLabel} rejected ${ctx.operation}: ${message}${suffix}`,
  }),
  badResponse: ({ ctx, suffix }) => ({
    title: `Unreadable answer from ${ctx.endpointLabel}`,
    detail: `${ctx.endpointLabel} answered ${ctx.operation} with a response that could not be read. Retry; if it persists, check the endpoint setting.${suffix}`,
  }),
  serviceError: ({ ctx, name, message, suffix }) => ({
    title: `${ctx.endpointLabel} failed`,
    detail: `${ctx.operation} failed on the service side even after retries: ${name || 'error'} ${message}${suffix}. Retry in a moment.`,
  }),
  unknown: ({ ctx, name, message, suffix }) => ({
    title: `${ctx.operation} failed`,
    detail: `${name ? `${name}: ` : ''}${message}${suffix}`,
  }),
};

/** Where a proxy was configured, for messages. */
function sourceText(source: ProxySource | undefined): string {
  return source === undefined ? 'the settings' : source === 'http.proxy' ? "VS Code's http.proxy setting" : `the ${source} environment variable`;
}

/** What to check for a proxy failure, by where the proxy was configured. */
function proxyFix(source: ProxySource | undefined): string {
  return source === 'http.proxy' || source === undefined
    ? 'Check http.proxy in the settings (or add the host to http.noProxy), then retry.'
    : `Check ${source} and NO_PROXY in VS Code's environment and restart VS Code, or set http.proxy, which takes precedence; then retry.`;
}

/**
 * The wording of a credentials failure: what happened, then the one step that fits how the
 * profile gets its credentials (SSO login, the credential_process, the keys in a file, the
 * source profile of a role, the environment), then the SDK's own message.
 */
function credentialsWording(w: WordingInput, title: string, happened: string): Wording {
  const source = w.credentials;
  const root = source ? rootSource(source) : undefined;
  const chain =
    source?.type === 'role' && source.sourceProfile
      ? ` Profile "${source.profile}" assumes its role with the credentials of profile "${source.sourceProfile}".`
      : '';
  const sdk = ` ${w.message}${w.suffix}`;
  switch (root?.type) {
    case 'sso': {
      const loginCommand = `aws sso login --profile ${root.profile}`;
      return {
        title,
        detail: `${happened}${chain} Run \`${loginCommand}\`, then retry.${sdk}`,
        loginCommand,
      };
    }
    case 'process':
      return {
        title,
        detail: `${happened}${chain} The credential_process of profile "${root.profile}" failed${processOutput(w.rawMessage)}. Fix it in ${root.file.path}, then retry.`,
        fileToOpen: root.file,
      };
    case 'keys':
      return {
        title,
        detail: `${happened}${chain} Update the ${root.temporary ? 'temporary keys (with aws_session_token)' : 'access keys'} of profile "${root.profile}" in ${root.file.path}, then retry.${sdk}`,
        fileToOpen: root.file,
      };
    case 'role':
      return {
        title,
        detail: `${happened}${chain} Profile "${root.profile}" assumes its role with ${root.credentialSource ? `credential_source = ${root.credentialSource}` : 'no source profile'}; check that source, then retry.${sdk}`,
      };
    case 'environment':
      return {
        title,
        detail: `${happened} The keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in VS Code's environment: update them and restart VS Code, or select a profile.${sdk}`,
      };
    case 'none':
      return {
        title,
        detail: `${happened} ${root.profile ? `Profile "${root.profile}" is not in your AWS config or credentials file, or sets no credentials.` : 'No profile, environment variable or instance role provides any.'} Select a profile, or add credentials to your AWS config.${sdk}`,
      };
    case undefined:
      return { title, detail: `${happened} Select a profile, or check your AWS config.${sdk}` };
  }
}

/** What a failed credential_process wrote to stderr: the SDK's message after "Command failed: …". */
function processOutput(message: string): string {
  const match = /^Command failed: .*?\n([\s\S]+)$/.exec(message);
  const stderr = match ? oneLine(match[1]) : '';
  return stderr ? `: ${stderr}` : '';
}

function whoText(profile: string | undefined, credentials: CredentialSource | undefined): string {
  if (profile) {
    return `profile "${profile}"`;
  }
  const named = credentials && 'profile' in credentials ? credentials.profile : undefined;
  return named ? `the default credential chain (profile "${named}")` : 'the default credential chain';
}

/**
 * The steps each kind offers, besides Show Log: only steps that can change the outcome.
 * Credentials failures put the step that fits the profile first (see credentialsSteps).
 */
const NEXT_STEPS: Record<ErrorKind, (report: ErrorReport) => ErrorAction[]> = {
  badSettings: () => ['openSettings', 'retry'],
  noCredentials: (r) => [...credentialsSteps(r), 'retry', 'selectProfile'],
  credentialsFailed: (r) => [...credentialsSteps(r), 'retry', 'selectProfile'],
  expiredCredentials: (r) => [...credentialsSteps(r), 'retry', 'selectProfile'],
  invalidCredentials: (r) => [...credentialsSteps(r), 'retry', 'selectProfile'],
  accessDenied: () => ['retry', 'selectProfile'],
  // No setting helps with throttling; waiting and retrying does.
  throttled: () => ['retry'],
  unreachable: () => ['retry', 'openSettings'],
  proxyFailed: () => ['retry', 'openProxySettings'],
  untrustedCertificate: (r) => (r.proxy ? ['retry', 'openProxySettings'] : ['retry']),
  // The request timeout is a setting.
  timeout: () => ['retry', 'openSettings'],
  // The item is gone: only a fresh listing helps.
  notFound: () => ['refresh'],
  invalidRequest: () => ['retry'],
  badResponse: () => ['retry', 'openSettings'],
  serviceError: () => ['retry'],
  unknown: () => ['retry'],
};

function credentialsSteps(report: ErrorReport): ErrorAction[] {
  return [...(report.loginCommand ? (['copyLoginCommand'] as const) : []), ...(report.fileToOpen ? (['openCredentialsFile'] as const) : [])];
}

/** What a user can do about an error, most useful first; Show Log, where the cause is, comes last. */
export function nextSteps(report: ErrorReport): { action: ErrorAction; label: string }[] {
  return [...NEXT_STEPS[report.kind](report), 'showLog' as const].map((action) => ({ action, label: STEP_LABELS[action](report) }));
}

const STEP_LABELS: Record<ErrorAction, (report: ErrorReport) => string> = {
  retry: () => 'Retry',
  showLog: () => 'Show Log',
  copyLoginCommand: (r) => `Copy "${r.loginCommand ?? ''}"`,
  openCredentialsFile: (r) => (r.fileToOpen?.role === 'config' ? 'Open AWS Config File' : 'Open AWS Credentials File'),
  selectProfile: () => 'Select Profile…',
  openSettings: () => 'Open Settings',
  openProxySettings: () => 'Open Proxy Settings',
  refresh: () => 'Refresh View',
};

/**
 * `text` with what could be a secret masked: access key ids, Signature= and security-token
 * values, and any run of 40 or more base64 characters (the length of a secret access key;
 * session tokens are longer).
 */
export function withoutSecrets(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '$1…')
    .replace(/(Signature|X-Amz-Security-Token|X-Amz-Signature|aws_secret_access_key|aws_session_token)(\s*[=:]\s*)[^\s,;&]+/gi, '$1$2…')
    .replace(/[A-Za-z0-9+/]{40,}={0,2}/g, '…');
}

function oneLine(text: string): string {
  const flat = withoutSecrets(text.replace(/\s+/g, ' ').trim());
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
