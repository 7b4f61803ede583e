/**
 * The Spark Connect connection string of an EMR Serverless interactive session, built from a
 * GetSessionEndpoint answer, and its masked form for anything that shows it.
 *
 * Source: "Interactive sessions are Spark Connect sessions" in the service reference (AWS's
 * `examples/spark-connect` sample in aws-samples/emr-serverless-samples): the string PySpark
 * accepts is the endpoint with `https://` replaced by `sc://`, followed by
 * `:443/;use_ssl=true;x-aws-proxy-auth=` and the auth token. Without the port, `use_ssl=true`
 * and the token, the client falls back to port 15002 and fails. PySpark reads the same string
 * from the SPARK_REMOTE environment variable.
 *
 * The token is a secret: no message in this file ever contains it.
 */
import * as l10n from '@vscode/l10n';

/** The environment variable PySpark reads its Spark Connect string from. */
export const SPARK_REMOTE = 'SPARK_REMOTE';

/** What the mask puts where the token was. */
export const TOKEN_MASK = '••••';

const TOKEN_PARAMETER = 'x-aws-proxy-auth';

/** GetSessionEndpoint's answer, as the model needs it. */
export interface SessionEndpoint {
  readonly applicationId: string;
  readonly sessionId: string;
  /** An `https://` URL, at most 256 characters (the model's EndpointUrl). */
  readonly endpoint: string;
  /** Secret, up to 8,000 characters (the model's SessionAuthToken, marked sensitive). */
  readonly authToken: string;
  /** When the token stops working: one hour after it was issued. */
  readonly authTokenExpiresAt: Date;
}

/** A GetSessionEndpoint answer that cannot become a connection string. Its message never holds the token. */
export class ConnectionStringError extends Error {
  override readonly name = 'ConnectionStringError';
}

/**
 * The Spark Connect string for a session endpoint:
 * `sc://HOST:443/;use_ssl=true;x-aws-proxy-auth=TOKEN`.
 *
 * Throws ConnectionStringError when the endpoint is not an `https://` URL of a bare host (a
 * path, query, credentials or a port other than 443 cannot be expressed in the string), or
 * when the token is empty or holds a `;` or whitespace, which would end the parameter early.
 * A trailing `/` on the endpoint is accepted and dropped.
 */
export function sparkConnectString(endpoint: Pick<SessionEndpoint, 'endpoint' | 'authToken'>): string {
  return `${sparkConnectBase(endpoint.endpoint)}${checkedToken(endpoint.authToken)}`;
}

/** The connection string with the token masked, e.g. `sc://HOST:443/;use_ssl=true;x-aws-proxy-auth=••••`. Same errors as sparkConnectString. */
export function maskedSparkConnectString(endpoint: Pick<SessionEndpoint, 'endpoint'>): string {
  return `${sparkConnectBase(endpoint.endpoint)}${TOKEN_MASK}`;
}

/**
 * Masks the token in any text that may hold a Spark Connect string (a message, a log line):
 * every value of `x-aws-proxy-auth=` up to the next `;`, whitespace, quote or the end.
 */
export function maskConnectionStrings(text: string): string {
  return text.replace(/(x-aws-proxy-auth=)[^;\s"'`]+/gi, `$1${TOKEN_MASK}`);
}

function sparkConnectBase(endpoint: string): string {
  const shown = endpoint.length > 300 ? `${endpoint.slice(0, 300)}…` : endpoint;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConnectionStringError(l10n.t('The session endpoint "{0}" is not a URL, so no Spark Connect string can be built from it.', shown));
  }
  if (url.protocol !== 'https:') {
    throw new ConnectionStringError(
      l10n.t('The session endpoint "{0}" does not start with https://. Spark Connect to EMR Serverless needs TLS on port 443, so no connection string was built.', shown),
    );
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ConnectionStringError(l10n.t('The session endpoint "{0}" is not a bare https:// host, so no Spark Connect string can be built from it.', shown));
  }
  if (url.port !== '' && url.port !== '443') {
    throw new ConnectionStringError(l10n.t('The session endpoint "{0}" names port {1}; Spark Connect to EMR Serverless uses port 443.', shown, url.port));
  }
  return `sc://${url.hostname}:443/;use_ssl=true;${TOKEN_PARAMETER}=`;
}

function checkedToken(token: string): string {
  if (token.length === 0) {
    throw new ConnectionStringError(l10n.t('GetSessionEndpoint answered without an auth token, so no Spark Connect string can be built.'));
  }
  if (/[;\s]/.test(token)) {
    throw new ConnectionStringError(l10n.t('The session auth token holds a ";" or whitespace, which a Spark Connect string cannot carry.'));
  }
  return token;
}
