import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { ErrorKind } from '../model/awsErrors';
import { CredentialSource, rootSource } from '../model/credentialSource';
import type { CaBundleVariable, NetworkFailure, ProxyRoute } from '../model/proxyRoute';
import { networkFailureOf } from './proxyAgents';

/** The parts of an SDK error the rules read (see @smithy/types SdkError). */
export interface SdkErrorLike {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
  readonly $retryable?: { readonly throttling?: boolean };
  readonly $response?: unknown;
  readonly cause?: unknown;
}

/** One rule: when it matches, the failure is of `kind`. `name` says why, for the log and tests. */
export interface ClassificationRule {
  readonly name: string;
  readonly kind: ErrorKind;
  readonly matches: (error: SdkErrorLike, credentials: CredentialSource | undefined) => boolean;
}

/** Errors raised while resolving credentials, before anything is sent (@smithy/core ProviderError). */
const isProviderError = (e: SdkErrorLike) => e.name === 'CredentialsProviderError' || e.name === 'TokenProviderError' || e.name === 'ProviderError';
const status = (e: SdkErrorLike) => e.$metadata?.httpStatusCode;
/** Node's error code (ECONNREFUSED, ENOTFOUND…) on the error or its cause. */
const networkCode = (e: SdkErrorLike) => e.code ?? (e.cause as SdkErrorLike | undefined)?.code;

/**
 * OpenSSL's codes, as Node reports them, for a certificate that could not be verified against
 * the trusted CAs, or that does not fit the host (ERR_TLS_CERT_ALTNAME_INVALID).
 */
export const CERTIFICATE_ERROR_CODES: readonly string[] = [
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
];

/**
 * From an error to its kind: the first rule that matches wins. The rules read the SDK's own
 * signals (error names from the service model, `$fault`, `$metadata.httpStatusCode`,
 * `$retryable`, and smithy's isThrottlingError / isTransientError / isServerError) and, for
 * credentials, how the profile gets them; they never match on message text.
 */
export const CLASSIFICATION_RULES: readonly ClassificationRule[] = [
  {
    // First: an SSO or STS call of a credential provider can fail at the proxy too, and then
    // no login or key would help.
    name: 'the proxy could not be reached, or refused the tunnel (facts from the proxy agent)',
    kind: 'proxyFailed',
    matches: (e) => networkFailureOf(e)?.stage === 'proxy',
  },
  {
    name: 'a certificate could not be verified (an OpenSSL code)',
    kind: 'untrustedCertificate',
    matches: (e) => CERTIFICATE_ERROR_CODES.includes(networkCode(e) ?? ''),
  },
  {
    // The SDK's SSO provider fails the same way whether the login is missing or expired.
    name: 'the SSO login of the profile is missing or expired',
    kind: 'expiredCredentials',
    matches: (e, c) => isProviderError(e) && c !== undefined && rootSource(c).type === 'sso',
  },
  {
    name: 'no profile, keys or role provides credentials',
    kind: 'noCredentials',
    matches: (e, c) => isProviderError(e) && (c === undefined || rootSource(c).type === 'none'),
  },
  {
    name: 'the profile could not produce credentials',
    kind: 'credentialsFailed',
    matches: isProviderError,
  },
  {
    name: 'the service says the credentials expired',
    kind: 'expiredCredentials',
    matches: (e) => ['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired', 'RequestExpired'].includes(e.name),
  },
  {
    name: 'the service does not know the key or the signature is wrong',
    kind: 'invalidCredentials',
    matches: (e) =>
      ['UnrecognizedClientException', 'InvalidSignatureException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'IncompleteSignature', 'IncompleteSignatureException', 'MissingAuthenticationTokenException'].includes(e.name),
  },
  {
    name: 'the identity lacks a permission',
    kind: 'accessDenied',
    matches: (e) => e.name === 'AccessDeniedException' || e.name === 'AccessDenied' || status(e) === 403,
  },
  { name: 'throttled (smithy isThrottlingError)', kind: 'throttled', matches: (e) => isThrottlingError(e as never) },
  { name: 'the resource does not exist', kind: 'notFound', matches: (e) => e.name === 'ResourceNotFoundException' || status(e) === 404 },
  { name: 'the service rejected the input', kind: 'invalidRequest', matches: (e) => e.name === 'ValidationException' },
  {
    // The SDK names a reset socket TimeoutError too; its code says the connection broke.
    name: 'the connection was refused, reset or not made (a network error code, smithy isTransientError)',
    kind: 'unreachable',
    matches: (e) => status(e) === undefined && networkCode(e) !== undefined && networkCode(e) !== 'ETIMEDOUT' && isTransientError(e as never),
  },
  {
    name: 'no answer in time',
    kind: 'timeout',
    matches: (e) => status(e) === undefined && (e.name === 'TimeoutError' || networkCode(e) === 'ETIMEDOUT'),
  },
  {
    name: 'no HTTP answer, and smithy counts it transient',
    kind: 'unreachable',
    matches: (e) => status(e) === undefined && e.$response === undefined && isTransientError(e as never),
  },
  {
    // The deserializer attaches the raw $response to what it could not read; a modelled
    // error has a $fault instead.
    name: 'a successful answer that could not be read',
    kind: 'badResponse',
    matches: (e) => e.$response !== undefined && e.$fault === undefined && (status(e) ?? 200) < 300,
  },
  {
    name: 'the service failed (smithy isServerError / isTransientError, 5xx)',
    kind: 'serviceError',
    matches: (e) => e.$fault === 'server' || isServerError(e as never) || (status(e) ?? 0) >= 500,
  },
];

/**
 * What a failure says about the proxy `route` that the request was meant to go through, when
 * the proxy agent attached nothing: with http.proxySupport "override" (VS Code's default),
 * VS Code's own agent replaces the extension's for hosts other than localhost, and its errors
 * carry no facts. A 407 is only ever a proxy's answer. And with a proxy in the path, a failure
 * with no HTTP answer at all that is neither a timeout, a cancellation nor a certificate
 * failure happened on the way to the proxy: beyond it, the proxy answers with a status.
 */
export function inferProxyFailure(error: unknown, route: ProxyRoute, caBundles: readonly CaBundleVariable[]): NetworkFailure | undefined {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const proxy = { display: route.display, source: route.source };
  if (status(e) === 407) {
    return { proxy, stage: 'proxy', proxyStatus: 407, caBundles };
  }
  const code = networkCode(e) ?? '';
  const noAnswer = status(e) === undefined && e.$response === undefined;
  const excluded = ['AbortError', 'TimeoutError'].includes(e.name) || isProviderError(e) || code === 'ETIMEDOUT' || CERTIFICATE_ERROR_CODES.includes(code);
  return noAnswer && !excluded ? { proxy, stage: 'proxy', caBundles } : undefined;
}

/** The first rule that matches `error`, or undefined (the kind is then 'unknown'). */
export function matchingRule(error: unknown, credentials?: CredentialSource): ClassificationRule | undefined {
  // The error itself, not a copy: the SDK keeps $response in a field that does not enumerate.
  const e = (typeof error === 'object' && error !== null ? error : new Error(String(error))) as SdkErrorLike;
  return CLASSIFICATION_RULES.find((rule) => rule.matches(e, credentials));
}

/** The kind of a failure (see CLASSIFICATION_RULES). */
export function classifyError(error: unknown, credentials?: CredentialSource): ErrorKind {
  return matchingRule(error, credentials)?.kind ?? 'unknown';
}

/** Kinds after which the credentials in use are resolved again on the next request. */
export function isCredentialsKind(kind: ErrorKind): boolean {
  return kind === 'noCredentials' || kind === 'credentialsFailed' || kind === 'expiredCredentials' || kind === 'invalidCredentials';
}
