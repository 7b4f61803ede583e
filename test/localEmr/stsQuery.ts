/**
 * STS GetCallerIdentity on the awsQuery protocol, beside the endpoint's EMR Serverless
 * operations, so that clients can ask who they are with the same key pairs: a form-encoded
 * POST to `/` (`Action=GetCallerIdentity&Version=2011-06-15`), signed for service `sts`,
 * answered with XML. Errors are `<ErrorResponse>` documents with STS's own error codes.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from './serviceErrors';

/** The signing name of STS; requests to it must be signed for it. */
export const STS_SIGNING_SERVICE = 'sts';
/** The only API version of STS. */
export const STS_API_VERSION = '2011-06-15';
const STS_NAMESPACE = `https://sts.amazonaws.com/doc/${STS_API_VERSION}/`;

/** Whether a request is an awsQuery (STS) request rather than a restJson1 (EMR Serverless) one. */
export function isQueryRequest(method: string, rawPath: string, headers: IncomingHttpHeaders): boolean {
  const type = String(headers['content-type'] ?? '').toLowerCase();
  return method === 'POST' && rawPath === '/' && type.startsWith('application/x-www-form-urlencoded');
}

/** The form parameters of an awsQuery body (`+` as space, percent-decoded). */
export function parseQueryBody(body: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    params[key] = value;
  }
  return params;
}

/** Checks the Action and Version of an STS request: InvalidAction (400) for any other action or version. */
export function checkStsAction(params: Record<string, string>): void {
  if (params['Action'] !== 'GetCallerIdentity') {
    throw new ServiceError(
      'InvalidAction',
      400,
      `Could not find operation ${params['Action'] ?? '(none)'} for version ${params['Version'] ?? '(none)'}`,
    );
  }
  if (params['Version'] !== STS_API_VERSION) {
    throw new ServiceError(
      'InvalidAction',
      400,
      `Could not find operation GetCallerIdentity for version ${params['Version'] ?? '(none)'}`,
    );
  }
}

/**
 * The `UserId` STS gives a principal: a unique id (`AIDA…` for a user, `AROA…` for a role)
 * followed, for an assumed role, by `:SESSION_NAME`; a federated user `ACCOUNT:NAME`; the
 * root user the account id. Derived from the ARN, so it is stable.
 */
export function userIdOf(principalArn: string, accountId: string): string {
  const unique = (prefix: string, of: string) =>
    prefix +
    createHash('sha256')
      .update(of)
      .digest('hex')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 17);
  const resource = principalArn.split(':').slice(5).join(':');
  if (resource === 'root') {
    return accountId;
  }
  const [type, ...rest] = resource.split('/');
  if (type === 'assumed-role') {
    return `${unique('AROA', rest[0] ?? '')}:${rest[rest.length - 1] ?? ''}`;
  }
  if (type === 'federated-user') {
    return `${accountId}:${rest[rest.length - 1] ?? ''}`;
  }
  return unique('AIDA', principalArn);
}

/** The GetCallerIdentity answer for a caller. */
export function callerIdentityXml(principalArn: string, accountId: string, requestId: string): string {
  return (
    `<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}">\n` +
    '  <GetCallerIdentityResult>\n' +
    `    <Arn>${escapeXml(principalArn)}</Arn>\n` +
    `    <UserId>${escapeXml(userIdOf(principalArn, accountId))}</UserId>\n` +
    `    <Account>${escapeXml(accountId)}</Account>\n` +
    '  </GetCallerIdentityResult>\n' +
    '  <ResponseMetadata>\n' +
    `    <RequestId>${requestId}</RequestId>\n` +
    '  </ResponseMetadata>\n' +
    '</GetCallerIdentityResponse>\n'
  );
}

/** The endpoint's restJson1 error names as STS's error codes name the same failures. */
const STS_ERROR_CODES: Record<string, string> = {
  UnrecognizedClientException: 'InvalidClientTokenId',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  ExpiredTokenException: 'ExpiredToken',
  ThrottlingException: 'Throttling',
  AccessDeniedException: 'AccessDenied',
  InternalServerException: 'InternalFailure',
  ServiceUnavailableException: 'ServiceUnavailable',
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
  IncompleteSignatureException: 'IncompleteSignature',
  ValidationException: 'ValidationError',
};

/** An error as STS sends it: its code (see STS_ERROR_CODES), `Sender` or `Receiver`, the message. */
export function stsErrorXml(error: ServiceError, requestId: string): { code: string; xml: string } {
  const code = STS_ERROR_CODES[error.errorType] ?? error.errorType;
  const xml =
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
    '  <Error>\n' +
    `    <Type>${error.status >= 500 ? 'Receiver' : 'Sender'}</Type>\n` +
    `    <Code>${escapeXml(code)}</Code>\n` +
    `    <Message>${escapeXml(error.message)}</Message>\n` +
    '  </Error>\n' +
    `  <RequestId>${requestId}</RequestId>\n` +
    '</ErrorResponse>\n';
  return { code, xml };
}

/** The AccessDenied STS answers when a policy denies GetCallerIdentity (an SCP, for instance). */
export function callerIdentityDenied(principalArn: string): ServiceError {
  return new ServiceError(
    'AccessDeniedException',
    403,
    `User: ${principalArn} is not authorized to perform: sts:GetCallerIdentity with an explicit deny in a service control policy`,
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}
