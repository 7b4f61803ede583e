import * as l10n from '@vscode/l10n';
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
  | 'startingTokenRejected'
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
  | 'refresh'
  | 'listFromStart';

export interface ErrorReport {
  readonly kind: ErrorKind;
  /** One line: what happened, as a notification or a screen reader says it. */
  readonly title: string;
  /**
   * The error row's label where the title is too long to read at the default side-bar width
   * (about 25 characters beside a row's indent and icon): what happened, without where. The
   * row's description then gives rowDescription, and its tooltip the whole title.
   */
  readonly rowLabel?: string;
  /** With rowLabel: the rest of the title, such as the endpoint, for the row's description. */
  readonly rowDescription?: string;
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
  /**
   * Whether the request carried a starting token the user gave (List From Token…): the
   * service rejecting such a request (invalidRequest) is then about the token, which no retry
   * changes, and is reported as startingTokenRejected.
   */
  readonly fromStartingToken?: boolean;
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
  readonly rowLabel?: string;
  readonly rowDescription?: string;
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
  const found: ErrorKind = facts?.kind ?? (e.name === 'SettingsError' ? 'badSettings' : 'unknown');
  const kind: ErrorKind = found === 'invalidRequest' && ctx.fromStartingToken ? 'startingTokenRejected' : found;
  const requestId = e.$metadata?.requestId;
  const input: WordingInput = {
    ctx,
    error,
    name: e.name ?? '',
    code: e.code ?? (e.cause as ErrorLike | undefined)?.code ?? '',
    message: oneLine(e.message ?? String(error)),
    rawMessage: e.message ?? String(error),
    suffix: requestId ? ` ${l10n.t('(request id {0})', requestId)}` : '',
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
    title: (error as { title?: string }).title ?? l10n.t('A setting cannot be used'),
    detail: l10n.t('{0} Nothing was sent. Fix or clear emrServerless.endpoint in the settings.', message),
  }),
  noCredentials: (w) =>
    credentialsWording(w, l10n.t('No AWS credentials found'), l10n.t('No credentials were found in {0}.', w.who)),
  credentialsFailed: (w) =>
    // The profile exists but could not produce credentials: an MFA role, a failing
    // credential_process, an unreachable STS. Saying "none found" would mislead.
    credentialsWording(w, l10n.t('Could not get AWS credentials'), l10n.t('Getting credentials from {0} failed.', w.who)),
  expiredCredentials: (w) => credentialsWording(w, l10n.t('AWS credentials expired'), l10n.t('The credentials from {0} have expired.', w.who)),
  invalidCredentials: (w) =>
    credentialsWording(
      w,
      l10n.t('AWS rejected the credentials'),
      l10n.t('{0} did not accept the credentials from {1}.', w.ctx.endpointLabel, w.who),
    ),
  accessDenied: ({ ctx, message, suffix, who }) => {
    // The message names the action when it is another one, such as sts:AssumeRole while a
    // profile's role is assumed.
    const permission = /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1] ?? `emr-serverless:${ctx.operation}`;
    return {
      title: l10n.t('Access denied: {0}', permission),
      detail:
        l10n.t('The identity from {0} is not allowed {1}. Ask an administrator to grant it, or select another profile.', who, permission) +
        ` ${message}${suffix}`,
    };
  },
  throttled: ({ ctx, suffix }) => ({
    title: l10n.t('Throttled by {0}', ctx.endpointLabel),
    rowLabel: l10n.t('Throttled'),
    rowDescription: ctx.endpointLabel,
    detail: l10n.t('{0} was throttled by {1} even after retries. Wait a moment, then retry.', ctx.operation, ctx.endpointLabel) + suffix,
  }),
  unreachable: ({ ctx, code, message }) => ({
    title: l10n.t('Cannot reach {0}', ctx.endpointLabel),
    rowLabel: l10n.t('Cannot reach the endpoint'),
    rowDescription: ctx.endpointLabel,
    detail: l10n.t(
      '{0} could not reach {1} ({2}). Check the network, a VPN, or the endpoint setting, then retry.',
      ctx.operation,
      ctx.endpointLabel,
      code || message,
    ),
  }),
  proxyFailed: ({ ctx, code, message, network }) => {
    const proxy = network?.proxy?.display ?? l10n.t('the proxy');
    const status = network?.proxyStatus;
    const title =
      status === 407
        ? l10n.t('Proxy {0} requires authentication', proxy)
        : status
          ? l10n.t('Proxy {0} refused the connection (HTTP {1})', proxy, status)
          : l10n.t('Cannot reach proxy {0}', proxy);
    const happened =
      status === 407
        ? l10n.t(
            '{0} answered 407 Proxy Authentication Required: it needs a user and password, given in the proxy URL as http://user:password@host:port.',
            proxy,
          )
        : status
          ? l10n.t('{0} would not open a tunnel to {1} (HTTP {2}); it may not allow that host or port.', proxy, ctx.endpointLabel, status)
          : l10n.t('{0} could not be reached ({1}).', proxy, code || message);
    return {
      title,
      detail: `${l10n.t('{0} goes to {1} through the proxy {2}, from {3}.', ctx.operation, ctx.endpointLabel, proxy, sourceText(network?.proxy?.source))} ${happened} ${proxyFix(network?.proxy?.source)}`,
    };
  },
  untrustedCertificate: ({ ctx, code, network }) => {
    const bundles = network?.caBundles ?? [];
    const trust = bundles.length
      ? bundles.length > 1
        ? l10n.t(
            'Besides the usual root certificates, the CA bundles of {0} are trusted: check that it holds the root certificate that signs this one.',
            bundles.join(` ${l10n.t('and')} `),
          )
        : l10n.t(
            'Besides the usual root certificates, the CA bundle of {0} is trusted: check that it holds the root certificate that signs this one.',
            bundles[0],
          )
      : l10n.t(
          "If a proxy or firewall of your organisation inspects TLS, point AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS at its root certificate (a PEM file) in VS Code's environment, and restart VS Code.",
        );
    const strict = network?.proxy ? ` ${l10n.t('Turning http.proxyStrictSSL off skips this check for connections through the proxy.')}` : '';
    return {
      title: l10n.t('Untrusted certificate from {0}', ctx.endpointLabel),
      rowLabel: l10n.t('Untrusted certificate'),
      rowDescription: ctx.endpointLabel,
      detail: `${
        network?.proxy
          ? l10n.t(
              '{0}: the certificate {1} presented through the proxy {2} could not be verified ({3}).',
              ctx.operation,
              ctx.endpointLabel,
              network.proxy.display,
              code,
            )
          : l10n.t('{0}: the certificate {1} presented could not be verified ({2}).', ctx.operation, ctx.endpointLabel, code)
      } ${trust}${strict}`,
    };
  },
  timeout: ({ ctx }) => ({
    title: l10n.t('No answer from {0}', ctx.endpointLabel),
    rowLabel: l10n.t('No answer'),
    rowDescription: ctx.endpointLabel,
    detail: l10n.t(
      '{0} got no answer from {1} in time. Check the network, the endpoint setting or emrServerless.requestTimeoutSeconds, then retry.',
      ctx.operation,
      ctx.endpointLabel,
    ),
  }),
  notFound: ({ message, suffix }) => ({
    title: l10n.t('Not found'),
    detail: l10n.t('{0}. It may have been deleted: refresh the view.', message) + suffix,
  }),
  invalidRequest: ({ ctx, message, suffix }) => ({
    title: l10n.t('Request rejected'),
    detail: l10n.t('{0} rejected {1}: {2}', ctx.endpointLabel, ctx.operation, message) + suffix,
  }),
  startingTokenRejected: ({ ctx, message, suffix }) => ({
    title: l10n.t('The service rejected the starting token'),
    rowLabel: l10n.t('Starting token rejected'),
    rowDescription: ctx.endpointLabel,
    detail:
      l10n.t(
        '{0} rejected the token this listing starts from: {1} A token belongs to the listing it came from: the same application, filters and page size. List from the start, or use List From Token… with a token of this listing.',
        ctx.endpointLabel,
        /[.!?]$/.test(message) ? message : `${message}.`,
      ) + suffix,
  }),
  badResponse: ({ ctx, suffix }) => ({
    title: l10n.t('Unreadable answer from {0}', ctx.endpointLabel),
    rowLabel: l10n.t('Unreadable answer'),
    rowDescription: ctx.endpointLabel,
    detail:
      l10n.t(
        '{0} answered {1} with a response that could not be read. Retry; if it persists, check the endpoint setting.',
        ctx.endpointLabel,
        ctx.operation,
      ) + suffix,
  }),
  serviceError: ({ ctx, name, message, suffix }) => ({
    title: l10n.t('{0} failed', ctx.endpointLabel),
    rowLabel: l10n.t('Service error'),
    rowDescription: ctx.endpointLabel,
    detail: l10n.t(
      '{0} failed on the service side even after retries: {1}. Retry in a moment.',
      ctx.operation,
      `${name || 'error'} ${message}${suffix}`,
    ),
  }),
  unknown: ({ ctx, name, message, suffix }) => ({
    title: l10n.t('{0} failed', ctx.operation),
    detail: `${name ? `${name}: ` : ''}${message}${suffix}`,
  }),
};

/** Where a proxy was configured, for messages. */
function sourceText(source: ProxySource | undefined): string {
  return source === undefined
    ? l10n.t('the settings')
    : source === 'http.proxy'
      ? l10n.t("VS Code's http.proxy setting")
      : l10n.t('the {0} environment variable', source);
}

/** What to check for a proxy failure, by where the proxy was configured. */
function proxyFix(source: ProxySource | undefined): string {
  return source === 'http.proxy' || source === undefined
    ? l10n.t('Check http.proxy in the settings (or add the host to http.noProxy), then retry.')
    : l10n.t("Check {0} and NO_PROXY in VS Code's environment and restart VS Code, or set http.proxy, which takes precedence; then retry.", source);
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
      ? ` ${l10n.t('Profile "{0}" assumes its role with the credentials of profile "{1}".', source.profile, source.sourceProfile)}`
      : '';
  const sdk = ` ${w.message}${w.suffix}`;
  switch (root?.type) {
    case 'sso': {
      const loginCommand = `aws sso login --profile ${root.profile}`;
      return {
        title,
        detail: `${happened}${chain} ${l10n.t('Run `{0}`, then retry.', loginCommand)}${sdk}`,
        loginCommand,
      };
    }
    case 'process':
      return {
        title,
        detail: `${happened}${chain} ${l10n.t('The credential_process of profile "{0}" failed{1}. Fix it in {2}, then retry.', root.profile, processOutput(w.rawMessage), root.file.path)}`,
        fileToOpen: root.file,
      };
    case 'login':
      // The build leaves out aws login (esbuild.js LEFT_OUT), so no retry can help: the row
      // says so in its title, and the detail gives the profile that works instead.
      return {
        title: l10n.t('Profile "{0}" uses aws login, which is not supported', root.profile),
        detail: `${chain.trim() ? `${chain.trim()} ` : ''}${l10n.t(
          'The extension does not read the credentials of aws login (login_session). Add a profile with credential_process = aws configure export-credentials --profile {0} --format process to {1}, select that profile, then retry.',
          root.profile,
          root.file.path,
        )}`,
        fileToOpen: root.file,
      };
    case 'keys':
      return {
        title,
        detail: `${happened}${chain} ${
          root.temporary
            ? l10n.t('Update the temporary keys (with aws_session_token) of profile "{0}" in {1}, then retry.', root.profile, root.file.path)
            : l10n.t('Update the access keys of profile "{0}" in {1}, then retry.', root.profile, root.file.path)
        }${sdk}`,
        fileToOpen: root.file,
      };
    case 'role':
      return {
        title,
        detail: `${happened}${chain} ${
          root.credentialSource
            ? l10n.t('Profile "{0}" assumes its role with credential_source = {1}; check that source, then retry.', root.profile, root.credentialSource)
            : l10n.t('Profile "{0}" assumes its role with no source profile; check that source, then retry.', root.profile)
        }${sdk}`,
      };
    case 'environment':
      return {
        title,
        detail: `${happened} ${l10n.t("The keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in VS Code's environment: update them and restart VS Code, or select a profile.")}${sdk}`,
      };
    case 'none':
      return {
        title,
        detail: `${happened} ${
          root.profile
            ? l10n.t('Profile "{0}" is not in your AWS config or credentials file, or sets no credentials.', root.profile)
            : l10n.t('No profile, environment variable or instance role provides any.')
        } ${l10n.t('Select a profile, or add credentials to your AWS config.')}${sdk}`,
      };
    case undefined:
      return { title, detail: `${happened} ${l10n.t('Select a profile, or check your AWS config.')}${sdk}` };
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
    return l10n.t('profile "{0}"', profile);
  }
  const named = credentials && 'profile' in credentials ? credentials.profile : undefined;
  return named ? l10n.t('the default credential chain (profile "{0}")', named) : l10n.t('the default credential chain');
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
  // The same token is rejected again: only a listing without it can succeed.
  startingTokenRejected: () => ['listFromStart'],
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
  retry: () => l10n.t('Retry'),
  showLog: () => l10n.t('Show Log'),
  copyLoginCommand: (r) => l10n.t('Copy "{0}"', r.loginCommand ?? ''),
  openCredentialsFile: (r) => (r.fileToOpen?.role === 'config' ? l10n.t('Open AWS Config File') : l10n.t('Open AWS Credentials File')),
  selectProfile: () => l10n.t('Select Profile…'),
  openSettings: () => l10n.t('Open Settings'),
  openProxySettings: () => l10n.t('Open Proxy Settings'),
  refresh: () => l10n.t('Refresh View'),
  listFromStart: () => l10n.t('List from the start'),
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
